// The Method of Equal Shares (Peters, Pierczyński and Skowron, "Proportional participatory budgeting
// with additive utilities", NeurIPS 2021; equalshares.net), counted as pabutools'
// method_of_equal_shares does, with exact results.
//
// How it stays exact and fast:
// - Voters with the same support set are one group with a multiplicity.
// - A group's money is never stored exactly: it is either exactly 0 (it once paid all it had) or
//   b0 − Σ α_t over the selected projects on its ballot, where α_t is what each full payer paid in
//   round t. All α_t and b0 share one BigInt denominator Λ, so an exact amount is a BigInt numerator
//   over Λ, computed only when needed.
// - Doubles mirror the money and find the best project each round; every double comes with an error
//   bound, and whenever two candidates (or a voter's money and a price) are closer than the bound
//   allows to tell apart, the decision is taken on the exact values instead.
import { type ApprovalProfile, compareIds } from './election.js';
import type { MesDropout, MesExplanation, MesRound, Satisfaction } from './outcome.js';
import { formatApprox, formatRational, gcd, rational, ratioToNumber } from './rational.js';

export const EPS = 2 ** -52;
/** Error bounds are multiplied by this before any decision is taken on doubles. */
export const SAFE = 256;

export const AFFORDABLE = 1;
export const UNAFFORDABLE = 0;
export const UNSURE = 2;

export interface PriceEstimate {
  state: number;
  /** Price per full payer, its error bound, and what the supporters hold together. */
  alpha: number;
  alphaErr: number;
  total: number;
  /** Voters with money among the supporters; whether all of them surely pay α in full (α = cost / payers exactly). */
  payers: number;
  allPayInFull: boolean;
}

/**
 * On doubles: what the supporters of project j hold (total), whether that is surely enough
 * (AFFORDABLE), surely not (UNAFFORDABLE) or too close to tell (UNSURE), and the price α per full
 * payer with an error bound. `money[g]` is group g's money (known to within errB); groups with
 * `zero[g]` set, or with no money, pay nothing.
 */
export function estimatePrice(
  p: ApprovalProfile,
  j: number,
  money: Float64Array,
  zero: Uint8Array | null,
  errB: number,
  vals: Float64Array,
  mults: Float64Array,
  out: PriceEstimate,
): void {
  const start = p.supporterStart[j] as number;
  const end = p.supporterStart[j + 1] as number;
  let count = 0;
  let total = 0;
  let payers = 0;
  let supporters = 0;
  let least = Number.POSITIVE_INFINITY;
  for (let k = start; k < end; k++) {
    const g = p.supporterGroups[k] as number;
    const m = p.groupSize[g] as number;
    supporters += m;
    if (zero?.[g]) continue;
    const v = money[g] as number;
    if (v <= 0) continue;
    if (v < least) least = v;
    vals[count] = v;
    mults[count] = m;
    total += m * v;
    payers += m;
    count++;
  }
  out.total = total;
  out.payers = payers;
  out.allPayInFull = false;
  const cost = p.costsF[j] as number;
  const errTotal = SAFE * (supporters * errB + (count + 2) * EPS * total);
  if (total + errTotal < cost) {
    out.state = UNAFFORDABLE;
    return;
  }
  out.state = total - errTotal < cost ? UNSURE : AFFORDABLE;
  // α: the smallest price per payer with Σ min(money, α) = cost. Raise α from cost / payers,
  // moving those who cannot pay it among the poor, until nobody else falls short.
  let poorSum = 0;
  let rich = payers;
  let alpha = cost / rich;
  let remaining = count;
  let iterations = 0;
  for (;;) {
    let w = 0;
    let newPoorSum = 0;
    let newPoor = 0;
    for (let i = 0; i < remaining; i++) {
      const v = vals[i] as number;
      const m = mults[i] as number;
      if (v < alpha) {
        newPoorSum += m * v;
        newPoor += m;
      } else {
        vals[w] = v;
        mults[w] = m;
        w++;
      }
    }
    if (newPoor === 0) break;
    poorSum += newPoorSum;
    rich -= newPoor;
    remaining = w;
    if (rich <= 0) break;
    alpha = (cost - poorSum) / rich;
    if (++iterations > 12) {
      // Converging slowly: sort what is left and scan it once.
      const idx = Array.from({ length: remaining }, (_, i) => i).sort((a, b) => (vals[a] as number) - (vals[b] as number));
      for (const i of idx) {
        if ((vals[i] as number) >= alpha) break;
        poorSum += (mults[i] as number) * (vals[i] as number);
        rich -= mults[i] as number;
        if (rich <= 0) break;
        alpha = (cost - poorSum) / rich;
      }
      break;
    }
  }
  if (rich <= 0) {
    // Only possible when the total is (about) exactly the cost: α is the largest money held.
    let max = 0;
    for (let k = start; k < end; k++) {
      const g = p.supporterGroups[k] as number;
      if (!zero?.[g]) max = Math.max(max, money[g] as number);
    }
    alpha = max;
    rich = 1;
  }
  out.alpha = alpha;
  out.alphaErr = SAFE * ((supporters * errB + (count + 4) * EPS * (poorSum + cost)) / rich + EPS * alpha);
  out.allPayInFull = rich === payers && least - SAFE * errB > alpha + out.alphaErr;
}

interface ExactAlpha {
  /** α = num / (payers × Λ): what each full payer pays. */
  num: bigint;
  payers: bigint;
  /** Voters paying in full, voters paying all they had (money > 0). */
  payingInFull: number;
  payingAllTheyHad: number;
}

export interface MesRunResult {
  /** Selected projects in order (free projects first, for cardinality satisfaction). */
  order: number[];
  explanation?: MesExplanation;
}

/**
 * One profile and one satisfaction; run() counts equal shares for a given starting money per voter.
 * Reused across runs (the add1 completion runs it many times).
 */
export class EqualSharesCounter {
  readonly eligible: number[];
  readonly free: number[];
  private readonly p: ApprovalProfile;
  private readonly cardinality: boolean;
  // Per group.
  private readonly moneyF: Float64Array;
  private readonly zero: Uint8Array;
  private readonly mark: Int32Array;
  /** The rounds group g paid in full: paidRounds[groupStart[g] .. groupStart[g] + paidCount[g]). */
  private readonly paidRounds: Int32Array;
  private readonly paidCount: Int32Array;
  // Per project.
  private readonly roundOf: Int32Array;
  private readonly alive: Uint8Array;
  private readonly lower: Float64Array;
  private readonly rhoF: Float64Array;
  private readonly rhoErr: Float64Array;
  private readonly alphaF: Float64Array;
  private readonly alphaErr: Float64Array;
  private readonly state: Uint8Array;
  // Scratch.
  private readonly vals: Float64Array;
  private readonly mults: Float64Array;
  private coef: Float64Array;
  private readonly est: PriceEstimate = { state: 0, alpha: 0, alphaErr: 0, total: 0, payers: 0, allPayInFull: false };
  private epoch = 0;
  // Exact state of the current run.
  private lambda = 1n;
  private b0 = 0n;
  private b0F = 0;
  private alphas: bigint[] = [];
  private rounds = 0;

  /**
   * With `exactOnly`, no decision is taken on doubles: every candidate is priced exactly each round
   * (slow; tests use it to check that the shortcuts change nothing).
   */
  constructor(
    profile: ApprovalProfile,
    satisfaction: Satisfaction,
    private readonly options: { exactOnly?: boolean } = {},
  ) {
    this.p = profile;
    this.cardinality = satisfaction === 'cardinality';
    this.eligible = [];
    this.free = [];
    for (let j = 0; j < profile.numProjects; j++) {
      if ((profile.support[j] as number) === 0) continue;
      if ((profile.costs[j] as bigint) > 0n) this.eligible.push(j);
      // A free project gives cardinality satisfaction and is selected outright; under cost
      // satisfaction it gives none, so nobody supports it (pabutools does the same).
      else if (this.cardinality) this.free.push(j);
    }
    this.free.sort((a, b) => (profile.tieRank[a] as number) - (profile.tieRank[b] as number));
    const groups = profile.numGroups;
    this.moneyF = new Float64Array(groups);
    this.zero = new Uint8Array(groups);
    this.mark = new Int32Array(groups);
    this.paidRounds = new Int32Array(profile.groupProjects.length);
    this.paidCount = new Int32Array(groups);
    const n = profile.numProjects;
    this.roundOf = new Int32Array(n);
    this.alive = new Uint8Array(n);
    this.lower = new Float64Array(n);
    this.rhoF = new Float64Array(n);
    this.rhoErr = new Float64Array(n);
    this.alphaF = new Float64Array(n);
    this.alphaErr = new Float64Array(n);
    this.state = new Uint8Array(n);
    let widest = 0;
    for (let j = 0; j < n; j++) widest = Math.max(widest, (profile.supporterStart[j + 1] as number) - (profile.supporterStart[j] as number));
    this.vals = new Float64Array(widest);
    this.mults = new Float64Array(widest);
    this.coef = new Float64Array(n + 1);
  }

  /** Counts equal shares with b0Num / b0Den (in the profile's scaled money units) per voter. */
  run(b0Num: bigint, b0Den: bigint, explain = false): MesRunResult {
    const p = this.p;
    const g0 = gcd(b0Num, b0Den);
    this.b0 = b0Num / g0;
    this.lambda = b0Den / g0;
    this.b0F = ratioToNumber(this.b0, this.lambda);
    this.alphas = [];
    this.rounds = 0;
    this.moneyF.fill(this.b0F);
    this.zero.fill(0);
    this.paidCount.fill(0);
    this.roundOf.fill(-1);
    const order = [...this.free];
    const candidates: number[] = [];
    for (const j of this.eligible) {
      this.alive[j] = 1;
      const support = p.support[j] as number;
      // Every supporter holds at most b0, so ρ ≥ cost / (support × satisfaction).
      this.lower[j] = (this.cardinality ? (p.costsF[j] as number) / support : 1 / support) * (1 - 1e-9);
      candidates.push(j);
    }
    const rounds: MesRound[] = [];
    const neverAffordable: MesDropout[] = [];
    if (explain) {
      for (const j of candidates) {
        if (this.exactSupportersMoney(j) < (p.costs[j] as bigint) * this.lambda) {
          neverAffordable.push(this.dropout(j));
          this.alive[j] = 0;
        }
      }
      neverAffordable.sort((a, b) => compareIds(a.project, b.project));
    }

    let live = candidates.filter((j) => this.alive[j]);
    for (;;) {
      live = live.filter((j) => this.alive[j]);
      if (live.length === 0) break;
      const lower = this.lower;
      live.sort((a, b) => (lower[a] as number) - (lower[b] as number));
      let bestHi = Number.POSITIVE_INFINITY;
      const evaluated: number[] = [];
      const droppedNow: number[] = [];
      for (const j of live) {
        if (!explain && (lower[j] as number) > bestHi) break;
        const st = this.estimate(j);
        if (st === UNAFFORDABLE) {
          this.alive[j] = 0;
          droppedNow.push(j);
          continue;
        }
        evaluated.push(j);
        const hi = (this.rhoF[j] as number) + (this.rhoErr[j] as number);
        if (hi < bestHi) bestHi = hi;
      }
      const contenders = evaluated.filter((j) => (this.rhoF[j] as number) - (this.rhoErr[j] as number) <= bestHi);
      if (contenders.length === 0) {
        if (explain) this.noteDropouts(rounds, neverAffordable, droppedNow);
        break;
      }
      // Settle whether the unsure ones are affordable; if one is not, think the round again.
      let again = false;
      for (const j of contenders) {
        if (this.state[j] === UNSURE && this.exactSupportersMoney(j) < (p.costs[j] as bigint) * this.lambda) {
          this.alive[j] = 0;
          droppedNow.push(j);
          again = true;
        }
      }
      if (again) {
        if (explain && droppedNow.length) this.noteDropouts(rounds, neverAffordable, droppedNow);
        continue;
      }
      let winner = contenders[0] as number;
      const tied: number[] = [];
      if (contenders.length > 1) {
        const exact = contenders.map((j) => this.exactAlpha(j));
        let best = exact[0] as ExactAlpha;
        contenders.forEach((j, i) => {
          if (this.compareRho(j, exact[i] as ExactAlpha, winner, best) < 0) {
            winner = j;
            best = exact[i] as ExactAlpha;
          }
        });
        // Exactly as cheap as the winner, passed over for a later id.
        contenders.forEach((j, i) => {
          if (j !== winner && this.rhoOrder(j, exact[i] as ExactAlpha, winner, best) === 0) tied.push(j);
        });
      }
      const a = this.exactAlpha(winner);
      if (explain) this.noteDropouts(rounds, neverAffordable, droppedNow);
      const round = explain ? this.describeRound(winner, a, evaluated, tied) : null;
      this.pay(winner, a);
      this.alive[winner] = 0;
      order.push(winner);
      if (round) rounds.push(round);
    }
    const result: MesRunResult = { order };
    if (explain) {
      result.explanation = {
        kind: 'mes',
        satisfaction: this.cardinality ? 'cardinality' : 'cost',
        voterBudget: formatRational(rational(b0Num, b0Den * p.scale)),
        rounds,
        neverAffordable,
        freeProjects: this.free.map((j) => p.projectIds[j] as string),
      };
    }
    return result;
  }

  private noteDropouts(rounds: MesRound[], neverAffordable: MesDropout[], dropped: number[]): void {
    const list = rounds.length ? (rounds[rounds.length - 1] as MesRound).droppedOut : neverAffordable;
    for (const j of dropped.splice(0)) list.push(this.dropout(j));
    list.sort((a, b) => compareIds(a.project, b.project));
  }

  /** Error bound of a group's money as a double. */
  private moneyError(): number {
    // An infinite error makes every estimate inconclusive, so every decision is taken exactly.
    return this.options.exactOnly ? Number.POSITIVE_INFINITY : (2 * this.rounds + 4) * EPS * this.b0F;
  }

  /**
   * Estimates ρ of project j on doubles (with its error bound), or finds it unaffordable. Sets
   * rhoF, rhoErr, alphaF, alphaErr, state and lower for j.
   */
  private estimate(j: number): number {
    const e = this.est;
    estimatePrice(this.p, j, this.moneyF, this.zero, this.moneyError(), this.vals, this.mults, e);
    if (e.state === UNAFFORDABLE) {
      this.state[j] = UNAFFORDABLE;
      return UNAFFORDABLE;
    }
    const u = this.cardinality ? 1 : (this.p.costsF[j] as number);
    this.alphaF[j] = e.alpha;
    this.alphaErr[j] = e.alphaErr;
    const rho = e.alpha / u;
    this.rhoF[j] = rho;
    this.rhoErr[j] = e.alphaErr / u + SAFE * EPS * rho;
    this.lower[j] = rho - (this.rhoErr[j] as number);
    this.state[j] = e.state;
    return e.state;
  }

  /** Exact money of group g, as a numerator over Λ (g must not be at zero). */
  private exactMoney(g: number): bigint {
    const start = this.p.groupStart[g] as number;
    const end = start + (this.paidCount[g] as number);
    let v = this.b0;
    for (let k = start; k < end; k++) v -= this.alphas[this.paidRounds[k] as number] as bigint;
    return v;
  }

  /** Σ over the given groups (none at zero) of size × money, exactly, as a numerator over Λ. */
  private exactSum(groups: readonly number[]): bigint {
    const p = this.p;
    const coef = this.coef;
    const paidRounds = this.paidRounds;
    coef.fill(0, 0, this.rounds);
    let voters = 0;
    for (const g of groups) {
      const m = p.groupSize[g] as number;
      voters += m;
      const start = p.groupStart[g] as number;
      const end = start + (this.paidCount[g] as number);
      for (let k = start; k < end; k++) {
        const t = paidRounds[k] as number;
        coef[t] = (coef[t] as number) + m;
      }
    }
    let sum = BigInt(voters) * this.b0;
    for (let t = 0; t < this.rounds; t++) if (coef[t]) sum -= BigInt(coef[t] as number) * (this.alphas[t] as bigint);
    return sum;
  }

  /** The supporters of j who still hold money. */
  private payingSupporters(j: number): number[] {
    const p = this.p;
    const out: number[] = [];
    for (let k = p.supporterStart[j] as number; k < (p.supporterStart[j + 1] as number); k++) {
      const g = p.supporterGroups[k] as number;
      if (!this.zero[g]) out.push(g);
    }
    return out;
  }

  /** What the supporters of j hold together, exactly, as a numerator over Λ. */
  private exactSupportersMoney(j: number): bigint {
    return this.exactSum(this.payingSupporters(j));
  }

  /**
   * The exact α of project j (which must be affordable), using the estimate to classify most
   * supporters at once; marks (with a fresh epoch) the groups that pay all they have.
   */
  private exactAlpha(j: number): ExactAlpha {
    const p = this.p;
    const epoch = ++this.epoch;
    const alphaF = this.alphaF[j] as number;
    const errAlpha = this.alphaErr[j] as number;
    const margin = 2 * errAlpha + 2 * SAFE * this.moneyError();
    const poor: number[] = [];
    const unsure: number[] = [];
    let rich = 0;
    for (let x = p.supporterStart[j] as number; x < (p.supporterStart[j + 1] as number); x++) {
      const g = p.supporterGroups[x] as number;
      if (this.zero[g]) continue;
      const v = this.moneyF[g] as number;
      if (v < alphaF - margin) poor.push(g);
      else if (v > alphaF + margin) rich += p.groupSize[g] as number;
      else unsure.push(g);
    }
    const costN = (p.costs[j] as bigint) * this.lambda;
    let poorSum = this.exactSum(poor);
    let poorVoters = 0;
    for (const g of poor) poorVoters += p.groupSize[g] as number;
    let payers = rich;
    const unsureMoney = unsure.map((g) => ({ g, v: this.exactMoney(g), m: p.groupSize[g] as number }));
    for (const u of unsureMoney) payers += u.m;
    unsureMoney.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : 0));
    const poorUnsure: number[] = [];
    let k = 0;
    for (; k < unsureMoney.length; k++) {
      const u = unsureMoney[k] as { g: number; v: bigint; m: number };
      if (u.v * BigInt(payers) >= costN - poorSum) break;
      poorSum += BigInt(u.m) * u.v;
      payers -= u.m;
      poorVoters += u.m;
      poorUnsure.push(u.g);
    }
    const num = costN - poorSum;
    const check = payers > 0 && num > 0n ? ratioToNumber(num, BigInt(payers) * this.lambda) : Number.NaN;
    if (!(Math.abs(check - alphaF) <= errAlpha)) return this.exactAlphaSlow(j);
    for (const g of poor) this.mark[g] = epoch;
    for (const g of poorUnsure) this.mark[g] = epoch;
    // Payers whose money equals α exactly also end with nothing.
    for (; k < unsureMoney.length; k++) {
      const u = unsureMoney[k] as { g: number; v: bigint; m: number };
      if (u.v * BigInt(payers) === num) this.mark[u.g] = epoch;
      else break;
    }
    return { num, payers: BigInt(payers), payingInFull: payers, payingAllTheyHad: poorVoters };
  }

  /** The same, with every supporter's money exact (only if the estimate was off, which should not happen). */
  private exactAlphaSlow(j: number): ExactAlpha {
    const p = this.p;
    const epoch = this.epoch;
    const costN = (p.costs[j] as bigint) * this.lambda;
    const all = this.payingSupporters(j).map((g) => ({ g, v: this.exactMoney(g), m: p.groupSize[g] as number }));
    all.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : 0));
    let payers = 0;
    for (const u of all) payers += u.m;
    let poorSum = 0n;
    let poorVoters = 0;
    let k = 0;
    for (; k < all.length; k++) {
      const u = all[k] as { g: number; v: bigint; m: number };
      if (u.v * BigInt(payers) >= costN - poorSum) break;
      poorSum += BigInt(u.m) * u.v;
      payers -= u.m;
      poorVoters += u.m;
      this.mark[u.g] = epoch;
    }
    if (payers === 0) throw new Error(`Equal shares: project ${p.projectIds[j]} was taken as affordable but is not.`);
    const num = costN - poorSum;
    for (; k < all.length; k++) {
      const u = all[k] as { g: number; v: bigint; m: number };
      if (u.v * BigInt(payers) === num) this.mark[u.g] = epoch;
    }
    return { num, payers: BigInt(payers), payingInFull: payers, payingAllTheyHad: poorVoters };
  }

  /** -1, 0 or 1 as ρ of project a is below, equal to or above ρ of project b (exactly). */
  private rhoOrder(a: number, alphaA: ExactAlpha, b: number, alphaB: ExactAlpha): number {
    const p = this.p;
    let l = alphaA.num * alphaB.payers;
    let r = alphaB.num * alphaA.payers;
    if (!this.cardinality) {
      l *= p.costs[b] as bigint;
      r *= p.costs[a] as bigint;
    }
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** Compares ρ of projects a and b exactly; ties go to the smaller id. */
  private compareRho(a: number, alphaA: ExactAlpha, b: number, alphaB: ExactAlpha): number {
    return this.rhoOrder(a, alphaA, b, alphaB) || (this.p.tieRank[a] as number) - (this.p.tieRank[b] as number);
  }

  /** Buys project j at price α: the groups marked in exactAlpha pay all they have, the others α. */
  private pay(j: number, a: ExactAlpha): void {
    const p = this.p;
    const epoch = this.epoch;
    const g0 = gcd(a.num, a.payers);
    const f = a.payers / g0;
    if (f !== 1n) {
      this.lambda *= f;
      this.b0 *= f;
      for (let t = 0; t < this.rounds; t++) this.alphas[t] = (this.alphas[t] as bigint) * f;
    }
    const alpha = a.num / g0;
    this.alphas.push(alpha);
    this.roundOf[j] = this.rounds;
    this.rounds++;
    const alphaF = ratioToNumber(alpha, this.lambda);
    for (let k = p.supporterStart[j] as number; k < (p.supporterStart[j + 1] as number); k++) {
      const g = p.supporterGroups[k] as number;
      if (this.zero[g]) continue;
      if (this.mark[g] === epoch) {
        this.zero[g] = 1;
        this.moneyF[g] = 0;
      } else {
        this.moneyF[g] = (this.moneyF[g] as number) - alphaF;
        const c = this.paidCount[g] as number;
        this.paidRounds[(p.groupStart[g] as number) + c] = this.rounds - 1;
        this.paidCount[g] = c + 1;
      }
    }
  }

  private money(numerator: bigint): string {
    return formatApprox(rational(numerator, this.lambda * this.p.scale), 2);
  }

  private dropout(j: number): MesDropout {
    const p = this.p;
    return {
      project: p.projectIds[j] as string,
      cost: formatRational(rational(p.costs[j] as bigint, p.scale)),
      supportersMoney: this.money(this.exactSupportersMoney(j)),
    };
  }

  private describeRound(j: number, a: ExactAlpha, evaluated: number[], tied: number[]): MesRound {
    const p = this.p;
    const alpha = rational(a.num, a.payers * this.lambda * p.scale);
    const rho = this.cardinality ? alpha : rational(a.num, a.payers * this.lambda * (p.costs[j] as bigint));
    const others = evaluated
      .filter((k) => k !== j)
      .sort((x, y) => (this.rhoF[x] as number) - (this.rhoF[y] as number) || (p.tieRank[x] as number) - (p.tieRank[y] as number))
      .slice(0, 3);
    const rhoText = (x: number) => (this.cardinality ? formatApprox(rational(BigInt(Math.round(x * 1e6)), p.scale * 1000000n), 2) : x.toPrecision(6));
    return {
      round: this.rounds + 1,
      project: p.projectIds[j] as string,
      cost: formatRational(rational(p.costs[j] as bigint, p.scale)),
      rho: formatRational(rho),
      rhoApprox: this.cardinality ? formatApprox(rho, 2) : Number(ratioToNumber(rho.num, rho.den)).toPrecision(6),
      payment: formatApprox(alpha, 2),
      supporters: p.support[j] as number,
      payingInFull: a.payingInFull,
      payingAllTheyHad: a.payingAllTheyHad,
      tiedWith: tied.sort((x, y) => (p.tieRank[x] as number) - (p.tieRank[y] as number)).map((k) => p.projectIds[k] as string),
      runnersUp: others.map((k) => ({ project: p.projectIds[k] as string, rhoApprox: rhoText(this.rhoF[k] as number) })),
      droppedOut: [],
    };
  }
}

/** Equal shares without completion, each voter starting with budget / voters. */
export function equalShares(profile: ApprovalProfile, satisfaction: Satisfaction, explain = false): MesRunResult {
  if (profile.numVoters === 0) return { order: [] };
  return new EqualSharesCounter(profile, satisfaction).run(profile.budget, BigInt(profile.numVoters), explain);
}

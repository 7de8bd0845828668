// Equal shares over a whole range of starting money per voter [b1, b2] at once, so that the add1
// completion can skip runs safely. Along any fixed order of purchases, each voter's money at a
// given round rises with the starting money (a price α, with Σ min(money, α) = cost, only falls when
// anyone's money rises, and money left = max(0, money − α) rises with money and falls with α). So
// the counts at b1 and at b2, forced along the same order, bound every voter's money, and every
// price, for every starting money in between.
//
// In each round, a project that is surely dearer than another surely affordable one over the whole
// range cannot be bought. If one project is surely the cheapest, it is bought. If several cannot be
// told apart, each is followed as a branch (branches that bought the same set are merged; at most
// MAX_BRANCHES at a time). When every branch ends with
// an outcome that neither overspends nor exhausts the budget, no starting money in the range stops
// the add1 loop. Doubles are used with widened error bounds, so the checks only ever err on the
// side of "cannot tell", and the caller then counts exactly.
import type { ApprovalProfile } from './election.js';
import { AFFORDABLE, EPS, estimatePrice, type PriceEstimate, SAFE, UNAFFORDABLE } from './mes.js';
import type { Satisfaction } from './outcome.js';
import { ratioToNumber } from './rational.js';

const MAX_BRANCHES = 8;

interface Branch {
  lo: Float64Array;
  hi: Float64Array;
  alive: Uint8Array;
  lower: Float64Array;
  selected: number[];
}

interface Candidate {
  j: number;
  rhoLo: number;
  rhoHi: number;
  alphaLo: number;
  alphaHi: number;
  /** Surely affordable over the whole range. */
  sure: boolean;
  /** Everyone with money pays in full over the whole range: ρ is exactly cost / (payers × satisfaction). */
  fixedPayers: number;
}

export class EqualSharesInterval {
  private readonly p: ApprovalProfile;
  private readonly cardinality: boolean;
  private readonly eligible: readonly number[];
  private readonly vals: Float64Array;
  private readonly mults: Float64Array;
  private readonly fromLo: PriceEstimate = { state: 0, alpha: 0, alphaErr: 0, total: 0, payers: 0, allPayInFull: false };
  private readonly fromHi: PriceEstimate = { state: 0, alpha: 0, alphaErr: 0, total: 0, payers: 0, allPayInFull: false };
  private errB = 0;
  private widen = 0;

  constructor(profile: ApprovalProfile, satisfaction: Satisfaction, eligible: readonly number[]) {
    this.p = profile;
    this.cardinality = satisfaction === 'cardinality';
    this.eligible = eligible;
    let widest = 0;
    for (let j = 0; j < profile.numProjects; j++) {
      widest = Math.max(widest, (profile.supporterStart[j + 1] as number) - (profile.supporterStart[j] as number));
    }
    this.vals = new Float64Array(widest);
    this.mults = new Float64Array(widest);
  }

  /**
   * True if, for every starting money per voter between b1Num/den and b2Num/den (scaled units),
   * equal shares ends within the budget and not exhaustive: the add1 loop would go on. False means
   * "could not show it", not "it stops".
   */
  neverStops(b1Num: bigint, b2Num: bigint, den: bigint, freeCost: bigint): boolean {
    const p = this.p;
    const b1 = ratioToNumber(b1Num, den);
    const b2 = ratioToNumber(b2Num, den);
    const slack = SAFE * EPS * b2;
    this.errB = slack;
    this.widen = 4 * slack;
    const branch = this.take();
    branch.lo.fill(b1 - slack);
    branch.hi.fill(b2 + slack);
    branch.alive.fill(0);
    for (const j of this.eligible) {
      branch.alive[j] = 1;
      const support = p.support[j] as number;
      branch.lower[j] = (this.cardinality ? (p.costsF[j] as number) / support : 1 / support) * (1 - 1e-9);
    }
    const ok = this.explore(branch, freeCost);
    this.inUse.forEach((b) => {
      this.pool.push(b);
    });
    this.inUse.clear();
    return ok;
  }

  /** Branch buffers are reused: a fresh count allocates nothing once warm. */
  private readonly pool: Branch[] = [];
  private readonly inUse = new Set<Branch>();

  private take(): Branch {
    const p = this.p;
    const b = this.pool.pop() ?? {
      lo: new Float64Array(p.numGroups),
      hi: new Float64Array(p.numGroups),
      alive: new Uint8Array(p.numProjects),
      lower: new Float64Array(p.numProjects),
      selected: [],
    };
    b.selected = [];
    this.inUse.add(b);
    return b;
  }

  private copy(b: Branch): Branch {
    const c = this.take();
    c.lo.set(b.lo);
    c.hi.set(b.hi);
    c.alive.set(b.alive);
    c.lower.set(b.lower);
    c.selected = [...b.selected];
    return c;
  }

  /**
   * Follows all the ways the count can go, one purchase at a time. Branches that have bought the same
   * set are merged into one (the union of their money intervals still holds every voter's money), so
   * reorderings of close projects do not multiply the work.
   */
  private explore(start: Branch, freeCost: bigint): boolean {
    let frontier: Branch[] = [start];
    while (frontier.length) {
      const next = new Map<string, Branch>();
      for (const b of frontier) {
        const children = this.step(b, freeCost);
        if (children === null) return false;
        for (const child of children) {
          const key = [...child.selected].sort((x, y) => x - y).join(',');
          const same = next.get(key);
          if (same) merge(same, child);
          else next.set(key, child);
        }
      }
      if (next.size > MAX_BRANCHES) return false;
      frontier = [...next.values()];
    }
    return true;
  }

  /**
   * The possible next purchases from branch b (b itself, updated, when only one is possible), [] if
   * the count surely ends here with an outcome that does not stop add1, or null if it cannot be shown.
   */
  private step(b: Branch, freeCost: bigint): Branch[] | null {
    const live: number[] = [];
    for (const j of this.eligible) if (b.alive[j]) live.push(j);
    const cands = live.length ? this.round(b, live) : [];
    if (cands === null) return null;
    if (cands.length === 0) return this.leaf(b, freeCost) ? [] : null;
    let bestHi = Number.POSITIVE_INFINITY;
    let best: Candidate | null = null;
    for (const c of cands) {
      if (c.sure && c.rhoHi < bestHi) {
        bestHi = c.rhoHi;
        best = c;
      }
    }
    const close = cands.filter((c) => c === best || c.rhoLo <= bestHi);
    let winner: Candidate | null = null;
    if (close.length === 1 && best) winner = best;
    else if (best && close.every((c) => c.sure && c.fixedPayers > 0)) {
      // Prices fixed exactly over the range: the smallest ρ wins, ties to the smaller id.
      winner = best;
      for (const c of close) if (this.compareFixed(c, winner) < 0) winner = c;
      if (cands.some((c) => !close.includes(c) && c.rhoLo <= (winner as Candidate).rhoHi)) return null;
    }
    if (winner) {
      this.buy(b, winner);
      return [b];
    }
    // Several projects may be bought this round, depending on the starting money: follow each. If
    // none is surely affordable, the count may also end here.
    if (!best && !this.leaf(b, freeCost)) return null;
    return close.map((c) => {
      const child = this.copy(b);
      this.buy(child, c);
      return child;
    });
  }

  /**
   * Prices the live projects that could be bought this round, cheapest first (lazily, by lower
   * bounds). Returns those that cannot be ruled out, [] if none is affordable, or null if a project's
   * affordability is too close to call.
   */
  private round(b: Branch, live: number[]): Candidate[] | null {
    const p = this.p;
    const lower = b.lower;
    live.sort((x, y) => (lower[x] as number) - (lower[y] as number));
    let bestHi = Number.POSITIVE_INFINITY;
    const cands: Candidate[] = [];
    for (const j of live) {
      if ((lower[j] as number) > bestHi) break;
      // Upper ends of money give the lowest price and the most money; lower ends the opposite.
      estimatePrice(p, j, b.hi, null, this.errB, this.vals, this.mults, this.fromHi);
      if (this.fromHi.state === UNAFFORDABLE) {
        b.alive[j] = 0;
        continue;
      }
      if (this.fromHi.state !== AFFORDABLE) return null;
      const u = this.cardinality ? 1 : (p.costsF[j] as number);
      const alphaLo = this.fromHi.alpha - this.fromHi.alphaErr;
      const rhoLeast = (alphaLo / u) * (1 - SAFE * EPS);
      lower[j] = rhoLeast;
      // Surely dearer than a surely affordable project over the whole range: not bought this round.
      if (rhoLeast > bestHi) continue;
      estimatePrice(p, j, b.lo, null, this.errB, this.vals, this.mults, this.fromLo);
      const c: Candidate = { j, rhoLo: rhoLeast, rhoHi: Number.POSITIVE_INFINITY, alphaLo, alphaHi: Number.POSITIVE_INFINITY, sure: false, fixedPayers: 0 };
      if (this.fromLo.state === AFFORDABLE) {
        c.sure = true;
        if (this.fromLo.allPayInFull && this.fromLo.payers === this.fromHi.payers) {
          const payers = this.fromLo.payers;
          const alpha = (p.costsF[j] as number) / payers;
          c.fixedPayers = payers;
          c.alphaLo = alpha * (1 - SAFE * EPS);
          c.alphaHi = alpha * (1 + SAFE * EPS);
          c.rhoLo = (this.cardinality ? alpha : 1 / payers) * (1 - SAFE * EPS);
          c.rhoHi = (this.cardinality ? alpha : 1 / payers) * (1 + SAFE * EPS);
          lower[j] = c.rhoLo;
        } else {
          c.alphaHi = this.fromLo.alpha + this.fromLo.alphaErr;
          c.rhoHi = (c.alphaHi / u) * (1 + SAFE * EPS);
        }
        if (c.rhoHi < bestHi) bestHi = c.rhoHi;
      }
      cands.push(c);
    }
    return cands;
  }

  private buy(b: Branch, c: Candidate): void {
    const p = this.p;
    const j = c.j;
    b.alive[j] = 0;
    b.selected.push(j);
    const widen = this.widen * (b.selected.length + 1);
    for (let k = p.supporterStart[j] as number; k < (p.supporterStart[j + 1] as number); k++) {
      const g = p.supporterGroups[k] as number;
      const l = (b.lo[g] as number) - c.alphaHi - widen;
      b.lo[g] = Math.max(l, 0);
      const h = (b.hi[g] as number) - c.alphaLo + widen;
      b.hi[g] = Math.max(h, 0);
    }
  }

  /** An outcome the count may end with: it must be within budget and leave a project that fits. */
  private leaf(b: Branch, freeCost: bigint): boolean {
    const p = this.p;
    let cost = freeCost;
    for (const j of b.selected) cost += p.costs[j] as bigint;
    if (cost > p.budget) return false;
    const chosen = new Set(b.selected);
    for (const j of this.eligible) if (!chosen.has(j) && cost + (p.costs[j] as bigint) <= p.budget) return true;
    return false;
  }

  /** Exact comparison of two fixed prices per unit of satisfaction; ties go to the smaller id. */
  private compareFixed(a: Candidate, b: Candidate): number {
    const p = this.p;
    const pa = BigInt(a.fixedPayers);
    const pb = BigInt(b.fixedPayers);
    // Cost satisfaction: ρ = 1 / payers. Cardinality: ρ = cost / payers.
    const l = this.cardinality ? (p.costs[a.j] as bigint) * pb : pb;
    const r = this.cardinality ? (p.costs[b.j] as bigint) * pa : pa;
    if (l !== r) return l < r ? -1 : 1;
    return (p.tieRank[a.j] as number) - (p.tieRank[b.j] as number);
  }
}

/** Widens a to also hold every state b holds (same selected set). */
function merge(a: Branch, b: Branch): void {
  for (let g = 0; g < a.lo.length; g++) {
    if ((b.lo[g] as number) < (a.lo[g] as number)) a.lo[g] = b.lo[g] as number;
    if ((b.hi[g] as number) > (a.hi[g] as number)) a.hi[g] = b.hi[g] as number;
  }
  for (let j = 0; j < a.alive.length; j++) {
    if (b.alive[j]) a.alive[j] = 1;
    if ((b.lower[j] as number) < (a.lower[j] as number)) a.lower[j] = b.lower[j] as number;
  }
}

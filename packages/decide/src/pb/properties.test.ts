// Property tests on small random elections (many ties, free and unsupported projects): the fast
// counts agree with plain exact versions written straight from pabutools' definitions, stay within
// the budget, never charge a voter more than their share, do not depend on the order of the voters,
// and a written file reads back to the same election.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalSharesAdd1 } from './completion.js';
import { approvalProfile, compareIds, type PbElection, supportedProjects } from './election.js';
import { readPb, writePb } from './format.js';
import { EqualSharesCounter } from './mes.js';
import type { MesExplanation, Satisfaction } from './outcome.js';
import { add, compare, div, mul, parseRational, type Rational, rational, sub, ZERO } from './rational.js';
import { countPb, countProfile, pbRules } from './rules.js';

const ids = ['1', '2', '9', '10', 'a', 'B', 'b', 'é'];
const costs = ['0', '1', '2', '3', '5', '2.5', '8', '10', '4'];

const electionArb = fc
  .record({
    projects: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 6 }),
    costs: fc.array(fc.constantFrom(...costs), { minLength: 6, maxLength: 6 }),
    budget: fc.constantFrom('4', '10', '12.5', '20'),
    ballots: fc.array(fc.array(fc.nat(5), { maxLength: 4 }), { maxLength: 12 }),
  })
  .map(
    ({ projects, costs: c, budget, ballots }): PbElection => ({
      meta: { description: 'random' },
      budget: parseRational(budget) as Rational,
      voteType: 'approval',
      projects: projects.map((id, i) => ({ id, cost: parseRational(c[i] as string) as Rational, fields: {} })),
      voters: ballots.map((b, i) => ({ id: `v${i}`, vote: [...new Set(b.map((k) => projects[k % projects.length] as string))], fields: {} })),
      projectColumns: ['project_id', 'cost'],
      voterColumns: ['voter_id', 'vote'],
    }),
  );

const r = (n: bigint | number) => rational(BigInt(n));
const min = (a: Rational, b: Rational) => (compare(a, b) <= 0 ? a : b);

function supporters(e: PbElection): Map<string, number[]> {
  const map = new Map(e.projects.map((p) => [p.id, [] as number[]]));
  e.voters.forEach((v, i) => {
    for (const id of new Set(supportedProjects(e.voteType, v))) map.get(id)?.push(i);
  });
  return map;
}

/** Equal shares, voter by voter, in exact rationals; also returns what each voter paid. */
function plainMes(e: PbElection, satisfaction: Satisfaction, share: Rational): { order: string[]; paid: Rational[] } {
  const supp = supporters(e);
  const money = e.voters.map(() => share);
  const order: string[] = [];
  const remaining = new Set<string>();
  for (const p of e.projects) {
    const n = (supp.get(p.id) as number[]).length;
    if (n === 0) continue;
    if (p.cost.num > 0n) remaining.add(p.id);
    else if (satisfaction === 'cardinality') order.push(p.id);
  }
  order.sort(compareIds);
  const cost = new Map(e.projects.map((p) => [p.id, p.cost]));
  for (;;) {
    let best: { id: string; rho: Rational; alpha: Rational } | null = null;
    for (const id of [...remaining]) {
      const c = cost.get(id) as Rational;
      const s = supp.get(id) as number[];
      const total = s.reduce((sum, i) => add(sum, money[i] as Rational), ZERO);
      if (compare(total, c) < 0) {
        remaining.delete(id);
        continue;
      }
      const held = s.map((i) => money[i] as Rational).sort(compare);
      let paid = ZERO;
      let payers = held.length;
      let alpha = ZERO;
      for (const h of held) {
        alpha = div(sub(c, paid), r(payers));
        if (compare(h, alpha) >= 0) break;
        paid = add(paid, h);
        payers--;
      }
      const rho = satisfaction === 'cost' ? div(alpha, c) : alpha;
      if (!best || compare(rho, best.rho) < 0 || (compare(rho, best.rho) === 0 && compareIds(id, best.id) < 0)) best = { id, rho, alpha };
    }
    if (!best) break;
    remaining.delete(best.id);
    order.push(best.id);
    for (const i of supp.get(best.id) as number[]) money[i] = sub(money[i] as Rational, min(money[i] as Rational, best.alpha));
  }
  return { order, paid: money.map((m) => sub(share, m)) };
}

function plainAdd1(e: PbElection, satisfaction: Satisfaction): string[] {
  const n = e.voters.length;
  if (n === 0) return [];
  const cost = new Map(e.projects.map((p) => [p.id, p.cost]));
  const costOf = (o: string[]) => o.reduce((s, id) => add(s, cost.get(id) as Rational), ZERO);
  const supp = supporters(e);
  const eligible = e.projects.filter((p) => p.cost.num > 0n && (supp.get(p.id) as number[]).length > 0).map((p) => p.id);
  let previous: string[] = [];
  for (let k = 0; ; k++) {
    const { order } = plainMes(e, satisfaction, add(div(e.budget, r(n)), r(k)));
    const spent = costOf(order);
    if (compare(spent, e.budget) > 0) return previous;
    if (eligible.every((id) => order.includes(id) || compare(add(spent, cost.get(id) as Rational), e.budget) > 0)) return order;
    previous = order;
  }
}

function plainGreedy(e: PbElection, satisfaction: Satisfaction): string[] {
  const supp = supporters(e);
  const density = (id: string, c: Rational): Rational | 'inf' => {
    const n = (supp.get(id) as number[]).length;
    if (satisfaction === 'cost') return n > 0 && c.num > 0n ? r(n) : ZERO;
    if (n === 0) return ZERO;
    return c.num > 0n ? div(r(n), c) : 'inf';
  };
  const ranked = [...e.projects].sort((a, b) => {
    const da = density(a.id, a.cost);
    const db = density(b.id, b.cost);
    if (da !== db && (da === 'inf' || db === 'inf')) return da === 'inf' ? -1 : 1;
    const c = da === 'inf' ? 0 : compare(db as Rational, da);
    return c || compareIds(a.id, b.id);
  });
  let left = e.budget;
  const order: string[] = [];
  for (const p of ranked) {
    if (compare(p.cost, left) <= 0) {
      order.push(p.id);
      left = sub(left, p.cost);
    }
  }
  return order;
}

function plainPhragmen(e: PbElection): string[] {
  const supp = supporters(e);
  const load = e.voters.map(() => ZERO);
  let remaining = e.projects.filter((p) => compare(p.cost, e.budget) <= 0);
  let spent = ZERO;
  const order: string[] = [];
  while (remaining.length) {
    const loads = remaining.map((p) => {
      const s = supp.get(p.id) as number[];
      return s.length === 0
        ? null
        : div(
            add(
              s.reduce((sum, i) => add(sum, load[i] as Rational), ZERO),
              p.cost,
            ),
            r(s.length),
          );
    });
    const finite = loads.filter((l): l is Rational => l !== null);
    const least = finite.length ? finite.reduce((a, b) => (compare(a, b) <= 0 ? a : b)) : null;
    const tied = remaining.filter((_, i) => (least === null ? loads[i] === null : loads[i] !== null && compare(loads[i] as Rational, least) === 0));
    if (tied.some((p) => compare(add(spent, p.cost), e.budget) > 0)) break;
    const chosen = [...tied].sort((a, b) => compareIds(a.id, b.id))[0] as (typeof tied)[number];
    order.push(chosen.id);
    spent = add(spent, chosen.cost);
    if (least) for (const i of supp.get(chosen.id) as number[]) load[i] = least;
    remaining = remaining.filter((p) => p !== chosen);
  }
  return order;
}

const options = { numRuns: 300 };

describe('participatory budgeting properties', () => {
  it('equal shares agrees with the plain exact count, and never charges a voter more than their share', () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        for (const satisfaction of ['cost', 'cardinality'] as const) {
          const rule = satisfaction === 'cost' ? 'mes-cost' : 'mes-cardinality';
          const fast = countPb(e, rule, { explain: true });
          const share = e.voters.length ? div(e.budget, r(e.voters.length)) : ZERO;
          const plain = plainMes(e, satisfaction, share);
          expect(fast.order).toEqual(plain.order);
          for (const paid of plain.paid) expect(compare(paid, share)).toBeLessThanOrEqual(0);
          // Replay the fast count's exact prices: every purchase is paid exactly, nobody overspends.
          const supp = supporters(e);
          const money = e.voters.map(() => share);
          for (const round of (fast.explanation as MesExplanation | undefined)?.rounds ?? []) {
            const c = e.projects.find((p) => p.id === round.project)?.cost as Rational;
            const rho = parseRational(round.rho) as Rational;
            const alpha = satisfaction === 'cost' ? mul(rho, c) : rho;
            let collected = ZERO;
            for (const i of supp.get(round.project) as number[]) {
              const pay = min(money[i] as Rational, alpha);
              collected = add(collected, pay);
              money[i] = sub(money[i] as Rational, pay);
            }
            expect(compare(collected, c)).toBe(0);
          }
          for (const m of money) expect(m.num >= 0n).toBe(true);
        }
      }),
      options,
    );
  });

  it('equal shares takes the same decisions with and without its shortcuts on doubles', () => {
    fc.assert(
      fc.property(electionArb, fc.constantFrom('cost', 'cardinality') as fc.Arbitrary<Satisfaction>, (e, satisfaction) => {
        const profile = approvalProfile(e);
        if (profile.numVoters === 0) return;
        const n = BigInt(profile.numVoters);
        const fast = new EqualSharesCounter(profile, satisfaction).run(profile.budget, n, true);
        const exact = new EqualSharesCounter(profile, satisfaction, { exactOnly: true }).run(profile.budget, n, true);
        expect(fast).toEqual(exact);
      }),
      options,
    );
  });

  it('greedy and Phragmén agree with the plain exact counts', () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        expect(countPb(e, 'greedy-cost').order).toEqual(plainGreedy(e, 'cost'));
        expect(countPb(e, 'greedy-cardinality').order).toEqual(plainGreedy(e, 'cardinality'));
        expect(countPb(e, 'phragmen').order).toEqual(plainPhragmen(e));
      }),
      options,
    );
  });

  it('add1 agrees with raising the money one unit at a time, with or without skipping', () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        const profile = approvalProfile(e);
        for (const satisfaction of ['cost', 'cardinality'] as const) {
          const plain = [...plainAdd1(e, satisfaction)].sort(compareIds);
          const ids = (order: number[]) => order.map((j) => profile.projectIds[j] as string).sort(compareIds);
          expect(ids(equalSharesAdd1(profile, satisfaction).order)).toEqual(plain);
          expect(ids(equalSharesAdd1(profile, satisfaction, { skip: false }).order)).toEqual(plain);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('add1 skips safely when the money grows in small steps (amounts 40 times larger)', () => {
    const scaled = electionArb.map((e) => ({
      ...e,
      budget: mul(e.budget, r(40)),
      projects: e.projects.map((p) => ({ ...p, cost: mul(p.cost, r(40)) })),
    }));
    fc.assert(
      fc.property(scaled, (e) => {
        const profile = approvalProfile(e);
        const plain = [...plainAdd1(e, 'cost')].sort(compareIds);
        const ids = (order: number[]) => order.map((j) => profile.projectIds[j] as string).sort(compareIds);
        expect(ids(equalSharesAdd1(profile, 'cost').order)).toEqual(plain);
      }),
      { numRuns: 80 },
    );
  });

  it('every rule stays within the budget and does not depend on the order of the voters', () => {
    fc.assert(
      fc.property(
        electionArb.chain((e) => fc.tuple(fc.constant(e), fc.shuffledSubarray([...e.voters.keys()], { minLength: e.voters.length }))),
        ([e, permutation]) => {
          const shuffled = { ...e, voters: permutation.map((i) => e.voters[i] as PbElection['voters'][number]) };
          const a = approvalProfile(e);
          const b = approvalProfile(shuffled);
          for (const rule of pbRules) {
            const x = countProfile(a, rule).order.map((j) => a.projectIds[j] as string);
            const y = countProfile(b, rule).order.map((j) => b.projectIds[j] as string);
            expect(y, rule).toEqual(x);
            const spent = x.reduce((s, id) => add(s, e.projects.find((p) => p.id === id)?.cost as Rational), ZERO);
            expect(compare(spent, e.budget), rule).toBeLessThanOrEqual(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('writing a file and reading it back gives the same election', () => {
    const text = fc.string({ maxLength: 8 }).map((s) => s.trim());
    const fileArb = fc.record({
      voteType: fc.constantFrom('approval', 'cumulative', 'ordinal', 'choose-1') as fc.Arbitrary<PbElection['voteType']>,
      names: fc.array(fc.oneof(text, fc.constantFrom('a;b', 'say "hi"', 'two\nlines', 'ünïcödé')), { minLength: 6, maxLength: 6 }),
      election: electionArb,
      extra: fc.array(text, { minLength: 12, maxLength: 12 }),
    });
    fc.assert(
      fc.property(fileArb, ({ voteType, names, election: e, extra }) => {
        const written: PbElection = {
          ...e,
          meta: { description: names[0] as string, comment: names[1] as string },
          voteType,
          projects: e.projects.map((p, i) => ({ ...p, fields: { name: names[i] as string } })),
          voters: e.voters.map((v, i) => {
            const vote = voteType === 'choose-1' ? v.vote.slice(0, 1) : v.vote;
            return {
              ...v,
              vote,
              ...(voteType === 'cumulative' ? { points: vote.map((_, k) => k + 1) } : {}),
              fields: { district: extra[i] as string },
            };
          }),
          projectColumns: ['project_id', 'cost', 'name'],
          voterColumns: voteType === 'cumulative' ? ['voter_id', 'vote', 'points', 'district'] : ['voter_id', 'vote', 'district'],
        };
        const back = readPb(writePb(written));
        expect(back.projects).toEqual(written.projects);
        expect(back.voters).toEqual(written.voters);
        expect(back.budget).toEqual(written.budget);
        expect(back.voteType).toBe(voteType);
        expect(back.meta.description).toBe(written.meta.description);
        expect(readPb(writePb(back))).toEqual(back);
      }),
      options,
    );
  });
});

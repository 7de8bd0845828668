// Properties of both rules on random elections (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BltElection, parseBlt, writeBlt } from './blt.js';
import { countStv } from './index.js';
import type { StvResult, StvRule } from './result.js';

const rules: StvRule[] = ['scottish', 'meek'];

const electionArb: fc.Arbitrary<BltElection> = fc.integer({ min: 2, max: 7 }).chain((candidateCount) => {
  const ids = Array.from({ length: candidateCount }, (_, i) => i + 1);
  return fc.record({
    title: fc.constant('random'),
    seats: fc.integer({ min: 1, max: candidateCount }),
    candidates: fc.constant(ids.map((i) => `Candidate ${i}`)),
    withdrawn: fc.constant([] as number[]),
    ballots: fc.array(
      fc.record({
        weight: fc.integer({ min: 1, max: 6 }),
        preferences: fc.shuffledSubarray(ids, { minLength: 1 }).map((order) => order.map((id) => [id])),
        line: fc.constant(0),
      }),
      { minLength: 1, maxLength: 30 },
    ),
  });
});

const seedArb = fc.integer({ min: 0, max: 2 ** 32 });

/** A decimal string as an integer number of 10^-digits. */
function units(value: string, digits: number): bigint {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const v = BigInt(whole + fraction.padEnd(digits, '0').slice(0, digits));
  return negative ? -v : v;
}

function papers(election: BltElection): number {
  return election.ballots.reduce((sum, b) => sum + b.weight, 0);
}

describe('STV properties', () => {
  it.each(rules)('%s: elects exactly as many candidates as seats, each once', (rule) => {
    fc.assert(
      fc.property(electionArb, seedArb, (election, seed) => {
        const result = countStv(election, { rule, lot: { method: 'seeded', seed } });
        expect(result.electedIds).toHaveLength(election.seats);
        expect(new Set(result.electedIds).size).toBe(election.seats);
      }),
    );
  });

  it.each(rules)('%s: the order of the ballots in the file changes nothing', (rule) => {
    fc.assert(
      fc.property(
        electionArb.chain((election) =>
          fc.tuple(fc.constant(election), fc.shuffledSubarray(election.ballots, { minLength: election.ballots.length, maxLength: election.ballots.length })),
        ),
        seedArb,
        ([election, shuffled], seed) => {
          const lot = { method: 'seeded', seed } as const;
          const original = countStv(election, { rule, lot });
          expect(countStv({ ...election, ballots: shuffled }, { rule, lot })).toEqual(original);
          // Nor does writing a ballot of weight w as w ballots of weight 1.
          const unit = election.ballots.flatMap((b) => Array.from({ length: b.weight }, () => ({ ...b, weight: 1 })));
          expect(countStv({ ...election, ballots: unit }, { rule, lot })).toEqual(original);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('scottish: a candidate with more first preferences than the quota is elected at the first stage', () => {
    fc.assert(
      fc.property(electionArb, (election) => {
        const result = countStv(election, { rule: 'scottish', lot: { method: 'candidate-order' } });
        const quota = Number(result.quota);
        for (const row of result.stages[0]?.rows ?? []) {
          if (Number(row.votes) > quota) {
            const at = result.electedIds.indexOf(row.id);
            expect(at).toBeGreaterThanOrEqual(0);
            expect(result.electedAtStage[at]).toBe(1);
          }
        }
      }),
    );
  });

  it('meek: a candidate with more first preferences than the quota is elected in the first round', () => {
    fc.assert(
      fc.property(electionArb, (election) => {
        const result = countStv(election, { rule: 'meek', lot: { method: 'candidate-order' } });
        const quota = units(result.quota, 18);
        if (result.stages.length === 1) return; // no more candidates than seats: all elected at once
        for (const row of result.stages[0]?.rows ?? []) {
          if (units(row.votes, 18) > quota) {
            const at = result.electedIds.indexOf(row.id);
            expect(at).toBeGreaterThanOrEqual(0);
            expect(result.electedAtStage[at]).toBe(2); // stage 2 is droop's round 1, the first iteration
          }
        }
      }),
    );
  });

  const conserved = (result: StvResult, election: BltElection) => {
    const digits = result.decimals;
    const valid = BigInt(papers(election)) * 10n ** BigInt(digits);
    for (const stage of result.stages) {
      const credited = stage.rows.reduce((sum, r) => sum + units(r.votes, digits), 0n);
      const sum = credited + units(stage.nonTransferable.total, digits) + units(stage.lost.total, digits);
      const lost = units(stage.lost.total, digits);
      expect(units(stage.total, digits)).toBe(valid);
      if (result.rule === 'scottish') {
        // Exact: every figure is a whole number of 10^-5, and only truncation (at most 10^-5 a paper per transfer) is lost.
        expect(sum).toBe(valid);
        expect(lost).toBeGreaterThanOrEqual(0n);
        expect(units(stage.lost.change, digits)).toBeLessThanOrEqual(BigInt(papers(election)));
      } else {
        // Figures are shown to 18 places (each within half a unit); underneath they sum exactly.
        const slack = BigInt(stage.rows.length + 2);
        expect(sum - valid <= slack && valid - sum <= slack).toBe(true);
        expect(lost >= -1n && lost <= BigInt(papers(election)) + 1n).toBe(true); // under 10^-18 a paper
      }
    }
  };

  it.each(rules)('%s: votes are conserved at every stage (elected + continuing + non-transferable + lost = valid papers)', (rule) => {
    fc.assert(
      fc.property(electionArb, seedArb, (election, seed) => {
        conserved(countStv(election, { rule, lot: { method: 'seeded', seed } }), election);
      }),
    );
  });

  it('BLT files round-trip through writeBlt and parseBlt', () => {
    fc.assert(
      fc.property(electionArb, (election) => {
        const again = parseBlt(writeBlt(election));
        expect(again.ballots.map((b) => ({ ...b, line: 0 }))).toEqual(election.ballots);
        expect({ ...again, ballots: [] }).toEqual({ ...election, ballots: [] });
      }),
    );
  });
});

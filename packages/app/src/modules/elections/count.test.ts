// The count of a constituency: the BLT election decide counts, the published file (receipts in
// comments that BLT readers skip), a recount without a departing member, and the ballot order.
import { countStv, parseBlt } from '@involve/decide';
import { describe, expect, it } from 'vitest';
import { ballotOrderOf, surnameOf } from './ballotOrder.js';
import { bltElectionOf, bltTitle, countConstituency, recountWithoutCandidates } from './count.js';

const constituency = {
  title: bltTitle('Public governors 2027', 'Public'),
  seats: 2,
  candidates: [
    { id: 30, name: 'Ada Lovelace' },
    { id: 10, name: 'Grace "Amazing" Hopper' },
    { id: 20, name: 'Alan Turing' },
  ],
};

// Ada 5 first preferences (2 then to Alan), Grace 3, Alan 2: quota = floor(10 / 3) + 1 = 4.
const ballots = [
  ...Array.from({ length: 3 }, (_, i) => ({ receipt: `A${i}`, preferences: [30] })),
  ...Array.from({ length: 2 }, (_, i) => ({ receipt: `B${i}`, preferences: [30, 20] })),
  ...Array.from({ length: 3 }, (_, i) => ({ receipt: `C${i}`, preferences: [10, 30] })),
  ...Array.from({ length: 2 }, (_, i) => ({ receipt: `D${i}`, preferences: [20, 10] })),
];

describe('counting a constituency', () => {
  it('numbers the candidates in ballot order and writes each ballot with weight 1, in receipt order', () => {
    const election = bltElectionOf(constituency, [...ballots].reverse());
    expect(election.title).toBe('Public governors 2027 — Public');
    expect(election.candidates).toEqual(['Ada Lovelace', 'Grace "Amazing" Hopper', 'Alan Turing']);
    expect(election.ballots[0]).toEqual({ weight: 1, line: 0, preferences: [[1]] });
    expect(election.ballots[3]).toEqual({ weight: 1, line: 0, preferences: [[1], [3]] });
    expect(() => bltElectionOf(constituency, [{ receipt: 'X', preferences: [99] }])).toThrow(/candidate 99, who is not standing/);
  });

  it('publishes a BLT file that decide reads back to the same count, each ballot line ending with its receipt', () => {
    const { result, blt, csv } = countConstituency(constituency, ballots, { method: 'scottish', seed: 42, receipts: true });
    expect(result.elected).toEqual(['Ada Lovelace', 'Grace "Amazing" Hopper']);
    expect(result.lot).toEqual({ method: 'seeded', generator: 'SplitMix64', seed: 42 });
    const lines = blt.split('\n');
    expect(lines[0]).toBe('3 2');
    expect(lines[1]).toBe('1 1 0 /* A0 */');
    expect(lines).toContain('1 2 1 0 /* C2 */');
    expect(lines).toContain('"Grace ""Amazing"" Hopper"');
    const read = parseBlt(blt);
    expect(read.ballots).toHaveLength(10);
    expect(countStv(read, { rule: 'scottish', lot: { method: 'seeded', seed: 42 } }).elected).toEqual(result.elected);
    expect(csv.split('\n')[0]).toMatch(/stage/i);
    expect(countConstituency(constituency, ballots, { method: 'meek', seed: 42, receipts: false }).blt).not.toContain('/*');
  });

  it('recounts the same ballots without a departing member: the seat goes to whom their votes would have gone', () => {
    const { result, fills } = recountWithoutCandidates(constituency, ballots, [30], {
      method: 'scottish',
      seed: 42,
      electedBefore: ['Ada Lovelace', 'Grace "Amazing" Hopper'],
    });
    expect(result.candidates.find((c) => c.name === 'Ada Lovelace')?.withdrawn).toBe(true);
    expect(result.elected.sort()).toEqual(['Alan Turing', 'Grace "Amazing" Hopper']);
    expect(fills).toEqual(['Alan Turing']);
    expect(() => recountWithoutCandidates(constituency, ballots, [30, 10], { method: 'scottish', seed: 1, electedBefore: [] })).toThrow(/Only 1 candidates/);
  });
});

describe('the ballot order', () => {
  const people = [
    { id: 1, name: 'Zoe Adams' },
    { id: 2, name: 'Ann de Vere' },
    { id: 3, name: 'Bob Adams' },
    { id: 4, name: 'Cy Young' },
    { id: 5, name: 'Di Brown' },
  ];

  it('is alphabetical by surname, then by the whole name', () => {
    expect(surnameOf(' Mary Ann  O’Neill ')).toBe('O’Neill');
    expect(ballotOrderOf(people, 'alphabetical', 0).map((p) => p.name)).toEqual(['Bob Adams', 'Zoe Adams', 'Di Brown', 'Ann de Vere', 'Cy Young']);
  });

  it('is random from the seed: the same seed, the same order, whatever order the candidates come in', () => {
    const order = ballotOrderOf(people, 'random', 7).map((p) => p.id);
    expect(ballotOrderOf([...people].reverse(), 'random', 7).map((p) => p.id)).toEqual(order);
    expect([...order].sort()).toEqual([1, 2, 3, 4, 5]);
    const orders = new Set(
      Array.from({ length: 20 }, (_, seed) =>
        ballotOrderOf(people, 'random', seed)
          .map((p) => p.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(10);
  });
});

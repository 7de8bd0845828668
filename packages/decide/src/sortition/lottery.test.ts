import { describe, expect, it } from 'vitest';
import { selectionProbabilities, toWeights, WEIGHT_DENOMINATOR } from './distribution.js';
import { drawFromDistribution, quotaReport } from './lottery.js';
import { SeededRandom } from './random.js';
import { smallInstance } from './testInstance.js';

describe('SeededRandom', () => {
  it('reads SHA-256 of "seed:block" as big-endian 64-bit numbers (values checked with Python hashlib)', () => {
    const random = new SeededRandom('42');
    expect([random.next64(), random.next64(), random.next64(), random.next64(), random.next64()]).toEqual([
      6085284259181818738n,
      4169698988260381361n,
      11355739645637570670n,
      2469259734799561904n,
      278651779053087998n,
    ]);
  });

  it('draws below m by rejection, without floating point', () => {
    expect(new SeededRandom('42').below(10n ** 12n)).toBe(259181818738n);
    const random = new SeededRandom('small');
    const counts = new Array<number>(3).fill(0);
    for (let i = 0; i < 3000; i++) {
      const j = random.int(3);
      counts[j] = (counts[j] ?? 0) + 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan(900);
    expect(() => random.below(0)).toThrow(RangeError);
  });
});

describe('weights and the draw', () => {
  it('rounds probabilities to whole weights adding up to the denominator, merging repeats and dropping zeros', () => {
    const distribution = toWeights(
      [
        [2, 0],
        [1, 2],
        [0, 2],
        [0, 1],
      ],
      [1 / 3, 1 / 3, 1 / 3, 0],
    );
    expect(distribution.denominator).toBe(WEIGHT_DENOMINATOR);
    expect(distribution.panels.map((panel) => panel.members)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(distribution.panels.reduce((sum, panel) => sum + panel.weight, 0)).toBe(WEIGHT_DENOMINATOR);
    expect(distribution.panels.map((panel) => panel.weight)).toEqual([666_666_666_667, 333_333_333_333]);
    const probabilities = selectionProbabilities(3, distribution);
    expect(probabilities[2]).toBe(1);
    expect(probabilities[0]).toBeCloseTo(2 / 3, 12);
  });

  it('gives the same panel for the same seed, and each panel about as often as its weight', () => {
    const distribution = toWeights([[0], [1], [2]], [0.5, 0.3, 0.2]);
    expect(drawFromDistribution(distribution, 'published-seed')).toEqual(drawFromDistribution(distribution, 'published-seed'));
    const counts = new Array<number>(3).fill(0);
    for (let s = 0; s < 2000; s++) {
      const j = drawFromDistribution(distribution, `seed ${s}`).position;
      counts[j] = (counts[j] ?? 0) + 1;
    }
    expect(counts[0]).toBeGreaterThan(900);
    expect(counts[0]).toBeLessThan(1100);
    expect(counts[2]).toBeGreaterThan(320);
    expect(counts[2]).toBeLessThan(480);
  });

  it('picks the first panel whose running total of weight exceeds the ticket', () => {
    const distribution = {
      denominator: 10,
      panels: [
        { members: [0], weight: 3 },
        { members: [1], weight: 7 },
      ],
    };
    // The ticket for seed "42" below 10 is 6085284259181818738 mod 10 = 8 (no rejection: far below the limit).
    const draw = drawFromDistribution(distribution, '42');
    expect(draw.ticket).toBe(8);
    expect(draw.position).toBe(1);
    expect(() => drawFromDistribution({ denominator: 10, panels: [{ members: [0], weight: 3 }] }, '42')).toThrow(/add up to 3, not 10/);
  });

  it('reports how a panel meets each quota', () => {
    const instance = smallInstance({
      seats: 2,
      quotas: { gender: { f: [1, 1], m: [1, 2] } },
      people: { a: { gender: 'f' }, b: { gender: 'f' }, c: { gender: 'm' } },
    });
    expect(quotaReport(instance, [0, 1]).map((line) => [line.quota.feature, line.count, line.pool, line.met])).toEqual([
      ['f', 2, 2, false],
      ['m', 0, 1, false],
    ]);
    expect(quotaReport(instance, [0, 2]).every((line) => line.met)).toBe(true);
  });
});

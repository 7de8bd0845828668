// The figures' arithmetic against hand-worked examples: counts under 10 suppressed, the median, and
// the change in ONS4 scores over the people with a start score and a later one.
import { describe, expect, it } from 'vitest';
import { countByCategory, daysBetween, median, type ScoreRow, suppress, wellbeingChange } from './figures.js';

const score = (referralId: number, id: number, takenOn: string, moment: ScoreRow['moment'], s: [number, number, number, number]): ScoreRow => ({
  referralId,
  id,
  takenOn,
  moment,
  lifeSatisfaction: s[0],
  worthwhile: s[1],
  happiness: s[2],
  anxiety: s[3],
});

describe('social prescribing figures', () => {
  it('suppresses counts under 10', () => {
    expect([0, 1, 9, 10, 42].map(suppress)).toEqual([null, null, null, 10, 42]);
  });

  it('takes the median of odd and even numbers of values, and none of none', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 0, 0, 5, 6, 1])).toBe(3);
  });

  it('counts whole days between dates, across a change of the clocks', () => {
    expect(daysBetween('2026-03-27', '2026-04-03')).toBe(7);
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
  });

  it('counts connections by category, the suppressed ones after the rest, by name', () => {
    const categories = [...Array(12).fill('Physical activity'), ...Array(10).fill('Social groups'), 'Food', '', 'Carers', 'Carers'];
    expect(countByCategory(categories)).toEqual([
      { category: 'Physical activity', count: 12 },
      { category: 'Social groups', count: 10 },
      { category: 'Carers', count: null },
      { category: 'Food', count: null },
      { category: 'No category', count: null },
    ]);
  });

  // Ten people: five go from 3 to 7 in life satisfaction, five stay at 5; so the mean start is 4,
  // the mean latest 6 and the mean change +2. Anxiety goes from 8 to 5 for everyone: −3.
  const tenPeople = Array.from({ length: 10 }, (_, i) => {
    const low = i < 5;
    return [
      score(i + 1, i * 10 + 1, '2026-01-10', 'start', [low ? 3 : 5, 4, 5, 8]),
      score(i + 1, i * 10 + 2, '2026-02-10', 'follow_up', [low ? 5 : 5, 5, 5, 6]),
      score(i + 1, i * 10 + 3, '2026-03-10', 'closing', [low ? 7 : 5, 6, 6, 5]),
    ];
  }).flat();

  it('compares each person’s start with their latest later scores, as means to 1 decimal', () => {
    const change = wellbeingChange(tenPeople);
    expect(change.n).toBe(10);
    expect(change.measures).toEqual([
      { key: 'lifeSatisfaction', label: 'Life satisfaction', higherIsBetter: true, start: 4, latest: 6, change: 2 },
      { key: 'worthwhile', label: 'Worthwhile', higherIsBetter: true, start: 4, latest: 6, change: 2 },
      { key: 'happiness', label: 'Happiness', higherIsBetter: true, start: 5, latest: 6, change: 1 },
      { key: 'anxiety', label: 'Anxiety', higherIsBetter: false, start: 8, latest: 5, change: -3 },
    ]);
  });

  it('leaves out people without a start or without a later score, and shows nothing under 10 people', () => {
    const others = [
      score(100, 1001, '2026-01-10', 'start', [1, 1, 1, 1]),
      score(101, 1002, '2026-02-10', 'follow_up', [9, 9, 9, 9]),
      score(102, 1003, '2026-01-10', 'start', [2, 2, 2, 2]),
      score(102, 1004, '2026-01-10', 'start', [3, 3, 3, 3]),
    ];
    expect(wellbeingChange([...tenPeople, ...others]).measures[0]).toMatchObject({ start: 4, latest: 6, change: 2 });
    const nine = wellbeingChange(tenPeople.filter((s) => s.referralId !== 1));
    expect(nine.n).toBe(9);
    expect(nine.measures.every((m) => m.start === null && m.latest === null && m.change === null)).toBe(true);
  });

  it('rounds means to 1 decimal', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [
      score(i + 1, i * 2 + 1, '2026-01-01', 'start', [i % 3, 0, 0, 0]),
      score(i + 1, i * 2 + 2, '2026-02-01', 'follow_up', [i % 3 === 0 ? 1 : 2, 0, 0, 0]),
    ]).flat();
    // start: four each of 0, 1, 2 → 1; latest: four 1s and eight 2s → 20/12 = 1.67 → 1.7; change 0.67 → 0.7.
    expect(wellbeingChange(rows).measures[0]).toMatchObject({ start: 1, latest: 1.7, change: 0.7 });
  });
});

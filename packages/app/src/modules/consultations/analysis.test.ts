import { describe, expect, it } from 'vitest';
import { figuresOf, representation, smallestGroup, suppressRow } from './analysis.js';
import type { AnswerValue, Question } from './questions.js';

const question = (kind: Question['kind'], options: string[] = ['Red', 'Green', 'Blue']): Question => ({
  id: 1,
  position: 1,
  kind,
  text: 'Which?',
  hint: null,
  required: false,
  options,
  budget: kind === 'allocation' ? 100 : null,
  aboutYouKey: null,
});

/** Every count or share a row shows comes from 10 people or more. */
function noSmallShares(row: ReturnType<typeof suppressRow>) {
  for (const cell of row.cells) if (cell.count !== null) expect(cell.count === 0 || cell.count >= smallestGroup).toBe(true);
}

describe('suppression', () => {
  it('hides a row whose total is under 10', () => {
    expect(
      suppressRow([
        { label: 'a', count: 5 },
        { label: 'b', count: 4 },
      ]),
    ).toEqual({
      total: null,
      cells: [
        { label: 'a', count: null, share: null },
        { label: 'b', count: null, share: null },
      ],
    });
  });

  it('hides counts from 1 to 9, and a second cell so the hidden one cannot be worked out from the total', () => {
    const row = suppressRow([
      { label: 'a', count: 40 },
      { label: 'b', count: 3 },
      { label: 'c', count: 20 },
      { label: 'd', count: 0 },
    ]);
    noSmallShares(row);
    expect(row.total).toBe(63);
    expect(row.cells.map((c) => c.count)).toEqual([40, null, null, 0]);
    expect(row.cells[0]?.share).toBeCloseTo(40 / 63);
  });

  it('hides cells until the hidden ones hold at least 10 people', () => {
    const row = suppressRow([
      { label: 'a', count: 2 },
      { label: 'b', count: 3 },
      { label: 'c', count: 12 },
      { label: 'd', count: 50 },
    ]);
    expect(row.cells.map((c) => c.count)).toEqual([null, null, null, 50]);
  });

  it('shows every cell when none is small', () => {
    expect(
      suppressRow([
        { label: 'a', count: 10 },
        { label: 'b', count: 30 },
      ]).cells.map((c) => c.share),
    ).toEqual([0.25, 0.75]);
  });
});

describe('figures of a question', () => {
  const many = <T extends AnswerValue>(n: number, value: T) => Array.from({ length: n }, () => value);

  it('counts choices, hiding small ones', () => {
    const answers = [...many(30, { choice: 'Red' }), ...many(4, { choice: 'Green' }), ...many(12, { choice: 'Blue' })];
    const figures = figuresOf(question('single_choice'), answers);
    expect(figures.answered).toBe(46);
    expect(figures.row?.cells.map((c) => c.count)).toEqual([30, null, null]);
  });

  it('ranks by mean place and shares points by mean, hiding both under 10 answers', () => {
    const ranking = question('ranking');
    const answers = [...many(6, { order: ['Red', 'Green', 'Blue'] }), ...many(6, { order: ['Blue', 'Red', 'Green'] })];
    expect(figuresOf(ranking, answers).scores).toEqual([
      { label: 'Red', value: 1.5 },
      { label: 'Blue', value: 2 },
      { label: 'Green', value: 2.5 },
    ]);
    expect(figuresOf(ranking, answers.slice(0, 9)).scores?.every((s) => s.value === null)).toBe(true);
    const allocation = figuresOf(question('allocation'), many(10, { points: { Red: 60, Blue: 40 } }));
    expect(allocation.scores).toEqual([
      { label: 'Red', value: 60 },
      { label: 'Blue', value: 40 },
      { label: 'Green', value: 0 },
    ]);
  });
});

describe('who answered against the population', () => {
  it('gives answer and population shares per group, and "not enough answers" under 10', () => {
    const rows = representation(
      [
        { label: 'Female', count: 60 },
        { label: 'Male', count: 35 },
        { label: 'Prefer not to say', count: 5 },
      ],
      new Map([
        ['Female', 5100],
        ['Male', 4900],
      ]),
    );
    expect(rows[0]).toEqual({ label: 'Female', answers: 60, answerShare: 0.6, populationShare: 0.51 });
    expect(rows[2]).toEqual({ label: 'Prefer not to say', answers: null, answerShare: null, populationShare: null });
    // Only one small group: the next smallest is hidden too, so it cannot be worked out.
    expect(rows[1]?.answers).toBeNull();
  });
});

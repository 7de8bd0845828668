// Counting a consultation's answers for staff and the public, never showing a share of fewer than
// 10 people: a count from 1 to 9 is shown as "fewer than 10", and when that would let the hidden
// count be worked out from the total and the others (one hidden cell in a row), the next smallest is
// hidden too, until the hidden cells together hold at least 10 people. Plain functions over plain
// data; the pages and exports all take their figures from here.
import { type AnswerValue, optionsOf, type Question } from './questions.js';

/** The smallest group whose count or share may be shown. */
export const smallestGroup = 10;

export interface Cell {
  label: string;
  count: number;
}

export interface ShownCell {
  label: string;
  /** null when hidden: fewer than 10 people, or hidden so a hidden count cannot be worked out. */
  count: number | null;
  /** Share of the row's total, 0–1, or null when hidden. */
  share: number | null;
}

export interface ShownRow {
  cells: ShownCell[];
  /** The people who answered (null when fewer than 10: then every cell is hidden). */
  total: number | null;
}

/** The cells of one breakdown with small counts hidden (and a second where one alone would show). */
export function suppressRow(cells: readonly Cell[], total: number = cells.reduce((n, c) => n + c.count, 0)): ShownRow {
  if (total < smallestGroup) return { total: null, cells: cells.map((c) => ({ label: c.label, count: null, share: null })) };
  const hidden = new Set(cells.flatMap((c, i) => (c.count > 0 && c.count < smallestGroup ? [i] : [])));
  const hiddenSum = () => [...hidden].reduce((n, i) => n + (cells[i]?.count ?? 0), 0);
  // One hidden cell, or hidden cells holding fewer than 10 people, could be worked out: hide more.
  const bySize = cells.map((c, i) => ({ i, count: c.count })).sort((a, b) => a.count - b.count || a.i - b.i);
  while (hidden.size > 0 && (hidden.size === 1 || hiddenSum() < smallestGroup) && hidden.size < cells.length) {
    const next = bySize.find((c) => !hidden.has(c.i) && c.count > 0) ?? bySize.find((c) => !hidden.has(c.i));
    if (!next) break;
    hidden.add(next.i);
  }
  return {
    total,
    cells: cells.map((c, i) =>
      hidden.has(i) ? { label: c.label, count: null, share: null } : { label: c.label, count: c.count, share: total ? c.count / total : 0 },
    ),
  };
}

export interface QuestionFigures {
  questionId: number;
  kind: Question['kind'];
  /** People who answered this question. */
  answered: number;
  /** For choice, scale and "about you" questions: people per option. For rankings: people who put each option first. */
  row: ShownRow | null;
  /** Rankings: the mean place of each option (1 = first), most preferred first; allocations: total and mean points. */
  scores: Array<{ label: string; value: number | null }> | null;
}

/** The figures of one question from every answer to it. */
export function figuresOf(question: Question, answers: readonly AnswerValue[]): QuestionFigures {
  const options = optionsOf(question);
  const answered = answers.length;
  const base = { questionId: question.id, kind: question.kind, answered };
  const tooFew = answered < smallestGroup;
  switch (question.kind) {
    case 'free_text':
      return { ...base, row: null, scores: null };
    case 'single_choice':
    case 'agree_scale':
    case 'about_you':
    case 'multiple_choice': {
      const counts = new Map(options.map((o) => [o, 0]));
      for (const a of answers) {
        const chosen = 'choice' in a ? [a.choice] : 'choices' in a ? a.choices : [];
        for (const c of chosen) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      return {
        ...base,
        row: suppressRow(
          [...counts].map(([label, count]) => ({ label, count })),
          answered,
        ),
        scores: null,
      };
    }
    case 'ranking': {
      const firsts = new Map(options.map((o) => [o, 0]));
      const placeSums = new Map(options.map((o) => [o, 0]));
      for (const a of answers) {
        if (!('order' in a)) continue;
        firsts.set(a.order[0] ?? '', (firsts.get(a.order[0] ?? '') ?? 0) + 1);
        for (const [i, o] of a.order.entries()) placeSums.set(o, (placeSums.get(o) ?? 0) + i + 1);
      }
      const scores = options
        .map((label) => ({ label, value: tooFew ? null : round((placeSums.get(label) ?? 0) / answered, 2) }))
        .sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
      return {
        ...base,
        row: suppressRow(
          [...firsts].filter(([label]) => options.includes(label)).map(([label, count]) => ({ label, count })),
          answered,
        ),
        scores,
      };
    }
    case 'allocation': {
      const sums = new Map(options.map((o) => [o, 0]));
      for (const a of answers) if ('points' in a) for (const [o, p] of Object.entries(a.points)) sums.set(o, (sums.get(o) ?? 0) + p);
      const scores = options
        .map((label) => ({ label, value: tooFew ? null : round((sums.get(label) ?? 0) / answered, 1) }))
        .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
      return { ...base, row: null, scores };
    }
  }
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

export interface Representation {
  label: string;
  /** Answers in this group (null when hidden). */
  answers: number | null;
  /** Share of the answers that gave this question (null when hidden). */
  answerShare: number | null;
  /** Share of the places' population in this group (null when the profile lacks it). */
  populationShare: number | null;
}

/**
 * Who answered, against the population of the places the consultation was for: per group, the
 * share of answers and the share of people. Groups with fewer than 10 answers show neither count
 * nor share ("not enough answers").
 */
export function representation(answerCounts: readonly Cell[], population: ReadonlyMap<string, number>): Representation[] {
  const shown = suppressRow(answerCounts);
  const people = [...population.values()].reduce((n, v) => n + v, 0);
  return shown.cells.map((c) => ({
    label: c.label,
    answers: c.count,
    answerShare: c.share,
    populationShare: people > 0 && population.has(c.label) ? (population.get(c.label) ?? 0) / people : null,
  }));
}

// Scores findIdentifiers against a labelled set: per kind and overall, for the benchmark and the
// quality test. A predicted span is correct when it has the same kind as an expected span and overlaps
// it; an expected span is found when a correct predicted span overlaps it.
import { type IdentifierKind, type IdentifierSpan, identifierKinds } from '../types.js';
import type { LabelledSentence } from './labelledSet.js';

export const matchingRule = 'a predicted span counts as correct when it has the same kind as an expected span and overlaps it';

export interface KindScore {
  kind: IdentifierKind;
  /** Expected spans. */
  expected: number;
  /** Predicted spans. */
  predicted: number;
  /** Expected spans found (true positives, counted on the expected side). */
  truePositives: number;
  /** Predicted spans that match no expected span of their kind. */
  falsePositives: number;
  /** Expected spans not found. */
  falseNegatives: number;
  /** truePositives / expected (1 when nothing was expected). */
  recall: number;
  /** Correct predicted spans / predicted (1 when nothing was predicted). */
  precision: number;
}

export interface Mistake {
  sentence: string;
  kind: IdentifierKind;
  text: string;
  /** 'missed': expected and not found; 'wrong': predicted and not expected. */
  type: 'missed' | 'wrong';
}

export interface Score {
  sentences: number;
  byKind: KindScore[];
  overall: { expected: number; predicted: number; recall: number; precision: number };
  mistakes: Mistake[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export function scoreIdentifiers(sentences: readonly LabelledSentence[], find: (text: string) => IdentifierSpan[]): Score {
  const counts = new Map(identifierKinds.map((kind) => [kind, { expected: 0, predicted: 0, found: 0, correct: 0 }]));
  const mistakes: Mistake[] = [];
  for (const sentence of sentences) {
    const predicted = find(sentence.text);
    for (const span of sentence.spans) {
      const count = counts.get(span.kind) as { expected: number; found: number };
      count.expected++;
      if (predicted.some((p) => p.kind === span.kind && overlaps(p, span))) count.found++;
      else mistakes.push({ sentence: sentence.text, kind: span.kind, text: span.text, type: 'missed' });
    }
    for (const span of predicted) {
      const count = counts.get(span.kind) as { predicted: number; correct: number };
      count.predicted++;
      if (sentence.spans.some((e) => e.kind === span.kind && overlaps(e, span))) count.correct++;
      else mistakes.push({ sentence: sentence.text, kind: span.kind, text: sentence.text.slice(span.start, span.end), type: 'wrong' });
    }
  }
  const byKind = identifierKinds.map((kind): KindScore => {
    const c = counts.get(kind) as { expected: number; predicted: number; found: number; correct: number };
    return {
      kind,
      expected: c.expected,
      predicted: c.predicted,
      truePositives: c.found,
      falsePositives: c.predicted - c.correct,
      falseNegatives: c.expected - c.found,
      recall: c.expected === 0 ? 1 : c.found / c.expected,
      precision: c.predicted === 0 ? 1 : c.correct / c.predicted,
    };
  });
  const all = [...counts.values()].reduce(
    (a, c) => ({ expected: a.expected + c.expected, predicted: a.predicted + c.predicted, found: a.found + c.found, correct: a.correct + c.correct }),
    {
      expected: 0,
      predicted: 0,
      found: 0,
      correct: 0,
    },
  );
  return {
    sentences: sentences.length,
    byKind,
    overall: {
      expected: all.expected,
      predicted: all.predicted,
      recall: all.expected === 0 ? 1 : all.found / all.expected,
      precision: all.predicted === 0 ? 1 : all.correct / all.predicted,
    },
    mistakes,
  };
}

/** The aims from issue 3: recall per kind, and precision over all kinds. */
export const aims = {
  recall: { nhs_number: 0.99, email: 0.99, phone: 0.99, postcode: 0.99, date: 0.99, name: 0.9 } as Partial<Record<IdentifierKind, number>>,
  overallPrecision: 0.9,
};

/** The aims a score misses, in words; empty when all are met. */
export function missedAims(score: Score): string[] {
  const missed: string[] = [];
  for (const kind of score.byKind) {
    const aim = aims.recall[kind.kind];
    if (aim !== undefined && kind.recall < aim) missed.push(`${kind.kind} recall ${kind.recall.toFixed(3)} is below ${aim}`);
  }
  if (score.overall.precision < aims.overallPrecision) missed.push(`overall precision ${score.overall.precision.toFixed(3)} is below ${aims.overallPrecision}`);
  return missed;
}

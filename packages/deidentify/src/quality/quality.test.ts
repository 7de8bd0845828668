// The quality bar for de-identification: the labelled set meets the aims of issue 3, so a change to the
// rules that loses recall or precision fails CI. (Quality, not timing: the benchmark measures speed.)
import { describe, expect, it } from 'vitest';
import { findIdentifiers } from '../deidentify.js';
import { isValidNhsNumber } from '../rules/nhsNumber.js';
import { developmentSentences, heldOutSentences, labelledSentences, secondHeldOutSentences, thirdHeldOutSentences } from './labelledSet.js';
import { missedAims, scoreIdentifiers } from './score.js';

describe('the labelled set', () => {
  it('has at least 300 sentences, with and without identifiers', () => {
    expect(labelledSentences.length).toBeGreaterThanOrEqual(300);
    const parts = [developmentSentences, heldOutSentences, secondHeldOutSentences, thirdHeldOutSentences];
    expect(parts.reduce((sum, part) => sum + part.length, 0)).toBe(labelledSentences.length);
    expect(labelledSentences.filter((s) => s.spans.length === 0).length).toBeGreaterThanOrEqual(100);
  });

  it('labels only valid NHS numbers, and its ten-digit look-alikes fail the check', () => {
    for (const sentence of labelledSentences) {
      for (const span of sentence.spans) if (span.kind === 'nhs_number') expect(isValidNhsNumber(span.text), span.text).toBe(true);
      for (const match of sentence.text.matchAll(/(?<!\d)\d{10}(?!\d)/g)) {
        const labelled = sentence.spans.some((s) => s.kind === 'nhs_number' && s.text.replace(/\D/g, '') === match[0]);
        expect(labelled || !isValidNhsNumber(match[0]), match[0]).toBe(true);
      }
    }
  });

  it('has spans that match their text and do not overlap', () => {
    for (const sentence of labelledSentences) {
      let end = 0;
      for (const span of sentence.spans) {
        expect(sentence.text.slice(span.start, span.end)).toBe(span.text);
        expect(span.start).toBeGreaterThanOrEqual(end);
        end = span.end;
      }
    }
  });
});

describe('de-identification quality', () => {
  it('meets the aims: recall ≥ 0.99 on NHS numbers, emails, phones, postcodes and dates, ≥ 0.9 on names; precision ≥ 0.9', () => {
    const score = scoreIdentifiers(labelledSentences, (text) => findIdentifiers(text));
    expect(missedAims(score)).toEqual([]);
  });

  it('finds every NHS number and email in the set, with confidence 0.99', () => {
    const score = scoreIdentifiers(labelledSentences, (text) => findIdentifiers(text).filter((s) => s.confidence === 0.99));
    for (const kind of score.byKind.filter((k) => k.kind === 'nhs_number' || k.kind === 'email')) expect(kind.recall, kind.kind).toBe(1);
  });
});

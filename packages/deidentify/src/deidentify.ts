// De-identification: finds what could identify a person in free text (a story, a response, a comment)
// so a moderator can see it and remove it before anything is published. Pure functions, no I/O.
//
//   const spans = findIdentifiers(text);  // sorted, non-overlapping, offsets in UTF-16 code units
//   const safe = redact(text, spans);     // "[name removed]", "[NHS number removed]", …
//
// Each kind has its own rule file under rules/: nhsNumber.ts (Modulus 11), phone.ts, email.ts,
// postcode.ts, dates.ts, address.ts and names.ts (with nameLists.ts); the types are in types.ts.
// Checked patterns (NHS numbers, emails) carry confidence 0.99; other patterns 0.85–0.97; heuristic
// names 0.7–0.9. Where two rules claim overlapping text, the more confident one wins (then the
// longer), so "14 Victoria Street" is an address, not the name Victoria. Measured by
// bench/deidentify.ts over quality/labelledSet.ts.
// What each kind covers, and what it deliberately leaves alone, is written at the top of its file.
import { findAddresses } from './rules/address.js';
import { findDates } from './rules/dates.js';
import { findEmails } from './rules/email.js';
import { findNames } from './rules/names.js';
import { findNhsNumbers } from './rules/nhsNumber.js';
import { findPhones } from './rules/phone.js';
import { findPostcodes } from './rules/postcode.js';
import type { FindOptions, IdentifierKind, IdentifierSpan } from './types.js';

/** What each kind becomes in redacted text; also the wording moderators see. */
export const redactionLabels: Readonly<Record<IdentifierKind, string>> = {
  name: '[name removed]',
  nhs_number: '[NHS number removed]',
  phone: '[phone number removed]',
  email: '[email removed]',
  postcode: '[postcode removed]',
  date: '[date removed]',
  address: '[address removed]',
};

/** Finds identifiers in `text`: sorted by start, never overlapping. */
export function findIdentifiers(text: string, options: FindOptions = {}): IdentifierSpan[] {
  const candidates = [
    ...findNhsNumbers(text),
    ...findEmails(text),
    ...findPhones(text),
    ...findPostcodes(text),
    ...findDates(text),
    ...findAddresses(text),
    ...findNames(text),
  ];
  const spans = resolveOverlaps(candidates);
  return options.withText ? spans.map((span) => ({ ...span, text: text.slice(span.start, span.end) })) : spans;
}

/** Keeps the most confident (then the longest, then the earliest) of any overlapping candidates. */
export function resolveOverlaps(candidates: IdentifierSpan[]): IdentifierSpan[] {
  const byStrength = [...candidates].sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: IdentifierSpan[] = [];
  for (const candidate of byStrength) {
    if (candidate.end <= candidate.start) continue;
    if (kept.some((span) => candidate.start < span.end && span.start < candidate.end)) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Replaces each span with its label ("[name removed]", …). Spans may come in any order; overlapping
 * spans are merged so no identifier is left half-visible (the merged span takes the earlier label).
 * Throws when a span lies outside the text: the spans were found in different text.
 */
export function redact(text: string, spans: readonly Pick<IdentifierSpan, 'start' | 'end' | 'kind'>[]): string {
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let result = '';
  let cursor = 0;
  for (const span of ordered) {
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end > text.length || span.end < span.start) {
      throw new RangeError(`Span ${span.start}–${span.end} does not fit a text of length ${text.length}`);
    }
    if (span.end <= cursor) continue; // inside a span already removed
    if (span.start < cursor) {
      cursor = span.end; // overlaps the previous span: extend what was removed
      continue;
    }
    result += text.slice(cursor, span.start) + redactionLabels[span.kind];
    cursor = span.end;
  }
  return result + text.slice(cursor);
}

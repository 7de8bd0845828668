// UK postcodes: full postcodes only ("LS6 2QT", "ls62qt", "SW1A 1AA"), in any case, with or without
// the space. An outward code alone ("LS6", "M1") is not flagged: it covers thousands of homes and is
// too easily a bus, a road ("A61"), a motorway or a room ("L14").
import type { IdentifierSpan } from '../types.js';

// Outward code: area (1–2 letters; the first never Q, V or X, the second never I, J or Z) and district
// (a digit, then an optional digit or letter). Inward code: a digit and two letters, never C, I, K,
// M, O or V; so "B12 4pm" and "L14 3am" are not postcodes.
const postcodePattern = /(?<![\p{L}\p{N}])([A-PR-UWYZ](?:[A-HK-Y])?\d[A-Z\d]?)( ?)(\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/giu;

export function findPostcodes(text: string): IdentifierSpan[] {
  const found: IdentifierSpan[] = [];
  for (const match of text.matchAll(postcodePattern)) {
    const [whole, , space] = match;
    const allUpper = whole === whole.toUpperCase();
    // Lower case without the space ("bd96rx") is still a postcode, but less surely than "BD9 6RX".
    const confidence = allUpper || space ? 0.95 : 0.85;
    found.push({ start: match.index, end: match.index + whole.length, kind: 'postcode', confidence });
  }
  return found;
}

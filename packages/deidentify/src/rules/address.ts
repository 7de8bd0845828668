// Street addresses: a house number (or a flat and a house number) followed by a street
// ("12 Acacia Avenue", "14a Station Road", "Flat 3, 4 Mill Lane", "8 The Crescent"). The town and
// postcode are not part of the span (postcodes are their own kind). A flat in a named building counts too
// ("Flat 9, Marlborough Towers"). A street named without a number
// ("on Station Road", "Elland Road vaccination centre") identifies nobody and is left alone.
import type { IdentifierSpan } from '../types.js';

// Street words. "St", "Dr", "Park", "Green", "Hill", "Bank", "Way" and the like are also ordinary words, so
// every street needs at least one capitalised word before its street word (or "The": "8 The Crescent").
const streetWords = `
  Road Rd Street St Lane Ln Avenue Ave Drive Close Court Ct Crescent Cres Grove Terrace Tce Place Pl Way
  Gardens Gdns Walk Hill Row View Mews Square Sq Parade Rise Bank Green Croft Fold Garth Vale Mount Park Wynd
  Gate Chase Heights Villas Cottages Yard Grange Meadows Meadow Lea Brow Approach Boulevard Wharf Quay Circus
  Dale Glade Nook Passage Broadway Embankment Estate
`
  .trim()
  .split(/\s+/);
const streetWord = `(?:${streetWords.join('|')})`;
const flat = String.raw`(?:(?:Flat|Apartment|Apt|Unit)\.?\s+\d{1,4}[A-Za-z]?,?\s+)`;
// House numbers up to 4 digits, but not years ("In 2021 Station Road was closed").
const houseNumber = String.raw`(?!(?:19|20)\d\d(?!\d))\d{1,4}[A-Za-z]?`;
const nameWord = String.raw`[A-Z][\p{L}'’-]*`;
// A flat in a named building, without a street number: "Flat 9, Marlborough Towers".
const buildingWord = '(?:House|Court|Towers|Tower|Mansions|Lodge|Point|Heights|Apartments|Buildings|Place|Mill|Works|Wharf)';
const flatInBuildingPattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:Flat|Apartment|Apt)\.?\s+\d{1,4}[A-Za-z]?,?\s+(?:${nameWord}\s+){1,3}${buildingWord}(?![\p{L}\p{N}'’-])`,
  'gu',
);
const addressPattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${flat})?${houseNumber},?\s+(?:The\s+${streetWord}|(?:${nameWord}\s+){1,3}${streetWord})(?![\p{L}\p{N}'’-])`,
  'gu',
);

export function findAddresses(text: string): IdentifierSpan[] {
  const found: IdentifierSpan[] = [];
  for (const match of text.matchAll(addressPattern)) {
    found.push({ start: match.index, end: match.index + match[0].length, kind: 'address', confidence: match[1] ? 0.9 : 0.85 });
  }
  for (const match of text.matchAll(flatInBuildingPattern)) {
    found.push({ start: match.index, end: match.index + match[0].length, kind: 'address', confidence: 0.85 });
  }
  return mergeAdjacent(text, found);
}

/** "Flat 7, Brunswick House" + ", " + "3 Brunswick Place" is one address. */
function mergeAdjacent(text: string, spans: IdentifierSpan[]): IdentifierSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: IdentifierSpan[] = [];
  for (const span of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && span.start >= previous.end && /^,?\s*$/.test(text.slice(previous.end, span.start))) {
      merged[merged.length - 1] = { ...previous, end: span.end, confidence: Math.max(previous.confidence, span.confidence) };
    } else {
      merged.push(span);
    }
  }
  return merged;
}

// UK phone numbers: 01, 02, 03, 07 and 08 numbers, written with +44 or 0, with spaces, dashes or
// brackets ("0113 496 0321", "(0113) 496 0321", "+44 (0)7700 900123", "07700900123"). Every number
// counts, surgeries' and switchboards' too: the rule cannot tell whose a number is. Short numbers
// (111, 999, "extension 54321", "text 60060") are never phone numbers here.
import type { IdentifierSpan } from '../types.js';

// A start (+44, optionally "(0)", or a 0, optionally after a bracket) and then digit groups separated
// by at most one space, dash or bracket; the groups are weighed below.
const candidatePattern = /(?<![\p{L}\p{N}+])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(0(?=\d)|0(?=\d))[\d() -]*\d/gu;
const groupPattern = /\d+/g;

/** True for a national number (starting 0) of a UK range that people give out as a phone number. */
export function isUkPhoneNumber(national: string): boolean {
  if (!/^0\d+$/.test(national)) return false;
  if (national.length === 11) return /^0[12378]/.test(national);
  // Ten-digit numbers still exist on a few 01 area codes and on 0800 freephone numbers; a few
  // freephone helplines have eight ("0800 1111").
  if (national.length === 10) return /^01|^0800/.test(national);
  if (national.length === 8) return /^080[08]/.test(national);
  return false;
}

export function findPhones(text: string): IdentifierSpan[] {
  const found: IdentifierSpan[] = [];
  for (const match of text.matchAll(candidatePattern)) {
    const span = longestPhonePrefix(match[0]);
    if (span === null) continue;
    const start = match.index;
    found.push({ start, end: start + span.length, kind: 'phone', confidence: span.confidence });
  }
  return found;
}

/**
 * Takes digit groups from the start of the candidate while their gaps look like a phone number's (one
 * space, dash or bracket), and returns the longest run of groups that makes a valid UK number, so
 * "07700 900123 2 copies" gives "07700 900123".
 */
function longestPhonePrefix(candidate: string): { length: number; confidence: number } | null {
  const international = candidate.startsWith('+44');
  const body = international ? candidate.slice(3) : candidate;
  const offset = candidate.length - body.length;
  let national = international ? '0' : '';
  let best: { length: number; confidence: number } | null = null;
  let previousEnd = 0;
  let groups = 0;
  for (const group of body.matchAll(groupPattern)) {
    const gap = body.slice(previousEnd, group.index);
    if (groups > 0 && !/^(?:[ -]|\) ?| ?\(|\) ?\(?)?$/.test(gap)) break;
    groups++;
    // "+44 (0)113…": the bracketed 0 is not dialled from abroad, and it is already counted.
    if (!(international && group[0] === '0' && national === '0')) national += group[0];
    previousEnd = group.index + group[0].length;
    if (national.length > 11 || groups > 5) break;
    if (isUkPhoneNumber(national)) {
      // Eleven digits with no gaps at all could be any long number: a little less sure.
      best = { length: offset + previousEnd, confidence: groups === 1 && !international ? 0.9 : 0.95 };
    }
  }
  return best;
}

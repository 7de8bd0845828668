// NHS numbers: the Modulus 11 check, and finding ten-digit numbers that pass it in free text.
import type { IdentifierSpan } from '../types.js';

/**
 * The check digit for the first nine digits of an NHS number, or null when no NHS number can start
 * with them. Weights 10 down to 2; check digit = 11 − (sum mod 11); 11 becomes 0; 10 is invalid.
 * Example: 943 476 591 → 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2;
 * 11 − 2 = 9, so 943 476 5919 is valid.
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new Error(`nhsCheckDigit needs nine digits, not "${firstNine}"`);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

/** True when `value` is ten digits (spaces and dashes ignored) that pass the Modulus 11 check. */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  return nhsCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

// Ten digits as 3-3-4 with optional spaces, dashes or dots between the groups; never part of a longer
// run of digits (a phone number, an account number) or of a word ("K1234567890").
const candidatePattern = /(?<![\p{L}\p{N}])(?<![\p{N}][.-])\d{3}[ .-]?\d{3}[ .-]?\d{4}(?![\p{L}\p{N}])(?![.-]?\d)/gu;

// Numbers starting 01, 02, 03, 07 or 08 that are also shaped like UK phone numbers are left to the
// phone rule: no NHS number in England has been issued starting with 0, and reading "0113 496 0123"
// as an NHS number because it happens to pass the check would be the wrong label.
const phoneLikeStart = /^0[12378]/;

export function findNhsNumbers(text: string): IdentifierSpan[] {
  const found: IdentifierSpan[] = [];
  for (const match of text.matchAll(candidatePattern)) {
    const digits = match[0].replace(/\D/g, '');
    if (phoneLikeStart.test(digits)) continue;
    if (!isValidNhsNumber(digits)) continue;
    const start = match.index;
    found.push({ start, end: start + match[0].length, kind: 'nhs_number', confidence: 0.99 });
  }
  return found;
}

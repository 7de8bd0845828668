// Email addresses: anything shaped like name@domain.tld, with or without dots, plus signs and numbers.
import type { IdentifierSpan } from '../types.js';

const emailPattern =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-](?:[\p{L}\p{N}._%+-]*[\p{L}\p{N}_%+-])?@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}(?![\p{L}\p{N}-]|\.\p{L})/gu;

export function findEmails(text: string): IdentifierSpan[] {
  return [...text.matchAll(emailPattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    kind: 'email' as const,
    confidence: 0.99,
  }));
}

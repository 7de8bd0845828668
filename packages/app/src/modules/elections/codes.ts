// Voting codes and receipts: random text from letters and digits nobody mistakes for each other (no
// 0/O, 1/I/L), typed in any case with spaces or hyphens. Only a code's SHA-256 is kept.
import { createHash, randomInt } from 'node:crypto';

const unambiguous = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `length` characters drawn uniformly from the unambiguous alphabet. */
export const randomCode = (length: number) => Array.from({ length }, () => unambiguous[randomInt(unambiguous.length)]).join('');

/** A voting code: 12 characters (31^12, about 8 × 10^17). */
export const votingCode = () => randomCode(12);

/** A receipt: 10 characters. */
export const receiptCode = () => randomCode(10);

/** A code as typed ("abcd-efgh jkmn") in the form it was made. */
export const normaliseCode = (typed: string) => typed.toUpperCase().replace(/[\s-]+/g, '');

/** What is kept of a voting code. */
export const codeHash = (code: string) => createHash('sha256').update(normaliseCode(code)).digest('hex');

/** A code written in groups of four for a letter or an email ("ABCD-EFGH-JKMN"). */
export const groupedCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

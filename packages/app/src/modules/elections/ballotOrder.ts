// The order candidates stand in on the ballot paper, the statements page and the BLT file:
// alphabetical by surname then the rest of the name (as UK ballot papers are), or a random order
// drawn from the election's published seed, so anyone can draw it again.
import { seededRandom } from '@involve/decide/seededRandom';
import type { BallotOrder } from './schema.js';

export interface OrderedCandidate {
  id: number;
  name: string;
}

/** The surname: the last word of the name as written ("Mary Ann O'Neill" → "O'Neill"). */
export function surnameOf(name: string): string {
  const words = name.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });

/** By surname, then the whole name, then id (two people may share a name). */
function alphabetical(a: OrderedCandidate, b: OrderedCandidate): number {
  return collator.compare(surnameOf(a.name), surnameOf(b.name)) || collator.compare(a.name, b.name) || a.id - b.id;
}

/**
 * The candidates in ballot order. Random: a Fisher–Yates shuffle of the candidates taken in id order,
 * driven by seededRandom(seed), so the same seed and candidates always give the same order.
 */
export function ballotOrderOf<T extends OrderedCandidate>(candidates: readonly T[], order: BallotOrder, seed: number): T[] {
  if (order === 'alphabetical') return [...candidates].sort(alphabetical);
  const shuffled = [...candidates].sort((a, b) => a.id - b.id);
  const random = seededRandom(seed);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  return shuffled;
}

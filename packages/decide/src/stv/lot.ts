// Drawing lots when the rules cannot separate tied candidates. A lot is drawn from a seeded
// generator, and the seed is part of the result, so anyone can repeat the count to the letter.
//
// The generator is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014), chosen because it is a few lines in any language:
//   state ← state + 0x9E3779B97F4A7C15 (mod 2^64)
//   z ← state; z ← (z ⊕ (z >> 30)) × 0xBF58476D1CE4E5B9; z ← (z ⊕ (z >> 27)) × 0x94D049BB133111EB; z ← z ⊕ (z >> 31)
// To draw among n tied candidates, sorted by candidate number, take outputs until one is below
// ⌊2^64 / n⌋ × n (so that every candidate is equally likely), and choose the candidate at position
// (output mod n).
//
// The other source, 'candidate-order', is droop's: without a [tie] line in the file, droop breaks a
// tie "by lot" by choosing the candidate who comes first on the ballot (the lowest number). Use it
// only to reproduce droop's counts.

export type LotSource = { method: 'seeded'; seed: number } | { method: 'candidate-order' };

export interface LotDraw {
  /** Stage at which the lot was drawn. */
  stage: number;
  /** What was being decided, in words. */
  purpose: string;
  /** The tied candidates (0-based), by candidate number. */
  tied: number[];
  chosen: number;
}

const MASK = (1n << 64n) - 1n;

export class SplitMix64 {
  private state: bigint;
  constructor(seed: number | bigint) {
    this.state = BigInt(seed) & MASK;
  }
  next(): bigint {
    this.state = (this.state + 0x9e3779b97f4a7c15n) & MASK;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  }
  /** A uniform integer in [0, n). */
  below(n: number): number {
    const span = BigInt(n);
    const limit = ((1n << 64n) / span) * span;
    for (;;) {
      const r = this.next();
      if (r < limit) return Number(r % span);
    }
  }
}

export class Lots {
  readonly draws: LotDraw[] = [];
  private readonly generator: SplitMix64 | null;
  constructor(readonly source: LotSource) {
    if (source.method === 'seeded') {
      if (!Number.isSafeInteger(source.seed) || source.seed < 0)
        throw new Error(`The seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, not ${source.seed}`);
      this.generator = new SplitMix64(source.seed);
    } else {
      this.generator = null;
    }
  }
  /** Chooses one of the tied candidates (0-based indices) by lot, and records the draw. */
  draw(tied: readonly number[], stage: number, purpose: string): number {
    const sorted = [...tied].sort((a, b) => a - b);
    const chosen = this.generator ? (sorted[this.generator.below(sorted.length)] as number) : (sorted[0] as number);
    this.draws.push({ stage, purpose, tied: sorted, chosen });
    return chosen;
  }
}

/** A fresh seed for a count run without one (from the operating system's random source). */
export function freshSeed(): number {
  const bytes = new Uint32Array(2);
  crypto.getRandomValues(bytes);
  return ((bytes[0] as number) & 0x1fffff) * 2 ** 32 + (bytes[1] as number);
}

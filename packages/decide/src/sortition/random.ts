// The lottery's random numbers: a generator anyone can re-implement from this description, so that
// a seed published after the pool closes (for example a national lottery result) lets anyone repeat
// the draw. Block j is SHA-256 of the UTF-8 text `${seed}:${j}` (j = 0, 1, 2, …); each block gives
// four 64-bit unsigned integers, read big-endian. A uniform whole number below m is drawn by
// rejection: take the next 64-bit value u; if u < m·⌊2^64 / m⌋ the result is u mod m, else draw
// again. No floating point is involved.
import { createHash } from 'node:crypto';

const TWO_64 = 1n << 64n;

export class SeededRandom {
  private block = 0;
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(readonly seed: string) {}

  /** The next 64-bit unsigned value. */
  next64(): bigint {
    if (this.offset + 8 > this.buffer.length) {
      this.buffer = createHash('sha256').update(`${this.seed}:${this.block}`, 'utf8').digest();
      this.block++;
      this.offset = 0;
    }
    const value = this.buffer.readBigUInt64BE(this.offset);
    this.offset += 8;
    return value;
  }

  /** A uniform whole number in [0, m). */
  below(m: bigint | number): bigint {
    const bound = BigInt(m);
    if (bound <= 0n) throw new RangeError(`Cannot draw below ${m}.`);
    const limit = (TWO_64 / bound) * bound;
    for (;;) {
      const u = this.next64();
      if (u < limit) return u % bound;
    }
  }

  /** A uniform integer in [0, m), for small m. */
  int(m: number): number {
    return Number(this.below(m));
  }
}

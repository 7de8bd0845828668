// A small, fast seeded generator (mulberry32) for made-up data: the benchmarks' elections and health
// systems and the fuzz test's inputs are the same every run, so a figure or a failure can be repeated.
// Not for drawing lots: that is SplitMix64 in stv/lot.ts, which the count sheets name.

/** Numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Loads the HiGHS solver (WebAssembly) once per process. The package's .d.ts is CommonJS-style, so
// under NodeNext the default import is typed as the module object; at run time (ESM) it is the
// loader itself. This helper accepts both.

import type { Highs, Model } from 'highs';
import highsModule from 'highs';

export type { Highs, Model };

type Loader = (options?: object) => Promise<Highs>;

let instance: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  if (!instance) {
    const candidate = highsModule as unknown as Loader | { default: Loader };
    const loader = typeof candidate === 'function' ? candidate : candidate.default;
    instance = loader();
  }
  return instance;
}

/** HiGHS options shared by every model here: quiet, deterministic, single-threaded. */
export const quietOptions = { output_flag: false, random_seed: 0 } as const;

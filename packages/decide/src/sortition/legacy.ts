// LEGACY: the greedy one-at-a-time method used before the Nature 2021 paper (Sortition Foundation,
// stratification.py: find_random_sample_legacy; as kept in sortition-algorithms' legacy.py). It is
// here for comparison: it meets the quotas but gives some volunteers almost no chance.
//
// Repeat k times: among the features still open (someone with it remains and its max is not 0),
// take the one whose ratio (min − selected) / remaining is largest (the first such in file order),
// and choose uniformly one of the remaining people with it. Remove the chosen person and, if a
// household rule applies, the rest of their household; when a feature reaches its max, remove
// everyone else with it. An attempt fails if a min can no longer be met or the pool runs out; then
// it starts again. As in sortition-algorithms, people with a feature whose max is 0 are removed
// first, and a finished panel is checked against every quota. Ratios are compared exactly.
import type { SortitionInstance } from './instance.js';
import { panelProblems } from './instance.js';
import { SeededRandom } from './random.js';

export class LegacyFailedError extends Error {
  constructor(attempts: number) {
    super(`LEGACY found no panel meeting the quotas in ${attempts} attempts.`);
    this.name = 'LegacyFailedError';
  }
}

class AttemptFailed extends Error {}

/** One LEGACY panel (ascending person indices), restarting after failed attempts. */
export function legacyPanel(instance: SortitionInstance, random: SeededRandom, maxAttempts = 10_000): number[] {
  const context = prepare(instance);
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    try {
      const panel = legacyAttempt(instance, context, random);
      if (panelProblems(instance, panel).length === 0) return panel;
    } catch (error) {
      if (!(error instanceof AttemptFailed)) throw error;
    }
  }
  throw new LegacyFailedError(maxAttempts);
}

export interface LegacyEstimate {
  /** Share of draws in which each person was chosen. */
  probabilities: Float64Array;
  samples: number;
}

/** Estimates LEGACY's selection probabilities from `samples` independent panels. */
export function estimateLegacy(instance: SortitionInstance, seed: string, samples: number, onProgress?: (done: number, total: number) => void): LegacyEstimate {
  const random = new SeededRandom(seed);
  const counts = new Float64Array(instance.people.length);
  for (let s = 0; s < samples; s++) {
    for (const i of legacyPanel(instance, random)) counts[i] = (counts[i] as number) + 1;
    if (onProgress && (s % 100 === 99 || s === samples - 1)) onProgress(s + 1, samples);
  }
  return { probabilities: counts.map((c) => c / samples), samples };
}

interface Context {
  /** Quota indices in the order LEGACY scans them: by category, then file order. */
  scanOrder: number[];
  membersOf: number[][];
  householdOf: Int32Array;
}

function prepare(instance: SortitionInstance): Context {
  const scanOrder: number[] = [];
  for (const category of instance.categories) for (const quota of instance.quotas) if (quota.category === category) scanOrder.push(quota.index);
  const membersOf: number[][] = instance.quotas.map(() => []);
  for (const person of instance.people) for (const q of person.quotas) membersOf[q]?.push(person.index);
  const householdOf = new Int32Array(instance.people.length).fill(-1);
  for (const [h, members] of instance.households.entries()) for (const i of members) householdOf[i] = h;
  return { scanOrder, membersOf, householdOf };
}

function legacyAttempt(instance: SortitionInstance, context: Context, random: SeededRandom): number[] {
  const { quotas, people, panelSize } = instance;
  const alive = new Uint8Array(people.length).fill(1);
  let aliveCount = people.length;
  const selected = new Int32Array(quotas.length);
  const remaining = new Int32Array(quotas.length);
  for (const q of quotas) remaining[q.index] = context.membersOf[q.index]?.length ?? 0;

  const drop = (i: number) => {
    alive[i] = 0;
    aliveCount--;
    for (const q of (people[i] as (typeof people)[number]).quotas) {
      remaining[q] = (remaining[q] as number) - 1;
      if (remaining[q] === 0 && (selected[q] as number) < (quotas[q] as (typeof quotas)[number]).min) throw new AttemptFailed();
    }
  };
  const dropEveryoneWith = (q: number) => {
    for (const i of context.membersOf[q] as number[]) if (alive[i]) drop(i);
  };

  for (const quota of quotas) if (quota.max === 0) dropEveryoneWith(quota.index);

  const panel: number[] = [];
  for (let count = 0; count < panelSize; count++) {
    // The open feature with the largest (min − selected) / remaining, compared exactly.
    let best = -1;
    let bestNeed = 0;
    let bestLeft = 1;
    for (const q of context.scanOrder) {
      const quota = quotas[q] as (typeof quotas)[number];
      const need = quota.min - (selected[q] as number);
      const left = remaining[q] as number;
      if (need > 0 && left < need) throw new AttemptFailed();
      if (left === 0 || quota.max === 0) continue;
      // need / left > bestNeed / bestLeft, with both denominators positive.
      if (best < 0 || need * bestLeft > bestNeed * left) {
        best = q;
        bestNeed = need;
        bestLeft = left;
      }
    }
    if (best < 0) throw new AttemptFailed();
    // Uniformly one of the remaining people with that feature, in pool order.
    let position = random.int(remaining[best] as number);
    let chosen = -1;
    for (const i of context.membersOf[best] as number[]) {
      if (!alive[i]) continue;
      if (position === 0) {
        chosen = i;
        break;
      }
      position--;
    }
    const person = people[chosen] as (typeof people)[number];
    panel.push(chosen);
    for (const q of person.quotas) selected[q] = (selected[q] as number) + 1;
    drop(chosen);
    const household = context.householdOf[chosen] as number;
    if (household >= 0) for (const i of instance.households[household] as number[]) if (alive[i]) drop(i);
    for (const q of person.quotas) if (selected[q] === (quotas[q] as (typeof quotas)[number]).max) dropEveryoneWith(q);
    if (count < panelSize - 1 && aliveCount === 0) throw new AttemptFailed();
  }
  return panel.sort((a, b) => a - b);
}

// The draw itself: one panel from a published distribution, with a published seed, so that anyone
// can repeat it. A whole number r is drawn uniformly below the denominator (see random.ts), and the
// chosen panel is the first, in the distribution's canonical order, whose running total of weights
// exceeds r. Then how the panel meets each quota, for the record.
import type { PanelDistribution, WeightedPanel } from './distribution.js';
import type { Quota, SortitionInstance } from './instance.js';
import { poolCounts } from './instance.js';
import { SeededRandom } from './random.js';

export interface Draw {
  /** The whole number drawn, in [0, denominator). */
  ticket: number;
  /** Position of the chosen panel in the distribution. */
  position: number;
  panel: WeightedPanel;
}

export function drawFromDistribution(distribution: PanelDistribution, seed: string): Draw {
  const total = distribution.panels.reduce((sum, panel) => sum + panel.weight, 0);
  if (total !== distribution.denominator) throw new Error(`The panel weights add up to ${total}, not ${distribution.denominator}.`);
  const ticket = Number(new SeededRandom(seed).below(distribution.denominator));
  let running = 0;
  for (const [position, panel] of distribution.panels.entries()) {
    running += panel.weight;
    if (ticket < running) return { ticket, position, panel };
  }
  throw new Error('Unreachable: the ticket is below the total weight.');
}

export interface QuotaLine {
  quota: Quota;
  /** Panel members with this feature. */
  count: number;
  /** People in the pool with it. */
  pool: number;
  met: boolean;
}

/** How a panel meets each quota, in the order of the categories file. */
export function quotaReport(instance: SortitionInstance, panel: readonly number[]): QuotaLine[] {
  const inPanel = poolCounts(
    instance.quotas.length,
    panel.map((i) => instance.people[i] as SortitionInstance['people'][number]),
  );
  const inPool = poolCounts(instance.quotas.length, instance.people);
  return instance.quotas.map((quota) => {
    const count = inPanel[quota.index] as number;
    return { quota, count, pool: inPool[quota.index] as number, met: count >= quota.min && count <= quota.max };
  });
}

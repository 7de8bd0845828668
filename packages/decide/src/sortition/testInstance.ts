// For the tests: a small sortition instance written as a hand-worked example reads, quotas by
// category and feature, people by id, rather than as the rows a quotas file and a pool file hold.
import { instanceFromData, type SortitionInstance } from './instance.js';

export interface SmallPool {
  seats: number;
  /** [min, max] seats for each feature of each category, in the order the instance lists them. */
  quotas: Record<string, Record<string, readonly [min: number, max: number]>>;
  /** Each person's feature in each category, by id, in pool order (so ids must not be whole numbers). */
  people: Record<string, Record<string, string>>;
  /** The household of each person who shares one, by id. */
  households?: Record<string, string>;
}

export function smallInstance(pool: SmallPool): SortitionInstance {
  const quotas = Object.entries(pool.quotas).flatMap(([category, features]) =>
    Object.entries(features).map(([feature, [min, max]]) => ({ category, feature, min, max })),
  );
  const people = Object.entries(pool.people).map(([id, features]) => {
    const household = pool.households?.[id];
    return household === undefined ? { id, features } : { id, features, household };
  });
  return instanceFromData(quotas, people, pool.seats);
}

// decide's sortition on the selection's published files: categories.csv (feature,value,min,max)
// and respondents.csv (id and the answers to the selection questions) are written here, stored on
// the round exactly as published, and computeSelection reads those very strings, so that
// `decide sortition --categories categories.csv --respondents respondents.csv --panel-size K
// --algorithm A --seed S` gives the same panel and probabilities. Imports nothing of the database:
// the selection worker (a child process) runs it.
import { buildInstance, parseCategories, parseRespondents, type SortitionInstance, type SortitionProgress, selectAssembly } from '@involve/decide/sortition';
import { toCsv } from '../../platform/csv.js';
import type { SelectionAlgorithm, SelectionResult } from './schema.js';

/** decide's quotas file: one line per answer, in the quotas' order. */
export function categoriesCsvOf(quotas: ReadonlyArray<{ feature: string; value: string; min: number; max: number }>): string {
  return toCsv([['feature', 'value', 'min', 'max'], ...quotas.map((q) => [q.feature, q.value, String(q.min), String(q.max)])]);
}

/** decide's pool file: the pool id, then the answer to each feature (nothing else about the person). */
export function respondentsCsvOf(features: readonly string[], people: ReadonlyArray<{ poolId: string; features: Record<string, string> }>): string {
  return toCsv([['id', ...features], ...people.map((p) => [p.poolId, ...features.map((f) => p.features[f] ?? '')])]);
}

/** The instance decide builds from the two files and the seats (throws SortitionInputError naming file and line). */
export function instanceOf(categoriesCsv: string, respondentsCsv: string, seats: number): SortitionInstance {
  const quotas = parseCategories(categoriesCsv);
  return buildInstance(quotas, parseRespondents(respondentsCsv, quotas), seats);
}

/**
 * Draw a round from its published files, as decide's command line does: the distribution by the
 * algorithm, then one panel from it with the seed. Throws InfeasibleQuotasError when no panel
 * meets the quotas, SortitionInputError when the files do not fit together.
 */
export async function computeSelection(
  categoriesCsv: string,
  respondentsCsv: string,
  seats: number,
  algorithm: SelectionAlgorithm,
  seed: string,
  onProgress?: (progress: SortitionProgress) => void,
): Promise<SelectionResult> {
  const instance = instanceOf(categoriesCsv, respondentsCsv, seats);
  const selection = await selectAssembly(instance, { algorithm, seed, onProgress });
  const idOf = (index: number) => (instance.people[index] as SortitionInstance['people'][number]).id;
  return {
    probabilities: Object.fromEntries(instance.people.map((person) => [person.id, selection.probabilities[person.index] as number])),
    panel: selection.panel.map(idOf),
    minProbability: selection.minProbability,
    quotas: selection.quotas.map((line) => ({
      feature: line.quota.category,
      value: line.quota.feature,
      min: line.quota.min,
      max: line.quota.max,
      selected: line.count,
      pool: line.pool,
    })),
    ticket: selection.ticket,
    seconds: selection.stats.seconds,
  };
}

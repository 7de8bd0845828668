// decide sortition: choose a panel by fair lottery from a pool of volunteers and its quotas.
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { PanelDistribution, Selection, SortitionAlgorithm, SortitionInstance, SortitionResult } from '../sortition/index.js';
import {
  describeInfeasibility,
  drawFromDistribution,
  InfeasibleQuotasError,
  quotaReport,
  readInstance,
  SortitionInputError,
  selectAssembly,
  selectionProbabilities,
  sortitionAlgorithms,
} from '../sortition/index.js';
import { parsedOrExitCode } from './arguments.js';
import { progressBar } from './progress.js';

const usage = `Usage: decide sortition --categories FILE --respondents FILE --panel-size K --algorithm legacy|maximin|leximin [--seed N] [--json]

Chooses a panel of K people from the pool by lottery, meeting every quota.

  --categories FILE      quotas: category,feature,min,max (or feature,value,min,max)
  --respondents FILE     the pool: one row per person, one column per category
  --panel-size K         seats on the panel
  --algorithm NAME       leximin (fairest: the least likely volunteer as likely as possible, then
                         the next, and so on), maximin (only the least likely), or legacy (the old
                         greedy method, for comparison; its probabilities are estimated by sampling)
  --seed N               the published seed for the draw (any text; by default a random one, printed)
  --json                 print the result as JSON: probabilities, the distribution, the panel
  --id-column NAME       column with each person's id (default: the first column if it is not a
                         category, else the row number)
  --household COLUMNS    comma-separated columns that identify a household: at most one per household
  --distribution FILE    draw from the distribution in FILE (the JSON of an earlier run) instead of
                         computing it again: repeats a published draw
  --legacy-samples N     LEGACY panels drawn to estimate its probabilities (default 10000)
  --quiet                no progress bar`;

const options = {
  categories: { type: 'string' },
  respondents: { type: 'string' },
  'panel-size': { type: 'string' },
  algorithm: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  'id-column': { type: 'string' },
  household: { type: 'string' },
  distribution: { type: 'string' },
  'legacy-samples': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(args: string[]): Promise<number> {
  const parsed = parsedOrExitCode(() => parseArgs({ args, strict: true, allowPositionals: false, options }), usage);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const missing = ['categories', 'respondents', 'panel-size', 'algorithm'].filter((name) => values[name as keyof typeof values] === undefined);
  if (missing.length > 0) {
    console.error(`Missing ${missing.map((name) => `--${name}`).join(', ')}.\n\n${usage}`);
    return 2;
  }
  const algorithm = values.algorithm as SortitionAlgorithm;
  if (!sortitionAlgorithms.includes(algorithm)) {
    console.error(`Unknown algorithm "${values.algorithm}": use legacy, maximin or leximin.`);
    return 2;
  }
  const panelSize = wholeNumber(values['panel-size'] as string);
  const legacySamples = values['legacy-samples'] === undefined ? 10_000 : wholeNumber(values['legacy-samples']);
  if (panelSize === null || legacySamples === null || legacySamples < 1) {
    console.error('--panel-size and --legacy-samples take a whole number of at least 1.');
    return 2;
  }
  const seed = values.seed ?? String(randomInt(0, 2 ** 47));
  const bar = progressBar({ enabled: !values.quiet });
  try {
    const instance = await readInstance({
      categoriesFile: values.categories as string,
      respondentsFile: values.respondents as string,
      panelSize,
      idColumn: values['id-column'],
      householdColumns: values.household
        ?.split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    });
    const onProgress = (p: { done: number; total: number; detail: string }) => bar.update(p.done, p.total, p.detail);
    let selection: Selection;
    if (values.distribution !== undefined) {
      selection = await fromSavedDistribution(instance, algorithm, values.distribution, seed, onProgress);
    } else {
      selection = await selectAssembly(instance, { algorithm, seed, legacySamples, onProgress });
    }
    bar.finish();
    if (values.json) console.log(JSON.stringify(toJson(instance, selection), null, 2));
    else console.log(toText(instance, selection, values.seed === undefined));
    return 0;
  } catch (error) {
    bar.finish();
    if (error instanceof InfeasibleQuotasError) {
      if (values.json) console.log(JSON.stringify(infeasibleJson(error), null, 2));
      console.error(error.message);
      return 1;
    }
    if (error instanceof SortitionInputError) {
      console.error(`The input has ${error.problems.length === 1 ? 'a problem' : `${error.problems.length} problems`}:\n${error.message}`);
      return 1;
    }
    throw error;
  }
}

function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text) : null;
}

interface SavedDistribution {
  denominator: number;
  panels: Array<{ weight: number; members: string[] }>;
}

/** Repeats a draw: the distribution comes from an earlier run's JSON, mapped back to this pool. */
async function fromSavedDistribution(
  instance: SortitionInstance,
  algorithm: SortitionAlgorithm,
  file: string,
  seed: string,
  onProgress: (p: { done: number; total: number; detail: string }) => void,
): Promise<Selection> {
  const saved = JSON.parse(await readFile(file, 'utf8')) as { algorithm?: string; distribution?: SavedDistribution | null };
  if (!saved.distribution)
    throw new SortitionInputError([{ file, line: 0, message: 'has no "distribution" (LEGACY runs have none; use the JSON of a MAXIMIN or LEXIMIN run)' }]);
  const indexOf = new Map(instance.people.map((person) => [person.id, person.index]));
  const distribution: PanelDistribution = {
    denominator: saved.distribution.denominator,
    panels: saved.distribution.panels.map((panel) => ({
      weight: panel.weight,
      members: panel.members
        .map((id) => {
          const index = indexOf.get(id);
          if (index === undefined) throw new SortitionInputError([{ file, line: 0, message: `panel member "${id}" is not in the pool` }]);
          return index;
        })
        .sort((a, b) => a - b),
    })),
  };
  onProgress({ done: 1, total: 1, detail: 'drawing' });
  const draw = drawFromDistribution(distribution, seed);
  const probabilities = selectionProbabilities(instance.people.length, distribution);
  const result: SortitionResult = {
    algorithm: (saved.algorithm as SortitionAlgorithm | undefined) ?? algorithm,
    panelSize: instance.panelSize,
    probabilities,
    minProbability: Math.min(...probabilities),
    distribution,
    excluded: [],
    feasibility: { feasible: true, panel: null, conflicts: [], relaxations: [] },
    stats: {
      seconds: 0,
      panels: distribution.panels.length,
      stages: 0,
      pricingCalls: 0,
      shortfall: 0,
      breakdown: { pricing: 0, lp: 0, interior: 0, distribution: 0 },
    },
  };
  return { ...result, seed, panel: draw.panel.members, ticket: draw.ticket, position: draw.position, quotas: quotaReport(instance, draw.panel.members) };
}

function toJson(instance: SortitionInstance, selection: Selection) {
  const id = (i: number) => (instance.people[i] as SortitionInstance['people'][number]).id;
  return {
    algorithm: selection.algorithm,
    panelSize: selection.panelSize,
    poolSize: instance.people.length,
    minProbability: selection.minProbability,
    probabilities: Object.fromEntries(instance.people.map((person) => [person.id, selection.probabilities[person.index]])),
    probabilitiesEstimated: selection.algorithm === 'legacy',
    panel: selection.panel.map(id),
    seed: selection.seed,
    ticket: selection.ticket,
    position: selection.position,
    quotas: selection.quotas.map((line) => ({
      category: line.quota.category,
      feature: line.quota.feature,
      min: line.quota.min,
      max: line.quota.max,
      count: line.count,
      met: line.met,
    })),
    excluded: selection.excluded.map(id),
    distribution: selection.distribution && {
      denominator: selection.distribution.denominator,
      panels: selection.distribution.panels.map((panel) => ({
        weight: panel.weight,
        probability: panel.weight / (selection.distribution as PanelDistribution).denominator,
        members: panel.members.map(id),
      })),
    },
    stats: selection.stats,
  };
}

function infeasibleJson(error: InfeasibleQuotasError) {
  return {
    feasible: false,
    conflicts: error.report.conflicts,
    relaxations: error.report.relaxations.map(({ quota, min, max }) => ({
      category: quota.category,
      feature: quota.feature,
      line: quota.line,
      min: quota.min,
      max: quota.max,
      suggestedMin: min,
      suggestedMax: max,
    })),
    message: describeInfeasibility(error.report),
  };
}

function toText(instance: SortitionInstance, selection: Selection, seedWasChosen: boolean): string {
  const n = instance.people.length;
  const k = selection.panelSize;
  const sorted = [...selection.probabilities].sort((a, b) => a - b);
  const name = selection.algorithm.toUpperCase();
  const lines = [
    `${name}: a panel of ${k} from a pool of ${n} (k/n = ${percent(k / n)}).`,
    `Selection probability${selection.algorithm === 'legacy' ? ` (estimated from ${selection.stats.panels} LEGACY panels)` : ''}: lowest ${percent(sorted[0] ?? 0)}, median ${percent(sorted[Math.floor(n / 2)] ?? 0)}, highest ${percent(sorted[n - 1] ?? 0)}.`,
  ];
  if (selection.excluded.length > 0) lines.push(`${selection.excluded.length} people are on no panel that meets the quotas, so cannot be chosen.`);
  if (selection.distribution) {
    lines.push(
      `Distribution: ${selection.distribution.panels.length} panels, weights out of ${selection.distribution.denominator}. Seed "${selection.seed}" drew ticket ${selection.ticket}: panel ${(selection.position ?? 0) + 1}.`,
    );
  } else {
    lines.push(`Seed "${selection.seed}" drove one LEGACY run.`);
  }
  if (seedWasChosen) lines.push(`(No --seed was given; pass --seed ${selection.seed} to repeat this draw.)`);
  lines.push('', 'The panel:');
  for (const i of selection.panel) {
    const person = instance.people[i] as SortitionInstance['people'][number];
    lines.push(
      `  ${person.id}  ${instance.categories.map((category, c) => `${category}=${person.features[c]}`).join(', ')}  (chance ${percent(selection.probabilities[i] ?? 0)})`,
    );
  }
  lines.push('', 'How it meets each quota:');
  const width = Math.max(...selection.quotas.map((line) => `${line.quota.category} = ${line.quota.feature}`.length));
  for (const line of selection.quotas) {
    const label = `${line.quota.category} = ${line.quota.feature}`.padEnd(width);
    lines.push(
      `  ${label}  ${String(line.count).padStart(3)}  (min ${line.quota.min}, max ${line.quota.max}; ${line.pool} in the pool)  ${line.met ? 'met' : 'NOT MET'}`,
    );
  }
  lines.push('', 'Every person’s probability and the whole distribution: run again with --json.');
  return lines.join('\n');
}

function percent(p: number): string {
  return `${(100 * p).toFixed(2)}%`;
}

// The pool and its quotas, read from the two files the reference tools use: categories.csv (one
// quota per row) and respondents.csv (one volunteer per row, one column per category). Every
// problem found names its file and line, and all of them are reported at once.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvSyntaxError, parseCsv } from './csv.js';

/** One quota: at least `min` and at most `max` panel members with `feature` in `category`. */
export interface Quota {
  index: number;
  category: string;
  feature: string;
  min: number;
  max: number;
  /** Line of the categories file that set it (0 when built in code). */
  line: number;
}

/** One volunteer in the pool. */
export interface Person {
  index: number;
  id: string;
  /** Line of the respondents file (0 when built in code). */
  line: number;
  /** The person's feature in each category, in the order of `SortitionInstance.categories`. */
  features: string[];
  /** The quota each of those features belongs to (index into `SortitionInstance.quotas`). */
  quotas: number[];
}

export interface SortitionInstance {
  /** Category names, in the order they first appear in the categories file. */
  categories: string[];
  quotas: Quota[];
  people: Person[];
  panelSize: number;
  /** Groups of two or more people (indices) who share a household: at most one of each may be chosen. */
  households: number[][];
  /** File names, for messages. */
  sources: { categories: string; respondents: string };
}

export interface InputProblem {
  file: string;
  /** 1-based line, or 0 when the problem is not on one line. */
  line: number;
  message: string;
}

export class SortitionInputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'SortitionInputError';
  }
}

export function formatProblem(problem: InputProblem): string {
  return problem.line > 0 ? `${problem.file}, line ${problem.line}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

export interface PoolOptions {
  /** Column holding each person's id. Default: the first column when it is not a category, else the data row number (1, 2, …). */
  idColumn?: string;
  /** Columns that together identify a household (for example address and postcode): at most one person per household is chosen. */
  householdColumns?: string[];
}

export interface QuotaRow {
  category: string;
  feature: string;
  min: number;
  max: number;
  line: number;
}

const integerPattern = /^\d+$/;

/**
 * Reads quota rows. Two layouts are accepted: `category,feature,min,max` (the Nature 2021 code) and
 * `feature,value,min,max[,min_flex,max_flex]` (the Sortition Foundation's tools; the flex columns are ignored).
 */
export function parseCategories(text: string, file = 'categories.csv'): QuotaRow[] {
  const problems: InputProblem[] = [];
  const records = parseOrReport(text, file, problems);
  const header = records[0];
  if (!header) throw new SortitionInputError([...problems, { file, line: 0, message: 'the file is empty; it needs a header row category,feature,min,max' }]);
  const names = header.fields.map((name) => name.trim().toLowerCase());
  let categoryColumn = names.indexOf('category');
  let featureColumn = names.indexOf('feature');
  if (categoryColumn < 0 && featureColumn >= 0 && names.includes('value')) {
    categoryColumn = featureColumn;
    featureColumn = names.indexOf('value');
  }
  const minColumn = names.indexOf('min');
  const maxColumn = names.indexOf('max');
  if (categoryColumn < 0 || featureColumn < 0 || minColumn < 0 || maxColumn < 0) {
    throw new SortitionInputError([
      {
        file,
        line: header.line,
        message: `the header must name the columns category,feature,min,max (or feature,value,min,max); it has ${header.fields.join(',')}`,
      },
    ]);
  }
  const rows: QuotaRow[] = [];
  const seen = new Map<string, number>();
  for (const record of records.slice(1)) {
    const cell = (column: number) => (record.fields[column] ?? '').trim();
    const category = cell(categoryColumn);
    const feature = cell(featureColumn);
    const minText = cell(minColumn);
    const maxText = cell(maxColumn);
    const at = (message: string) => problems.push({ file, line: record.line, message });
    if (record.fields.length !== header.fields.length) {
      at(`expected ${header.fields.length} fields as in the header, found ${record.fields.length}`);
      continue;
    }
    if (category === '' || feature === '') {
      at('the category and the feature must both be given');
      continue;
    }
    if (!integerPattern.test(minText) || !integerPattern.test(maxText)) {
      at(`min and max must be whole numbers of people, found min "${minText}" and max "${maxText}"`);
      continue;
    }
    const min = Number(minText);
    const max = Number(maxText);
    if (min > max) {
      at(`the quota for ${category} = ${feature} has min ${min} above max ${max}`);
      continue;
    }
    const key = `${category}\u0000${feature}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      at(`${category} = ${feature} already has a quota on line ${earlier}`);
      continue;
    }
    seen.set(key, record.line);
    rows.push({ category, feature, min, max, line: record.line });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ file, line: 0, message: 'no quotas are given' });
  if (problems.length > 0) throw new SortitionInputError(problems);
  return rows;
}

export interface RespondentRow {
  id: string;
  line: number;
  /** Feature per category, in the order of the categories given. */
  features: string[];
  /** Household key (the household columns joined), or null when those columns are all empty. */
  household: string | null;
}

/** Reads the pool: one row per person, with a column for every category named by the quotas. */
export function parseRespondents(text: string, quotaRows: QuotaRow[], file = 'respondents.csv', options: PoolOptions = {}): RespondentRow[] {
  const problems: InputProblem[] = [];
  const records = parseOrReport(text, file, problems);
  const header = records[0];
  if (!header) throw new SortitionInputError([...problems, { file, line: 0, message: 'the file is empty; it needs a header row naming the categories' }]);
  const names = header.fields.map((name) => name.trim());
  const categories = categoryOrder(quotaRows);
  const featuresOf = new Map<string, Set<string>>();
  for (const row of quotaRows) {
    const set = featuresOf.get(row.category) ?? new Set<string>();
    set.add(row.feature);
    featuresOf.set(row.category, set);
  }
  const columnOf = (name: string) => names.indexOf(name);
  const categoryColumns = categories.map((category) => {
    const column = columnOf(category);
    if (column < 0) {
      const firstLine = quotaRows.find((row) => row.category === category)?.line ?? 0;
      problems.push({
        file,
        line: header.line,
        message: `no column for the category "${category}" (its quotas start on line ${firstLine} of the categories file)`,
      });
    }
    return column;
  });
  let idColumn = -1;
  if (options.idColumn !== undefined) {
    idColumn = columnOf(options.idColumn);
    if (idColumn < 0) problems.push({ file, line: header.line, message: `no id column "${options.idColumn}"` });
  } else if (names.length > 0 && !categories.includes(names[0] as string)) {
    idColumn = 0;
  }
  const householdColumns = (options.householdColumns ?? []).map((name) => {
    const column = columnOf(name);
    if (column < 0) problems.push({ file, line: header.line, message: `no household column "${name}"` });
    return column;
  });
  if (problems.length > 0) throw new SortitionInputError(problems);

  const rows: RespondentRow[] = [];
  const idLine = new Map<string, number>();
  for (const [row, record] of records.slice(1).entries()) {
    const at = (message: string) => problems.push({ file, line: record.line, message });
    if (record.fields.length !== names.length) {
      at(`expected ${names.length} fields as in the header, found ${record.fields.length}`);
      continue;
    }
    const cell = (column: number) => (record.fields[column] ?? '').trim();
    const id = idColumn >= 0 ? cell(idColumn) : String(row + 1);
    if (id === '') at(`the id (column "${names[idColumn]}") is empty`);
    const earlier = idLine.get(id);
    if (earlier !== undefined) at(`the id "${id}" is also used on line ${earlier}`);
    idLine.set(id, record.line);
    const features: string[] = [];
    for (const [c, category] of categories.entries()) {
      const value = cell(categoryColumns[c] as number);
      const known = featuresOf.get(category) as Set<string>;
      if (value === '') at(`no value for the category "${category}"`);
      else if (!known.has(value)) {
        const near = [...known].find((feature) => feature.toLowerCase() === value.toLowerCase());
        at(
          `"${value}" in the column "${category}" is not a feature any quota names` +
            (near ? ` (did you mean "${near}"?)` : ` (the quotas name ${[...known].map((f) => `"${f}"`).join(', ')})`),
        );
      }
      features.push(value);
    }
    const householdParts = householdColumns.map(cell);
    const household = householdParts.every((part) => part === '') ? null : JSON.stringify(householdParts.map((part) => part.toLowerCase()));
    rows.push({ id, line: record.line, features, household });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ file, line: 0, message: 'the pool is empty' });
  if (problems.length > 0) throw new SortitionInputError(problems);
  return rows;
}

/** Builds and checks an instance: quotas nobody in the pool can fill, and a panel size that fits the pool. */
export function buildInstance(
  quotaRows: QuotaRow[],
  respondents: RespondentRow[],
  panelSize: number,
  sources: { categories: string; respondents: string } = { categories: 'categories.csv', respondents: 'respondents.csv' },
): SortitionInstance {
  const problems: InputProblem[] = [];
  const categories = categoryOrder(quotaRows);
  const quotas: Quota[] = quotaRows.map((row, index) => ({ index, ...row }));
  const quotaIndex = new Map(quotas.map((quota) => [`${quota.category}\u0000${quota.feature}`, quota.index]));
  const people: Person[] = respondents.map((row, index) => ({
    index,
    id: row.id,
    line: row.line,
    features: row.features,
    quotas: row.features.map((feature, c) => quotaIndex.get(`${categories[c]}\u0000${feature}`) as number),
  }));
  if (!Number.isInteger(panelSize) || panelSize < 1) {
    problems.push({ file: 'panel size', line: 0, message: `the panel size must be a whole number of at least 1, not ${panelSize}` });
  } else if (panelSize > people.length) {
    problems.push({ file: sources.respondents, line: 0, message: `the pool has ${people.length} people, fewer than the ${panelSize} seats` });
  }
  const counts = poolCounts(quotas.length, people);
  for (const quota of quotas) {
    const have = counts[quota.index] as number;
    if (have < quota.min) {
      problems.push({
        file: sources.categories,
        line: quota.line,
        message:
          have === 0
            ? `no one in the pool has ${quota.category} = ${quota.feature}, so its min of ${quota.min} cannot be filled`
            : `only ${have} ${have === 1 ? 'person' : 'people'} in the pool ${have === 1 ? 'has' : 'have'} ${quota.category} = ${quota.feature}, fewer than its min of ${quota.min}`,
      });
    }
  }
  if (problems.length > 0) throw new SortitionInputError(problems);
  const byHousehold = new Map<string, number[]>();
  for (const [index, row] of respondents.entries()) {
    if (row.household === null) continue;
    const members = byHousehold.get(row.household) ?? [];
    members.push(index);
    byHousehold.set(row.household, members);
  }
  const households = [...byHousehold.values()].filter((members) => members.length >= 2);
  return { categories, quotas, people, panelSize, households, sources };
}

export interface ReadInstanceOptions extends PoolOptions {
  categoriesFile: string;
  respondentsFile: string;
  panelSize: number;
}

/** Reads both files and builds the instance; throws SortitionInputError naming file and line. */
export async function readInstance(options: ReadInstanceOptions): Promise<SortitionInstance> {
  const categoriesName = path.basename(options.categoriesFile);
  const respondentsName = path.basename(options.respondentsFile);
  const [categoriesText, respondentsText] = await Promise.all([readText(options.categoriesFile), readText(options.respondentsFile)]);
  const quotaRows = parseCategories(categoriesText, categoriesName);
  const respondents = parseRespondents(respondentsText, quotaRows, respondentsName, options);
  return buildInstance(quotaRows, respondents, options.panelSize, { categories: categoriesName, respondents: respondentsName });
}

/** Builds an instance in code (tests, the app): quotas as rows, people as id + feature per category. */
export function instanceFromData(
  quotas: Array<Omit<QuotaRow, 'line'> & { line?: number }>,
  people: Array<{ id: string; features: Record<string, string>; household?: string }>,
  panelSize: number,
): SortitionInstance {
  const quotaRows = quotas.map((quota) => ({ line: 0, ...quota }));
  const categories = categoryOrder(quotaRows);
  const respondents = people.map((person) => ({
    id: person.id,
    line: 0,
    features: categories.map((category) => person.features[category] ?? ''),
    household: person.household ?? null,
  }));
  return buildInstance(quotaRows, respondents, panelSize, { categories: 'quotas', respondents: 'pool' });
}

/** How many people in the pool have each quota's feature. */
export function poolCounts(quotaCount: number, people: Person[]): number[] {
  const counts = new Array<number>(quotaCount).fill(0);
  for (const person of people) for (const q of person.quotas) counts[q] = (counts[q] as number) + 1;
  return counts;
}

/** Whether a panel (person indices) has the right size, meets every quota and takes at most one per household. */
export function panelProblems(instance: SortitionInstance, panel: readonly number[]): string[] {
  const problems: string[] = [];
  const members = new Set(panel);
  if (members.size !== panel.length) problems.push('someone appears twice');
  if (panel.length !== instance.panelSize) problems.push(`${panel.length} members instead of ${instance.panelSize}`);
  const counts = poolCounts(
    instance.quotas.length,
    panel.map((i) => instance.people[i] as Person),
  );
  for (const quota of instance.quotas) {
    const count = counts[quota.index] as number;
    if (count < quota.min || count > quota.max) problems.push(`${quota.category} = ${quota.feature}: ${count}, outside ${quota.min}–${quota.max}`);
  }
  for (const household of instance.households) {
    const chosen = household.filter((i) => members.has(i));
    if (chosen.length > 1) problems.push(`${chosen.length} members of one household`);
  }
  return problems;
}

function categoryOrder(rows: QuotaRow[]): string[] {
  const categories: string[] = [];
  for (const row of rows) if (!categories.includes(row.category)) categories.push(row.category);
  return categories;
}

function parseOrReport(text: string, file: string, problems: InputProblem[]) {
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      problems.push({ file, line: error.line, message: error.message });
      throw new SortitionInputError(problems);
    }
    throw error;
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SortitionInputError([{ file, line: 0, message: code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})` }]);
  }
}

// The selection features and their quotas: typed by organisers as lines, or proposed from the places'
// population profile (age band, sex, ethnic group, and place when there are several), and compared
// side by side with the population, the pool of volunteers and the panel.
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { getPlace } from '../registry/service.js';
import { assemblyLimits } from './limits.js';
import type { Actor } from './policy.js';
import { type AssembliesDeps, type AssemblyRow, managedAssembly, quotaRows, seatedStatuses } from './records.js';

/** One answer to one selection question, with its quota: at least min and at most max members give it. */
export interface QuotaInput {
  /** A key such as 'age_band': a column of the published respondents.csv. */
  feature: string;
  /** The question as asked ('Age'). */
  featureLabel: string;
  value: string;
  min: number;
  max: number;
  /** The places' share of people with this answer (0 to 1), or null when not known. */
  populationShare: number | null;
}

const featurePattern = /^[a-z][a-z0-9_]{0,39}$/;

/** What is wrong with one quota (nothing when it is fine). */
function quotaProblems(q: QuotaInput): string[] {
  const problems: string[] = [];
  if (!featurePattern.test(q.feature))
    problems.push(`the feature “${q.feature.slice(0, 50)}” must be a short key of small letters, digits and _, starting with a letter, like age_band`);
  else if (q.feature === 'id') problems.push('the feature cannot be called “id”: the published pool uses that column for pool ids');
  if (!q.featureLabel.trim()) problems.push('the question (label) is missing');
  else if (q.featureLabel.trim().length > assemblyLimits.featureLabel) problems.push(`the question must be ${assemblyLimits.featureLabel} characters or fewer`);
  if (!q.value.trim()) problems.push('the answer (value) is missing');
  else if (q.value.trim().length > assemblyLimits.value) problems.push(`the answer must be ${assemblyLimits.value} characters or fewer`);
  if (!Number.isInteger(q.min) || !Number.isInteger(q.max) || q.min < 0 || q.max < 0 || q.max > 500)
    problems.push('min and max must be whole numbers of people from 0 to 500');
  else if (q.min > q.max) problems.push(`min ${q.min} is above max ${q.max}`);
  if (q.populationShare !== null && !(Number.isFinite(q.populationShare) && q.populationShare >= 0 && q.populationShare <= 1))
    problems.push('the population share must be a percentage from 0 to 100');
  return problems;
}

/** Every problem with a set of quotas, each naming its line (the quota's place in the list, from 1). */
export function checkQuotas(quotas: readonly QuotaInput[], panelSize: number): string[] {
  if (!quotas.length) return ['Enter at least one quota: one line for each answer to each selection question'];
  const problems: string[] = [];
  const firstLine = new Map<string, number>();
  const labels = new Map<string, string>();
  quotas.forEach((q, i) => {
    const line = i + 1;
    const own = quotaProblems(q);
    const key = `${q.feature}\u0000${q.value.trim().toLowerCase()}`;
    if (!own.length && firstLine.has(key)) own.push(`${q.feature} = ${q.value.trim()} is also on line ${firstLine.get(key)}`);
    firstLine.set(key, firstLine.get(key) ?? line);
    const label = labels.get(q.feature);
    if (!own.length && label !== undefined && label !== q.featureLabel.trim())
      own.push(`the question for ${q.feature} is “${label}” on an earlier line: use the same words on each line`);
    if (label === undefined) labels.set(q.feature, q.featureLabel.trim());
    if (own.length) problems.push(`Line ${line}: ${own.join('; ')}`);
  });
  if (problems.length) return problems;
  for (const feature of labels.keys()) {
    const own = quotas.filter((q) => q.feature === feature);
    const mins = own.reduce((sum, q) => sum + q.min, 0);
    const maxes = own.reduce((sum, q) => sum + q.max, 0);
    if (own.length < 2) problems.push(`${feature}: give at least two answers, so that the question is a choice`);
    else if (mins > panelSize) problems.push(`${feature}: the mins add up to ${mins}, more than the ${panelSize} seats`);
    else if (maxes < panelSize) problems.push(`${feature}: the maxes add up to ${maxes}, fewer than the ${panelSize} seats`);
  }
  return problems;
}

/** Quotas may change until the first draw is asked for. */
async function assertQuotasOpen(db: Db, assembly: AssemblyRow): Promise<void> {
  const drawn = await db.selectFrom('assembly_selection').select('id').where('assembly_id', '=', assembly.id).limit(1).executeTakeFirst();
  if (drawn || !['draft', 'recruiting', 'selecting'].includes(assembly.phase))
    throw new ConflictError('The quotas cannot change once the panel has been drawn: they are part of the published record.');
}

/** Replace all the quotas. Once people have registered, the questions and answers stay; the numbers may change. */
export async function setQuotas(deps: AssembliesDeps, actor: Actor, id: number, quotas: QuotaInput[]): Promise<void> {
  const assembly = await managedAssembly(deps.db, actor, id);
  await assertQuotasOpen(deps.db, assembly);
  const clean = quotas.map((q) => ({ ...q, feature: q.feature.trim(), featureLabel: q.featureLabel.trim(), value: q.value.trim() }));
  const problems = checkQuotas(clean, assembly.panel_size);
  if (!problems.length) {
    const answered = await answeredValues(deps.db, id);
    const given = new Set(clean.map((q) => `${q.feature}\u0000${q.value}`));
    const missing = [...answered].filter((key) => !given.has(key)).map((key) => key.replace('\u0000', ' = '));
    if (missing.length)
      problems.push(
        `People have registered already: the questions and answers cannot change now, only the numbers (${missing.slice(0, 5).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing)`,
      );
    else if (answered.size && new Set(clean.map((q) => q.feature)).size !== new Set([...answered].map((k) => k.split('\u0000')[0])).size)
      problems.push('People have registered already: no question can be added now');
  }
  if (problems.length) throw new ValidationError({ quotas: problems.slice(0, 20).join('\n') });
  await inTransaction(deps.db, async (trx) => {
    await trx.deleteFrom('assembly_quota').where('assembly_id', '=', id).execute();
    await trx
      .insertInto('assembly_quota')
      .values(
        clean.map((q, position) => ({
          assembly_id: id,
          feature: q.feature,
          feature_label: q.featureLabel,
          value: q.value,
          min: q.min,
          max: q.max,
          population_share: q.populationShare,
          position,
        })),
      )
      .execute();
    await recordAudit(trx, actor, { action: 'assembly.quotas', subjectType: 'assembly', subjectId: id, detail: { quotas: clean.length } });
  });
}

/** The feature = value pairs volunteers have given (feature and value joined by a NUL). */
async function answeredValues(db: Db, assemblyId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('assembly_volunteer').select('features').where('assembly_id', '=', assemblyId).execute();
  return new Set(rows.flatMap((r) => Object.entries(r.features).map(([f, v]) => `${f}\u0000${v}`)));
}

/**
 * Quotas from the lines organisers type: `feature | Label | value | min | max [| population %]`.
 * Blank lines and lines starting with # are skipped. The first line that cannot be read is the error.
 */
export function parseQuotasText(text: string): { quotas: QuotaInput[] } | { error: string } {
  const quotas: QuotaInput[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || cells.length > 6) {
      problems.push(`Line ${i + 1}: write feature | Label | value | min | max, and optionally | population %`);
      return;
    }
    const [feature, featureLabel, value, min, max, share] = cells as [string, string, string, string, string, string | undefined];
    if (!/^\d+$/.test(min) || !/^\d+$/.test(max)) {
      problems.push(`Line ${i + 1}: min and max must be whole numbers, not “${min.slice(0, 20)}” and “${max.slice(0, 20)}”`);
      return;
    }
    const percent = share === undefined || share === '' ? null : Number(share.replace(/%$/, '').trim());
    if (percent !== null && !(Number.isFinite(percent) && percent >= 0 && percent <= 100)) {
      problems.push(`Line ${i + 1}: the population share must be a percentage from 0 to 100, not “${(share ?? '').slice(0, 20)}”`);
      return;
    }
    quotas.push({ feature, featureLabel, value, min: Number(min), max: Number(max), populationShare: percent === null ? null : percent / 100 });
  });
  if (problems.length) return { error: problems.slice(0, 20).join('\n') };
  if (!quotas.length) return { error: 'Enter at least one quota: one line for each answer to each selection question' };
  return { quotas };
}

const featureLabels = { age_band: 'Age', sex: 'Sex', ethnicity: 'Ethnic group', place: 'Where you live' } as const;

/** Age bands wholly under 16 (such as "0 to 15"): children do not sit on an assembly. */
const childBand = (category: string) => {
  const upper = /(\d+)\s*(?:to|-|–)\s*(\d+)/.exec(category)?.[2];
  return upper !== undefined && Number(upper) < 16;
};

/** Quotas around a share of the seats: 80% of the expected number (rounded down) to 120% (rounded up), at least 1. */
function quotaAround(share: number, size: number): { min: number; max: number } {
  const expected = share * size;
  return { min: Math.floor(expected * 0.8), max: Math.max(1, Math.ceil(expected * 1.2)) };
}

/**
 * Quotas proposed from the population profile of the assembly's places (age band from 16, sex,
 * ethnic group; and place when there are several), each answer's share of the people there, and
 * min and max at 80% and 120% of its expected number of the `size` seats.
 */
export async function quotasFromPopulation(db: Db, actor: Actor, id: number, size: number): Promise<QuotaInput[]> {
  await managedAssembly(db, actor, id);
  const placeIds = (await db.selectFrom('assembly_place').select('place_id').where('assembly_id', '=', id).orderBy('place_id').execute()).map(
    (r) => r.place_id,
  );
  const places = (await Promise.all(placeIds.map((placeId) => getPlace(db, placeId, { organisationLimit: 1 })))).filter((p) => p !== null);
  const quotas: QuotaInput[] = [];
  const add = (feature: keyof typeof featureLabels, figures: Map<string, number>) => {
    const total = [...figures.values()].reduce((a, b) => a + b, 0);
    if (!total || figures.size < 2) return;
    for (const [value, people] of figures) {
      const share = people / total;
      quotas.push({ feature, featureLabel: featureLabels[feature], value, ...quotaAround(share, size), populationShare: Math.round(share * 10_000) / 10_000 });
    }
  };
  for (const dimension of ['age_band', 'sex', 'ethnicity'] as const) {
    const figures = new Map<string, number>();
    for (const place of places)
      for (const figure of place.population[dimension] ?? [])
        if (!(dimension === 'age_band' && childBand(figure.category))) figures.set(figure.category, (figures.get(figure.category) ?? 0) + figure.people);
    add(dimension, figures);
  }
  if (places.length > 1) {
    const figures = new Map<string, number>();
    for (const place of places)
      figures.set(
        place.name.slice(0, assemblyLimits.value),
        (place.population.sex ?? []).reduce((sum, f) => sum + f.people, 0),
      );
    add('place', figures);
  }
  return quotas;
}

export interface QuotaComparisonLine {
  feature: string;
  label: string;
  value: string;
  min: number;
  max: number;
  populationShare: number | null;
  /** Volunteers registered (not withdrawn) who gave this answer, and their share of the pool. */
  poolCount: number;
  poolShare: number | null;
  /** Members selected or confirmed who gave it. */
  panelCount: number;
}

/** Population, quota, pool and panel side by side, one line per answer, in the quotas' order. */
export async function quotaComparison(db: Db, actor: Actor, id: number): Promise<QuotaComparisonLine[]> {
  await managedAssembly(db, actor, id);
  const [quotas, pool, panel] = await Promise.all([
    quotaRows(db, id),
    db.selectFrom('assembly_volunteer').select('features').where('assembly_id', '=', id).where('status', '=', 'registered').execute(),
    db
      .selectFrom('assembly_member as m')
      .innerJoin('assembly_volunteer as v', 'v.id', 'm.volunteer_id')
      .select('v.features')
      .where('m.assembly_id', '=', id)
      .where('m.status', 'in', seatedStatuses)
      .execute(),
  ]);
  const count = (rows: Array<{ features: Record<string, string> }>, feature: string, value: string) => rows.filter((r) => r.features[feature] === value).length;
  return quotas.map((q) => {
    const poolCount = count(pool, q.feature, q.value);
    return {
      feature: q.feature,
      label: q.feature_label,
      value: q.value,
      min: q.min,
      max: q.max,
      populationShare: q.population_share,
      poolCount,
      poolShare: pool.length ? poolCount / pool.length : null,
      panelCount: count(panel, q.feature, q.value),
    };
  });
}

/** The stored quotas in the input's shape (for the quotas form). */
export async function quotasOf(db: Db, actor: Actor, id: number): Promise<QuotaInput[]> {
  await managedAssembly(db, actor, id);
  return (await quotaRows(db, id)).map((q) => ({
    feature: q.feature,
    featureLabel: q.feature_label,
    value: q.value,
    min: q.min,
    max: q.max,
    populationShare: q.population_share,
  }));
}

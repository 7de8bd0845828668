// Places (integrated care systems, local authority areas, neighbourhoods) with their population
// figures by age band, sex and ethnicity, for later representativeness reports.
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { labelFor } from './labels.js';
import { type RegistryDeps, validId } from './organisations.js';
import { type Actor, assertCan } from './policy.js';
import type { OrganisationType, PlaceKind } from './schema.js';
import type { OrganisationListItem } from './search.js';
import { isPlaceKind, limits, optionalText, requiredText } from './validation.js';

export const populationDimensions = ['age_band', 'sex', 'ethnicity'] as const;
export type PopulationDimension = (typeof populationDimensions)[number];
export const populationDimensionLabels = Object.fromEntries(populationDimensions.map((d) => [d, labelFor(d)])) as Record<PopulationDimension, string>;

export interface PopulationFigure {
  category: string;
  people: number;
}
export type Population = Partial<Record<PopulationDimension, PopulationFigure[]>>;

/** A larger place can hold a smaller one: a system holds areas, an area holds neighbourhoods. */
const placeRank: Record<PlaceKind, number> = { integrated_care_system: 0, local_authority_area: 1, neighbourhood: 2 };

export interface PlaceNode {
  id: number;
  name: string;
  kind: PlaceKind;
  code: string | null;
  parentId: number | null;
  /** Organisations linked to this place itself (not counting the places inside it). */
  organisations: number;
  children: PlaceNode[];
}

/** Every place as a tree (top-level places first), with organisation counts. Two queries. */
export async function listPlaces(db: Db): Promise<PlaceNode[]> {
  const rows = await db
    .selectFrom('place as p')
    .leftJoin('organisation_place as op', 'op.place_id', 'p.id')
    .select((eb) => ['p.id', 'p.name', 'p.kind', 'p.code', 'p.parent_id', eb.fn.count<number>('op.organisation_id').as('organisations')])
    .groupBy(['p.id', 'p.name', 'p.kind', 'p.code', 'p.parent_id'])
    .orderBy('p.name')
    .execute();
  const nodes = new Map<number, PlaceNode>(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, kind: r.kind, code: r.code, parentId: r.parent_id, organisations: Number(r.organisations), children: [] },
    ]),
  );
  const roots: PlaceNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Every place in tree order with its depth, for select lists ("— Neighbourhood"). */
export async function placeOptions(db: Db): Promise<Array<{ id: number; name: string; kind: PlaceKind; depth: number }>> {
  const out: Array<{ id: number; name: string; kind: PlaceKind; depth: number }> = [];
  const walk = (nodes: PlaceNode[], depth: number) => {
    for (const n of nodes) {
      out.push({ id: n.id, name: n.name, kind: n.kind, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(await listPlaces(db), 0);
  return out;
}

/**
 * The places a process is for, as chosen on a form: each once, and the field's error (under
 * `errors.placeIds`) when none is chosen or one is not a place.
 */
export async function chosenPlaces(db: Db, placeIds: number[], errors: Record<string, string>, noneChosen: string): Promise<number[]> {
  const ids = [...new Set(placeIds)];
  if (!ids.length) {
    errors.placeIds = noneChosen;
    return ids;
  }
  const valid = ids.filter(validId);
  const known = valid.length ? await db.selectFrom('place').select('id').where('id', 'in', valid).execute() : [];
  if (known.length !== ids.length) errors.placeIds = 'Choose places from the list';
  return ids;
}

export interface PlaceDetail {
  id: number;
  name: string;
  kind: PlaceKind;
  code: string | null;
  parent: { id: number; name: string; kind: PlaceKind } | null;
  children: Array<{ id: number; name: string; kind: PlaceKind; code: string | null }>;
  population: Record<PopulationDimension, PopulationFigure[]>;
  /** The first organisations serving this place or a place inside it (by name). */
  organisations: Array<Pick<OrganisationListItem, 'id' | 'name' | 'type' | 'odsCode' | 'postcode' | 'isDemo'>>;
  organisationsTotal: number;
}

export async function getPlace(db: Db, id: number, options: { organisationLimit?: number } = {}): Promise<PlaceDetail | null> {
  if (!validId(id)) return null;
  const place = await db.selectFrom('place').selectAll().where('id', '=', id).executeTakeFirst();
  if (!place) return null;
  const limit = options.organisationLimit ?? 100;
  const parent =
    place.parent_id === null ? undefined : await db.selectFrom('place').select(['id', 'name', 'kind']).where('id', '=', place.parent_id).executeTakeFirst();
  const children = await db.selectFrom('place').select(['id', 'name', 'kind', 'code']).where('parent_id', '=', id).orderBy('name').execute();
  const figures = await db.selectFrom('place_population').select(['dimension', 'category', 'people']).where('place_id', '=', id).execute();
  const organisations = await sql<{
    id: number;
    name: string;
    type: OrganisationType;
    ods_code: string | null;
    postcode: string | null;
    is_demo: boolean;
    total: number;
  }>`
      with recursive within_place(id) as (
        select id from place where id = ${id}
        union all
        select p.id from place p join within_place w on p.parent_id = w.id
      )
      select o.id, o.name, o.type, o.ods_code, o.postcode, o.is_demo, count(*) over () as total
      from organisation o
      where exists (select 1 from organisation_place op where op.organisation_id = o.id and op.place_id in (select id from within_place))
      order by o.name, o.id
      limit ${limit}`.execute(db);
  return {
    id: place.id,
    name: place.name,
    kind: place.kind,
    code: place.code,
    parent: parent ?? null,
    children,
    population: groupFigures(figures),
    organisations: organisations.rows.map((o) => ({ id: o.id, name: o.name, type: o.type, odsCode: o.ods_code, postcode: o.postcode, isDemo: o.is_demo })),
    organisationsTotal: Number(organisations.rows[0]?.total ?? 0),
  };
}

/** Figures in the order they were entered is lost in SQL; keep a stable, sensible order instead. */
function groupFigures(rows: Array<{ dimension: string; category: string; people: number }>): Record<PopulationDimension, PopulationFigure[]> {
  const out: Record<PopulationDimension, PopulationFigure[]> = { age_band: [], sex: [], ethnicity: [] };
  for (const r of rows) {
    if ((populationDimensions as readonly string[]).includes(r.dimension))
      out[r.dimension as PopulationDimension].push({ category: r.category, people: r.people });
  }
  // Age bands sort by their first number ("0 to 15" before "16 to 24"); the rest largest first.
  out.age_band.sort((a, b) => firstNumber(a.category) - firstNumber(b.category) || a.category.localeCompare(b.category));
  out.sex.sort((a, b) => b.people - a.people || a.category.localeCompare(b.category));
  out.ethnicity.sort((a, b) => b.people - a.people || a.category.localeCompare(b.category));
  return out;
}

function firstNumber(text: string): number {
  const match = /\d+/.exec(text);
  return match ? Number(match[0]) : Number.MAX_SAFE_INTEGER;
}

export interface PlaceInput {
  name?: unknown;
  kind?: unknown;
  parentId?: unknown;
  code?: unknown;
  /** Each dimension given replaces that dimension's figures; a dimension left out is kept. */
  population?: Population;
}

const placeCodePattern = /^[A-Za-z0-9]{2,20}$/;

async function checkPlace(db: Db, input: PlaceInput, exceptId?: number) {
  const errors: Record<string, string> = {};
  const name = requiredText(errors, 'name', input.name, limits.name, { missing: 'Enter the name of the place', label: 'Name' });
  const kind = isPlaceKind(input.kind) ? input.kind : null;
  if (!kind) errors.kind = 'Select the kind of place';
  const codeText = optionalText(input.code);
  const code = codeText ? codeText.toUpperCase() : null;
  if (code && !placeCodePattern.test(code)) errors.code = 'Code must be 2 to 20 letters or numbers, like E54000054';
  const parentText = optionalText(input.parentId);
  let parentId: number | null = null;
  if (parentText) {
    parentId = Number(parentText);
    const parent = validId(parentId) ? await db.selectFrom('place').select(['id', 'kind']).where('id', '=', parentId).executeTakeFirst() : undefined;
    if (!parent || parentId === exceptId) errors.parentId = 'Choose the larger place this place is part of from the list';
    else if (kind && placeRank[parent.kind] >= placeRank[kind])
      errors.parentId = 'The larger place must be bigger: a neighbourhood is part of a local authority area or a system, an area part of a system';
  }
  for (const dimension of populationDimensions) {
    for (const figure of input.population?.[dimension] ?? []) {
      if (!figure.category.trim() || figure.category.length > limits.populationCategory || !Number.isSafeInteger(figure.people) || figure.people < 0) {
        errors[`population_${dimension}`] =
          `${populationDimensionLabels[dimension]}: each group needs a name of up to ${limits.populationCategory} characters and a whole number of people`;
      }
    }
  }
  if (Object.keys(errors).length || !name || !kind) throw new ValidationError(errors);
  if (code) {
    let clash = db.selectFrom('place').select(['id', 'name']).where('code', '=', code);
    if (exceptId !== undefined) clash = clash.where('id', '<>', exceptId);
    const found = await clash.executeTakeFirst();
    if (found) throw new ConflictError(`A place with code ${code} already exists: ${found.name}`, 'code');
  }
  return { name, kind, code, parentId };
}

async function writePopulation(db: Db, placeId: number, population: Population | undefined): Promise<void> {
  for (const dimension of populationDimensions) {
    const figures = population?.[dimension];
    if (!figures) continue;
    await db.deleteFrom('place_population').where('place_id', '=', placeId).where('dimension', '=', dimension).execute();
    // The same group twice in one list: the figures add up.
    const merged = new Map<string, number>();
    for (const f of figures) merged.set(f.category.trim(), (merged.get(f.category.trim()) ?? 0) + f.people);
    if (merged.size) {
      await db
        .insertInto('place_population')
        .values([...merged].map(([category, people]) => ({ place_id: placeId, dimension, category, people })))
        .execute();
    }
  }
}

export async function createPlace(deps: RegistryDeps, actor: Actor, input: PlaceInput): Promise<number> {
  assertCan(actor, 'place.manage');
  return deps.db.transaction().execute(async (trx) => {
    const place = await checkPlace(trx, input);
    const { id } = await trx
      .insertInto('place')
      .values({ name: place.name, kind: place.kind, code: place.code, parent_id: place.parentId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePopulation(trx, id, input.population);
    await recordAudit(trx, actor, { action: 'place.create', subjectType: 'place', subjectId: id, detail: {} });
    return id;
  });
}

export async function updatePlace(deps: RegistryDeps, actor: Actor, id: number, input: PlaceInput): Promise<void> {
  assertCan(actor, 'place.manage');
  await deps.db.transaction().execute(async (trx) => {
    const existing = validId(id) ? await trx.selectFrom('place').select('id').where('id', '=', id).executeTakeFirst() : undefined;
    if (!existing) throw new NotFoundError('There is no place with that number');
    const place = await checkPlace(trx, input, id);
    // A place cannot become smaller than a place inside it.
    const children = await trx.selectFrom('place').select(['kind']).where('parent_id', '=', id).execute();
    if (children.some((c) => placeRank[c.kind] <= placeRank[place.kind])) {
      throw new ValidationError({ kind: 'This place has smaller places inside it, so it cannot be made that kind of place' });
    }
    await trx.updateTable('place').set({ name: place.name, kind: place.kind, code: place.code, parent_id: place.parentId }).where('id', '=', id).execute();
    await writePopulation(trx, id, input.population);
    await recordAudit(trx, actor, { action: 'place.update', subjectType: 'place', subjectId: id, detail: { population: Object.keys(input.population ?? {}) } });
  });
}

/**
 * Read figures typed one group a line, "group, number" (for example "0 to 15, 12,400"), into a
 * list; or a message naming the line that is wrong.
 */
export function parsePopulationText(label: string, text: string): { figures: PopulationFigure[]; error: null } | { figures: null; error: string } {
  const figures: PopulationFigure[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^(.*?)[,:\t]\s*([\d,\s]+)$/.exec(line);
    const people = match ? Number(match[2]?.replace(/[,\s]/g, '')) : Number.NaN;
    const category = match?.[1]?.trim() ?? '';
    if (!match || !category || !Number.isSafeInteger(people)) {
      return { figures: null, error: `${label}, line ${index + 1}: write the group, a comma, then the number of people, like "0 to 15, 12400"` };
    }
    if (category.length > limits.populationCategory)
      return { figures: null, error: `${label}, line ${index + 1}: the group name must be ${limits.populationCategory} characters or fewer` };
    figures.push({ category, people });
  }
  return { figures, error: null };
}

export function populationToText(figures: PopulationFigure[]): string {
  return figures.map((f) => `${f.category}, ${f.people}`).join('\n');
}

// Finding services: by words (PostgreSQL full text on a generated tsvector with a GIN index), by
// category (a taxonomy term attached as an attribute), and by distance from a postcode (haversine
// in SQL, after a bounding box on the indexed latitude and longitude narrows the locations).
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { normalisePostcode, organisationIdsInPlace, organisationNames } from '../registry/service.js';
import { type Actor, assertCan } from './policy.js';
import { checkDueBefore, isUuid } from './records.js';
import type { Category, SearchQuery, SearchResult, ServiceSummary } from './types.js';

const milesPerDegreeLatitude = 69.0;
const earthRadiusMiles = 3958.8;
export const defaultWithinMiles = 10;
export const maxWithinMiles = 200;
export const defaultPageSize = 20;
export const maxPageSize = 100;

/** The filters both the pages' search and the Open Referral list take. */
export interface ServiceFilters {
  text?: string | undefined;
  category?: string | undefined;
  /** Coordinates to measure from, and how far. */
  near?: { latitude: number; longitude: number; miles: number } | undefined;
  organisationId?: number | undefined;
  /** Only services of these organisations. */
  organisationIds?: readonly number[] | undefined;
  includeInactive?: boolean | undefined;
  page: number;
  pageSize: number;
  /** Count every match (the Open Referral list's total_items); else counting stops past countCap. */
  exactTotal?: boolean | undefined;
}

/**
 * Searches without a postcode count matches only up to this many: past it the total is given as
 * this (totalCapped), and a words search is ordered by name (from its index) instead of by how
 * well each matches, which would mean ranking every match of a common word.
 */
export const countCap = 1000;

/** Services matching the filters, one page in order (nearest, else best match, else by name), with the total. */
export async function findServiceIds(
  db: Db,
  f: ServiceFilters,
): Promise<{ rows: Array<{ id: string; miles: number | null }>; total: number; totalCapped: boolean }> {
  const conditions: RawBuilder<SqlBool>[] = [];
  const text = f.text?.trim() ?? '';
  const tsquery = sql`websearch_to_tsquery('english', ${text})`;
  if (text) conditions.push(sql<SqlBool>`s.search_vector @@ ${tsquery}`);
  // As a set (not a correlated exists): near a postcode, thousands of services are in the box, and
  // one hash of the category's services beats a lookup for each.
  if (f.category) conditions.push(sql<SqlBool>`s.id in (select a.link_id from directory_attribute a where a.taxonomy_term_id = ${f.category})`);
  if (f.organisationId !== undefined) conditions.push(sql<SqlBool>`s.organisation_id = ${f.organisationId}`);
  if (f.organisationIds !== undefined)
    conditions.push(f.organisationIds.length ? sql<SqlBool>`s.organisation_id in (${sql.join([...f.organisationIds])})` : sql<SqlBool>`false`);
  if (!f.includeInactive) conditions.push(sql<SqlBool>`s.status in ('active', 'temporarily closed')`);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const offset = (f.page - 1) * f.pageSize;
  if (f.near) {
    const { latitude, longitude, miles } = f.near;
    const dLat = miles / milesPerDegreeLatitude;
    const dLon = miles / (milesPerDegreeLatitude * Math.max(0.01, Math.cos((latitude * Math.PI) / 180)));
    const lat = sql`${latitude}::float8`;
    const lon = sql`${longitude}::float8`;
    const rows = await sql<{ id: string; miles: number; total: number }>`
      with near as (
        select sal.service_id, min(${earthRadiusMiles}::float8 * 2 * asin(sqrt(
          power(sin(radians(l.latitude - ${lat}) / 2), 2) +
          cos(radians(${lat})) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${lon}) / 2), 2)
        ))) as miles
        from directory_location l
        join directory_service_at_location sal on sal.location_id = l.id
        where point(l.longitude, l.latitude) <@ box(
          point(${longitude - dLon}::float8, ${latitude - dLat}::float8),
          point(${longitude + dLon}::float8, ${latitude + dLat}::float8))
        group by sal.service_id
      )
      select s.id, near.miles, count(*) over () as total
      from near join directory_service s on s.id = near.service_id
      ${where} ${conditions.length ? sql`and` : sql`where`} near.miles <= ${miles}::float8
      order by near.miles, s.name, s.id
      limit ${f.pageSize} offset ${offset}`.execute(db);
    return {
      rows: rows.rows.map((r) => ({ id: r.id, miles: Number(r.miles) })),
      total: Number(rows.rows[0]?.total ?? (offset ? await countServices(db, f) : 0)),
      totalCapped: false,
    };
  }
  const counted = await sql<{ n: number }>`
    select count(*) as n from (select 1 from directory_service s ${where} ${f.exactTotal ? sql`` : sql`limit ${countCap + 1}`}) matches`.execute(db);
  const n = Number(counted.rows[0]?.n ?? 0);
  const totalCapped = !f.exactTotal && n > countCap;
  const order = text && !totalCapped ? sql`ts_rank(s.search_vector, ${tsquery}) desc, lower(s.name), s.id` : sql`lower(s.name), s.id`;
  const rows = await sql<{ id: string }>`
    select s.id from directory_service s ${where}
    order by ${order} limit ${f.pageSize} offset ${offset}`.execute(db);
  return { rows: rows.rows.map((r) => ({ id: r.id, miles: null })), total: totalCapped ? countCap : n, totalCapped };
}

/** The total when the page asked for is past the end (the windowed count came back with no rows). */
async function countServices(db: Db, f: ServiceFilters): Promise<number> {
  if (f.page === 1) return 0;
  const { total } = await findServiceIds(db, { ...f, page: 1, pageSize: 1 });
  return total;
}

/** A postcode's coordinates from the postcode table, or null when it is not known. */
export async function postcodePoint(db: Db, postcode: string): Promise<{ postcode: string; latitude: number; longitude: number } | null> {
  const clean = normalisePostcode(postcode);
  if (!clean) return null;
  const row = await db.selectFrom('directory_postcode').selectAll().where('postcode', '=', clean).executeTakeFirst();
  return row ?? null;
}

/** Whole number within bounds from a query value (default when missing or not a number). */
function bounded(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' ? value : Number.parseFloat(String(value ?? ''));
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

export async function searchServices(db: Db, actor: Actor, query: SearchQuery): Promise<SearchResult> {
  assertCan(actor, 'directory.read');
  const errors: Record<string, string> = {};
  const text = (query.text ?? '').trim();
  if (text.length > 200) errors.text = 'Search words must be 200 characters or fewer';
  const category = query.category?.trim() || undefined;
  if (category && !isUuid(category)) errors.category = 'Choose a category from the list';
  const withinMiles = bounded(query.withinMiles, defaultWithinMiles, 0.1, maxWithinMiles);
  let near: ServiceFilters['near'];
  let postcode: string | null = null;
  const rawPostcode = query.postcode?.trim() ?? '';
  if (rawPostcode) {
    const clean = normalisePostcode(rawPostcode);
    if (!clean) errors.postcode = 'Enter a real postcode, like NV1 1AA';
    else {
      const found = await postcodePoint(db, clean);
      if (!found) errors.postcode = `We do not know where ${clean} is: try a nearby postcode`;
      else {
        postcode = found.postcode;
        near = { latitude: found.latitude, longitude: found.longitude, miles: withinMiles };
      }
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const pageSize = Math.round(bounded(query.pageSize, defaultPageSize, 1, maxPageSize));
  const page = Math.round(bounded(query.page, 1, 1, 100_000));
  const { rows, total, totalCapped } = await findServiceIds(db, {
    text,
    category,
    near,
    organisationId: query.organisationId,
    organisationIds: query.placeId !== undefined ? await organisationIdsInPlace(db, query.placeId) : undefined,
    includeInactive: query.includeInactive,
    page,
    pageSize,
  });
  const items = await summariesOf(db, rows, near);
  return { items, total, totalCapped, page, pageSize, postcode, withinMiles: near ? withinMiles : null };
}

/** Search result lines for these services, in the order given. */
export async function summariesOf(
  db: Db,
  rows: ReadonlyArray<{ id: string; miles: number | null }>,
  near?: { latitude: number; longitude: number },
): Promise<ServiceSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [services, categories, locations] = await Promise.all([
    db.selectFrom('directory_service').select(['id', 'name', 'description', 'status', 'organisation_id', 'last_checked']).where('id', 'in', ids).execute(),
    db
      .selectFrom('directory_attribute as a')
      .innerJoin('directory_taxonomy_term as t', 't.id', 'a.taxonomy_term_id')
      .select(['a.link_id', 't.id', 't.name'])
      .where('a.link_id', 'in', ids)
      .orderBy('t.name')
      .execute(),
    db
      .selectFrom('directory_service_at_location as sal')
      .innerJoin('directory_location as l', 'l.id', 'sal.location_id')
      .leftJoin('directory_address as ad', 'ad.location_id', 'l.id')
      .select(['sal.service_id', 'sal.id as sal_id', 'l.name', 'l.latitude', 'l.longitude', 'ad.city', 'ad.postal_code'])
      .where('sal.service_id', 'in', ids)
      .orderBy('sal.id')
      .execute(),
  ]);
  const names = new Map((await organisationNames(db, [...new Set(services.map((s) => s.organisation_id))])).map((o) => [o.id, o.name]));
  const byId = new Map(services.map((s) => [s.id, s]));
  const dueBefore = checkDueBefore(new Date());
  const distance = (lat: number | null, lon: number | null) =>
    near && lat !== null && lon !== null ? haversineMiles(near.latitude, near.longitude, lat, lon) : Number.POSITIVE_INFINITY;
  return rows.flatMap((r) => {
    const s = byId.get(r.id);
    if (!s) return [];
    const mine = locations.filter((l) => l.service_id === s.id);
    const location = near ? [...mine].sort((a, b) => distance(a.latitude, a.longitude) - distance(b.latitude, b.longitude))[0] : mine[0];
    return [
      {
        id: s.id,
        name: s.name,
        summary: shorten(s.description ?? '', 300),
        status: s.status,
        organisationId: s.organisation_id,
        organisationName: names.get(s.organisation_id) ?? '',
        categories: categories.filter((c) => c.link_id === s.id).map((c) => ({ id: c.id, name: c.name })),
        locationName: location?.name ?? null,
        town: location?.city ?? null,
        postcode: location?.postal_code ?? null,
        distanceMiles: r.miles === null ? null : Math.round(r.miles * 10) / 10,
        lastChecked: s.last_checked,
        checkOverdue: s.last_checked < dueBefore,
      },
    ];
  });
}

export function haversineMiles(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return earthRadiusMiles * 2 * Math.asin(Math.sqrt(a));
}

function shorten(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Every category (taxonomy term) services can carry, by name, with how many active services carry each. */
export async function listCategories(db: Db): Promise<Category[]> {
  const rows = await db
    .selectFrom('directory_taxonomy_term as t')
    .leftJoin('directory_taxonomy as x', 'x.id', 't.taxonomy_id')
    .select((eb) => [
      't.id',
      't.name',
      't.description',
      eb.fn.coalesce('x.name', 't.taxonomy').as('taxonomy'),
      eb
        .selectFrom('directory_attribute as a')
        .innerJoin('directory_service as s', 's.id', 'a.link_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.taxonomy_term_id', '=', 't.id')
        .where('s.status', 'in', ['active', 'temporarily closed'])
        .as('services'),
    ])
    .orderBy('t.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, taxonomy: r.taxonomy, services: Number(r.services ?? 0) }));
}

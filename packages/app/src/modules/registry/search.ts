// Organisation search: PostgreSQL full text on organisation.search_vector, an exact ODS code, or
// the start of the name; filtered by type, place (and the places inside it) and postcode prefix.
// One query for a page (two when asked for a page past the end, to still give the total).
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import { maxPageNumber } from '../../platform/web/index.js';
import { type OrganisationType, organisationTypes } from './schema.js';
import { escapeLike } from './validation.js';

export interface OrganisationListItem {
  id: number;
  name: string;
  type: OrganisationType;
  odsCode: string | null;
  postcode: string | null;
  takesNhsMoney: boolean;
  isDemo: boolean;
}

export interface OrganisationSearchQuery {
  q?: string;
  type?: string;
  placeId?: number;
  postcode?: string;
  page?: number;
  pageSize?: number;
}

export interface OrganisationSearchResult {
  items: OrganisationListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export const defaultPageSize = 20;
export const maxPageSize = 100;

/** How a postcode filter matches: "LS6" is an outward code (LS6 1AA, not LS61 1AA); "LS6 1" is a prefix. */
export function postcodeCondition(input: string): { kind: 'area' | 'outward' | 'prefix'; value: string } | null {
  const value = input.toUpperCase().trim().replace(/\s+/g, ' ');
  if (!value) return null;
  if (value.includes(' ')) return { kind: 'prefix', value };
  // A whole postcode typed without its space: match it exactly.
  if (/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/.test(value)) return { kind: 'prefix', value: `${value.slice(0, -3)} ${value.slice(-3)}` };
  // Letters only ("LS"): the postcode area, any district in it.
  if (/^[A-Z]{1,2}$/.test(value)) return { kind: 'area', value };
  return { kind: 'outward', value };
}

export async function searchOrganisations(deps: { db: Db }, query: OrganisationSearchQuery): Promise<OrganisationSearchResult> {
  const pageSize = Math.min(Math.max(Math.trunc(query.pageSize ?? defaultPageSize) || defaultPageSize, 1), maxPageSize);
  // Capped like every list's page number, so a page far past the end is an empty page, not an error.
  const page = Math.min(Math.max(Math.trunc(query.page ?? 1) || 1, 1), maxPageNumber);
  const q = query.q?.trim().slice(0, 200) ?? '';
  const type = query.type && (organisationTypes as readonly string[]).includes(query.type) ? query.type : undefined;
  // An unknown type matches nothing rather than everything.
  const unknownType = Boolean(query.type) && !type;
  const postcode = query.postcode ? postcodeCondition(query.postcode) : null;
  const placeId =
    query.placeId !== undefined && Number.isSafeInteger(query.placeId) && query.placeId > 0 && query.placeId <= 2147483647 ? query.placeId : undefined;
  const unknownPlace = query.placeId !== undefined && placeId === undefined;

  const tsquery = sql`websearch_to_tsquery('english', ${q})`;
  const conditions: Expression<SqlBool>[] = [];
  if (unknownType || unknownPlace) conditions.push(sql<SqlBool>`false`);
  if (q) {
    conditions.push(
      sql<SqlBool>`(o.search_vector @@ ${tsquery} or o.ods_code = ${q.toUpperCase()} or lower(o.name) like ${`${escapeLike(q.toLowerCase())}%`})`,
    );
  }
  if (type) conditions.push(sql<SqlBool>`o.type = ${type}`);
  if (postcode?.kind === 'prefix') conditions.push(sql<SqlBool>`o.postcode like ${`${escapeLike(postcode.value)}%`}`);
  if (postcode?.kind === 'outward') conditions.push(sql<SqlBool>`(o.postcode = ${postcode.value} or o.postcode like ${`${escapeLike(postcode.value)} %`})`);
  if (postcode?.kind === 'area')
    conditions.push(sql<SqlBool>`(o.postcode like ${`${postcode.value}%`} and substr(o.postcode, ${postcode.value.length + 1}, 1) between '0' and '9')`);
  if (placeId !== undefined) {
    conditions.push(sql<SqlBool>`exists (
      with recursive within_place(id) as (
        select id from place where id = ${placeId}
        union all
        select p.id from place p join within_place w on p.parent_id = w.id
      )
      select 1 from organisation_place op where op.organisation_id = o.id and op.place_id in (select id from within_place)
    )`);
  }
  const where = conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
  const orderBy = q
    ? sql`(o.ods_code is not distinct from ${q.toUpperCase()}) desc, ts_rank(o.search_vector, ${tsquery}) desc, o.name, o.id`
    : sql`o.name, o.id`;

  const offset = (page - 1) * pageSize;
  const result = await sql<{
    id: number;
    name: string;
    type: OrganisationType;
    ods_code: string | null;
    postcode: string | null;
    takes_nhs_money: boolean;
    is_demo: boolean;
    total: number;
  }>`select o.id, o.name, o.type, o.ods_code, o.postcode, o.takes_nhs_money, o.is_demo, count(*) over () as total
     from organisation o where ${where} order by ${orderBy} limit ${pageSize} offset ${offset}`.execute(deps.db);
  let total = result.rows[0]?.total ?? 0;
  if (result.rows.length === 0 && offset > 0) {
    const count = await sql<{ n: number }>`select count(*) as n from organisation o where ${where}`.execute(deps.db);
    total = count.rows[0]?.n ?? 0;
  }
  return {
    items: result.rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      odsCode: r.ods_code,
      postcode: r.postcode,
      takesNhsMoney: r.takes_nhs_money,
      isDemo: r.is_demo,
    })),
    total: Number(total),
    page,
    pageSize,
  };
}

// The directory as Open Referral UK (HSDS 3.0 UK profile) answers: fully nested services,
// organisations and service-at-locations, the profile's paginated lists, taxonomies and terms.
// Fields the database holds as null are left out (the profile's schemas allow no nulls); organisation
// ids are the Open Referral UUIDs kept in directory_organisation, not the registry's numbers.
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { organisationProfiles } from '../registry/service.js';
import { type Actor, assertCan } from './policy.js';
import { isUuid } from './records.js';
import { findServiceIds } from './search.js';

type Json = Record<string, unknown>;

/** The object without its null and undefined fields. */
export function withoutNulls<T extends Json>(object: T): Json {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null && v !== undefined));
}

export const orukDefaultPerPage = 50;
export const orukMaxPerPage = 500;

export interface OrukPageQuery {
  page?: unknown;
  per_page?: unknown;
}

export interface OrukServiceQuery extends OrukPageQuery {
  text?: unknown;
  search?: unknown;
  taxonomy_term_id?: unknown;
}

export interface OrukPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Json[];
}

/** page and per_page; a bad one is added to `collect` when given (the caller throws), else thrown at once. */
function pageParams(query: OrukPageQuery, collect?: Record<string, string>): { page: number; perPage: number } {
  const errors = collect ?? {};
  const whole = (value: unknown, name: string, fallback: number, max: number): number => {
    if (value === undefined || value === '') return fallback;
    const raw = String(value);
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
      errors[name] = `${name} must be a whole number from 1 to ${max.toLocaleString('en-GB')}`;
      return fallback;
    }
    return Number(raw);
  };
  const page = whole(query.page, 'page', 1, 100_000);
  const perPage = whole(query.per_page, 'per_page', orukDefaultPerPage, orukMaxPerPage);
  if (!collect && Object.keys(errors).length) throw new ValidationError(errors);
  return { page, perPage };
}

function pageOf(contents: Json[], total: number, page: number, perPage: number): OrukPage {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** '/openreferral/': what this API is and which profile it follows. */
export function orukApiDescription(publicUrl: string): Json {
  return {
    version: '3.0',
    profile: 'https://github.com/openreferraluk/uk-profile',
    openapi_url: 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json',
    // Not in the profile's description, which allows more: where this directory is.
    url: `${publicUrl.replace(/\/$/, '')}/openreferral/`,
  };
}

// ---- organisations ----------------------------------------------------------------------------

async function organisationsBy(db: Db, where: { organisationIds?: number[]; orukIds?: string[] }): Promise<Map<number, Json>> {
  let q = db.selectFrom('directory_organisation').selectAll();
  if (where.organisationIds) q = q.where('organisation_id', 'in', where.organisationIds.length ? where.organisationIds : [0]);
  if (where.orukIds) q = q.where('oruk_id', 'in', where.orukIds.length ? where.orukIds : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.execute();
  const profiles = new Map(
    (
      await organisationProfiles(
        db,
        rows.map((r) => r.organisation_id),
      )
    ).map((p) => [p.id, p]),
  );
  const result = new Map<number, Json>();
  for (const r of rows) {
    const p = profiles.get(r.organisation_id);
    if (!p) continue;
    result.set(
      r.organisation_id,
      withoutNulls({
        id: r.oruk_id,
        name: p.name,
        description: p.description ?? '',
        email: r.email,
        website: p.website,
        logo: r.logo,
        uri: r.uri,
        parent_organization_id: r.parent_organization_id,
      }),
    );
  }
  return result;
}

/** Attributes (with their taxonomy terms) linked to these records, by record id. */
async function attributesOf(db: Db, linkIds: string[]): Promise<Map<string, Json[]>> {
  const map = new Map<string, Json[]>();
  if (!linkIds.length) return map;
  const rows = await db
    .selectFrom('directory_attribute as a')
    .innerJoin('directory_taxonomy_term as t', 't.id', 'a.taxonomy_term_id')
    .select([
      'a.id',
      'a.link_id',
      'a.link_type',
      'a.link_entity',
      'a.taxonomy_term_id',
      't.name',
      't.description',
      't.parent_id',
      't.taxonomy',
      't.taxonomy_id',
      't.term_uri',
      't.term',
    ])
    .where('a.link_id', 'in', linkIds)
    .orderBy('a.id')
    .execute();
  for (const r of rows) {
    const list = map.get(r.link_id) ?? [];
    list.push(
      withoutNulls({
        id: r.id,
        link_id: r.link_id,
        taxonomy_term_id: r.taxonomy_term_id,
        link_type: r.link_type,
        link_entity: r.link_entity,
        taxonomy_term: withoutNulls({
          id: r.taxonomy_term_id,
          name: r.name,
          description: r.description,
          parent_id: r.parent_id,
          taxonomy: r.taxonomy,
          taxonomy_id: r.taxonomy_id,
          term_uri: r.term_uri,
          term: r.term,
        }),
      }),
    );
    map.set(r.link_id, list);
  }
  return map;
}

/** An organisation in full: its identifiers, attributes and (with services) its services fully nested. */
async function fullOrganisation(db: Db, organisationId: number, base: Json, withServices: boolean): Promise<Json> {
  const identifiers = await db
    .selectFrom('directory_organisation_identifier')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
  const attributes = await attributesOf(db, [String(base.id)]);
  const orukId = String(base.id);
  const full: Json = {
    ...base,
    organization_identifiers: identifiers.map((i) =>
      withoutNulls({ id: i.id, organization_id: orukId, identifier_scheme: i.identifier_scheme, identifier_type: i.identifier_type, identifier: i.identifier }),
    ),
    attributes: attributes.get(orukId) ?? [],
  };
  if (withServices) {
    const ids = await db.selectFrom('directory_service').select('id').where('organisation_id', '=', organisationId).orderBy('name').orderBy('id').execute();
    full.services = await fullServices(
      db,
      ids.map((r) => r.id),
      { withOrganisation: false },
    );
  }
  return full;
}

export async function orukOrganizations(db: Db, actor: Actor, query: OrukPageQuery): Promise<OrukPage> {
  assertCan(actor, 'directory.read');
  const { page, perPage } = pageParams(query);
  const { total } = await db
    .selectFrom('directory_organisation')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const ids = await db
    .selectFrom('directory_organisation')
    .select('organisation_id')
    .orderBy('oruk_id')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const orgs = await organisationsBy(db, { organisationIds: ids.map((r) => r.organisation_id) });
  return pageOf(
    ids.flatMap((r): Json[] => {
      const org = orgs.get(r.organisation_id);
      return org ? [org] : [];
    }),
    Number(total),
    page,
    perPage,
  );
}

export async function orukOrganization(db: Db, actor: Actor, id: string): Promise<Json> {
  assertCan(actor, 'directory.read');
  if (!isUuid(id)) throw new NotFoundError('There is no organization with that id');
  const orgs = await organisationsBy(db, { orukIds: [id] });
  const [entry] = [...orgs.entries()];
  if (!entry) throw new NotFoundError('There is no organization with that id');
  return fullOrganisation(db, entry[0], entry[1], true);
}

// ---- services ---------------------------------------------------------------------------------

function serviceFields(s: {
  id: string;
  name: string;
  description: string | null;
  url: string | null;
  email: string | null;
  status: string;
  fees: string | null;
  accreditations: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  assured_date: string | null;
  assurer_email: string | null;
  alert: string | null;
  last_modified: Date;
}): Json {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    fees: s.fees,
    accreditations: s.accreditations,
    eligibility_description: s.eligibility_description,
    minimum_age: s.minimum_age,
    maximum_age: s.maximum_age,
    assured_date: s.assured_date,
    assurer_email: s.assurer_email,
    alert: s.alert,
    last_modified: new Date(s.last_modified).toISOString(),
  };
}

async function serviceRows(db: Db, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db.selectFrom('directory_service').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Services as list items: their one-to-one fields and their organisation. */
async function listServices(db: Db, ids: string[]): Promise<Json[]> {
  const rows = await serviceRows(db, ids);
  const orgs = await organisationsBy(db, { organisationIds: [...new Set(rows.map((r) => r.organisation_id))] });
  return rows.map((s) => {
    const org = orgs.get(s.organisation_id);
    return withoutNulls({ ...serviceFields(s), organization_id: org?.id, organization: org });
  });
}

function scheduleJson(r: {
  id: string;
  service_id: string | null;
  location_id: string | null;
  service_at_location_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  dtstart: string | null;
  timezone: number | null;
  until: string | null;
  count: number | null;
  wkst: string | null;
  freq: string | null;
  interval: number | null;
  byday: string | null;
  byweekno: string | null;
  bymonthday: string | null;
  byyearday: string | null;
  description: string | null;
  opens_at: string | null;
  closes_at: string | null;
  schedule_link: string | null;
  attending_type: string | null;
  notes: string | null;
}): Json {
  return withoutNulls({ ...r });
}

/** Locations in full (addresses, accessibility, attributes), by id. */
async function fullLocations(db: Db, ids: string[]): Promise<Map<string, Json>> {
  const map = new Map<string, Json>();
  if (!ids.length) return map;
  const [locations, addresses, access, attributes] = await Promise.all([
    db.selectFrom('directory_location').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('directory_address').selectAll().where('location_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('directory_accessibility').selectAll().where('location_id', 'in', ids).orderBy('id').execute(),
    attributesOf(db, ids),
  ]);
  for (const l of locations) {
    map.set(
      l.id,
      withoutNulls({
        ...l,
        addresses: addresses.filter((a) => a.location_id === l.id).map((a) => withoutNulls({ ...a })),
        accessibility: access.filter((a) => a.location_id === l.id).map((a) => withoutNulls({ ...a })),
        attributes: attributes.get(l.id) ?? [],
      }),
    );
  }
  return map;
}

/** Services fully nested, in the order of the ids given. */
async function fullServices(db: Db, ids: string[], options: { withOrganisation: boolean }): Promise<Json[]> {
  const rows = await serviceRows(db, ids);
  if (!rows.length) return [];
  const serviceIds = rows.map((r) => r.id);
  const [orgs, schedules, areas, sals, languages, funding, costs, contacts, attributes] = await Promise.all([
    organisationsBy(db, { organisationIds: [...new Set(rows.map((r) => r.organisation_id))] }),
    db.selectFrom('directory_schedule').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    db.selectFrom('directory_service_area').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    db.selectFrom('directory_service_at_location').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    db.selectFrom('directory_language').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    db.selectFrom('directory_funding').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    db.selectFrom('directory_cost_option').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    db.selectFrom('directory_contact').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    attributesOf(db, serviceIds),
  ]);
  const contactIds = contacts.map((c) => c.id);
  const [phones, contactAttributes, locations, orgFull] = await Promise.all([
    contactIds.length ? db.selectFrom('directory_phone').selectAll().where('contact_id', 'in', contactIds).orderBy('id').execute() : [],
    attributesOf(db, contactIds),
    fullLocations(db, [...new Set(sals.map((s) => s.location_id))]),
    options.withOrganisation
      ? Promise.all([...orgs.entries()].map(async ([orgId, base]) => [orgId, await fullOrganisation(db, orgId, base, false)] as const)).then((e) => new Map(e))
      : new Map<number, Json>(),
  ]);
  return rows.map((s) => {
    const org = orgs.get(s.organisation_id);
    return withoutNulls({
      ...serviceFields(s),
      organization_id: org?.id,
      schedules: schedules.filter((r) => r.service_id === s.id).map(scheduleJson),
      service_areas: areas.filter((r) => r.service_id === s.id).map((r) => withoutNulls({ ...r })),
      service_at_locations: sals
        .filter((r) => r.service_id === s.id)
        .map((r) => withoutNulls({ id: r.id, service_id: r.service_id, location_id: r.location_id, location: locations.get(r.location_id) })),
      languages: languages.filter((r) => r.service_id === s.id).map((r) => withoutNulls({ ...r })),
      organization: options.withOrganisation ? orgFull.get(s.organisation_id) : undefined,
      funding: funding.filter((r) => r.service_id === s.id).map((r) => withoutNulls({ ...r })),
      cost_options: costs.filter((r) => r.service_id === s.id).map((r) => withoutNulls({ ...r })),
      contacts: contacts
        .filter((r) => r.service_id === s.id)
        .map((c) =>
          withoutNulls({
            ...c,
            phones: phones.filter((p) => p.contact_id === c.id).map((p) => withoutNulls({ ...p, service_id: undefined })),
            attributes: contactAttributes.get(c.id) ?? [],
          }),
        ),
      attributes: attributes.get(s.id) ?? [],
    });
  });
}

export async function orukServices(db: Db, actor: Actor, query: OrukServiceQuery): Promise<OrukPage> {
  assertCan(actor, 'directory.read');
  const errors: Record<string, string> = {};
  const { page, perPage } = pageParams(query, errors);
  const text = String(query.text ?? query.search ?? '').trim();
  if (text.length > 200) errors.text = 'text must be 200 characters or fewer';
  const term = query.taxonomy_term_id === undefined || query.taxonomy_term_id === '' ? undefined : String(query.taxonomy_term_id);
  if (term !== undefined && !isUuid(term)) errors.taxonomy_term_id = 'taxonomy_term_id must be a UUID';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const { rows, total } = await findServiceIds(db, { text, category: term, includeInactive: true, page, pageSize: perPage, exactTotal: true });
  return pageOf(
    await listServices(
      db,
      rows.map((r) => r.id),
    ),
    total,
    page,
    perPage,
  );
}

export async function orukService(db: Db, actor: Actor, id: string): Promise<Json> {
  assertCan(actor, 'directory.read');
  if (!isUuid(id)) throw new NotFoundError('There is no service with that id');
  const [service] = await fullServices(db, [id], { withOrganisation: true });
  if (!service) throw new NotFoundError('There is no service with that id');
  return service;
}

// ---- service at locations ---------------------------------------------------------------------

async function serviceAtLocations(db: Db, rows: Array<{ id: string; service_id: string; location_id: string }>): Promise<Json[]> {
  const [locations, services] = await Promise.all([
    fullLocations(db, [...new Set(rows.map((r) => r.location_id))]),
    listServices(db, [...new Set(rows.map((r) => r.service_id))]),
  ]);
  const serviceById = new Map(services.map((s) => [s.id, s]));
  return rows.map((r) =>
    withoutNulls({
      id: r.id,
      service_id: r.service_id,
      location_id: r.location_id,
      location: locations.get(r.location_id),
      service: serviceById.get(r.service_id),
    }),
  );
}

export async function orukServiceAtLocations(db: Db, actor: Actor, query: OrukPageQuery): Promise<OrukPage> {
  assertCan(actor, 'directory.read');
  const { page, perPage } = pageParams(query);
  const { total } = await db
    .selectFrom('directory_service_at_location')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('directory_service_at_location')
    .selectAll()
    .orderBy('id')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return pageOf(await serviceAtLocations(db, rows), Number(total), page, perPage);
}

export async function orukServiceAtLocation(db: Db, actor: Actor, id: string): Promise<Json> {
  assertCan(actor, 'directory.read');
  if (!isUuid(id)) throw new NotFoundError('There is no service at location with that id');
  const row = await db.selectFrom('directory_service_at_location').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('There is no service at location with that id');
  const [item] = await serviceAtLocations(db, [row]);
  return item as Json;
}

// ---- taxonomies -------------------------------------------------------------------------------

export async function orukTaxonomies(db: Db, actor: Actor, query: OrukPageQuery): Promise<OrukPage> {
  assertCan(actor, 'directory.read');
  const { page, perPage } = pageParams(query);
  const { total } = await db
    .selectFrom('directory_taxonomy')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('directory_taxonomy')
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return pageOf(
    rows.map((r) => withoutNulls({ ...r })),
    Number(total),
    page,
    perPage,
  );
}

export async function orukTaxonomy(db: Db, actor: Actor, id: string): Promise<Json> {
  assertCan(actor, 'directory.read');
  if (!isUuid(id)) throw new NotFoundError('There is no taxonomy with that id');
  const row = await db.selectFrom('directory_taxonomy').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('There is no taxonomy with that id');
  return withoutNulls({ ...row });
}

export async function orukTaxonomyTerms(db: Db, actor: Actor, query: OrukPageQuery & { taxonomy_id?: unknown }): Promise<OrukPage> {
  assertCan(actor, 'directory.read');
  const { page, perPage } = pageParams(query);
  const taxonomyId = query.taxonomy_id === undefined || query.taxonomy_id === '' ? undefined : String(query.taxonomy_id);
  if (taxonomyId !== undefined && !isUuid(taxonomyId)) throw new ValidationError({ taxonomy_id: 'taxonomy_id must be a UUID' });
  let base = db.selectFrom('directory_taxonomy_term');
  if (taxonomyId) base = base.where('taxonomy_id', '=', taxonomyId);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return pageOf(
    rows.map((r) => withoutNulls({ ...r })),
    Number(total),
    page,
    perPage,
  );
}

export async function orukTaxonomyTerm(db: Db, actor: Actor, id: string): Promise<Json> {
  assertCan(actor, 'directory.read');
  if (!isUuid(id)) throw new NotFoundError('There is no taxonomy term with that id');
  const row = await db.selectFrom('directory_taxonomy_term').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('There is no taxonomy term with that id');
  return withoutNulls({ ...row });
}

// `involve import openreferral FOLDER`: a directory exchanged as the Open Referral UK profile's CSV
// files (one per table: organizations.csv, services.csv, locations.csv, ...) imported whole or not at
// all. Every row is checked first (ids are UUIDs, required fields are there, values have the right
// form, references point at a row in the files or already in the directory); each bad row is
// reported by file and line and nothing is written. Otherwise everything is written in one
// transaction, and a record whose id is already there is updated, so a folder can be imported again
// after changes. Organisations become (or update) registry organisations, voluntary groups when new.
// A postcodes.csv (postcode, latitude, longitude) beside them fills the postcode coordinates used by
// distance search.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../platform/database.js';
import { inTransaction } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { importOrganisation, normalisePostcode } from '../registry/service.js';
import { type Actor, assertCan } from './policy.js';
import { isUuid } from './records.js';
import { addressTypes, locationTypes, scheduleFrequencies, serviceStatuses } from './schema.js';

interface Row {
  file: string;
  line: number;
  values: Record<string, string>;
}

/** The tables read, each from the first of its file names present (several files of one table are merged by id). */
const tableFiles: Record<string, string[]> = {
  organization: ['organization.csv', 'organizations.csv'],
  organization_identifier: ['organization_identifier.csv', 'organization_identifiers.csv'],
  service: ['service.csv', 'services.csv'],
  location: ['location.csv', 'locations.csv'],
  address: ['address.csv', 'addresses.csv'],
  accessibility: ['accessibility.csv', 'accessibilities.csv'],
  service_at_location: ['service_at_location.csv', 'service_at_locations.csv'],
  schedule: ['schedule.csv', 'schedules.csv'],
  contact: ['contact.csv', 'contacts.csv'],
  phone: ['phone.csv', 'phones.csv'],
  language: ['language.csv', 'languages.csv'],
  cost_option: ['cost_option.csv', 'cost_options.csv'],
  funding: ['funding.csv', 'fundings.csv'],
  service_area: ['service_area.csv', 'service_areas.csv'],
  taxonomy: ['taxonomy.csv', 'taxonomies.csv'],
  taxonomy_term: ['taxonomy_term.csv', 'taxonomy_terms.csv'],
  attribute: ['attribute.csv', 'attributes.csv'],
  postcode: ['postcodes.csv'],
};

export interface ImportOutput {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function readCsvFile(file: string, name: string): Row[] {
  let text = fs.readFileSync(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  let parsed: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    parsed = parse(text, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw new ValidationError({ [name]: `${name}${e.lines ? ` line ${e.lines}` : ''}: not valid CSV (${e.message ?? 'unknown problem'})` });
  }
  const [header, ...rest] = parsed;
  if (!header) return [];
  const columns = header.record.map((c) => c.trim().toLowerCase());
  return rest.map((p) => {
    const inner = (p.raw.replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g) ?? []).length;
    const values: Record<string, string> = {};
    columns.forEach((c, i) => {
      values[c] = p.record[i] ?? '';
    });
    return { file: name, line: p.info.lines - inner, values };
  });
}

/** The rows of every table present, rows of one id in two files of a table merged (non-empty values win). */
function readFolder(folder: string): { tables: Map<string, Row[]>; ignored: string[] } {
  const present = new Set(fs.readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.csv')));
  const known = new Set(Object.values(tableFiles).flat());
  const tables = new Map<string, Row[]>();
  const errors: Record<string, string> = {};
  for (const [table, names] of Object.entries(tableFiles)) {
    const byId = new Map<string, Row>();
    const rows: Row[] = [];
    for (const name of names.filter((n) => present.has(n))) {
      try {
        for (const row of readCsvFile(path.join(folder, name), name)) {
          const key = table === 'postcode' ? row.values.postcode : row.values.id;
          const earlier = key ? byId.get(key) : undefined;
          if (earlier && earlier.file !== row.file) {
            for (const [k, v] of Object.entries(row.values)) if (v !== '' || !(k in earlier.values)) earlier.values[k] = v;
          } else {
            rows.push(row);
            if (key) byId.set(key, row);
          }
        }
      } catch (error) {
        if (error instanceof ValidationError) Object.assign(errors, error.fieldErrors);
        else throw error;
      }
    }
    if (rows.length) tables.set(table, rows);
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { tables, ignored: [...present].filter((f) => !known.has(f)).sort() };
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads one row's values, noting each problem against the row. */
class RowReader {
  readonly problems: string[] = [];
  constructor(readonly row: Row) {}

  text(field: string, options: { required?: boolean; max?: number } = {}): string | null {
    const value = this.row.values[field] ?? '';
    if (value === '') {
      if (options.required) this.problems.push(`${field} is required`);
      return null;
    }
    if (value.length > (options.max ?? 2000)) this.problems.push(`${field} must be ${(options.max ?? 2000).toLocaleString('en-GB')} characters or fewer`);
    return value;
  }
  id(field = 'id', required = true): string | null {
    const value = this.text(field, { required });
    if (value !== null && !isUuid(value)) {
      this.problems.push(`${field} '${value}' is not a UUID`);
      return null;
    }
    return value?.toLowerCase() ?? null;
  }
  number(field: string, options: { integer?: boolean; min?: number } = {}): number | null {
    const value = this.text(field);
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isFinite(n) || (options.integer && !Number.isInteger(n)) || (options.min !== undefined && n < options.min)) {
      this.problems.push(
        `${field} '${value}' is not ${options.integer ? 'a whole number' : 'a number'}${options.min !== undefined ? ` of at least ${options.min}` : ''}`,
      );
      return null;
    }
    return n;
  }
  date(field: string): string | null {
    const value = this.text(field);
    if (value !== null && (!datePattern.test(value) || Number.isNaN(Date.parse(value)))) {
      this.problems.push(`${field} '${value}' is not a date like 2025-01-31`);
      return null;
    }
    return value;
  }
  dateTime(field: string): Date | null {
    const value = this.text(field);
    if (value === null) return null;
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) {
      this.problems.push(`${field} '${value}' is not a date and time like 2025-01-31T09:30:00Z`);
      return null;
    }
    return at;
  }
  time(field: string): string | null {
    const value = this.text(field);
    if (value !== null && !timePattern.test(value)) {
      this.problems.push(`${field} '${value}' is not a time like 09:30:00`);
      return null;
    }
    return value;
  }
  email(field: string): string | null {
    const value = this.text(field, { max: 320 });
    if (value !== null && !emailPattern.test(value)) this.problems.push(`${field} '${value}' is not an email address`);
    return value;
  }
  oneOf<T extends string>(field: string, allowed: readonly T[], required = false): T | null {
    const value = this.text(field, { required });
    if (value !== null && !(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${field} '${value}' must be one of: ${allowed.join(', ')}`);
      return null;
    }
    return value as T | null;
  }
}

export interface ImportSummary {
  /** Rows written, by table. */
  counts: Record<string, number>;
  ignoredFiles: string[];
}

/**
 * Check and import a folder. Throws ValidationError whose fieldErrors hold one message per bad row
 * ("services.csv line 3: …"), with nothing written; otherwise returns how many rows each table took.
 */
export async function importOpenReferral(db: Db, actor: Actor, folder: string): Promise<ImportSummary> {
  assertCan(actor, 'directory.import');
  const { tables, ignored } = readFolder(folder);
  const errors: Record<string, string> = {};
  const rowsOf = (table: string) => tables.get(table) ?? [];
  const idsIn = (table: string) => new Set(rowsOf(table).flatMap((r) => (isUuid(r.values.id) ? [r.values.id.toLowerCase()] : [])));
  const existing = async (
    table: 'directory_service' | 'directory_location' | 'directory_contact' | 'directory_phone' | 'directory_taxonomy_term' | 'directory_service_at_location',
    ids: string[],
  ) => {
    const wanted = [...new Set(ids.filter(isUuid))];
    if (!wanted.length) return new Set<string>();
    const rows = await db.selectFrom(table).select('id').where('id', 'in', wanted).execute();
    return new Set(rows.map((r) => r.id));
  };
  const orgRows = await db
    .selectFrom('directory_organisation')
    .select(['oruk_id', 'organisation_id'])
    .where(
      'oruk_id',
      'in',
      [
        ...idsIn('organization'),
        ...rowsOf('service').flatMap((r) => (isUuid(r.values.organization_id) ? [r.values.organization_id.toLowerCase()] : [])),
      ].concat(['00000000-0000-0000-0000-000000000000']),
    )
    .execute();
  const knownOrgs = new Map(orgRows.map((r) => [r.oruk_id, r.organisation_id]));
  const refs = async (table: string, field: string) => rowsOf(table).map((r) => r.values[field] ?? '');
  const known = {
    organization: new Set([...idsIn('organization'), ...knownOrgs.keys()]),
    service: new Set([
      ...idsIn('service'),
      ...(await existing('directory_service', [
        ...(await refs('service_at_location', 'service_id')),
        ...(await refs('contact', 'service_id')),
        ...(await refs('schedule', 'service_id')),
        ...(await refs('language', 'service_id')),
        ...(await refs('cost_option', 'service_id')),
        ...(await refs('funding', 'service_id')),
        ...(await refs('service_area', 'service_id')),
      ])),
    ]),
    location: new Set([
      ...idsIn('location'),
      ...(await existing('directory_location', [
        ...(await refs('service_at_location', 'location_id')),
        ...(await refs('address', 'location_id')),
        ...(await refs('accessibility', 'location_id')),
        ...(await refs('schedule', 'location_id')),
      ])),
    ]),
    contact: new Set([...idsIn('contact'), ...(await existing('directory_contact', await refs('phone', 'contact_id')))]),
    phone: new Set([...idsIn('phone'), ...(await existing('directory_phone', await refs('language', 'phone_id')))]),
    term: new Set([...idsIn('taxonomy_term'), ...(await existing('directory_taxonomy_term', await refs('attribute', 'taxonomy_term_id')))]),
    serviceAtLocation: new Set([
      ...idsIn('service_at_location'),
      ...(await existing('directory_service_at_location', await refs('schedule', 'service_at_location_id'))),
    ]),
  };

  /** Check every row of a table with `read`; a row with problems is reported, the others kept. */
  function check<T>(table: string, read: (r: RowReader) => T): T[] {
    const out: T[] = [];
    const seen = new Set<string>();
    for (const row of rowsOf(table)) {
      const reader = new RowReader(row);
      const value = read(reader);
      const key = table === 'postcode' ? '' : (row.values.id ?? '').toLowerCase();
      if (key && seen.has(key)) reader.problems.push(`id ${key} appears twice`);
      if (key) seen.add(key);
      if (reader.problems.length) errors[`${row.file}:${row.line}`] = `${row.file} line ${row.line}: ${reader.problems.join('; ')}`;
      else out.push(value);
    }
    return out;
  }
  const ref = (r: RowReader, field: string, set: Set<string>, what: string, required = true): string | null => {
    const id = r.id(field, required);
    if (id && !set.has(id)) r.problems.push(`${field} ${id} is not a ${what} in the files or the directory`);
    return id;
  };

  const organizations = check('organization', (r) => ({
    id: r.id() as string,
    name: r.text('name', { required: true, max: 200 }) ?? '',
    description: r.text('description', { max: 2000 }),
    email: r.email('email'),
    website: r.text('website', { max: 500 }),
    logo: r.text('logo'),
    uri: r.text('uri'),
    parent_organization_id: r.id('parent_organization_id', false),
  }));
  const identifiers = check('organization_identifier', (r) => ({
    id: r.id() as string,
    organization_id: ref(r, 'organization_id', known.organization, 'organization') as string,
    identifier_scheme: r.text('identifier_scheme', { max: 200 }),
    identifier_type: r.text('identifier_type', { required: true, max: 200 }) ?? '',
    identifier: r.text('identifier', { required: true, max: 200 }) ?? '',
  }));
  const taxonomies = check('taxonomy', (r) => ({
    id: r.id() as string,
    name: r.text('name', { required: true, max: 300 }) ?? '',
    description: r.text('description', { required: true }) ?? '',
    uri: r.text('uri'),
    version: r.text('version', { max: 100 }),
  }));
  const terms = check('taxonomy_term', (r) => ({
    id: r.id() as string,
    name: r.text('name', { required: true, max: 300 }) ?? '',
    description: r.text('description', { required: true }) ?? '',
    parent_id: r.id('parent_id', false),
    taxonomy: r.text('taxonomy', { max: 300 }),
    taxonomy_id: r.id('taxonomy_id', false),
    term_uri: r.text('term_uri'),
    term: r.text('term', { max: 300 }),
  }));
  const locations = check('location', (r) => ({
    id: r.id() as string,
    location_type: r.oneOf('location_type', locationTypes, true) ?? 'physical',
    name: r.text('name', { max: 300 }),
    description: r.text('description', { max: 5000 }),
    latitude: r.number('latitude'),
    longitude: r.number('longitude'),
    external_identifier: r.text('external_identifier', { max: 200 }),
    external_identifier_type: r.text('external_identifier_type', { max: 200 }),
  }));
  const addresses = check('address', (r) => ({
    id: r.id() as string,
    location_id: ref(r, 'location_id', known.location, 'location') as string,
    attention: r.text('attention', { max: 300 }),
    address_1: r.text('address_1', { required: true, max: 300 }) ?? '',
    address_2: r.text('address_2', { max: 300 }),
    city: r.text('city', { required: true, max: 200 }) ?? '',
    region: r.text('region', { max: 200 }),
    state_province: r.text('state_province', { required: true, max: 200 }) ?? '',
    postal_code: r.text('postal_code', { required: true, max: 20 }) ?? '',
    country: r.text('country', { required: true, max: 100 }) ?? '',
    address_type: r.oneOf('address_type', addressTypes, true) ?? 'physical',
  }));
  const access = check('accessibility', (r) => ({
    id: r.id() as string,
    location_id: ref(r, 'location_id', known.location, 'location') as string,
    description: r.text('description', { max: 5000 }),
    details: r.text('details', { max: 5000 }),
    url: r.text('url'),
    accessibility: r.text('accessibility', { max: 5000 }),
  }));
  const services = check('service', (r) => ({
    id: r.id() as string,
    organization_id: ref(r, 'organization_id', known.organization, 'organization') as string,
    name: r.text('name', { required: true, max: 300 }) ?? '',
    description: r.text('description', { max: 10000 }),
    url: r.text('url'),
    email: r.email('email'),
    status: r.oneOf('status', serviceStatuses, true) ?? 'active',
    fees: r.text('fees'),
    accreditations: r.text('accreditations'),
    eligibility_description: r.text('eligibility_description'),
    minimum_age: r.number('minimum_age', { min: 0 }),
    maximum_age: r.number('maximum_age', { min: 0 }),
    assured_date: r.date('assured_date'),
    assurer_email: r.email('assurer_email'),
    alert: r.text('alert'),
    last_modified: r.dateTime('last_modified'),
  }));
  const serviceAtLocations = check('service_at_location', (r) => ({
    id: r.id() as string,
    service_id: ref(r, 'service_id', known.service, 'service') as string,
    location_id: ref(r, 'location_id', known.location, 'location') as string,
  }));
  const schedules = check('schedule', (r) => ({
    id: r.id() as string,
    service_id: ref(r, 'service_id', known.service, 'service', false),
    location_id: ref(r, 'location_id', known.location, 'location', false),
    service_at_location_id: ref(r, 'service_at_location_id', known.serviceAtLocation, 'service at location', false),
    valid_from: r.date('valid_from'),
    valid_to: r.date('valid_to'),
    dtstart: r.date('dtstart'),
    timezone: r.number('timezone'),
    until: r.date('until'),
    count: r.number('count', { integer: true, min: 0 }),
    wkst: r.text('wkst', { max: 2 }),
    freq: r.oneOf('freq', scheduleFrequencies),
    interval: r.number('interval', { integer: true, min: 1 }),
    byday: r.text('byday', { max: 100 }),
    byweekno: r.text('byweekno', { max: 200 }),
    bymonthday: r.text('bymonthday', { max: 200 }),
    byyearday: r.text('byyearday', { max: 500 }),
    description: r.text('description'),
    opens_at: r.time('opens_at'),
    closes_at: r.time('closes_at'),
    schedule_link: r.text('schedule_link'),
    attending_type: r.text('attending_type', { max: 500 }),
    notes: r.text('notes'),
  }));
  const contacts = check('contact', (r) => ({
    id: r.id() as string,
    service_id: ref(r, 'service_id', known.service, 'service') as string,
    name: r.text('name', { max: 300 }),
    title: r.text('title', { max: 300 }),
    email: r.email('email'),
  }));
  const phones = check('phone', (r) => ({
    id: r.id() as string,
    contact_id: ref(r, 'contact_id', known.contact, 'contact', false),
    service_id: ref(r, 'service_id', known.service, 'service', false),
    number: r.text('number', { required: true, max: 50 }) ?? '',
    description: r.text('description'),
  }));
  const languages = check('language', (r) => ({
    id: r.id() as string,
    service_id: ref(r, 'service_id', known.service, 'service') as string,
    phone_id: ref(r, 'phone_id', known.phone, 'phone', false),
    name: r.text('name', { max: 100 }),
    code: r.text('code', { max: 20 }),
  }));
  const costs = check('cost_option', (r) => ({
    id: r.id() as string,
    service_id: ref(r, 'service_id', known.service, 'service') as string,
    valid_from: r.date('valid_from'),
    valid_to: r.date('valid_to'),
    option: r.text('option', { max: 500 }),
    amount: r.number('amount', { min: 0 }),
    amount_description: r.text('amount_description', { max: 500 }),
  }));
  const funding = check('funding', (r) => ({
    id: r.id() as string,
    service_id: ref(r, 'service_id', known.service, 'service') as string,
    source: r.text('source'),
  }));
  const areas = check('service_area', (r) => ({
    id: r.id() as string,
    service_id: ref(r, 'service_id', known.service, 'service') as string,
    name: r.text('name'),
    extent: r.text('extent', { max: 100000 }),
    extent_type: r.text('extent_type', { max: 100 }),
    uri: r.text('uri'),
    service_area: r.text('service_area'),
  }));
  const attributes = check('attribute', (r) => ({
    id: r.id() as string,
    link_id: r.id('link_id') as string,
    link_entity: r.text('link_entity', { max: 100 }),
    link_type: r.text('link_type', { max: 100 }),
    taxonomy_term_id: ref(r, 'taxonomy_term_id', known.term, 'taxonomy term') as string,
  }));
  const postcodes = check('postcode', (r) => {
    const raw = r.text('postcode', { required: true }) ?? '';
    const postcode = normalisePostcode(raw);
    if (raw && !postcode) r.problems.push(`postcode '${raw}' is not a UK postcode`);
    const latitude = r.number('latitude');
    const longitude = r.number('longitude');
    if (latitude === null || latitude < -90 || latitude > 90) r.problems.push('latitude must be a number from -90 to 90');
    if (longitude === null || longitude < -180 || longitude > 180) r.problems.push('longitude must be a number from -180 to 180');
    return { postcode: postcode ?? '', latitude: latitude ?? 0, longitude: longitude ?? 0 };
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);

  const counts: Record<string, number> = {};
  await inTransaction(db, async (trx) => {
    // Organisations: the registry's record (name, description, website) and the profile's others.
    const organisationIds = new Map(knownOrgs);
    for (const o of organizations) {
      let organisationId = knownOrgs.get(o.id);
      try {
        organisationId = await importOrganisation(trx, actor, { name: o.name, description: o.description, website: o.website }, organisationId);
      } catch (error) {
        if (error instanceof ValidationError) {
          const row = rowsOf('organization').find((r) => r.values.id?.toLowerCase() === o.id) as Row;
          throw new ValidationError({
            [`${row.file}:${row.line}`]: `${row.file} line ${row.line}: ${Object.values(error.fieldErrors).join('; ')}`,
          });
        }
        throw error;
      }
      organisationIds.set(o.id, organisationId);
      const values = {
        organisation_id: organisationId,
        oruk_id: o.id,
        email: o.email,
        logo: o.logo,
        uri: o.uri,
        parent_organization_id: o.parent_organization_id,
      };
      await trx
        .insertInto('directory_organisation')
        .values(values)
        .onConflict((oc) =>
          oc
            .column('organisation_id')
            .doUpdateSet({ oruk_id: o.id, email: o.email, logo: o.logo, uri: o.uri, parent_organization_id: o.parent_organization_id }),
        )
        .execute();
    }
    counts.organizations = organizations.length;
    const orgIdOf = (orukId: string) => organisationIds.get(orukId) as number;

    // Upsert by id, in an order that satisfies the foreign keys.
    const upsert = async <T extends { id: string }>(
      table:
        | 'directory_organisation_identifier'
        | 'directory_taxonomy'
        | 'directory_taxonomy_term'
        | 'directory_location'
        | 'directory_address'
        | 'directory_accessibility'
        | 'directory_service'
        | 'directory_service_at_location'
        | 'directory_schedule'
        | 'directory_contact'
        | 'directory_phone'
        | 'directory_language'
        | 'directory_cost_option'
        | 'directory_funding'
        | 'directory_service_area'
        | 'directory_attribute',
      rows: T[],
      label: string,
    ) => {
      for (let i = 0; i < rows.length; i += 500) {
        const batch = rows.slice(i, i + 500);
        const columns = Object.keys(batch[0] as object).filter((c) => c !== 'id');
        await trx
          .insertInto(table)
          .values(batch as never)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet(Object.fromEntries(columns.map((c) => [c, (eb: { ref: (c: string) => unknown }) => eb.ref(`excluded.${c}`)])) as never),
          )
          .execute();
      }
      counts[label] = rows.length;
    };
    await upsert(
      'directory_organisation_identifier',
      identifiers.map(({ organization_id, ...i }) => ({ ...i, organisation_id: orgIdOf(organization_id) })),
      'organization_identifiers',
    );
    await upsert('directory_taxonomy', taxonomies, 'taxonomies');
    await upsert('directory_taxonomy_term', terms, 'taxonomy_terms');
    await upsert('directory_location', locations, 'locations');
    await upsert('directory_address', addresses, 'addresses');
    await upsert('directory_accessibility', access, 'accessibility');
    await upsert(
      'directory_service',
      services.map(({ organization_id, last_modified, ...s }) => ({
        ...s,
        organisation_id: orgIdOf(organization_id),
        last_modified: last_modified ?? new Date(),
      })),
      'services',
    );
    await upsert('directory_service_at_location', serviceAtLocations, 'service_at_locations');
    await upsert('directory_schedule', schedules, 'schedules');
    await upsert('directory_contact', contacts, 'contacts');
    await upsert('directory_phone', phones, 'phones');
    await upsert('directory_language', languages, 'languages');
    await upsert('directory_cost_option', costs, 'cost_options');
    await upsert('directory_funding', funding, 'funding');
    await upsert('directory_service_area', areas, 'service_areas');
    await upsert('directory_attribute', attributes, 'attributes');
    if (postcodes.length) {
      for (let i = 0; i < postcodes.length; i += 1000) {
        await trx
          .insertInto('directory_postcode')
          .values(postcodes.slice(i, i + 1000))
          .onConflict((oc) => oc.column('postcode').doUpdateSet((eb) => ({ latitude: eb.ref('excluded.latitude'), longitude: eb.ref('excluded.longitude') })))
          .execute();
      }
      counts.postcodes = postcodes.length;
    }
  });
  return { counts, ignoredFiles: ignored };
}

/** The command: 0 imported, 1 bad rows (nothing imported), 2 no such folder or nothing to import. */
export async function importOpenReferralFolder(db: Db, actor: Actor, folder: string, out: ImportOutput): Promise<number> {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    out.stderr.write(`There is no folder ${folder}\n`);
    return 2;
  }
  try {
    const { counts, ignoredFiles } = await importOpenReferral(db, actor, folder);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (!total) {
      out.stderr.write(`No Open Referral UK CSV files (services.csv, organizations.csv, …) with rows in ${folder}\n`);
      return 2;
    }
    out.stdout.write(
      `Imported ${total} rows: ${Object.entries(counts)
        .filter(([, n]) => n)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}.\n`,
    );
    if (ignoredFiles.length) out.stdout.write(`Not imported (not tables Involve holds): ${ignoredFiles.join(', ')}.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const problems = Object.values(error.fieldErrors);
    out.stdout.write(`Nothing imported: ${problems.length} ${problems.length === 1 ? 'row has' : 'rows have'} problems.\n`);
    for (const problem of problems) out.stdout.write(`${problem}\n`);
    return 1;
  }
}

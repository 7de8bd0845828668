// The Open Referral UK API over HTTP: every answer for the demo validates against the UK profile's
// compiled schemas (ajv, draft 2020-12, read from ../shared/data/oruk, never copied); the profile's
// example CSV folder imports and its service comes back equal in every field the profile holds;
// bad ids and parameters are RFC 9457 problems, never a 5xx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../../test/testApp.js';
import { systemActor } from '../../../platform/permissions.js';
import { loadDemoHealthSystem } from '../../index.js';
import { importOpenReferral } from '../import.js';

const orukFolder = path.resolve(fileURLToPath(import.meta.url), '../../../../../../../../shared/data/oruk');
const haveSchemas = fs.existsSync(path.join(orukFolder, 'schema/compiled/service.json'));
if (!haveSchemas) {
  if (process.env.CI === 'true') throw new Error(`The Open Referral UK schemas are missing from ${orukFolder}: they must be there under CI`);
  console.warn(`Skipping the Open Referral UK schema tests: no schemas at ${orukFolder}`);
}

type Json = Record<string, unknown>;

function validators() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  const load = (name: string) => {
    const schema = JSON.parse(fs.readFileSync(path.join(orukFolder, 'schema/compiled', `${name}.json`), 'utf8')) as Json;
    delete schema.$id;
    return ajv.compile(schema);
  };
  const page = ajv.compile({
    type: 'object',
    required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
    properties: {
      total_items: { type: 'integer' },
      total_pages: { type: 'integer' },
      page_number: { type: 'integer' },
      size: { type: 'integer' },
      first_page: { type: 'boolean' },
      last_page: { type: 'boolean' },
      empty: { type: 'boolean' },
      contents: { type: 'array' },
    },
  });
  // The table schemas refer to each other by file name ("taxonomy_term.json"): load them under those names.
  for (const file of fs.readdirSync(path.join(orukFolder, 'schema')).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
    const schema = JSON.parse(fs.readFileSync(path.join(orukFolder, 'schema', file), 'utf8')) as Json;
    ajv.addSchema({ ...schema, $id: file });
  }
  const plain = (name: string) => ajv.getSchema(`${name}.json`) as Validate;
  return {
    page,
    service: load('service'),
    serviceList: load('service_list'),
    organization: load('organization'),
    organizationList: load('organization_list'),
    serviceAtLocationList: load('service_at_location_list'),
    taxonomy: plain('taxonomy'),
    taxonomyTerm: plain('taxonomy_term'),
  };
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

function expectValid(validate: Validate, data: unknown, what: string) {
  const ok = validate(data);
  expect(ok ? [] : [what, validate.errors]).toEqual([]);
}

describe.skipIf(!haveSchemas)('Open Referral UK', () => {
  describeWithTestApp('the demo directory at /openreferral', (t) => {
    let v: ReturnType<typeof validators>;
    beforeAll(async () => {
      v = validators();
      await loadDemoHealthSystem(t.db);
    }, 180_000);

    const getJson = async (url: string) => {
      const response = await t.client().get(url);
      expect([url, response.statusCode]).toEqual([url, 200]);
      expect(response.headers['content-type']).toContain('application/json');
      return response.json() as Json;
    };

    /** Every page of a list, each page validated, its items validated with `item`. */
    const everyPage = async (url: string, item: Validate, perPage = 25): Promise<Json[]> => {
      const items: Json[] = [];
      for (let page = 1; ; page++) {
        const body = await getJson(`${url}${url.includes('?') ? '&' : '?'}page=${page}&per_page=${perPage}`);
        expectValid(v.page, body, `${url} page ${page}`);
        for (const entry of body.contents as Json[]) expectValid(item, entry, `${url} item ${entry.id}`);
        items.push(...(body.contents as Json[]));
        expect(body).toMatchObject({ page_number: page, first_page: page === 1, size: (body.contents as Json[]).length });
        if (body.last_page) break;
        expect(page).toBeLessThan(50);
      }
      return items;
    };

    it('describes itself at /openreferral/', async () => {
      const body = await getJson('/openreferral/');
      expect(body).toMatchObject({ version: '3.0' });
      expect(String(body.openapi_url)).toMatch(/^https:\/\//);
      expect(String(body.profile)).toMatch(/^https:\/\//);
    });

    it('lists every demo service, each valid, and serves each in full, valid', async () => {
      const services = await everyPage('/openreferral/services', v.serviceList);
      expect(services.length).toBeGreaterThanOrEqual(60);
      for (const s of services) {
        const full = await getJson(`/openreferral/services/${s.id}`);
        expectValid(v.service, full, `service ${s.id}`);
        expect(full).toMatchObject({ id: s.id, name: s.name, status: s.status });
      }
      const one = await getJson(`/openreferral/services/${services[0]?.id}`);
      expect((one.service_at_locations as Json[]).length).toBeGreaterThan(0);
      expect((one.schedules as Json[]).length).toBeGreaterThan(0);
      expect((one.attributes as Json[]).length).toBeGreaterThan(0);
      expect(one.organization).toMatchObject({ id: one.organization_id });
    });

    it('filters services by text and taxonomy term, and pages them', async () => {
      const terms = await everyPage('/openreferral/taxonomy_terms', v.taxonomyTerm);
      expect(terms.length).toBeGreaterThanOrEqual(10);
      const food = terms.find((term) => term.name === 'Food and money') as Json;
      const byTerm = await getJson(`/openreferral/services?taxonomy_term_id=${food.id}&per_page=100`);
      expectValid(v.page, byTerm, 'by term');
      expect(byTerm.total_items).toBeGreaterThan(2);
      for (const s of byTerm.contents as Json[]) {
        const full = await getJson(`/openreferral/services/${s.id}`);
        expect((full.attributes as Json[]).map((a) => a.taxonomy_term_id)).toContain(food.id);
      }
      const byText = await getJson('/openreferral/services?text=dementia');
      expect((byText.contents as Json[]).map((s) => s.name)).toContain('Dementia café');
      expect((byText.contents as Json[]).every((s) => /dementia/i.test(`${s.name} ${s.description}`))).toBe(true);
      const profileName = await getJson('/openreferral/services?search=dementia');
      expect(profileName.total_items).toBe(byText.total_items);
      const second = await getJson('/openreferral/services?per_page=10&page=2');
      expect(second).toMatchObject({ page_number: 2, size: 10, first_page: false, last_page: false, empty: false });
      const past = await getJson('/openreferral/services?per_page=10&page=999');
      expect(past).toMatchObject({ page_number: 999, size: 0, empty: true, last_page: true, contents: [] });
      expectValid(v.page, past, 'past the end');
    });

    it('lists organisations, taxonomies and service-at-locations, each valid', async () => {
      const organisations = await everyPage('/openreferral/organizations', v.organizationList);
      expect(organisations.length).toBeGreaterThan(10);
      for (const o of organisations) {
        const full = await getJson(`/openreferral/organizations/${o.id}`);
        expectValid(v.organization, full, `organization ${o.id}`);
        expect((full.services as Json[]).length).toBeGreaterThan(0);
      }
      const taxonomies = await everyPage('/openreferral/taxonomies', v.taxonomy);
      expect(taxonomies.map((x) => x.name)).toContain('Involve community categories');
      expectValid(v.taxonomy, await getJson(`/openreferral/taxonomies/${taxonomies[0]?.id}`), 'one taxonomy');
      const sals = await everyPage('/openreferral/service_at_locations', v.serviceAtLocationList);
      expect(sals.length).toBeGreaterThanOrEqual(60);
      expect(sals[0]).toHaveProperty('location.latitude');
    });

    it('answers bad ids and parameters with RFC 9457 problems, never a 5xx', async () => {
      const cases: Array<[string, number]> = [
        ['/openreferral/services/not-a-uuid', 404],
        ['/openreferral/services/00000000-0000-4000-8000-000000000000', 404],
        ['/openreferral/services/%00', 404],
        ['/openreferral/organizations/123', 404],
        ['/openreferral/taxonomy_terms/zzz', 404],
        ['/openreferral/service_at_locations/1', 404],
        ['/openreferral/nothing-here', 404],
        ['/openreferral/services?page=0', 400],
        ['/openreferral/services?page=abc', 400],
        ['/openreferral/services?per_page=100000', 400],
        ['/openreferral/services?per_page=-1', 400],
        ['/openreferral/services?taxonomy_term_id=food', 400],
        [`/openreferral/services?text=${'x'.repeat(300)}`, 400],
        ['/openreferral/services?text=%27%3B%20drop%20table', 200],
        ['/openreferral/services?text=!!!%20%26%20|', 200],
        ['/openreferral/organizations?page=1e9', 400],
      ];
      for (const [url, status] of cases) {
        const response = await t.client().get(url);
        expect([url, response.statusCode]).toEqual([url, status]);
        if (status !== 200) {
          expect(response.headers['content-type']).toContain('application/problem+json');
          expect(response.json()).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
        }
      }
      const bad = (await t.client().get('/openreferral/services?page=0&taxonomy_term_id=x')).json() as Json;
      expect((bad.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['page', 'taxonomy_term_id']);
    });
  });

  describeWithTestApp('importing the profile’s example CSV folder', (t) => {
    const folder = path.join(orukFolder, 'examples/csv');
    const csv = (name: string) =>
      parse(fs.readFileSync(path.join(folder, name), 'utf8').replace(/\r\n?/g, '\n'), { columns: true, skip_empty_lines: true }) as Array<
        Record<string, string>
      >;
    let service: Json;
    beforeAll(async () => {
      await importOpenReferral(t.db, systemActor('import openreferral'), folder);
      // A second import updates by id: nothing doubles.
      await importOpenReferral(t.db, systemActor('import openreferral'), folder);
      const id = csv('services.csv')[0]?.id as string;
      service = (await t.client().get(`/openreferral/services/${id}`)).json() as Json;
    }, 120_000);

    /** The CSV row as the API answers it: numbers where the profile has numbers, empty cells left out. */
    const asJson = (row: Record<string, string>, numbers: string[] = [], leaveOut: string[] = []) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([k, value]) => value !== '' && !leaveOut.includes(k))
          .map(([k, value]) => [k, numbers.includes(k) ? Number(value) : value]),
      );

    it('serves the imported service, valid, equal to the CSV in every field the profile holds', async () => {
      const v = validators();
      expectValid(v.service, service, 'imported service');
      const row = csv('services.csv')[0] as Record<string, string>;
      const { organization_id: _org, ...fields } = asJson(row, ['minimum_age', 'maximum_age']);
      expect(service).toMatchObject(fields);
      expect(service.organization_id).toBe(row.organization_id);
      const org = csv('organizations.csv')[0] as Record<string, string>;
      expect(service.organization).toMatchObject(asJson(org));
      expect((service.organization as Json).organization_identifiers).toEqual([asJson(csv('organization_identifiers.csv')[0] as Record<string, string>)]);
      const sal = (service.service_at_locations as Json[])[0] as Json;
      expect(sal).toMatchObject(asJson(csv('service_at_location.csv')[0] as Record<string, string>));
      const location = sal.location as Json;
      expect(location).toMatchObject(asJson(csv('locations.csv')[0] as Record<string, string>, ['latitude', 'longitude']));
      expect(location.addresses).toEqual([asJson(csv('addresses.csv')[0] as Record<string, string>)]);
      expect(location.accessibility).toEqual([asJson(csv('accessibility.csv')[0] as Record<string, string>)]);
      expect(service.schedules).toEqual([asJson(csv('schedules.csv')[0] as Record<string, string>, ['timezone', 'count', 'interval'])]);
      expect(service.service_areas).toEqual([asJson(csv('service_areas.csv')[0] as Record<string, string>)]);
      expect(service.languages).toEqual([asJson(csv('languages.csv')[0] as Record<string, string>)]);
      expect(service.funding).toEqual([asJson(csv('funding.csv')[0] as Record<string, string>)]);
      expect(service.cost_options).toEqual([asJson(csv('cost_options.csv')[0] as Record<string, string>, ['amount'])]);
      const contact = (service.contacts as Json[])[0] as Json;
      expect(contact).toMatchObject(asJson(csv('contacts.csv')[0] as Record<string, string>));
      expect(contact.phones).toEqual([asJson(csv('phones.csv')[0] as Record<string, string>)]);
      const terms = (await t.client().get('/openreferral/taxonomy_terms')).json() as Json;
      expect(terms.contents).toEqual([asJson(csv('taxonomy_terms.csv')[0] as Record<string, string>)]);
      const taxonomies = (await t.client().get('/openreferral/taxonomies')).json() as Json;
      expect(taxonomies.contents).toEqual([asJson(csv('taxonomies.csv')[0] as Record<string, string>)]);
    });

    it('matches the profile’s example answer where it corresponds', async () => {
      const example = JSON.parse(fs.readFileSync(path.join(orukFolder, 'examples/service_full.json'), 'utf8')) as Json;
      for (const field of [
        'id',
        'name',
        'description',
        'url',
        'email',
        'status',
        'fees',
        'accreditations',
        'minimum_age',
        'maximum_age',
        'assured_date',
        'assurer_email',
        'alert',
        'last_modified',
      ]) {
        expect([field, service[field]]).toEqual([field, example[field]]);
      }
      const ours = ((service.service_at_locations as Json[])[0] as Json).location as Json;
      const theirs = ((example.service_at_locations as Json[])[0] as Json).location as Json;
      for (const field of ['id', 'location_type', 'name', 'description', 'latitude', 'longitude', 'external_identifier', 'external_identifier_type']) {
        expect([field, ours[field]]).toEqual([field, theirs[field]]);
      }
    });
  });
});

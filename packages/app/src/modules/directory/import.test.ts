// `involve import openreferral FOLDER`: a folder with a bad row is reported by file and line and
// nothing is imported (exit 1); a good folder imports whole (exit 0), again updates by id, and its
// postcodes.csv fills the coordinates distance search uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { anonymous, systemActor } from '../../platform/permissions.js';
import { importOpenReferralFolder } from './import.js';
import { getService, searchServices } from './service.js';

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += String(chunk);
  });
  return { stream, text: () => text };
}

const org = 'a1111111-1111-4111-8111-111111111111';
const service = 'b2222222-2222-4222-8222-222222222222';
const location = 'c3333333-3333-4333-8333-333333333333';

function writeFolder(dir: string, files: Record<string, string>) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
}

const good: Record<string, string> = {
  'organizations.csv': `id,name,description,email,website\n${org},Riverside Knit and Natter,Knitting and a chat,hello@knit.example.org,https://knit.example.org\n`,
  'services.csv': `id,organization_id,name,description,status,minimum_age,last_modified\n${service},${org},Knit and natter,"Knitting, crochet and a chat\nevery week",active,16,2026-01-02T10:00:00.000Z\n`,
  'locations.csv': `id,location_type,name,latitude,longitude\n${location},physical,Riverside Library,53.8,-1.55\n`,
  'addresses.csv': `id,location_id,address_1,city,state_province,postal_code,country,address_type\nd4444444-4444-4444-8444-444444444444,${location},1 River Street,Leeds,West Yorkshire,LS1 4AP,GB,physical\n`,
  'service_at_location.csv': `id,service_id,location_id\ne5555555-5555-4555-8555-555555555555,${service},${location}\n`,
  'postcodes.csv': 'postcode,latitude,longitude\nls1 4ap,53.7997,-1.5492\n',
  'programs.csv': 'id,name\n1,ignored\n',
};

describeWithTestDatabase('directory: importing Open Referral UK CSV files', (database) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-oruk-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const actor = systemActor('import openreferral');
  const run = async (folder: string) => {
    const out = collect();
    const err = collect();
    const code = await importOpenReferralFolder(database.db, actor, folder, { stdout: out.stream, stderr: err.stream });
    return { code, out: out.text(), err: err.text() };
  };
  const count = async () =>
    (
      await database.db
        .selectFrom('directory_service')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('reports each bad row by file and line and imports nothing', async () => {
    const folder = path.join(dir, 'bad');
    writeFolder(folder, {
      ...good,
      'services.csv': `${good['services.csv']}not-a-uuid,${org},,x,sometimes,-3,yesterday\n`,
      'service_at_location.csv': `id,service_id,location_id\ne5555555-5555-4555-8555-555555555555,${service},f6666666-6666-4666-8666-666666666666\n`,
    });
    const result = await run(folder);
    expect(result.code).toBe(1);
    expect(result.out).toContain('Nothing imported: 2 rows have problems.');
    // The good row's description spans two lines, so the bad row is on line 4.
    expect(result.out).toContain("services.csv line 4: id 'not-a-uuid' is not a UUID; name is required; status 'sometimes' must be one of");
    expect(result.out).toContain("minimum_age '-3' is not a number of at least 0");
    expect(result.out).toContain('service_at_location.csv line 2: location_id f6666666-6666-4666-8666-666666666666 is not a location');
    expect(await count()).toBe(0);
    expect(await database.db.selectFrom('directory_organisation').selectAll().execute()).toEqual([]);
  });

  it('imports a good folder whole, and again updates by id', async () => {
    const folder = path.join(dir, 'good');
    writeFolder(folder, good);
    const first = await run(folder);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('organizations 1, locations 1, addresses 1, services 1, service_at_locations 1, postcodes 1');
    expect(first.out).toContain('Not imported (not tables Involve holds): programs.csv');
    const s = await getService(database.db, anonymous, service);
    expect(s).toMatchObject({
      name: 'Knit and natter',
      description: 'Knitting, crochet and a chat\nevery week',
      minimumAge: 16,
      organisation: { name: 'Riverside Knit and Natter', orukId: org },
    });
    const near = await searchServices(database.db, anonymous, { postcode: 'LS1 4AP', withinMiles: 2 });
    expect(near.items.map((i) => i.id)).toEqual([service]);

    writeFolder(folder, { 'services.csv': good['services.csv']?.replace('Knit and natter', 'Knit and natter with tea') ?? '' });
    const again = await run(folder);
    expect([again.code, again.out]).toEqual([0, expect.stringContaining('services 1')]);
    expect(await count()).toBe(1);
    expect((await getService(database.db, anonymous, service)).name).toBe('Knit and natter with tea');
  });

  it('refuses a missing folder or one with nothing to import', async () => {
    expect((await run(path.join(dir, 'nowhere'))).code).toBe(2);
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    const result = await run(empty);
    expect(result.code).toBe(2);
    expect(result.err).toContain('No Open Referral UK CSV files');
  });
});

// CSV import on a real database: good files, bad rows by line (after a quoted multi-line value),
// re-import by ODS code, duplicates in a file, missing columns, and 10,000 rows quickly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { rejection, systemActor } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { type Actor, anonymous, systemActor as involveItself } from '../../platform/permissions.js';
import { importOrganisationsFromFile } from './importCli.js';
import { createPlace, getOrganisation, importOrganisationsCsv, searchOrganisations } from './service.js';

const admin: Actor = systemActor;

describeWithTestDatabase('organisation import', (database, kind) => {
  const deps = () => ({ db: database.db });
  beforeAll(async () => {
    await createPlace(deps(), admin, { name: 'Northtown', kind: 'local_authority_area', code: 'X08000001' });
  });

  const count = async () => (await searchOrganisations(deps(), { pageSize: 1 })).total;

  it('imports a good file, then updates by ODS code on re-import', async () => {
    const csv = [
      'Name,Type,ODS_code,address,postcode,website,takes_nhs_money,places,description',
      'North Trust,NHS trust,rx1,"1 Long Road, Northtown",nt1 1aa,https://north.example.org,yes,Northtown,Hospitals',
      'Corner Surgery,gp_practice,Y1234,,NT2 2BB,,1,X08000001;Northtown,',
      'Knit and Natter,voluntary or community group,,,,,,,Wool',
    ].join('\n');
    const progress: Array<[number, number]> = [];
    const report = await importOrganisationsCsv(deps(), admin, Buffer.from(`\ufeff${csv}`), { onProgress: (d, t) => progress.push([d, t]) });
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(progress.at(-1)).toEqual([3, 3]);
    const found = await searchOrganisations(deps(), { q: 'RX1' });
    const trust = await getOrganisation(database.db, found.items[0]?.id as number);
    expect(trust).toMatchObject({
      name: 'North Trust',
      type: 'nhs_trust',
      odsCode: 'RX1',
      postcode: 'NT1 1AA',
      takesNhsMoney: true,
      address: '1 Long Road, Northtown',
    });
    expect(trust?.places.map((p) => p.name)).toEqual(['Northtown']);

    const again = csv.replace('Hospitals', 'Hospitals and clinics');
    const second = await importOrganisationsCsv(deps(), admin, again);
    expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 2, errors: [] });
    expect(await count()).toBe(3);
    expect((await getOrganisation(database.db, trust?.id as number))?.description).toBe('Hospitals and clinics');
    const audit = await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'organisation.import').execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]?.detail).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('reports bad rows by their physical line, after a quoted value over several lines, and imports the good rows', async () => {
    const before = await count();
    const csv = [
      'name,type,ods_code,postcode,description',
      'Good One,pharmacy,FA001,,"A description',
      'over three',
      'lines"',
      'Bad Type,hospital,,,',
      ',pharmacy,,,',
      'Bad Postcode,pharmacy,,NOTAPOSTCODE,',
      'Too Few,pharmacy',
      'Dup,pharmacy,FA001,,',
      `Long,pharmacy,,,${'x'.repeat(2001)}`,
      'Good Two,Pharmacy,FA002,,',
    ].join('\n');
    const report = await importOrganisationsCsv(deps(), admin, csv);
    expect(report.created).toBe(2);
    expect(report.errors.map((e) => e.line)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(report.errors[0]?.message).toMatch(/^Line 5: type 'hospital' is not a known organisation type \(use one of: Commissioner, NHS trust, GP practice/);
    expect(report.errors[1]?.message).toBe('Line 6: enter the name of the organisation');
    expect(report.errors[2]?.message).toContain("Line 7: postcode 'NOTAPOSTCODE'");
    expect(report.errors[3]?.message).toContain('Line 8: has 2 values but the header has 5 columns');
    expect(report.errors[4]?.message).toBe('Line 9: ODS code FA001 is already used on line 2 of this file');
    expect(report.errors[5]?.message).toBe('Line 10: description must be 2000 characters or fewer');
    expect(await count()).toBe(before + 2);
    const good = await searchOrganisations(deps(), { q: 'FA001' });
    expect((await getOrganisation(database.db, good.items[0]?.id as number))?.description).toBe('A description\nover three\nlines');
  });

  it('refuses a file without a required column, naming it, and changes nothing', async () => {
    const before = await count();
    const error = (await rejection(importOrganisationsCsv(deps(), admin, 'name,ods_code\nX,AB123\n'))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors.file).toContain("no 'type' column");
    expect(await count()).toBe(before);
    const unclosed = (await rejection(importOrganisationsCsv(deps(), admin, 'name,type\n"Open,pharmacy\nB,pharmacy\n'))) as ValidationError;
    expect(unclosed.fieldErrors.file).toContain('never closed');
  });

  it('reports an unknown place and ignores unknown columns', async () => {
    const report = await importOrganisationsCsv(deps(), admin, 'name,type,places,colour\nPlaced,pharmacy,Atlantis,blue\n');
    expect(report.errors).toEqual([
      { line: 2, message: "Line 2: place 'Atlantis' is not a known place (use the name or code of a place listed on the places page)" },
    ]);
    expect(report.ignoredColumns).toEqual(['colour']);
  });

  it('updates a row without an ODS code by name and postcode', async () => {
    await importOrganisationsCsv(deps(), admin, 'name,type,postcode,description\nWalking Group,voluntary_group,NT5 5EE,First\n');
    const second = await importOrganisationsCsv(deps(), admin, 'name,type,postcode,description\nWalking Group,voluntary_group,nt55ee,Second\n');
    expect(second).toMatchObject({ created: 0, updated: 1 });
    const found = await searchOrganisations(deps(), { q: 'Walking Group' });
    expect(found.total).toBe(1);
  });

  it('runs from the command line with progress lines, the summary and every row error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-import-'));
    const file = path.join(dir, 'orgs.csv');
    fs.writeFileSync(file, 'name,type,ods_code\nCli One,pharmacy,CL001\nCli Two,castle,CL002\n');
    const collect = () => {
      const stream = new PassThrough();
      let text = '';
      stream.on('data', (chunk) => {
        text += String(chunk);
      });
      return { stream, text: () => text };
    };
    const out = collect();
    const err = collect();
    const code = await importOrganisationsFromFile(database.db, involveItself('import organisations'), file, { stdout: out.stream, stderr: err.stream });
    expect(code).toBe(1);
    expect(out.text()).toContain('1 created, 0 updated, 0 unchanged, 1 row with errors');
    expect(out.text()).toContain("Line 3: type 'castle' is not a known organisation type");
    expect(err.text()).toContain('Imported 2 of 2 rows (100%)');
    fs.writeFileSync(file, 'name,type,ods_code\nCli One,pharmacy,CL001\n');
    expect(await importOrganisationsFromFile(database.db, involveItself('import organisations'), file, { stdout: out.stream, stderr: err.stream })).toBe(0);
    const missing = collect();
    expect(
      await importOrganisationsFromFile(database.db, involveItself('import organisations'), path.join(dir, 'nope.csv'), {
        stdout: out.stream,
        stderr: missing.stream,
      }),
    ).toBe(2);
    expect(missing.text()).toContain(`Cannot read ${path.join(dir, 'nope.csv')}: there is no such file.`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is for platform admins only', async () => {
    expect(await rejection(importOrganisationsCsv(deps(), anonymous, 'name,type\n'))).toBeInstanceOf(ForbiddenError);
  });

  it('imports 10,000 rows in well under a minute, and again as updates', async () => {
    const lines = ['name,type,ods_code,postcode,takes_nhs_money,places'];
    for (let i = 0; i < 10_000; i++) {
      lines.push(
        `Bulk Organisation ${i},${i % 2 ? 'pharmacy' : 'GP practice'},BK${String(i).padStart(5, '0')},LS${i % 30} ${i % 9}AB,${i % 3 ? 'yes' : 'no'},${i % 10 === 0 ? 'Northtown' : ''}`,
      );
    }
    const csv = lines.join('\n');
    const started = Date.now();
    let batches = 0;
    const report = await importOrganisationsCsv(deps(), admin, csv, { onProgress: () => batches++ });
    const took = Date.now() - started;
    expect(report).toMatchObject({ created: 10_000, updated: 0, errors: [] });
    expect(batches).toBe(20);
    expect(took).toBeLessThan(30_000);
    const again = await importOrganisationsCsv(deps(), admin, csv.replace('Bulk Organisation 7,', 'Bulk Organisation Seven,'));
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 9_999, errors: [] });
    console.log(`10,000 rows on ${kind}: ${took} ms`);
  });
});

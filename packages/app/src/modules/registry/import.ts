// Import of organisations from a CSV file. The first row names the columns (any order, any case):
//
//   name             required; up to 200 characters
//   type             required; an organisation type code or its plain-English label, any case:
//                    commissioner, nhs_trust (NHS trust), gp_practice (GP practice), pharmacy,
//                    local_authority (Local authority), healthwatch, voluntary_group (Voluntary or
//                    community group), social_care_provider, independent_provider, school_or_university
//   ods_code         optional; the NHS ODS code, 3 to 10 letters or digits. It is the key: importing
//                    a row with an ODS code again updates that organisation. A row without one
//                    updates an organisation with the same name and postcode, or else creates one.
//   address          optional; up to 500 characters
//   postcode         optional; a UK postcode, stored in capitals with one space (ls1 4ap -> LS1 4AP)
//   website          optional; a web address starting http:// or https://
//   takes_nhs_money  optional; yes/no, true/false or 1/0 (empty means no)
//   places           optional; names or codes of places separated by ';'. When given, they replace
//                    the places the organisation serves; when empty, its places are left as they are
//   description      optional; up to 2,000 characters
//
// Other columns are ignored (the report names them). A bad row is reported with its line number
// (the header is line 1; a quoted value spanning lines counts every line) and the reason, and the
// good rows still import. Writes go in batches of 500 rows, one transaction each.
import { parse } from 'csv-parse/sync';
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import type { Database } from '../../platform/schema.js';
import { columnsOf } from './organisations.js';
import { type Actor, assertCan } from './policy.js';
import { checkOrganisation, type OrganisationFields } from './validation.js';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged?: number;
  errors: Array<{ line: number; message: string }>;
  /** Columns in the file that the import does not know and so left alone. */
  ignoredColumns?: string[];
}

export const importColumns = ['name', 'type', 'ods_code', 'address', 'postcode', 'website', 'takes_nhs_money', 'places', 'description'] as const;
type ImportColumn = (typeof importColumns)[number];
const requiredColumns: readonly ImportColumn[] = ['name', 'type'];

/** Form field names of the organisation checks, as CSV column names (for messages). */
const columnOfField: Record<string, string> = {
  name: 'name',
  type: 'type',
  odsCode: 'ODS code',
  address: 'address',
  postcode: 'postcode',
  website: 'website',
  takesNhsMoney: 'takes_nhs_money',
  description: 'description',
};

const batchSize = 500;

interface GoodRow {
  line: number;
  fields: OrganisationFields;
  /** Place ids to set, or null to leave places alone. */
  placeIds: number[] | null;
}

export async function importOrganisationsCsv(
  deps: { db: Db },
  actor: Actor,
  csv: string | Buffer,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  assertCan(actor, 'organisation.import');
  const { records, header } = readCsv(csv);
  const errors: ImportReport['errors'] = [];

  const columnIndex = new Map<string, number>();
  const ignoredColumns: string[] = [];
  header.forEach((raw, index) => {
    const name = raw
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if ((importColumns as readonly string[]).includes(name) && !columnIndex.has(name)) columnIndex.set(name, index);
    else if (name) ignoredColumns.push(raw.trim());
  });
  const missing = requiredColumns.filter((c) => !columnIndex.has(c));
  if (missing.length) {
    throw new ValidationError({
      file: `The file has no '${missing.join("' or '")}' column. The first row must name the columns, including ${requiredColumns.map((c) => `'${c}'`).join(' and ')} (found: ${header.map((h) => `'${h.trim()}'`).join(', ') || 'nothing'}).`,
    });
  }

  const places = await placeLookup(deps.db);
  const good: GoodRow[] = [];
  const odsLines = new Map<string, number>();
  const nameLines = new Map<string, number>();
  for (const { record, line } of records) {
    if (record.length !== header.length) {
      errors.push({
        line,
        message: `Line ${line}: has ${record.length} ${record.length === 1 ? 'value' : 'values'} but the header has ${header.length} columns (check for a missing or extra comma, or a value with a comma that needs "quotes")`,
      });
      continue;
    }
    const cell = (column: ImportColumn): string | undefined => {
      const index = columnIndex.get(column);
      return index === undefined ? undefined : record[index];
    };
    const checked = checkOrganisation({
      name: cell('name'),
      type: cell('type'),
      odsCode: cell('ods_code'),
      address: cell('address'),
      postcode: cell('postcode'),
      website: cell('website'),
      takesNhsMoney: cell('takes_nhs_money'),
      description: cell('description'),
    });
    if (!checked.value) {
      const first = Object.entries(checked.errors)[0];
      const text = first ? lowerFirst(first[1]) : 'is not valid';
      errors.push({
        line,
        message: `Line ${line}: ${text}${
          Object.keys(checked.errors).length > 1
            ? ` (and ${Object.keys(checked.errors).length - 1} more: ${Object.keys(checked.errors)
                .slice(1)
                .map((f) => columnOfField[f] ?? f)
                .join(', ')})`
            : ''
        }`,
      });
      continue;
    }
    const placeResult = resolvePlaces(cell('places'), places);
    if ('error' in placeResult) {
      errors.push({ line, message: `Line ${line}: ${placeResult.error}` });
      continue;
    }
    const fields = checked.value;
    if (fields.odsCode) {
      const earlier = odsLines.get(fields.odsCode);
      if (earlier !== undefined) {
        errors.push({ line, message: `Line ${line}: ODS code ${fields.odsCode} is already used on line ${earlier} of this file` });
        continue;
      }
      odsLines.set(fields.odsCode, line);
    } else {
      const key = `${fields.name.toLowerCase()}|${fields.postcode ?? ''}`;
      const earlier = nameLines.get(key);
      if (earlier !== undefined) {
        errors.push({
          line,
          message: `Line ${line}: the same name and postcode as line ${earlier}, and neither has an ODS code (remove one, or give each its ODS code)`,
        });
        continue;
      }
      nameLines.set(key, line);
    }
    good.push({ line, fields, placeIds: placeResult.placeIds });
  }

  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const total = records.length;
  let done = records.length - good.length;
  if (good.length === 0) options.onProgress?.(done, total);
  for (let start = 0; start < good.length; start += batchSize) {
    const batch = good.slice(start, start + batchSize);
    const counts = await deps.db.transaction().execute((trx) => writeBatch(trx, batch));
    created += counts.created;
    updated += counts.updated;
    unchanged += counts.unchanged;
    done += batch.length;
    options.onProgress?.(done, total);
  }

  await deps.db.transaction().execute(async (trx) => {
    await recordAudit(trx, actor, {
      action: 'organisation.import',
      subjectType: 'organisation',
      detail: { rows: total, created, updated, unchanged, failed: errors.length },
    });
  });
  errors.sort((a, b) => a.line - b.line);
  return { created, updated, unchanged, errors, ...(ignoredColumns.length ? { ignoredColumns } : {}) };
}

function lowerFirst(text: string): string {
  // "Type 'x' is not …" reads better after "Line 4:" as "type 'x' is not …".
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Records with the physical line each starts on (the header is line 1). */
function readCsv(csv: string | Buffer): { header: string[]; records: Array<{ record: string[]; line: number }> } {
  let text = typeof csv === 'string' ? csv : csv.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // One kind of line ending, so a file mixing them still parses.
  text = text.replace(/\r\n?/g, '\n');
  let parsed: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    parsed = parse(text, { info: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true }) as never;
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    const where = e.lines ? `Line ${e.lines}: ` : '';
    const why =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a value opens a quote (") that is never closed, so the rest of the file cannot be read. Close the quote and try again.'
        : `the file is not valid CSV (${e.message ?? 'unknown problem'}).`;
    throw new ValidationError({ file: `${where}${why}` });
  }
  if (parsed.length === 0) throw new ValidationError({ file: 'The file is empty. The first row must name the columns, including name and type.' });
  const rows = parsed.map((p) => {
    // info.lines is the line the record ends on; step back over the lines inside it.
    const body = p.raw.replace(/^\n+/, '').replace(/\n$/, '');
    const inner = (body.match(/\n/g) ?? []).length;
    return { record: p.record, line: p.info.lines - inner };
  });
  const [first, ...rest] = rows;
  return { header: first?.record ?? [], records: rest };
}

interface PlaceLookup {
  byCode: Map<string, number>;
  byName: Map<string, number[]>;
}

async function placeLookup(db: Db): Promise<PlaceLookup> {
  const rows = await db.selectFrom('place').select(['id', 'name', 'code']).execute();
  const byCode = new Map<string, number>();
  const byName = new Map<string, number[]>();
  for (const r of rows) {
    if (r.code) byCode.set(r.code.toUpperCase(), r.id);
    const key = r.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), r.id]);
  }
  return { byCode, byName };
}

function resolvePlaces(cell: string | undefined, lookup: PlaceLookup): { placeIds: number[] | null } | { error: string } {
  if (cell === undefined || cell.trim() === '') return { placeIds: null };
  const ids = new Set<number>();
  for (const part of cell.split(';')) {
    const wanted = part.trim();
    if (!wanted) continue;
    const byCode = lookup.byCode.get(wanted.toUpperCase());
    const byName = lookup.byName.get(wanted.toLowerCase()) ?? [];
    if (byCode !== undefined) ids.add(byCode);
    else if (byName.length === 1 && byName[0] !== undefined) ids.add(byName[0]);
    else if (byName.length > 1) return { error: `place '${wanted}' matches more than one place; use its code instead` };
    else return { error: `place '${wanted}' is not a known place (use the name or code of a place listed on the places page)` };
  }
  return { placeIds: [...ids] };
}

const changeColumns = ['name', 'type', 'address', 'postcode', 'website', 'takes_nhs_money', 'description'] as const;

/** Write one batch: upsert rows with ODS codes, match the rest by name and postcode. */
async function writeBatch(trx: Kysely<Database>, batch: GoodRow[]): Promise<{ created: number; updated: number; unchanged: number }> {
  let created = 0;
  let updated = 0;
  const changedIds = new Set<number>();
  const idOfRow = new Map<GoodRow, number>();

  const withOds = batch.filter((r) => r.fields.odsCode);
  if (withOds.length) {
    const returned = await trx
      .insertInto('organisation')
      .values(withOds.map((r) => columnsOf(r.fields)))
      .onConflict((oc) =>
        oc
          .column('ods_code')
          .doUpdateSet({
            name: (eb) => eb.ref('excluded.name'),
            type: (eb) => eb.ref('excluded.type'),
            address: (eb) => eb.ref('excluded.address'),
            postcode: (eb) => eb.ref('excluded.postcode'),
            website: (eb) => eb.ref('excluded.website'),
            takes_nhs_money: (eb) => eb.ref('excluded.takes_nhs_money'),
            description: (eb) => eb.ref('excluded.description'),
            updated_at: sql`now()`,
          })
          // Only rows that really change are touched (and so returned); the rest are unchanged.
          .where(
            sql<boolean>`(${sql.join(changeColumns.map((c) => sql.ref(`organisation.${c}`)))}) is distinct from (${sql.join(changeColumns.map((c) => sql.ref(`excluded.${c}`)))})`,
          ),
      )
      .returning(['id', 'ods_code', sql<boolean>`xmax = 0`.as('inserted')])
      .execute();
    for (const r of returned) {
      if (r.inserted) created++;
      else updated++;
      changedIds.add(r.id);
    }
    // Ids of the unchanged rows (not returned) are needed for their places.
    const rowsByOds = new Map(withOds.map((r) => [r.fields.odsCode as string, r]));
    for (const r of returned) {
      const row = r.ods_code ? rowsByOds.get(r.ods_code) : undefined;
      if (row) idOfRow.set(row, r.id);
    }
    const missingIds = withOds.filter((r) => !idOfRow.has(r) && r.placeIds !== null).map((r) => r.fields.odsCode as string);
    if (missingIds.length) {
      const found = await trx.selectFrom('organisation').select(['id', 'ods_code']).where('ods_code', 'in', missingIds).execute();
      for (const f of found) {
        const row = f.ods_code ? rowsByOds.get(f.ods_code) : undefined;
        if (row) idOfRow.set(row, f.id);
      }
    }
  }

  const withoutOds = batch.filter((r) => !r.fields.odsCode);
  if (withoutOds.length) {
    // Existing organisations with the same name and postcode (one query for the batch).
    const keys = withoutOds.map((r) => sql`(${r.fields.name.toLowerCase()}, ${r.fields.postcode ?? ''})`);
    const matches = await sql<{ id: number; key_name: string; key_postcode: string; unchanged: boolean; rn: number }>`
      select id, lower(name) as key_name, coalesce(postcode, '') as key_postcode, false as unchanged
      from organisation where (lower(name), coalesce(postcode, '')) in (${sql.join(keys)})
      order by id`.execute(trx);
    const existing = new Map<string, number>();
    for (const m of matches.rows) {
      const key = `${m.key_name}|${m.key_postcode}`;
      if (!existing.has(key)) existing.set(key, m.id);
    }
    const toInsert: GoodRow[] = [];
    const toUpdate: Array<{ row: GoodRow; id: number }> = [];
    for (const row of withoutOds) {
      const id = existing.get(`${row.fields.name.toLowerCase()}|${row.fields.postcode ?? ''}`);
      if (id === undefined) toInsert.push(row);
      else toUpdate.push({ row, id });
    }
    if (toInsert.length) {
      const inserted = await trx
        .insertInto('organisation')
        .values(toInsert.map((r) => columnsOf(r.fields)))
        .returning('id')
        .execute();
      inserted.forEach((r, i) => {
        const row = toInsert[i];
        if (row) idOfRow.set(row, r.id);
        changedIds.add(r.id);
      });
      created += inserted.length;
    }
    if (toUpdate.length) {
      const values = toUpdate.map(
        ({ row, id }) =>
          sql`(${id}::integer, ${row.fields.name}, ${row.fields.type}, ${row.fields.address}::text, ${row.fields.postcode}::text, ${row.fields.website}::text, ${row.fields.takesNhsMoney}::boolean, ${row.fields.description}::text)`,
      );
      const changed = await sql<{ id: number }>`
        update organisation o set name = v.name, type = v.type, address = v.address, postcode = v.postcode,
          website = v.website, takes_nhs_money = v.takes_nhs_money, description = v.description, updated_at = now()
        from (values ${sql.join(values)}) as v(id, name, type, address, postcode, website, takes_nhs_money, description)
        where o.id = v.id
          and (o.name, o.type, o.address, o.postcode, o.website, o.takes_nhs_money, o.description)
            is distinct from (v.name, v.type, v.address, v.postcode, v.website, v.takes_nhs_money, v.description)
        returning o.id`.execute(trx);
      for (const { row, id } of toUpdate) idOfRow.set(row, id);
      for (const r of changed.rows) changedIds.add(r.id);
      updated += changed.rows.length;
    }
  }

  // Places: rows that name places get exactly those places.
  const placeRows = batch.filter((r) => r.placeIds !== null && idOfRow.has(r));
  if (placeRows.length) {
    const orgIds = placeRows.map((r) => idOfRow.get(r) as number);
    const wanted = placeRows.flatMap((r) => (r.placeIds ?? []).map((placeId) => ({ organisation_id: idOfRow.get(r) as number, place_id: placeId })));
    const wantedKeys = new Set(wanted.map((w) => `${w.organisation_id}|${w.place_id}`));
    const current = await trx.selectFrom('organisation_place').select(['organisation_id', 'place_id']).where('organisation_id', 'in', orgIds).execute();
    const stale = current.filter((c) => !wantedKeys.has(`${c.organisation_id}|${c.place_id}`));
    const currentKeys = new Set(current.map((c) => `${c.organisation_id}|${c.place_id}`));
    const fresh = wanted.filter((w) => !currentKeys.has(`${w.organisation_id}|${w.place_id}`));
    if (stale.length) {
      await sql`delete from organisation_place where (organisation_id, place_id) in (${sql.join(stale.map((s) => sql`(${s.organisation_id}::integer, ${s.place_id}::integer)`))})`.execute(
        trx,
      );
    }
    if (fresh.length)
      await trx
        .insertInto('organisation_place')
        .values(fresh)
        .onConflict((oc) => oc.doNothing())
        .execute();
    const placeChanged = new Set([...stale, ...fresh].map((p) => p.organisation_id));
    // An organisation whose details stayed the same but whose places changed counts as updated.
    for (const id of placeChanged) {
      if (!changedIds.has(id)) {
        changedIds.add(id);
        updated++;
      }
    }
  }
  return { created, updated, unchanged: batch.length - created - updated };
}

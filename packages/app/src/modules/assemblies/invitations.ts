// The civic lottery's first step: the organisation imports an address list (CSV), then draws a
// uniform random sample of the addresses not yet invited, reproducible from a published seed; each
// invited address gets a single-use registration code printed on its letter. Addresses and codes
// are secret: only the organisation's admins see them.
//
// The draw: the uninvited addresses in the order they were imported (by id), then a Fisher–Yates
// shuffle stopped after `count` steps — for i = 0, 1, …, count − 1, swap position i with position
// i + r, r drawn uniformly below (n − i) by decide's SeededRandom(seed) — and the first `count`
// positions are invited.
import { randomInt } from 'node:crypto';
import { SeededRandom } from '@involve/decide/sortition';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { normalisePostcode } from '../registry/service.js';
import { assemblyLimits, wholeNumberIn } from './limits.js';
import type { Actor } from './policy.js';
import { type AssembliesDeps, type AssemblyRow, managedAssembly } from './records.js';

/** The most addresses one file may hold. */
export const maxAddressLines = 50_000;
/** Bad lines named in one message; the rest are counted. */
const problemsShown = 20;

type Column = 'address' | 'address_line_1' | 'address_line_2' | 'address_line_3' | 'address_line_4' | 'town' | 'postcode';
const columns: Column[] = ['address', 'address_line_1', 'address_line_2', 'address_line_3', 'address_line_4', 'town', 'postcode'];

/** The file's records, each with the line it starts on (the header is line 1). Unreadable CSV is the file's error. */
function recordsOf(csvText: string): Array<{ line: number; cells: string[] }> {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(csvText.replace(/^\uFEFF/, ''), { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const at = (error as { lines?: number }).lines;
    throw new ValidationError({
      file: `${at ? `Line ${at}: ` : ''}this is not a CSV file we can read. Save the spreadsheet as CSV (comma separated) and try again.`,
    });
  }
  return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
}

/** Where each column is, from the header row ("Address line 1" and "address_line_1" alike). */
function columnsAt(header: string[] | undefined): Partial<Record<Column, number>> {
  const names = (header ?? []).map((cell) =>
    cell
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
      .replace(/^address_line(\d)$/, 'address_line_$1'),
  );
  const at: Partial<Record<Column, number>> = {};
  for (const column of columns) if (names.includes(column)) at[column] = names.indexOf(column);
  if (at.postcode === undefined || (at.address === undefined && at.address_line_1 === undefined))
    throw new ValidationError({
      file: 'The first line must name the columns: address_line_1 (to address_line_4) or address, then town and postcode',
    });
  return at;
}

/** Import addresses from CSV. Every bad line is named; nothing is stored when any line is bad. */
export async function importAddresses(deps: AssembliesDeps, actor: Actor, id: number, csvText: string): Promise<{ added: number }> {
  const assembly = await managedAssembly(deps.db, actor, id);
  const [header, ...rows] = recordsOf(csvText);
  const at = columnsAt(header?.cells);
  if (!rows.length) throw new ValidationError({ file: 'The file has no addresses: add one a line, under the line naming the columns' });
  if (rows.length > maxAddressLines)
    throw new ValidationError({
      file: `The file has ${rows.length.toLocaleString('en-GB')} addresses: split it into files of ${maxAddressLines.toLocaleString('en-GB')} or fewer`,
    });
  assertRecruiting(assembly, 'Addresses can be added until recruiting ends.');
  const known = new Set(
    (await deps.db.selectFrom('assembly_address').select(['address', 'postcode']).where('assembly_id', '=', id).execute()).map((a) =>
      addressKey(a.address, a.postcode),
    ),
  );
  const firstLine = new Map<string, number>();
  const problems: string[] = [];
  const addresses: Array<{ address: string; postcode: string; line: number }> = [];
  for (const { line, cells } of rows) {
    const cell = (column: Column) => (at[column] === undefined ? '' : (cells[at[column] as number] ?? '').trim());
    const lines = (
      at.address !== undefined
        ? cell('address').split(/\r?\n|,\s*/)
        : [cell('address_line_1'), cell('address_line_2'), cell('address_line_3'), cell('address_line_4')]
    )
      .concat(cell('town'))
      .map((l) => l.trim())
      .filter(Boolean);
    const address = lines.join('\n');
    const written = cell('postcode');
    const postcode = normalisePostcode(written);
    const wrong: string[] = [];
    if (!address) wrong.push('no address');
    else if (address.length > assemblyLimits.address) wrong.push(`the address is longer than ${assemblyLimits.address.toLocaleString('en-GB')} characters`);
    if (!written) wrong.push('no postcode');
    else if (!postcode) wrong.push(`the postcode “${written.slice(0, 20)}” is not a UK postcode`);
    if (!wrong.length) {
      const key = addressKey(address, postcode as string);
      if (known.has(key)) wrong.push('this address is already on the list');
      else if (firstLine.has(key)) wrong.push(`this address is also on line ${firstLine.get(key)}`);
      else firstLine.set(key, line);
    }
    if (wrong.length) problems.push(`Line ${line}: ${wrong.join('; ')}`);
    else addresses.push({ address, postcode: postcode as string, line });
  }
  if (problems.length) {
    const more = problems.length - problemsShown;
    throw new ValidationError({
      file: [
        ...problems.slice(0, problemsShown),
        ...(more > 0 ? [`and ${more} more ${more === 1 ? 'line' : 'lines'} with problems`] : []),
        'Nothing was imported: correct the file and import it again.',
      ].join('\n'),
    });
  }
  return inTransaction(deps.db, async (trx) => {
    for (let start = 0; start < addresses.length; start += 1000)
      await trx
        .insertInto('assembly_address')
        .values(addresses.slice(start, start + 1000).map((a) => ({ assembly_id: id, address: a.address, postcode: a.postcode, line_number: a.line })))
        .execute();
    await recordAudit(trx, actor, { action: 'assembly.import_addresses', subjectType: 'assembly', subjectId: id, detail: { added: addresses.length } });
    return { added: addresses.length };
  });
}

const addressKey = (address: string, postcode: string) => `${address.toLowerCase().replace(/\s+/g, ' ')}\u0000${postcode}`;

function assertRecruiting(assembly: AssemblyRow, message: string): void {
  if (assembly.phase !== 'draft' && assembly.phase !== 'recruiting') throw new ConflictError(message);
}

/** Letters of registration codes: no 0, O, 1 or I, which are easily mistaken. */
const codeAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A fresh single-use registration code, `XXXXX-XXXXX` (50 random bits). */
export function newRegistrationCode(): string {
  const chars = Array.from({ length: 10 }, () => codeAlphabet[randomInt(codeAlphabet.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** A code as typed (any case, spaces or dashes anywhere) in its printed form, or null when it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]+/g, '');
  if (compact.length !== 10 || [...compact].some((c) => !codeAlphabet.includes(c))) return null;
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}

/** The positions (0-based, into a list of n) that a draw of `count` with this seed invites, in the order drawn. */
export function sampleWithoutReplacement(n: number, count: number, seed: string): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const random = new SeededRandom(seed);
  for (let i = 0; i < count; i++) {
    const j = i + Number(random.below(n - i));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order.slice(0, count);
}

/** Draw `count` of the uninvited addresses with a published seed, and give each a single-use code. */
export async function drawInvitations(
  deps: AssembliesDeps,
  actor: Actor,
  id: number,
  input: { count: number; seed: string },
): Promise<{ drawId: number; invited: number }> {
  const assembly = await managedAssembly(deps.db, actor, id);
  const seed = (input.seed ?? '').trim();
  const errors: Record<string, string> = {};
  if (!seed) errors.seed = 'Enter the seed for the draw (announce it, or where it will come from, beforehand)';
  else if (seed.length > assemblyLimits.seed) errors.seed = `The seed must be ${assemblyLimits.seed} characters or fewer`;
  if (!wholeNumberIn(input.count, 1, maxAddressLines)) errors.count = 'Enter how many addresses to invite, as a whole number of at least 1';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  assertRecruiting(assembly, 'Invitations can be drawn until recruiting ends.');
  return inTransaction(deps.db, async (trx) => {
    // One draw at a time per assembly: the addresses drawn from are those no other draw has taken.
    await trx.selectFrom('assembly').select('id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const uninvited = await trx.selectFrom('assembly_address').select('id').where('assembly_id', '=', id).where('draw_id', 'is', null).orderBy('id').execute();
    if (!uninvited.length) throw new ValidationError({ count: 'Every address has been invited already: import more addresses first' });
    if (input.count > uninvited.length)
      throw new ValidationError({ count: `Only ${uninvited.length.toLocaleString('en-GB')} addresses are not yet invited: invite that many or fewer` });
    const draw = await trx
      .insertInto('assembly_invitation_draw')
      .values({ assembly_id: id, seed, requested: input.count, drawn_from: uninvited.length, drawn_by_account_id: actor.accountId as number })
      .returning('id')
      .executeTakeFirstOrThrow();
    const chosen = sampleWithoutReplacement(uninvited.length, input.count, seed).map((i) => (uninvited[i] as { id: number }).id);
    const codes = new Set<string>();
    while (codes.size < chosen.length) codes.add(newRegistrationCode());
    const codeList = [...codes];
    for (let start = 0; start < chosen.length; start += 1000) {
      const values = chosen.slice(start, start + 1000).map((addressId, i) => sql`(${addressId}::integer, ${codeList[start + i]}::text)`);
      await sql`update assembly_address as a set draw_id = ${draw.id}, code = v.code
        from (values ${sql.join(values)}) as v(id, code) where a.id = v.id`.execute(trx);
    }
    await recordAudit(trx, actor, {
      action: 'assembly.draw_invitations',
      subjectType: 'assembly',
      subjectId: id,
      detail: { drawId: draw.id, invited: chosen.length, drawnFrom: uninvited.length },
    });
    return { drawId: draw.id, invited: chosen.length };
  });
}

export interface InvitationSummary {
  addresses: number;
  invited: number;
  /** Codes used to register. */
  registered: number;
  draws: Array<{ id: number; seed: string; requested: number; drawnFrom: number; drawnAt: Date }>;
}

export async function invitationSummary(db: Db, actor: Actor, id: number): Promise<InvitationSummary> {
  await managedAssembly(db, actor, id);
  const [counts, draws] = await Promise.all([
    db
      .selectFrom('assembly_address')
      .select((eb) => [
        eb.fn.countAll<number>().as('addresses'),
        eb.fn.count<number>('draw_id').as('invited'),
        eb.fn.count<number>('code_used_at').as('registered'),
      ])
      .where('assembly_id', '=', id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('assembly_invitation_draw').selectAll().where('assembly_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    addresses: Number(counts.addresses),
    invited: Number(counts.invited),
    registered: Number(counts.registered),
    draws: draws.map((d) => ({ id: d.id, seed: d.seed, requested: d.requested, drawnFrom: d.drawn_from, drawnAt: d.drawn_at })),
  };
}

/** The letters of one draw: each invited address (lines joined by newlines), its postcode and its code. */
export async function invitationLetters(db: Db, actor: Actor, id: number, drawId: number): Promise<Array<{ address: string; postcode: string; code: string }>> {
  await managedAssembly(db, actor, id);
  if (!isRecordId(drawId)) throw new NotFoundError();
  const draw = await db.selectFrom('assembly_invitation_draw').select('id').where('id', '=', drawId).where('assembly_id', '=', id).executeTakeFirst();
  if (!draw) throw new NotFoundError();
  const rows = await db.selectFrom('assembly_address').select(['address', 'postcode', 'code']).where('draw_id', '=', drawId).orderBy('id').execute();
  return rows.map((r) => ({ address: r.address, postcode: r.postcode, code: r.code as string }));
}

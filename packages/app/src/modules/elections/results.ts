// After the count: each constituency's stored result, the published BLT file and count sheet anyone
// can check, a voter's ballot found in that file by its receipt (read from the file itself, so what
// is found is what was published), and recounts without a departing member for a casual vacancy.
import type { StvResult } from '@involve/decide';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { normaliseCode } from './codes.js';
import { bltTitle, recountWithoutCandidates } from './count.js';
import { limitedText } from './limits.js';
import { type Actor, anonymous, assertCan } from './policy.js';
import { assertPhase, type ElectionsDeps, electionRow } from './records.js';

export interface ConstituencyResult {
  id: number;
  name: string;
  seats: number;
  result: StvResult;
  /** Names as in the BLT file, in order of election. */
  elected: string[];
}

/** Every constituency's count, once counted (an empty list before). */
export async function getElectionResult(deps: ElectionsDeps, actor: Actor, id: number): Promise<ConstituencyResult[]> {
  assertCan(actor, 'election.read');
  const election = await electionRow(deps.db, actor, id);
  if (election.phase !== 'counted') return [];
  const rows = await deps.db
    .selectFrom('election_constituency')
    .select(['id', 'name', 'seats', 'result'])
    .where('election_id', '=', id)
    .orderBy('name')
    .execute();
  return rows
    .filter((r) => r.result !== null)
    .map((r) => ({ id: r.id, name: r.name, seats: r.seats, result: r.result as StvResult, elected: (r.result as StvResult).elected }));
}

/** A published file of a counted election: of its one constituency, or of the one named (null when there is no such file). */
async function publishedFile(db: Db, id: number, constituencyId: number | undefined, column: 'blt_file' | 'count_sheet_csv'): Promise<string | null> {
  if (!isRecordId(id) || (constituencyId !== undefined && !isRecordId(constituencyId))) return null;
  let query = db
    .selectFrom('election_constituency as c')
    .innerJoin('election as e', 'e.id', 'c.election_id')
    .select(`c.${column} as file`)
    .where('e.id', '=', id)
    .where('e.phase', '=', 'counted');
  if (constituencyId !== undefined) query = query.where('c.id', '=', constituencyId);
  const rows = await query.limit(2).execute();
  return rows.length === 1 ? (rows[0]?.file ?? null) : null;
}

/** The published ballots (BLT) of a counted election's constituency; the constituency may be left out when there is one. */
export const publishedBlt = (deps: { db: Db }, id: number, constituencyId?: number) => publishedFile(deps.db, id, constituencyId, 'blt_file');

/** The published count sheet (CSV) of a counted election's constituency; the constituency may be left out when there is one. */
export const publishedCountSheet = (deps: { db: Db }, id: number, constituencyId?: number) => publishedFile(deps.db, id, constituencyId, 'count_sheet_csv');

export type ReceiptFound = { found: false } | { found: true; constituency: string; receipt: string; line: number; text: string; preferences: string[] };

/** A ballot in the published file by its receipt: the line as published and the names it ranks, in order. */
export async function findBallotReceipt(deps: { db: Db }, id: number, receipt: string): Promise<ReceiptFound> {
  const election = await electionRow(deps.db, anonymous, id);
  const typed = receipt.trim();
  const code = typed.toLowerCase().startsWith('paper-') ? `paper-${typed.slice(6)}` : normaliseCode(typed);
  if (election.phase !== 'counted' || !code || !/^[A-Za-z0-9-]+$/.test(code)) return { found: false };
  const rows = await deps.db.selectFrom('election_constituency').select(['name', 'blt_file', 'result']).where('election_id', '=', id).orderBy('name').execute();
  for (const row of rows) {
    const lines = (row.blt_file ?? '').split('\n');
    const at = lines.findIndex((line) => line.endsWith(`/* ${code} */`));
    if (at < 0) continue;
    const text = lines[at] as string;
    const names = (row.result as StvResult).candidates.map((c) => c.name);
    const numbers = (text.split('/*')[0] as string).trim().split(/\s+/).slice(1, -1);
    return { found: true, constituency: row.name, receipt: code, line: at + 1, text, preferences: numbers.map((n) => names[Number(n) - 1] ?? n) };
  }
  return { found: false };
}

export interface RecountView {
  id: number;
  constituencyId: number;
  constituency: string;
  without: string[];
  reason: string;
  result: StvResult;
  /** Who the recount elects that the count did not: who fills the seat. */
  fills: string[];
  createdAt: Date;
}

/**
 * Who sits after each recount of a constituency, in order: those elected at the count, less each
 * departing member, with each vacancy filled by the first the recount elects who does not sit
 * already (a recount from scratch may elect others in a different order; members already sitting
 * keep their seats, and only the vacancies are filled). Returns who filled each recount's vacancy.
 */
export function seatsAfterRecounts(
  seats: number,
  firstElected: readonly string[],
  recounts: ReadonlyArray<{ withdrawn: readonly string[]; elected: readonly string[] }>,
): { sitting: string[]; fills: string[][] } {
  let sitting = [...firstElected];
  const fills: string[][] = [];
  for (const recount of recounts) {
    sitting = sitting.filter((name) => !recount.withdrawn.includes(name));
    const filled = recount.elected.filter((name) => !sitting.includes(name)).slice(0, Math.max(0, seats - sitting.length));
    sitting = [...sitting, ...filled];
    fills.push(filled);
  }
  return { sitting, fills };
}

/** A stored recount as seatsAfterRecounts reads it: who was withdrawn and who it elected. */
function recountSeats(r: { result: unknown }): { withdrawn: string[]; elected: string[] } {
  const result = r.result as StvResult;
  return { withdrawn: result.candidates.filter((c) => c.withdrawn).map((c) => c.name), elected: result.elected };
}

/**
 * Fill a casual vacancy: count the same ballots again with the departing member withdrawn (and any
 * withdrawn by earlier recounts of the constituency), by the election's rule and seed.
 */
export async function recountWithout(deps: ElectionsDeps, actor: Actor, constituencyId: number, candidateId: number, reason: string): Promise<number> {
  const constituency = isRecordId(constituencyId)
    ? await deps.db.selectFrom('election_constituency').selectAll().where('id', '=', constituencyId).executeTakeFirst()
    : undefined;
  if (!constituency) throw new NotFoundError();
  const election = await electionRow(deps.db, actor, constituency.election_id);
  assertCan(actor, 'election.manage', { organisationId: election.organisation_id });
  assertPhase(election, ['counted'], 'recount');
  const first = constituency.result as StvResult;
  const errors: Record<string, string> = {};
  const why = limitedText(errors, 'reason', reason, 'Say why the seat is vacant, like “resigned on 3 March 2027”');
  const [candidates, ballots, earlier] = await Promise.all([
    deps.db
      .selectFrom('election_candidate')
      .select(['id', 'name'])
      .where('constituency_id', '=', constituencyId)
      .where('status', '=', 'valid')
      .orderBy('ballot_position')
      .execute(),
    deps.db.selectFrom('election_ballot').select(['receipt', 'preferences']).where('constituency_id', '=', constituencyId).execute(),
    deps.db.selectFrom('election_recount').select(['without_candidate_ids', 'result']).where('constituency_id', '=', constituencyId).orderBy('id').execute(),
  ]);
  const { sitting } = seatsAfterRecounts(constituency.seats, first.elected, earlier.map(recountSeats));
  const departing = candidates.find((c) => c.id === candidateId);
  if (!departing || !sitting.includes(departing.name)) errors.candidateId = 'Choose the member who is leaving, from those sitting';
  if (Object.keys(errors).length || !departing) throw new ValidationError(errors);
  const without = [...new Set([...(earlier.at(-1)?.without_candidate_ids ?? []), candidateId])];
  if (candidates.length - without.length < constituency.seats)
    throw new ConflictError(`Too few candidates are left to fill ${constituency.seats} seats: hold a by-election instead.`);
  const { result } = recountWithoutCandidates({ title: bltTitle(election.title, constituency.name), seats: constituency.seats, candidates }, ballots, without, {
    method: election.method,
    seed: election.seed,
    electedBefore: first.elected,
  });
  const { id } = await deps.db
    .insertInto('election_recount')
    .values({
      constituency_id: constituencyId,
      without_candidate_ids: JSON.stringify(without),
      result: JSON.stringify(result),
      reason: why,
      created_by_account_id: actor.accountId as number,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(deps.db, actor, { action: 'election.recount', subjectType: 'election_recount', subjectId: id, detail: { constituencyId, without } });
  return id;
}

/** The recounts of an election, newest first, each with who fills the seat. */
export async function listRecounts(deps: ElectionsDeps, actor: Actor, electionId: number): Promise<RecountView[]> {
  assertCan(actor, 'election.read');
  await electionRow(deps.db, actor, electionId);
  const rows = await deps.db
    .selectFrom('election_recount as r')
    .innerJoin('election_constituency as c', 'c.id', 'r.constituency_id')
    .select(['r.id', 'r.constituency_id', 'c.name', 'c.result as first', 'r.without_candidate_ids', 'r.reason', 'r.result', 'r.created_at'])
    .select(['c.seats'])
    .where('c.election_id', '=', electionId)
    .orderBy('r.id')
    .execute();
  // Who filled each vacancy, recount by recount within each constituency.
  const fillsOf = new Map<number, string[]>();
  for (const constituencyId of new Set(rows.map((r) => r.constituency_id))) {
    const own = rows.filter((r) => r.constituency_id === constituencyId);
    const first = own[0];
    if (!first) continue;
    const { fills } = seatsAfterRecounts(first.seats, (first.first as StvResult | null)?.elected ?? [], own.map(recountSeats));
    for (const [i, r] of own.entries()) fillsOf.set(r.id, fills[i] ?? []);
  }
  return rows.reverse().map((r) => {
    const result = r.result as StvResult;
    const names = new Map(result.candidates.map((c) => [c.id, c.name]));
    return {
      id: r.id,
      constituencyId: r.constituency_id,
      constituency: r.name,
      without: result.candidates.filter((c) => c.withdrawn).map((c) => names.get(c.id) ?? c.name),
      reason: r.reason,
      result,
      fills: fillsOf.get(r.id) ?? [],
      createdAt: r.created_at,
    };
  });
}

// Voting by code: the code (no account needed) opens the ballot of the voter's constituency; the
// ballot is checked by the ranking rules; then ONE statement claims the code — it marks the code used
// only if it was not — in the same transaction as the ballot is written, so a code makes at most one
// ballot however many try it at once. The ballot row carries no voter, code or time; the roll keeps
// only the day the code was used. A ballot cannot be changed.
import { sql } from 'kysely';
import { inTransaction } from '../../platform/database.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { codeHash, normaliseCode, receiptCode } from './codes.js';
import { NotEligibleError } from './nominations.js';
import { type Actor, anonymous, assertCan } from './policy.js';
import { rankingFromRanks } from './ranking.js';
import { assertPhase, type ElectionsDeps, electionRow, standingCandidates } from './records.js';

export const codeMessages = {
  missing: 'Enter the voting code from your email or letter',
  unknown: 'We do not recognise this code: check it against your email or letter',
  used: 'This code has already been used: each code votes once',
} as const;

export interface BallotPaper {
  constituency: { id: number; name: string; seats: number };
  /** In ballot order. */
  candidates: Array<{ id: number; name: string }>;
}

/** The voter's entry by code: their constituency and whether the code is used, or the refusal under 'code'. */
async function voterByCode(deps: ElectionsDeps, electionId: number, code: string) {
  if (!normaliseCode(code)) throw new NotEligibleError('code', codeMessages.missing);
  const voter = await deps.db
    .selectFrom('election_voter as v')
    .innerJoin('election_constituency as c', 'c.id', 'v.constituency_id')
    .select(['c.id', 'c.name', 'c.seats', 'v.code_used_on'])
    .where('v.election_id', '=', electionId)
    .where('v.code_hash', '=', codeHash(code))
    .executeTakeFirst();
  if (!voter) throw new NotEligibleError('code', codeMessages.unknown);
  if (voter.code_used_on !== null) throw new NotEligibleError('code', codeMessages.used);
  return voter;
}

/** The ballot paper a code opens, while voting is open; or the reason it does not (on 'code'). */
export async function ballotForCode(deps: ElectionsDeps, electionId: number, code: string): Promise<BallotPaper> {
  const election = await electionRow(deps.db, anonymous, electionId);
  assertPhase(election, ['voting'], 'vote');
  const voter = await voterByCode(deps, electionId, code);
  return { constituency: { id: voter.id, name: voter.name, seats: voter.seats }, candidates: await standingCandidates(deps.db, voter.id) };
}

/**
 * Cast a ballot with a code: `ranks` gives each candidate's number (by candidate id; blank or
 * absent for none). Returns the receipt when the election gives receipts. No audit entry: its time
 * would say when a ballot arrived, which the ballot table is built not to know.
 */
export async function castElectionBallot(
  deps: ElectionsDeps,
  actor: Actor,
  electionId: number,
  input: { code: string; ranks: Readonly<Record<string | number, unknown>> },
): Promise<{ receipt: string | null }> {
  assertCan(actor, 'election.vote');
  const election = await electionRow(deps.db, actor, electionId);
  assertPhase(election, ['voting'], 'vote');
  const voter = await voterByCode(deps, electionId, input.code);
  const ranking = rankingFromRanks(await standingCandidates(deps.db, voter.id), ranksById(input.ranks));
  if (!ranking.ok) throw new ValidationError(ranking.errors);
  return inTransaction(deps.db, async (trx) => {
    // Shared with other voters; the count takes it exclusively, so no ballot arrives during the count.
    const open = await trx.selectFrom('election').select(['phase', 'receipts']).where('id', '=', electionId).forShare().executeTakeFirstOrThrow();
    if (open.phase !== 'voting') throw new ConflictError('Voting has closed.');
    const claimed = await sql<{ constituency_id: number }>`
      update election_voter set code_used_on = current_date
      where election_id = ${electionId} and code_hash = ${codeHash(input.code)} and code_used_on is null
      returning constituency_id`.execute(trx);
    const constituencyId = claimed.rows[0]?.constituency_id;
    if (constituencyId === undefined) throw new NotEligibleError('code', codeMessages.used);
    const receipt = receiptCode();
    await trx
      .insertInto('election_ballot')
      .values({ election_id: electionId, constituency_id: constituencyId, receipt, preferences: JSON.stringify(ranking.preferences), source: 'online' })
      .execute();
    return { receipt: open.receipts ? receipt : null };
  });
}

/** Ranks keyed by candidate id, from ranks keyed by id or by form field (`rank_<id>`). */
function ranksById(ranks: Readonly<Record<string | number, unknown>>): Record<string, unknown> {
  const byId: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ranks)) byId[key.startsWith('rank_') ? key.slice(5) : key] = value;
  return byId;
}

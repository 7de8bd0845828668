// The phases staff move an election through: draft → nominations → checking → statements → voting →
// counted. Publishing statements needs every nomination checked and enough candidates, and sets the
// ballot order; opening the vote issues the voting codes not yet issued; the count (one transaction
// that holds the election, so no ballot arrives during it) counts each constituency with decide,
// stores the result, the BLT file and the count sheet; then those elected become members of the body.
import type { StvResult } from '@involve/decide';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError } from '../../platform/errors.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { addMember } from '../registry/service.js';
import { ballotOrderOf } from './ballotOrder.js';
import { bltTitle, countConstituency } from './count.js';
import { type Actor, assertCan } from './policy.js';
import { constituenciesOf, type ElectionRow, type ElectionsDeps, electionRow, phaseLabels } from './records.js';
import type { ElectionPhase } from './schema.js';
import { type CodeLetter, issueCodes } from './voters.js';

/** The moves staff may make, from each phase. */
export const nextPhases: Record<ElectionPhase, ElectionPhase[]> = {
  draft: ['nominations'],
  nominations: ['checking'],
  checking: ['nominations', 'statements'],
  statements: ['voting'],
  voting: ['counted'],
  counted: [],
};

export { phaseLabels };

export interface PhaseOptions {
  /** Told what the move is doing, for a page or command that shows progress (the count takes a moment). */
  onProgress?: (step: string) => void;
}

/**
 * Move an election on. Opening the vote answers with the codes it issued (emails queued, and the
 * letters for postal voters, shown this once); other moves answer null.
 */
export async function moveElectionPhase(
  deps: ElectionsDeps,
  actor: Actor,
  id: number,
  to: ElectionPhase,
  options: PhaseOptions = {},
): Promise<{ emailed: number; letters: CodeLetter[] } | null> {
  const election = await electionRow(deps.db, actor, id);
  assertCan(actor, 'election.manage', { organisationId: election.organisation_id });
  if (!nextPhases[election.phase].includes(to))
    throw new ConflictError(`An election that is ${phaseLabels[election.phase]} cannot move to ${phaseLabels[to]}.`);
  if (to === 'statements') await publishStatements(deps.db, actor, election);
  else if (to === 'voting') return openVoting(deps, actor, election);
  else if (to === 'counted') {
    await count(deps.db, actor, election, options);
    await seatElectedMembers(deps, actor, id, options);
  } else
    await inTransaction(deps.db, async (trx) => {
      await trx.updateTable('election').set({ phase: to, updated_at: new Date() }).where('id', '=', id).where('phase', '=', election.phase).execute();
      await recordAudit(trx, actor, { action: `election.phase_${to}`, subjectType: 'election', subjectId: id });
    });
  return null;
}

/** Every nomination checked, at least as many valid candidates as seats in each constituency; then the ballot order. */
async function publishStatements(db: Db, actor: Actor, election: ElectionRow): Promise<void> {
  await inTransaction(db, async (trx) => {
    const candidates = await trx
      .selectFrom('election_candidate')
      .select(['id', 'name', 'status', 'constituency_id'])
      .where('election_id', '=', election.id)
      .where('status', 'in', ['nominated', 'valid'])
      .forUpdate()
      .execute();
    const waiting = candidates.filter((c) => c.status === 'nominated').length;
    if (waiting) throw new ConflictError(`Check every nomination before publishing the statements: ${waiting} ${waiting === 1 ? 'is' : 'are'} waiting.`);
    for (const constituency of await constituenciesOf(trx, election.id)) {
      const standing = candidates.filter((c) => c.constituency_id === constituency.id);
      if (standing.length < constituency.seats)
        throw new ConflictError(
          `${constituency.name} has ${standing.length} valid candidate${standing.length === 1 ? '' : 's'} for ${constituency.seats} seat${constituency.seats === 1 ? '' : 's'}: add candidates or reopen nominations.`,
        );
      const ordered = ballotOrderOf(standing, election.ballot_order, election.seed);
      for (const [i, c] of ordered.entries())
        await trx
          .updateTable('election_candidate')
          .set({ ballot_position: i + 1 })
          .where('id', '=', c.id)
          .execute();
    }
    await trx.updateTable('election').set({ phase: 'statements', updated_at: new Date() }).where('id', '=', election.id).execute();
    await recordAudit(trx, actor, { action: 'election.phase_statements', subjectType: 'election', subjectId: election.id });
  });
}

async function openVoting(deps: ElectionsDeps, actor: Actor, election: ElectionRow) {
  return inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('election')
      .set({ phase: 'voting', updated_at: new Date() })
      .where('id', '=', election.id)
      .where('phase', '=', 'statements')
      .execute();
    await recordAudit(trx, actor, { action: 'election.phase_voting', subjectType: 'election', subjectId: election.id });
    return issueCodes(trx, actor, election, deps.config?.publicUrl ?? '', false);
  });
}

/**
 * The count, holding the election exclusively (every ballot being cast has finished; none arrives
 * after): each constituency's valid candidates in ballot order and its ballots, counted by the
 * election's rule with lots from its seed; result, BLT file and count sheet stored.
 */
async function count(db: Db, actor: Actor, election: ElectionRow, options: PhaseOptions): Promise<void> {
  await inTransaction(db, async (trx) => {
    const locked = await trx.selectFrom('election').select('phase').where('id', '=', election.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.phase !== 'voting') throw new ConflictError(`An election that is ${phaseLabels[locked.phase]} cannot be counted.`);
    const elected: Record<string, string[]> = {};
    for (const constituency of await constituenciesOf(trx, election.id)) {
      options.onProgress?.(`Counting ${constituency.name}`);
      const [candidates, ballots] = await Promise.all([
        trx
          .selectFrom('election_candidate')
          .select(['id', 'name'])
          .where('constituency_id', '=', constituency.id)
          .where('status', '=', 'valid')
          .orderBy('ballot_position')
          .execute(),
        trx.selectFrom('election_ballot').select(['receipt', 'preferences']).where('constituency_id', '=', constituency.id).execute(),
      ]);
      if (!ballots.length) throw new ConflictError(`No ballots have been cast in ${constituency.name}: there is nothing to count yet.`);
      const counted = countConstituency({ title: bltTitle(election.title, constituency.name), seats: constituency.seats, candidates }, ballots, {
        method: election.method,
        seed: election.seed,
        receipts: election.receipts,
      });
      await trx
        .updateTable('election_constituency')
        .set({ result: JSON.stringify(counted.result), blt_file: counted.blt, count_sheet_csv: counted.csv })
        .where('id', '=', constituency.id)
        .execute();
      elected[constituency.name] = counted.result.elected;
    }
    await trx.updateTable('election').set({ phase: 'counted', counted_at: new Date(), updated_at: new Date() }).where('id', '=', election.id).execute();
    await recordAudit(trx, actor, { action: 'election.count', subjectType: 'election', subjectId: election.id, detail: { elected } });
  });
}

/**
 * Each elected candidate becomes a member of the body (the registry's service), in the election's
 * role, for its term (starting on the day of the count unless set). Done once per candidate: a move
 * cut short can be finished by calling this again.
 */
export async function seatElectedMembers(deps: ElectionsDeps, actor: Actor, id: number, options: PhaseOptions = {}): Promise<number> {
  const election = await electionRow(deps.db, actor, id);
  assertCan(actor, 'election.manage', { organisationId: election.organisation_id });
  if (election.phase !== 'counted') throw new ConflictError('Only those elected at the count become members of the body.');
  let seated = 0;
  for (const constituency of await constituenciesOf(deps.db, id)) {
    const names = (constituency.result as StvResult | null)?.elected ?? [];
    const candidates = await deps.db
      .selectFrom('election_candidate')
      .select(['id', 'name', 'member_id'])
      .where('constituency_id', '=', constituency.id)
      .where('status', '=', 'valid')
      .execute();
    for (const name of names) {
      const candidate = candidates.find((c) => c.name === name);
      if (!candidate || candidate.member_id !== null) continue;
      options.onProgress?.(`Making ${name} a member of the body`);
      const memberId = await addMember({ db: deps.db }, actor, election.body_id, {
        personName: name,
        role: election.role,
        termStart: election.term_start_on ?? todayInEngland(),
        termEnd: election.term_end_on ?? '',
      });
      await deps.db.updateTable('election_candidate').set({ member_id: memberId }).where('id', '=', candidate.id).execute();
      seated++;
    }
  }
  return seated;
}

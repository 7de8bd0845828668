// What every part of the elections service reads first: an election, a constituency or a candidate
// by id (not found when missing, or when the election is a draft the actor may not manage), whether
// the actor runs it, and its constituencies and standing candidates as the domain files take them.
import type { Selectable } from 'kysely';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { type Actor, can } from './policy.js';
import type { ElectionCandidateTable, ElectionConstituencyTable, ElectionPhase, ElectionTable } from './schema.js';

export interface ElectionsDeps {
  db: Db;
  config?: Pick<Config, 'publicUrl'>;
}

export type ElectionRow = Selectable<ElectionTable>;
export type ConstituencyRow = Selectable<ElectionConstituencyTable>;
export type CandidateRow = Selectable<ElectionCandidateTable>;

export const mayManage = (actor: Actor, election: { organisation_id: number }) => can(actor, 'election.manage', { organisationId: election.organisation_id });

/** An election by id: not found when there is none, or when it is a draft and the actor may not manage it. */
export async function electionRow(db: Db, actor: Actor, id: number): Promise<ElectionRow> {
  if (!isRecordId(id)) throw new NotFoundError();
  const row = await db.selectFrom('election').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.phase === 'draft' && !mayManage(actor, row))) throw new NotFoundError();
  return { ...row, seed: Number(row.seed) };
}

/** A candidate (any status) and their election, found as electionRow finds it. */
export async function candidateRow(db: Db, actor: Actor, id: number): Promise<{ candidate: CandidateRow; election: ElectionRow }> {
  if (!isRecordId(id)) throw new NotFoundError();
  const candidate = await db.selectFrom('election_candidate').selectAll().where('id', '=', id).executeTakeFirst();
  if (!candidate) throw new NotFoundError();
  return { candidate, election: await electionRow(db, actor, candidate.election_id) };
}

/** The election's constituencies, by name. */
export function constituenciesOf(db: Db, electionId: number): Promise<ConstituencyRow[]> {
  return db.selectFrom('election_constituency').selectAll().where('election_id', '=', electionId).orderBy('name').orderBy('id').execute();
}

/** One of the election's constituencies (not found when it belongs to another election). */
export async function constituencyOf(db: Db, electionId: number, constituencyId: number): Promise<ConstituencyRow> {
  const row = isRecordId(constituencyId)
    ? await db.selectFrom('election_constituency').selectAll().where('id', '=', constituencyId).where('election_id', '=', electionId).executeTakeFirst()
    : undefined;
  if (!row) throw new NotFoundError('There is no such constituency in this election');
  return row;
}

/** The valid candidates of a constituency in ballot order (position set when statements are published). */
export function standingCandidates(db: Db, constituencyId: number): Promise<Array<{ id: number; name: string }>> {
  return db
    .selectFrom('election_candidate')
    .select(['id', 'name'])
    .where('constituency_id', '=', constituencyId)
    .where('status', '=', 'valid')
    .orderBy('ballot_position')
    .orderBy('id')
    .execute();
}

export const phaseLabels: Record<ElectionPhase, string> = {
  draft: 'a draft',
  nominations: 'open for nominations',
  checking: 'checking nominations',
  statements: 'showing the candidates’ statements',
  voting: 'open for voting',
  counted: 'counted',
};

/** Refuse unless the election is in one of these phases, saying what it is now. */
export function assertPhase(election: { phase: ElectionPhase }, phases: readonly ElectionPhase[], doing: string): void {
  if (!phases.includes(election.phase)) throw new ConflictError(`You cannot ${doing} while the election is ${phaseLabels[election.phase]}.`);
}

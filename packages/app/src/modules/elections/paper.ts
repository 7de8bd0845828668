// Paper ballots, entered twice: two different people type each paper (its printed number and the
// numbers marked on it); when the second typing matches the first, the paper becomes a ballot (source
// 'paper', receipt 'paper-<number>'); when it does not, both typings are listed side by side until
// someone types it again to match one, or removes the wrong one. Papers read by a scanning service
// come in bulk as a BLT file, checked line by line.
import { type BltElection, BltSyntaxError, parseBlt } from '@involve/decide';
import { recordAudit } from '../../platform/audit.js';
import { inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { accountNames } from '../accounts/service.js';
import { limitedText } from './limits.js';
import { ballotName } from './nominations.js';
import { type Actor, assertCan } from './policy.js';
import { rankingFromRanks } from './ranking.js';
import { assertPhase, constituencyOf, type ElectionsDeps, electionRow, standingCandidates } from './records.js';

export type PaperState = 'awaiting_second' | 'accepted' | 'mismatch';

export interface PaperInput {
  constituencyId: number;
  paperRef: string;
  /** Candidate ids, first choice first (as rankingFromForm reads the numbers typed). */
  preferences: number[];
}

const samePreferences = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export async function enterPaperBallot(deps: ElectionsDeps, actor: Actor, electionId: number, input: PaperInput): Promise<{ state: PaperState }> {
  const election = await electionRow(deps.db, actor, electionId);
  assertCan(actor, 'election.enterPaper', { organisationId: election.organisation_id });
  assertPhase(election, ['voting'], 'enter paper ballots');
  const constituency = await constituencyOf(deps.db, electionId, input.constituencyId);
  const errors: Record<string, string> = {};
  const paperRef = limitedText(errors, 'paperRef', input.paperRef, 'Enter the number printed on the paper ballot');
  if (!errors.paperRef && !/^[A-Za-z0-9-]+$/.test(paperRef)) errors.paperRef = 'The paper ballot number has only letters, digits and hyphens';
  // The preferences go through the same rules as numbers typed on the ballot form.
  const ranking = rankingFromRanks(await standingCandidates(deps.db, constituency.id), Object.fromEntries(input.preferences.map((id, i) => [id, i + 1])));
  if (!ranking.ok) Object.assign(errors, ranking.errors);
  else if (ranking.preferences.length !== input.preferences.length) errors.preferences = 'Number only candidates on this constituency’s ballot paper';
  if (Object.keys(errors).length || !ranking.ok) throw new ValidationError(errors);
  const preferences = ranking.preferences;
  return inTransaction(deps.db, async (trx) => {
    // One typing at a time per election: two people typing the same paper at once see each other's.
    const open = await trx.selectFrom('election').select('phase').where('id', '=', electionId).forUpdate().executeTakeFirstOrThrow();
    assertPhase(open, ['voting'], 'enter paper ballots');
    const typed = await trx
      .selectFrom('election_paper_entry')
      .select(['id', 'entered_by_account_id', 'preferences', 'accepted', 'constituency_id'])
      .where('election_id', '=', electionId)
      .where('paper_ref', '=', paperRef)
      .execute();
    if (typed.some((t) => t.accepted)) throw new ConflictError(`Paper ballot ${paperRef} has been entered twice already and is counted.`, 'paperRef');
    if (typed.some((t) => t.entered_by_account_id === actor.accountId))
      throw new ConflictError(`You have typed paper ballot ${paperRef} already: someone else must type it the second time.`, 'paperRef');
    const { id } = await trx
      .insertInto('election_paper_entry')
      .values({
        election_id: electionId,
        constituency_id: constituency.id,
        paper_ref: paperRef,
        entered_by_account_id: actor.accountId as number,
        preferences: JSON.stringify(preferences),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const twin = typed.find((t) => t.constituency_id === constituency.id && samePreferences(t.preferences, preferences));
    const state: PaperState = twin ? 'accepted' : typed.length ? 'mismatch' : 'awaiting_second';
    if (twin) {
      await trx
        .insertInto('election_ballot')
        .values({
          election_id: electionId,
          constituency_id: constituency.id,
          receipt: `paper-${paperRef}`,
          preferences: JSON.stringify(preferences),
          source: 'paper',
        })
        .execute();
      await trx.updateTable('election_paper_entry').set({ accepted: true }).where('id', 'in', [twin.id, id]).execute();
    }
    await recordAudit(trx, actor, { action: 'election.enter_paper', subjectType: 'election_paper_entry', subjectId: id, detail: { state } });
    return { state };
  });
}

export interface PaperTyping {
  id: number;
  enteredBy: string;
  /** Candidate ids, first choice first. */
  preferences: number[];
}

/** Every paper typed, by number: counted, waiting for a second person, or a mismatch to resolve. */
export async function paperEntries(
  deps: ElectionsDeps,
  actor: Actor,
  electionId: number,
): Promise<Array<{ paperRef: string; constituencyId: number; state: PaperState; entries: PaperTyping[] }>> {
  const election = await electionRow(deps.db, actor, electionId);
  assertCan(actor, 'election.enterPaper', { organisationId: election.organisation_id });
  const typings = await deps.db
    .selectFrom('election_paper_entry')
    .select(['id', 'paper_ref', 'constituency_id', 'entered_by_account_id', 'preferences', 'accepted'])
    .where('election_id', '=', electionId)
    .orderBy('paper_ref')
    .orderBy('id')
    .execute();
  const typist = await accountNames(
    deps.db,
    typings.map((t) => t.entered_by_account_id),
  );
  const papers = new Map<string, { paperRef: string; constituencyId: number; state: PaperState; entries: PaperTyping[] }>();
  for (const t of typings) {
    const paper = papers.get(t.paper_ref) ?? { paperRef: t.paper_ref, constituencyId: t.constituency_id, state: 'awaiting_second', entries: [] };
    paper.entries.push({ id: t.id, enteredBy: typist.get(t.entered_by_account_id) ?? '', preferences: t.preferences });
    // Counted once two typings matched; two that do not match are a mismatch.
    paper.state = t.accepted || paper.state === 'accepted' ? 'accepted' : paper.entries.length > 1 ? 'mismatch' : 'awaiting_second';
    papers.set(t.paper_ref, paper);
  }
  return [...papers.values()];
}

/** Remove a mistaken typing (never one that made a ballot), while voting is open. */
export async function removePaperEntry(deps: ElectionsDeps, actor: Actor, entryId: number): Promise<void> {
  const entry = isRecordId(entryId)
    ? await deps.db.selectFrom('election_paper_entry').select(['election_id', 'accepted']).where('id', '=', entryId).executeTakeFirst()
    : undefined;
  if (!entry) throw new NotFoundError();
  const election = await electionRow(deps.db, actor, entry.election_id);
  assertCan(actor, 'election.enterPaper', { organisationId: election.organisation_id });
  if (entry.accepted) throw new ConflictError('This typing matched another and its ballot is counted: it cannot be removed.');
  assertPhase(election, ['voting'], 'remove a paper ballot entry');
  await inTransaction(deps.db, async (trx) => {
    await trx.deleteFrom('election_paper_entry').where('id', '=', entryId).where('accepted', '=', false).execute();
    await recordAudit(trx, actor, { action: 'election.remove_paper', subjectType: 'election_paper_entry', subjectId: entryId });
  });
}

/**
 * Paper ballots read by a scanning service (as election providers count papers), imported in bulk:
 * a BLT file of one constituency whose candidates are its standing candidates, by name (in any order).
 * Every ballot line is checked by the ballot's rules — a candidate not standing, an equal or skipped
 * preference, a candidate ranked twice is its line's problem — and nothing is imported until the
 * whole file is clean. A line of weight w makes w ballots (source 'paper'), with receipts
 * 'paper-<batch>-<n>'. A batch is imported once.
 */
export async function importPaperBallots(
  deps: ElectionsDeps,
  actor: Actor,
  electionId: number,
  input: { constituencyId: number; batch: string; bltText: string },
): Promise<{ imported: number; problems: Array<{ line: number; message: string }> }> {
  const election = await electionRow(deps.db, actor, electionId);
  assertCan(actor, 'election.manage', { organisationId: election.organisation_id });
  assertPhase(election, ['voting'], 'import paper ballots');
  const constituency = await constituencyOf(deps.db, electionId, input.constituencyId);
  const errors: Record<string, string> = {};
  const batch = limitedText(errors, 'paperRef', input.batch, 'Name the batch, like “scan-1”', 'batch');
  if (!errors.batch && !/^[A-Za-z0-9-]{1,20}$/.test(batch)) errors.batch = 'The batch name has up to 20 letters, digits and hyphens';
  let file: BltElection | null = null;
  try {
    file = parseBlt(input.bltText);
  } catch (error) {
    if (!(error instanceof BltSyntaxError)) throw error;
    errors.file = error.message;
  }
  if (Object.keys(errors).length || !file) throw new ValidationError(errors);
  const standing = await standingCandidates(deps.db, constituency.id);
  const idByName = new Map(standing.map((c) => [ballotName(c.name), c.id]));
  const unknown = file.candidates.filter((name) => !idByName.has(ballotName(name)));
  if (unknown.length)
    throw new ValidationError({
      file: `${unknown.map((n) => `“${n}”`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not standing in ${constituency.name}`,
    });
  const ids = file.candidates.map((name) => idByName.get(ballotName(name)) as number);
  const problems: Array<{ line: number; message: string }> = [];
  const ballots: number[][] = [];
  for (const ballot of file.ballots) {
    const ranks = ballot.preferences.map((rank) => (rank.length === 1 ? ids[(rank[0] as number) - 1] : undefined));
    const repeated = new Set(ranks).size !== ranks.length;
    if (ranks.includes(undefined) || repeated || file.withdrawn.some((w) => ballot.preferences.some((rank) => rank.includes(w))))
      problems.push({
        line: ballot.line,
        message: `Line ${ballot.line}: ${repeated ? 'a candidate ranked twice' : 'an equal or skipped preference, or a withdrawn candidate'}: the ballot paper takes one candidate for each number`,
      });
    else if (!ranks.length) problems.push({ line: ballot.line, message: `Line ${ballot.line}: no preference` });
    else for (let k = 0; k < ballot.weight; k++) ballots.push(ranks as number[]);
  }
  if (problems.length) return { imported: 0, problems };
  return inTransaction(deps.db, async (trx) => {
    const open = await trx.selectFrom('election').select('phase').where('id', '=', electionId).forUpdate().executeTakeFirstOrThrow();
    assertPhase(open, ['voting'], 'import paper ballots');
    const done = await trx
      .selectFrom('election_ballot')
      .select('id')
      .where('election_id', '=', electionId)
      .where('receipt', 'like', `paper-${batch}-%`)
      .limit(1)
      .execute();
    if (done.length) throw new ConflictError(`Batch ${batch} has been imported already.`, 'batch');
    for (let start = 0; start < ballots.length; start += 1000)
      await trx
        .insertInto('election_ballot')
        .values(
          ballots.slice(start, start + 1000).map((preferences, i) => ({
            election_id: electionId,
            constituency_id: constituency.id,
            receipt: `paper-${batch}-${start + i + 1}`,
            preferences: JSON.stringify(preferences),
            source: 'paper' as const,
          })),
        )
        .execute();
    await recordAudit(trx, actor, {
      action: 'election.import_paper',
      subjectType: 'election',
      subjectId: electionId,
      detail: { constituencyId: constituency.id, batch, ballots: ballots.length },
    });
    return { imported: ballots.length, problems: [] };
  });
}

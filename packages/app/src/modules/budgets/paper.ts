// Paper ballots, entered twice: each paper is typed by two different people; when a second entry
// matches the first the ballot is added (source 'paper', its receipt 'paper-<number>'); when it does
// not, the paper is listed as a mismatch for someone to enter again or remove the wrong entry.
import { recordAudit } from '../../platform/audit.js';
import { inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { accountNames } from '../accounts/service.js';
import { checkChoices } from './ballot.js';
import { checkText } from './limits.js';
import { type Actor, assertCan } from './policy.js';
import { type BudgetsDeps, ballotProjects, ballotRulesOf, budgetRow } from './records.js';
import type { BallotChoices } from './schema.js';
import { assertVoteOpen } from './voting.js';

export type PaperState = 'awaiting_second' | 'accepted' | 'mismatch';

/** The same ballot, written the same way (approval: the same projects in any order). */
function sameChoices(ballotType: string, a: BallotChoices, b: BallotChoices): boolean {
  const pairs = (c: BallotChoices) => c.projects.map((id, i) => `${id}:${c.points?.[i] ?? ''}`);
  const [x, y] = [pairs(a), pairs(b)];
  if (ballotType !== 'ordinal') {
    x.sort();
    y.sort();
  }
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export async function enterPaperBallot(
  deps: BudgetsDeps,
  actor: Actor,
  budgetId: number,
  input: { paperRef: string; choices: BallotChoices },
): Promise<{ state: PaperState }> {
  const budget = await budgetRow(deps.db, actor, budgetId);
  assertCan(actor, 'budget.enterPaper', { organisationId: budget.organisation_id });
  assertVoteOpen(budget);
  const errors: Record<string, string> = {};
  const paperRef = checkText(errors, 'paperRef', input.paperRef, { required: 'Enter the number printed on the paper ballot' });
  if (!errors.paperRef && !/^[A-Za-z0-9-]+$/.test(paperRef)) errors.paperRef = 'The paper ballot number has only letters, digits and hyphens';
  Object.assign(errors, checkChoices(ballotRulesOf(budget), await ballotProjects(deps.db, budgetId), input.choices));
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const choices: BallotChoices = { projects: input.choices.projects, ...(budget.ballot_type === 'cumulative' ? { points: input.choices.points } : {}) };
  return inTransaction(deps.db, async (trx) => {
    // One paper entry at a time per process: two people typing the same paper at once see each other's entry.
    const open = await trx.selectFrom('budget').select(['phase', 'ballot_secret']).where('id', '=', budgetId).forUpdate().executeTakeFirstOrThrow();
    assertVoteOpen(open);
    const earlier = await trx
      .selectFrom('budget_paper_entry')
      .select(['id', 'entered_by_account_id', 'choices', 'accepted'])
      .where('budget_id', '=', budgetId)
      .where('paper_ref', '=', paperRef)
      .execute();
    if (earlier.some((e) => e.accepted)) throw new ConflictError(`Paper ballot ${paperRef} has been entered twice already and is counted.`, 'paperRef');
    if (earlier.some((e) => e.entered_by_account_id === actor.accountId))
      throw new ConflictError(`You have entered paper ballot ${paperRef} already: someone else must enter it the second time.`, 'paperRef');
    const entry = await trx
      .insertInto('budget_paper_entry')
      .values({ budget_id: budgetId, paper_ref: paperRef, entered_by_account_id: actor.accountId as number, choices: JSON.stringify(choices) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const match = earlier.find((e) => sameChoices(budget.ballot_type, e.choices, choices));
    let state: PaperState = earlier.length ? 'mismatch' : 'awaiting_second';
    if (match) {
      state = 'accepted';
      await trx
        .insertInto('budget_ballot')
        .values({ budget_id: budgetId, voter_hash: null, receipt: `paper-${paperRef}`, choices: JSON.stringify(match.choices), source: 'paper' })
        .execute();
      await trx.updateTable('budget_paper_entry').set({ accepted: true }).where('id', 'in', [match.id, entry.id]).execute();
    }
    await recordAudit(trx, actor, { action: 'budget.enter_paper', subjectType: 'budget_paper_entry', subjectId: entry.id, detail: { state } });
    return { state };
  });
}

/** Every paper entered, by number: accepted, waiting for a second person, or a mismatch to resolve. */
export async function paperEntries(
  deps: BudgetsDeps,
  actor: Actor,
  budgetId: number,
): Promise<Array<{ paperRef: string; state: PaperState; entries: Array<{ id: number; enteredBy: string; choices: BallotChoices }> }>> {
  const budget = await budgetRow(deps.db, actor, budgetId);
  assertCan(actor, 'budget.enterPaper', { organisationId: budget.organisation_id });
  const rows = await deps.db
    .selectFrom('budget_paper_entry')
    .select(['id', 'paper_ref', 'entered_by_account_id', 'choices', 'accepted'])
    .where('budget_id', '=', budgetId)
    .orderBy('paper_ref')
    .orderBy('id')
    .execute();
  const names = await accountNames(
    deps.db,
    rows.map((r) => r.entered_by_account_id),
  );
  const papers = new Map<string, typeof rows>();
  for (const r of rows) papers.set(r.paper_ref, [...(papers.get(r.paper_ref) ?? []), r]);
  return [...papers].map(([paperRef, entries]) => ({
    paperRef,
    state: entries.some((e) => e.accepted) ? 'accepted' : entries.length > 1 ? 'mismatch' : 'awaiting_second',
    entries: entries.map((e) => ({ id: e.id, enteredBy: names.get(e.entered_by_account_id) ?? '', choices: e.choices })),
  }));
}

/** Remove a mistaken entry (never one that made a ballot). */
export async function removePaperEntry(deps: BudgetsDeps, actor: Actor, entryId: number): Promise<void> {
  if (!isRecordId(entryId)) throw new NotFoundError();
  const entry = await deps.db.selectFrom('budget_paper_entry').select(['id', 'budget_id', 'accepted']).where('id', '=', entryId).executeTakeFirst();
  if (!entry) throw new NotFoundError();
  const budget = await budgetRow(deps.db, actor, entry.budget_id);
  assertCan(actor, 'budget.enterPaper', { organisationId: budget.organisation_id });
  if (entry.accepted) throw new ConflictError('This entry matched another and its ballot is counted: it cannot be removed.');
  assertVoteOpen(budget);
  await inTransaction(deps.db, async (trx) => {
    await trx.deleteFrom('budget_paper_entry').where('id', '=', entryId).where('accepted', '=', false).execute();
    await recordAudit(trx, actor, { action: 'budget.remove_paper', subjectType: 'budget_paper_entry', subjectId: entryId });
  });
}

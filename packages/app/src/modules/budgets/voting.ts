// Who may vote and the vote itself. Eligibility: a postcode in the budget's districts (and an age),
// an email on the list the organisation imported, or a single-use voting code (codes work in every
// mode). A ballot is stored apart from its voter: the roll records that someone voted and on which
// day; the ballot row carries a keyed hash of the voter (HMAC with the process's own secret, wiped at
// the count), so a new ballot replaces the old one in one statement and the last one counts.
import { createHash, createHmac, randomInt } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { inTransaction } from '../../platform/database.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { accountContact, checkEmail, normaliseEmail } from '../accounts/service.js';
import { type BallotProject, type BallotRules, checkChoices, choicesFromForm } from './ballot.js';
import { checkVoter } from './eligibility.js';
import { checkText, maxCodesAtOnce } from './limits.js';
import { type Actor, assertCan } from './policy.js';
import { type BudgetRow, type BudgetsDeps, ballotProjects, ballotRulesOf, budgetRow, budgetWithBallotProjects } from './records.js';
import type { BallotChoices, BallotSource } from './schema.js';

/** Refused as a voter: the reason under the field it is about (a page shows it there; the API answers 422). */
export class NotEligibleError extends ValidationError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super({ [field]: reason });
  }
}

/** Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L). */
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random 10-character code from the unambiguous alphabet: voting codes and receipts. */
export function randomCode(length = 10): string {
  let code = '';
  for (let i = 0; i < length; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return code;
}

/** A code as typed ("abcd-efgh jk") in the form it was made. */
export const normaliseCode = (typed: string) => typed.toUpperCase().replace(/[\s-]+/g, '');

const codeHash = (code: string) => createHash('sha256').update(normaliseCode(code)).digest('hex');

/** Before the count, staff may prepare who may vote. */
function assertNotCounted(budget: BudgetRow): void {
  if (budget.phase === 'counted' || budget.phase === 'delivery') throw new ConflictError('The vote has been counted: who may vote can no longer change.');
}

/** Read CSV text into rows with the line each starts on (the header is line 1). */
function csvRows(csvText: string): Array<{ line: number; cells: string[] }> {
  const text = csvText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  try {
    const parsed = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
    return parsed.map((p) => ({ line: p.info.lines, cells: p.record }));
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new ValidationError({ file: `${lines ? `Line ${lines}: ` : ''}the file is not valid CSV. Save it from a spreadsheet as CSV and try again.` });
  }
}

/** Add people to the list of who may vote, from a CSV file with an `email` column. Bad lines are reported; good ones are added. */
export async function importEligiblePeople(
  deps: BudgetsDeps,
  actor: Actor,
  budgetId: number,
  csvText: string,
): Promise<{ added: number; problems: Array<{ line: number; message: string }> }> {
  const budget = await budgetRow(deps.db, actor, budgetId);
  assertCan(actor, 'budget.manage', { organisationId: budget.organisation_id });
  assertNotCounted(budget);
  const [header, ...rows] = csvRows(csvText);
  const column = header ? header.cells.findIndex((c) => c.trim().toLowerCase() === 'email') : -1;
  if (!header || column < 0) throw new ValidationError({ file: 'The first row must name the columns, including one called email' });
  const problems: Array<{ line: number; message: string }> = [];
  const emails = new Set<string>();
  for (const { line, cells } of rows) {
    const email = cells[column] ?? '';
    const problem = checkEmail(email);
    if (problem)
      problems.push({ line, message: `Line ${line}: ${email.trim() ? `“${email.trim().slice(0, 80)}” is not an email address` : 'no email address'}` });
    else emails.add(normaliseEmail(email));
  }
  return inTransaction(deps.db, async (trx) => {
    let added = 0;
    const list = [...emails];
    for (let i = 0; i < list.length; i += 1000) {
      const inserted = await trx
        .insertInto('budget_eligible_person')
        .values(list.slice(i, i + 1000).map((email) => ({ budget_id: budgetId, email })))
        .onConflict((oc) => oc.doNothing())
        .returning('email')
        .execute();
      added += inserted.length;
    }
    await recordAudit(trx, actor, {
      action: 'budget.import_eligible',
      subjectType: 'budget',
      subjectId: budgetId,
      detail: { added, problems: problems.length },
    });
    return { added, problems };
  });
}

/** Make single-use voting codes (for events, kiosks and paper): shown this once, only their hashes kept. */
export async function createVotingCodes(deps: BudgetsDeps, actor: Actor, budgetId: number, input: { count: number; batch: string }): Promise<string[]> {
  const budget = await budgetRow(deps.db, actor, budgetId);
  assertCan(actor, 'budget.manage', { organisationId: budget.organisation_id });
  assertNotCounted(budget);
  const errors: Record<string, string> = {};
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > maxCodesAtOnce)
    errors.count = `Enter how many codes to make, a whole number from 1 to ${maxCodesAtOnce.toLocaleString('en-GB')}`;
  const batch = checkText(errors, 'batch', input.batch);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(deps.db, async (trx) => {
    const codes: string[] = [];
    // A code already made (for any budget) is made again: 31^10 codes make that rare.
    while (codes.length < input.count) {
      const wanted = [...new Set(Array.from({ length: input.count - codes.length }, () => randomCode()))];
      const made = await trx
        .insertInto('budget_voting_code')
        .values(wanted.map((code) => ({ budget_id: budgetId, code_hash: codeHash(code), batch })))
        .onConflict((oc) => oc.doNothing())
        .returning('code_hash')
        .execute();
      const madeHashes = new Set(made.map((m) => m.code_hash));
      codes.push(...wanted.filter((code) => madeHashes.has(codeHash(code))));
    }
    await recordAudit(trx, actor, { action: 'budget.create_codes', subjectType: 'budget', subjectId: budgetId, detail: { count: codes.length } });
    return codes;
  });
}

export async function votingCodeCounts(deps: BudgetsDeps, actor: Actor, budgetId: number): Promise<{ total: number; used: number }> {
  const budget = await budgetRow(deps.db, actor, budgetId);
  assertCan(actor, 'budget.manage', { organisationId: budget.organisation_id });
  const row = await deps.db
    .selectFrom('budget_voting_code')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('used_at').as('used')])
    .where('budget_id', '=', budgetId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), used: Number(row.used) };
}

/** The voter's key on the roll: their account's, or their voting code's. */
const accountKey = (accountId: number) => `account:${accountId}`;

/** The ballot to fill in: its rules and projects, and whether the actor (signed in) has voted already. */
export async function ballotFor(deps: BudgetsDeps, actor: Actor, budgetId: number): Promise<{ rules: BallotRules; projects: BallotProject[]; voted: boolean }> {
  assertCan(actor, 'budget.vote');
  const budget = await budgetRow(deps.db, actor, budgetId);
  const [projects, voted] = await Promise.all([
    ballotProjects(deps.db, budgetId),
    actor.accountId === null
      ? undefined
      : deps.db
          .selectFrom('budget_voter')
          .select('voter_key')
          .where('budget_id', '=', budgetId)
          .where('voter_key', '=', accountKey(actor.accountId))
          .executeTakeFirst(),
  ]);
  return { rules: ballotRulesOf(budget), projects, voted: voted !== undefined };
}

export interface CastInput {
  choices: BallotChoices;
  postcode?: string;
  dateOfBirth?: string;
  code?: string;
  source: 'online' | 'kiosk' | 'code';
}

/** Who is voting, as the roll knows them, or the reason they may not. */
async function voterKeyOf(
  deps: BudgetsDeps,
  actor: Actor,
  budget: BudgetRow,
  input: Omit<CastInput, 'choices'>,
): Promise<{ key: string; codeId: number | null }> {
  const typed = input.code === undefined ? '' : normaliseCode(input.code);
  if (typed) {
    const code = await deps.db
      .selectFrom('budget_voting_code')
      .select('id')
      .where('budget_id', '=', budget.id)
      .where('code_hash', '=', codeHash(typed))
      .executeTakeFirst();
    if (!code) throw new NotEligibleError('code', 'That is not a voting code for this vote: check it against the card you were given');
    return { key: `code:${code.id}`, codeId: code.id };
  }
  if (actor.accountId === null) throw new NotEligibleError('code', 'Sign in or enter a voting code');
  if (budget.eligibility === 'codes') throw new NotEligibleError('code', 'Enter the voting code you were given: this vote is by voting code only');
  if (budget.eligibility === 'list') {
    const { email } = await accountContact(deps.db, actor.accountId);
    const listed = await deps.db
      .selectFrom('budget_eligible_person')
      .select('email')
      .where('budget_id', '=', budget.id)
      .where('email', '=', normaliseEmail(email))
      .executeTakeFirst();
    if (!listed)
      throw new NotEligibleError('email', `${email} is not on the list of people who may vote in this budget: ask its organisers, or enter a voting code`);
  } else {
    const check = checkVoter(budget, { postcode: input.postcode, dateOfBirth: input.dateOfBirth, today: todayInEngland() });
    if (!check.eligible) throw new NotEligibleError(check.field, check.reason);
  }
  return { key: accountKey(actor.accountId), codeId: null };
}

/**
 * Cast a ballot, or change one cast before. One statement, so one transaction: it holds the process
 * shared with other voters (the count holds it alone, so no ballot arrives during the count), puts
 * the voter on the roll (once), writes the ballot by its voter hash (replacing the earlier one) and
 * marks a voting code used; nothing is written when the vote has closed meanwhile. No audit entry:
 * its time beside the account would say when a ballot arrived, which the ballot table is built not
 * to know.
 */
export async function castBallot(
  deps: BudgetsDeps,
  actor: Actor,
  budgetId: number,
  input: CastInput | (Omit<CastInput, 'choices'> & { form: Record<string, unknown> }),
): Promise<{ receipt: string | null; replaced: boolean }> {
  assertCan(actor, 'budget.vote');
  const { budget, projects } = await budgetWithBallotProjects(deps.db, actor, budgetId);
  assertVoteOpen(budget);
  const voter = await voterKeyOf(deps, actor, budget, input);
  // The ballot page's fields are read here, by the ballot's own rules, so casting from the page
  // reads the process once (on voting day this is the busiest request).
  const rules = ballotRulesOf(budget);
  const read = 'form' in input ? choicesFromForm(rules, projects, input.form) : { choices: input.choices };
  if ('errors' in read) throw new ValidationError(read.errors);
  const errors = checkChoices(rules, projects, read.choices);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const choices: BallotChoices = { projects: read.choices.projects, ...(budget.ballot_type === 'cumulative' ? { points: read.choices.points } : {}) };
  const source: BallotSource = ['online', 'kiosk', 'code'].includes(input.source) ? input.source : 'online';
  const secret = budget.ballot_secret as string;
  const voterHash = createHmac('sha256', secret).update(voter.key).digest('base64url');
  const receipt = randomCode();
  // xmax is set on a row version an update made: the ballot replaced an earlier one.
  const written = await sql<{ replaced: boolean }>`
    with open as (
      select id from budget where id = ${budgetId} and phase = 'vote' and ballot_secret = ${secret} for share
    ), roll as (
      insert into budget_voter (budget_id, voter_key) select id, ${voter.key} from open
      on conflict (budget_id, voter_key) do nothing
    ), code as (
      update budget_voting_code set used_at = coalesce(used_at, now())
      where id = ${voter.codeId} and budget_id in (select id from open)
    )
    insert into budget_ballot (budget_id, voter_hash, receipt, choices, source)
    select id, ${voterHash}, ${receipt}, ${JSON.stringify(choices)}::jsonb, ${source} from open
    on conflict (budget_id, voter_hash) do update set choices = excluded.choices, receipt = excluded.receipt, source = excluded.source
    returning (xmax <> 0) as replaced`.execute(deps.db);
  const row = written.rows[0];
  if (!row) {
    const now = await deps.db.selectFrom('budget').select(['phase', 'ballot_secret']).where('id', '=', budgetId).executeTakeFirstOrThrow();
    assertVoteOpen(now);
    throw new ConflictError('The vote changed while your ballot was being cast: try again.');
  }
  return { receipt: budget.receipts ? receipt : null, replaced: Boolean(row.replaced) };
}

/** Voting happens only in the vote phase. */
export function assertVoteOpen(budget: { phase: BudgetRow['phase']; ballot_secret: string | null }): void {
  if (budget.phase === 'counted' || budget.phase === 'delivery') throw new ConflictError('Voting has closed.');
  if (budget.phase !== 'vote' || !budget.ballot_secret) throw new ConflictError('Voting has not opened.');
}

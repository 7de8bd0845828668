// An election as its organisation's admins set it up (the body and role, the constituencies and
// their seats, the rule, the dates, the statements' word limit and declarations, the ballot order and
// receipts), and as everyone finds it: listed by organisation or body, or one by id. Drafts are seen
// only by those who may manage them. The seed for a random ballot order and for lots is drawn here.
import { randomInt } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isIsoDate } from '../../platform/web/forms.js';
import { getOrganisationSummary, listBodies, organisationNames } from '../registry/service.js';
import { limitedText, wordLimitRange } from './limits.js';
import { type Actor, assertCan, can, organisationsWhere } from './policy.js';
import { constituenciesOf, type ElectionRow, type ElectionsDeps, electionRow, mayManage } from './records.js';
import { type BallotOrder, ballotOrders, type ElectionMethod, type ElectionPhase, electionMethods } from './schema.js';
import { type ConstituencyInput, checkConstituencies, declarationLines, isElectionRole } from './settings.js';

/** What staff write when they set up an election (the form's field names are these keys). */
export interface ElectionInput {
  organisationId: number;
  bodyId: number;
  title: string;
  description: string;
  /** One of the registry's member roles (settings.ts electionRoles). */
  role: string;
  method: ElectionMethod;
  constituencies: ConstituencyInput[];
  nominationsOpenOn: string | null;
  nominationsCloseOn: string | null;
  votingOpenOn: string | null;
  votingCloseOn: string | null;
  termStartOn: string | null;
  termEndOn: string | null;
  wordLimit: number;
  /** One a line. */
  declarations: string;
  ballotOrder: BallotOrder;
  receipts: boolean;
}

export interface ElectionSummary {
  id: number;
  title: string;
  phase: ElectionPhase;
  organisation: { id: number; name: string };
  body: { id: number; name: string };
  role: string;
  method: ElectionMethod;
  /** Seats in all constituencies. */
  seats: number;
  /** By name. */
  constituencies: Array<{ id: number; name: string; seats: number }>;
  nominationsOpenOn: string | null;
  nominationsCloseOn: string | null;
  votingOpenOn: string | null;
  votingCloseOn: string | null;
}

export interface ElectionDetail extends Omit<ElectionSummary, 'constituencies'> {
  description: string;
  termStartOn: string | null;
  termEndOn: string | null;
  wordLimit: number;
  declarations: string[];
  ballotOrder: BallotOrder;
  receipts: boolean;
  /** Published with the result (it also drew a random ballot order); null before the count. */
  seed: number | null;
  countedAt: Date | null;
  /** Each constituency with its seats and, once counted, the names elected (as in the BLT file), in order of election. */
  constituencies: Array<{ id: number; name: string; seats: number; elected: string[] | null }>;
  /** Codes used and the electorate: for staff who may see the turnout, and for everyone once counted. */
  turnout: { electorate: number; voted: number; ballots: number } | null;
  mayManage: boolean;
}

/** A new election before staff choose: one constituency of 4 seats, Scottish STV, 250 words, alphabetical, with receipts. */
export const electionDefaults: Omit<ElectionInput, 'organisationId' | 'bodyId' | 'title'> = {
  description: '',
  role: 'patient_representative',
  method: 'scottish',
  constituencies: [{ name: 'Public', seats: 4 }],
  nominationsOpenOn: null,
  nominationsCloseOn: null,
  votingOpenOn: null,
  votingCloseOn: null,
  termStartOn: null,
  termEndOn: null,
  wordLimit: wordLimitRange.byDefault,
  declarations: '',
  ballotOrder: 'alphabetical',
  receipts: true,
};

const dateFields = ['nominationsOpenOn', 'nominationsCloseOn', 'votingOpenOn', 'votingCloseOn', 'termStartOn', 'termEndOn'] as const;

const dateWords: Record<(typeof dateFields)[number], string> = {
  nominationsOpenOn: 'nominations open',
  nominationsCloseOn: 'nominations close',
  votingOpenOn: 'voting opens',
  votingCloseOn: 'voting closes',
  termStartOn: 'the term starts',
  termEndOn: 'the term ends',
};

/** Check an election as staff write it (all but the body): the message by field, or nothing. */
export function checkElection(input: Omit<ElectionInput, 'organisationId' | 'bodyId'>): Record<string, string> {
  const errors: Record<string, string> = {};
  limitedText(errors, 'title', input.title, 'Enter a title, like “Public governors 2027”');
  limitedText(errors, 'description', input.description);
  if (!isElectionRole(input.role)) errors.role = 'Choose the role those elected will hold on the body';
  if (!electionMethods.includes(input.method)) errors.method = 'Choose how the votes are counted';
  const constituencies = checkConstituencies(input.constituencies);
  if (constituencies) errors.constituencies = constituencies;
  for (const field of dateFields) {
    const value = input[field];
    if (value && !isIsoDate(value)) errors[field] = `Enter the date ${dateWords[field]} as a real date, like 1 3 2027`;
  }
  for (let i = 1; i < dateFields.length; i++) {
    const [before, field] = [dateFields[i - 1] as (typeof dateFields)[number], dateFields[i] as (typeof dateFields)[number]];
    const [from, until] = [input[before], input[field]];
    if (!errors[field] && !errors[before] && from && until && until < from)
      errors[field] = `The date ${dateWords[field]} must be on or after the date ${dateWords[before]}`;
  }
  if (!Number.isInteger(input.wordLimit) || input.wordLimit < wordLimitRange.least || input.wordLimit > wordLimitRange.most)
    errors.wordLimit = `Enter the words a statement may have as a whole number from ${wordLimitRange.least} to ${wordLimitRange.most.toLocaleString('en-GB')}`;
  limitedText(errors, 'declarations', input.declarations);
  if (!ballotOrders.includes(input.ballotOrder)) errors.ballotOrder = 'Choose the order of the candidates on the ballot paper';
  return errors;
}

/** The body must be one of the organisation's. */
async function checkBody(db: Db, organisationId: number, bodyId: number, errors: Record<string, string>): Promise<void> {
  const bodies = await listBodies(db, organisationId);
  if (!bodies.some((b) => b.id === bodyId)) errors.bodyId = 'Choose the board, committee or group the seats are on';
}

/** The election's own columns, as staff wrote them. */
function columnsOf(input: Omit<ElectionInput, 'organisationId' | 'constituencies'>) {
  return {
    body_id: input.bodyId,
    title: input.title.trim(),
    description: input.description.trim(),
    role: input.role,
    method: input.method,
    nominations_open_on: input.nominationsOpenOn || null,
    nominations_close_on: input.nominationsCloseOn || null,
    voting_open_on: input.votingOpenOn || null,
    voting_close_on: input.votingCloseOn || null,
    term_start_on: input.termStartOn || null,
    term_end_on: input.termEndOn || null,
    word_limit: input.wordLimit,
    declarations: declarationLines(input.declarations).join('\n'),
    ballot_order: input.ballotOrder,
    receipts: input.receipts,
  };
}

export async function createElection(deps: ElectionsDeps, actor: Actor, input: ElectionInput): Promise<number> {
  assertCan(actor, 'election.manage', { organisationId: input.organisationId });
  if (!(await getOrganisationSummary(deps.db, input.organisationId))) throw new NotFoundError();
  const errors = checkElection(input);
  await checkBody(deps.db, input.organisationId, input.bodyId, errors);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(deps.db, async (trx) => {
    const { id } = await trx
      .insertInto('election')
      .values({ organisation_id: input.organisationId, ...columnsOf(input), seed: randomInt(2 ** 32), created_by_account_id: actor.accountId as number })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('election_constituency')
      .values(input.constituencies.map((c) => ({ election_id: id, name: c.name.trim(), seats: c.seats })))
      .execute();
    await recordAudit(trx, actor, { action: 'election.create', subjectType: 'election', subjectId: id });
    return id;
  });
}

/** The settings as staff last wrote them, in the input's shape (for the settings form). */
export async function electionInput(deps: ElectionsDeps, actor: Actor, id: number): Promise<ElectionInput> {
  const election = await electionRow(deps.db, actor, id);
  assertCan(actor, 'election.manage', { organisationId: election.organisation_id });
  return inputOf(election, await constituenciesOf(deps.db, id));
}

function inputOf(election: ElectionRow, constituencies: ReadonlyArray<{ name: string; seats: number }>): ElectionInput {
  return {
    organisationId: election.organisation_id,
    bodyId: election.body_id,
    title: election.title,
    description: election.description,
    role: election.role,
    method: election.method,
    constituencies: constituencies.map((c) => ({ name: c.name, seats: c.seats })),
    nominationsOpenOn: election.nominations_open_on,
    nominationsCloseOn: election.nominations_close_on,
    votingOpenOn: election.voting_open_on,
    votingCloseOn: election.voting_close_on,
    termStartOn: election.term_start_on,
    termEndOn: election.term_end_on,
    wordLimit: election.word_limit,
    declarations: election.declarations,
    ballotOrder: election.ballot_order,
    receipts: election.receipts,
  };
}

/**
 * Which settings are fixed from which phase: the constituencies once nominations open (voters and
 * candidates belong to them; seats may change until voting opens), the ballot order once statements
 * are published, the rule and receipts once voting opens, everything once counted.
 */
function fixedSettings(phase: ElectionPhase): Array<keyof ElectionInput> {
  const fixed: Array<keyof ElectionInput> = [];
  if (phase !== 'draft') fixed.push('constituencies');
  if (['statements', 'voting', 'counted'].includes(phase)) fixed.push('ballotOrder');
  if (['voting', 'counted'].includes(phase)) fixed.push('method', 'receipts');
  if (phase === 'counted') fixed.push('bodyId', 'role', 'termStartOn', 'termEndOn');
  return fixed;
}

const sameSetting = (field: keyof ElectionInput, before: ElectionInput, after: ElectionInput, seatsFixed: boolean) =>
  field === 'constituencies'
    ? before.constituencies.length === after.constituencies.length &&
      before.constituencies.every((c) => after.constituencies.some((a) => a.name.trim() === c.name && (!seatsFixed || a.seats === c.seats)))
    : (before[field] || null) === (after[field] || null);

/** Change the settings; those that shape the nominations, the ballot and the count stay as they were once those have begun. */
export async function updateElection(deps: ElectionsDeps, actor: Actor, id: number, input: Omit<ElectionInput, 'organisationId'>): Promise<void> {
  const current = await electionRow(deps.db, actor, id);
  assertCan(actor, 'election.manage', { organisationId: current.organisation_id });
  const errors = checkElection(input);
  await checkBody(deps.db, current.organisation_id, input.bodyId, errors);
  const constituencies = await constituenciesOf(deps.db, id);
  const before = inputOf(current, constituencies);
  const after = { ...input, organisationId: current.organisation_id };
  const seatsFixed = ['voting', 'counted'].includes(current.phase);
  for (const field of fixedSettings(current.phase))
    if (!errors[field] && !sameSetting(field, before, after, seatsFixed))
      errors[field] =
        field === 'constituencies' && current.phase !== 'voting' && current.phase !== 'counted'
          ? 'The constituencies cannot change once nominations have opened (their seats can, until voting opens)'
          : `This cannot change now that the election is ${current.phase === 'counted' ? 'counted' : 'under way'}`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await inTransaction(deps.db, async (trx) => {
    await trx.updateTable('election').set(columnsOf(input)).set('updated_at', new Date()).where('id', '=', id).execute();
    if (current.phase === 'draft') {
      await trx.deleteFrom('election_constituency').where('election_id', '=', id).execute();
      await trx
        .insertInto('election_constituency')
        .values(input.constituencies.map((c) => ({ election_id: id, name: c.name.trim(), seats: c.seats })))
        .execute();
    } else
      for (const c of input.constituencies)
        await trx.updateTable('election_constituency').set({ seats: c.seats }).where('election_id', '=', id).where('name', '=', c.name.trim()).execute();
    await recordAudit(trx, actor, { action: 'election.update', subjectType: 'election', subjectId: id });
  });
}

const defaultPageSize = 20;

/** Elections, newest first, optionally of one organisation or for one body; drafts only for those who manage them. */
export async function listElections(
  deps: ElectionsDeps,
  actor: Actor,
  filter: { organisationId?: number; bodyId?: number; page?: number; pageSize?: number } = {},
): Promise<{ items: ElectionSummary[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, 'election.read');
  const managed = can(actor, 'election.manage') ? 'all' : organisationsWhere(actor, 'election.manage');
  let query = deps.db.selectFrom('election');
  if (filter.organisationId !== undefined) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.bodyId !== undefined) query = query.where('body_id', '=', filter.bodyId);
  if (managed !== 'all')
    query = query.where((eb) => (managed.length ? eb.or([eb('phase', '<>', 'draft'), eb('organisation_id', 'in', managed)]) : eb('phase', '<>', 'draft')));
  const { count } = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const total = Number(count);
  const pageSize = Math.min(Math.max(Math.trunc(filter.pageSize ?? defaultPageSize), 1), 100);
  const page = Math.min(Math.max(filter.page ?? 1, 1), Math.max(1, Math.ceil(total / pageSize)));
  const rows = await query
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: await summariesOf(deps.db, rows), total, page, pageSize };
}

/** Summaries of these elections: organisation names, constituencies and (per organisation) bodies, whatever the number of rows. */
async function summariesOf(db: Db, rows: ReadonlyArray<Omit<ElectionRow, 'seed'>>): Promise<ElectionSummary[]> {
  if (!rows.length) return [];
  const organisationIds = [...new Set(rows.map((r) => r.organisation_id))];
  const [organisations, bodies, constituencies] = await Promise.all([
    organisationNames(db, organisationIds),
    Promise.all(organisationIds.map((o) => listBodies(db, o))),
    db
      .selectFrom('election_constituency')
      .select(['id', 'election_id', 'name', 'seats'])
      .where(
        'election_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('name')
      .execute(),
  ]);
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const bodyName = new Map(bodies.flat().map((b) => [b.id, b.name]));
  const constituenciesOfRow = (id: number) => constituencies.filter((c) => c.election_id === id).map((c) => ({ id: c.id, name: c.name, seats: c.seats }));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    phase: r.phase,
    organisation: { id: r.organisation_id, name: organisationName.get(r.organisation_id) ?? '' },
    body: { id: r.body_id, name: bodyName.get(r.body_id) ?? '' },
    role: r.role,
    method: r.method,
    seats: constituenciesOfRow(r.id).reduce((sum, c) => sum + c.seats, 0),
    constituencies: constituenciesOfRow(r.id),
    nominationsOpenOn: r.nominations_open_on,
    nominationsCloseOn: r.nominations_close_on,
    votingOpenOn: r.voting_open_on,
    votingCloseOn: r.voting_close_on,
  }));
}

/** Codes used and ballots cast against the electorate. */
async function turnoutOf(db: Db, electionId: number): Promise<{ electorate: number; voted: number; ballots: number }> {
  const [voters, ballots] = await Promise.all([
    db
      .selectFrom('election_voter')
      .select((eb) => [eb.fn.countAll<number>().as('electorate'), eb.fn.count<number>('code_used_on').as('voted')])
      .where('election_id', '=', electionId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('election_ballot')
      .select((eb) => eb.fn.countAll<number>().as('ballots'))
      .where('election_id', '=', electionId)
      .executeTakeFirstOrThrow(),
  ]);
  return { electorate: Number(voters.electorate), voted: Number(voters.voted), ballots: Number(ballots.ballots) };
}

export async function getElection(deps: ElectionsDeps, actor: Actor, id: number): Promise<ElectionDetail> {
  assertCan(actor, 'election.read');
  const row = await electionRow(deps.db, actor, id);
  const counted = row.phase === 'counted';
  const seesTurnout = counted || can(actor, 'election.turnout', { organisationId: row.organisation_id });
  const [[summary], constituencies, turnout] = await Promise.all([
    summariesOf(deps.db, [row]),
    constituenciesOf(deps.db, id),
    seesTurnout ? turnoutOf(deps.db, id) : null,
  ]);
  const { constituencies: _names, ...rest } = summary as ElectionSummary;
  return {
    ...rest,
    description: row.description,
    termStartOn: row.term_start_on,
    termEndOn: row.term_end_on,
    wordLimit: row.word_limit,
    declarations: declarationLines(row.declarations),
    ballotOrder: row.ballot_order,
    receipts: row.receipts,
    seed: counted ? row.seed : null,
    countedAt: row.counted_at,
    constituencies: constituencies.map((c) => ({
      id: c.id,
      name: c.name,
      seats: c.seats,
      elected: counted && c.result ? (c.result as { elected: string[] }).elected : null,
    })),
    turnout,
    mayManage: mayManage(actor, row),
  };
}

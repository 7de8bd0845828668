// Nominations: a signed-in person whose email is on the electorate nominates themself in their
// constituency while nominations are open — the name for the ballot paper, a statement within the
// word limit, every declaration made, a photo if they like — and may withdraw until nominations
// close. Staff mark each valid or not (with the reason) and may add a candidate themselves. Once
// statements are published, everyone sees the valid candidates in ballot order.
import type { SqlBool } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { accountContact, normaliseEmail } from '../accounts/service.js';
import { limitedText, maxPhotoBytes } from './limits.js';
import { type Actor, assertCan } from './policy.js';
import { assertPhase, type CandidateRow, candidateRow, constituencyOf, type ElectionRow, type ElectionsDeps, electionRow, mayManage } from './records.js';
import type { CandidateStatus } from './schema.js';
import { declarationLines, wordCount } from './settings.js';

/** Refused as a voter or nominee: the reason under the field it is about (a page shows it there; the API answers 422). */
export class NotEligibleError extends ValidationError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super({ [field]: reason });
  }
}

export interface NominationInput {
  /** Needed only when the person is on the electorate of more than one constituency. */
  constituencyId?: number;
  name: string;
  statement: string;
  /** The declarations ticked, as the election words them. */
  declarations: string[];
  photo?: { content: Buffer; fileName?: string };
}

export interface CandidateView {
  id: number;
  constituencyId: number;
  constituency: string;
  name: string;
  statement: string;
  status: CandidateStatus;
  /** Why a nomination is invalid (staff only). */
  reason: string;
  ballotPosition: number | null;
  hasPhoto: boolean;
  /** Elected at the count (and so a member of the body). */
  elected: boolean;
  memberId: number | null;
  /** Staff only: the declarations made, and whether a voter nominated themself (or staff added them). */
  declarationsMade: string[];
  selfNominated: boolean;
}

/** A name as the ballot paper and the BLT file show it: spaces inside it folded to one. */
export const ballotName = (name: string) => name.trim().replace(/\s+/g, ' ');

/** PNG or JPEG by its first bytes, at most 2 MB: the type to serve it as, or the message. */
function checkPhoto(content: Buffer): { type: string } | { error: string } {
  if (content.length > maxPhotoBytes) return { error: 'The photo must be 2 MB or smaller' };
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { type: 'image/png' };
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return { type: 'image/jpeg' };
  return { error: 'The photo must be a PNG or JPEG image' };
}

/** The name, statement, declarations and photo checked against the election's rules: the values, or the messages by field. */
function checkNominee(election: ElectionRow, input: Omit<NominationInput, 'constituencyId'>) {
  const errors: Record<string, string> = {};
  const name = ballotName(limitedText(errors, 'name', input.name, 'Enter your name as it should appear on the ballot paper'));
  if (name && /[\r\n"]/.test(name)) errors.name = 'The name cannot contain double quotes or line breaks';
  const statement = limitedText(errors, 'statement', input.statement, 'Write your statement: why you are standing and what you would do');
  const words = wordCount(statement);
  if (!errors.statement && words > election.word_limit)
    errors.statement = `Your statement has ${words.toLocaleString('en-GB')} words: it must have ${election.word_limit.toLocaleString('en-GB')} or fewer`;
  const required = declarationLines(election.declarations);
  const ticked = new Set(input.declarations.map((d) => d.trim()));
  const missing = required.filter((d) => !ticked.has(d));
  if (missing.length)
    errors.declarations = `Make every declaration to stand: tick “${missing[0]}”${missing.length > 1 ? ` and the ${missing.length - 1} other${missing.length > 2 ? 's' : ''}` : ''}`;
  let photo: { content: Buffer; type: string } | null = null;
  if (input.photo && input.photo.content.length > 0) {
    const checked = checkPhoto(input.photo.content);
    if ('error' in checked) errors.photo = checked.error;
    else photo = { content: input.photo.content, type: checked.type };
  }
  return { errors, name, statement, declarations: required, photo };
}

/** No two candidates standing (not withdrawn or invalid) in a constituency under one name: the ballot and the BLT file could not tell them apart. */
async function assertNameFree(db: Db, constituencyId: number, name: string, exceptId: number | null): Promise<void> {
  const same = await db
    .selectFrom('election_candidate')
    .select('id')
    .where('constituency_id', '=', constituencyId)
    .where('status', 'in', ['nominated', 'valid'])
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .execute();
  if (same.some((c) => c.id !== exceptId))
    throw new ValidationError({ name: `Someone called ${name} is already standing here: add a middle name or initial so voters can tell you apart` });
}

/** The actor's entries on the electorate, by the email of their account. */
async function electorateEntries(db: Db, actor: Actor, electionId: number) {
  const { email } = await accountContact(db, actor.accountId as number);
  const entries = await db
    .selectFrom('election_voter')
    .select(['id', 'constituency_id'])
    .where('election_id', '=', electionId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', normaliseEmail(email)))
    .execute();
  return { email, entries };
}

/** Nominate oneself. Returns the candidate's id. */
export async function nominate(deps: ElectionsDeps, actor: Actor, electionId: number, input: NominationInput): Promise<number> {
  assertCan(actor, 'election.nominate');
  const election = await electionRow(deps.db, actor, electionId);
  assertPhase(election, ['nominations'], 'make a nomination');
  const { email, entries } = await electorateEntries(deps.db, actor, electionId);
  if (!entries.length)
    throw new NotEligibleError(
      'email',
      `${email} is not on the electorate of this election: only its voters may stand. Ask the organisers if you think it should be.`,
    );
  const entry = input.constituencyId === undefined && entries.length === 1 ? entries[0] : entries.find((e) => e.constituency_id === input.constituencyId);
  if (!entry) throw new NotEligibleError('constituencyId', 'Choose the constituency you are a voter in');
  const checked = checkNominee(election, input);
  if (Object.keys(checked.errors).length) throw new ValidationError(checked.errors);
  return inTransaction(deps.db, async (trx) => {
    const earlier = await trx
      .selectFrom('election_candidate')
      .select(['id', 'status'])
      .where('constituency_id', '=', entry.constituency_id)
      .where('voter_id', '=', entry.id)
      .forUpdate()
      .executeTakeFirst();
    if (earlier && earlier.status !== 'withdrawn') throw new ConflictError('You have already nominated yourself in this election.');
    await assertNameFree(trx, entry.constituency_id, checked.name, earlier?.id ?? null);
    const values = {
      account_id: actor.accountId,
      name: checked.name,
      statement: checked.statement,
      declarations_made: JSON.stringify(checked.declarations),
      photo: checked.photo?.content ?? null,
      photo_type: checked.photo?.type ?? null,
      status: 'nominated' as const,
      status_reason: '',
    };
    const id = earlier
      ? (await trx.updateTable('election_candidate').set(values).where('id', '=', earlier.id).returning('id').executeTakeFirstOrThrow()).id
      : (
          await trx
            .insertInto('election_candidate')
            .values({ election_id: electionId, constituency_id: entry.constituency_id, voter_id: entry.id, ...values })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    await recordAudit(trx, actor, { action: 'election.nominate', subjectType: 'election_candidate', subjectId: id });
    return id;
  });
}

/** The actor's own nomination in this election (the latest, withdrawn or not), or null. */
export async function nominationOf(deps: ElectionsDeps, actor: Actor, electionId: number): Promise<CandidateView | null> {
  if (actor.accountId === null) return null;
  const election = await electionRow(deps.db, actor, electionId);
  const rows = await candidateRows(deps.db, election.id, actor.accountId);
  return rows.length ? viewOf(rows[rows.length - 1] as CandidateRowWithConstituency, true) : null;
}

/** Withdraw one's own nomination, while nominations are open. */
export async function withdrawNomination(deps: ElectionsDeps, actor: Actor, candidateId: number): Promise<void> {
  assertCan(actor, 'election.nominate');
  const { candidate, election } = await candidateRow(deps.db, actor, candidateId);
  if (candidate.account_id === null || candidate.account_id !== actor.accountId)
    throw new ForbiddenError('Only the person nominated may withdraw their nomination.');
  assertPhase(election, ['nominations'], 'withdraw a nomination');
  if (candidate.status === 'withdrawn') return;
  await inTransaction(deps.db, async (trx) => {
    await trx.updateTable('election_candidate').set({ status: 'withdrawn', ballot_position: null }).where('id', '=', candidateId).execute();
    await recordAudit(trx, actor, { action: 'election.withdraw', subjectType: 'election_candidate', subjectId: candidateId });
  });
}

/** Staff mark a nomination valid, or invalid with the reason (until statements are published). */
export async function checkNomination(deps: ElectionsDeps, actor: Actor, candidateId: number, input: { valid: boolean; reason: string }): Promise<void> {
  const { candidate, election } = await candidateRow(deps.db, actor, candidateId);
  assertCan(actor, 'election.manage', { organisationId: election.organisation_id });
  assertPhase(election, ['nominations', 'checking'], 'check nominations');
  if (candidate.status === 'withdrawn') throw new ConflictError(`${candidate.name} has withdrawn: there is nothing to check.`);
  const errors: Record<string, string> = {};
  const reason = limitedText(errors, 'reason', input.reason, input.valid ? undefined : 'Say why the nomination is not valid: the nominee is told');
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('election_candidate')
      .set({ status: input.valid ? 'valid' : 'invalid', status_reason: input.valid ? '' : reason })
      .where('id', '=', candidateId)
      .execute();
    await recordAudit(trx, actor, {
      action: 'election.check_nomination',
      subjectType: 'election_candidate',
      subjectId: candidateId,
      detail: { valid: input.valid },
    });
  });
}

/** Staff add a candidate directly (valid at once), until statements are published. */
export async function addCandidate(
  deps: ElectionsDeps,
  actor: Actor,
  electionId: number,
  input: { constituencyId: number; name: string; statement: string },
): Promise<number> {
  const election = await electionRow(deps.db, actor, electionId);
  assertCan(actor, 'election.manage', { organisationId: election.organisation_id });
  assertPhase(election, ['draft', 'nominations', 'checking'], 'add a candidate');
  const errors: Record<string, string> = {};
  const name = ballotName(limitedText(errors, 'name', input.name, 'Enter the candidate’s name as it should appear on the ballot paper'));
  if (name && /[\r\n"]/.test(name)) errors.name = 'The name cannot contain double quotes or line breaks';
  const statement = limitedText(errors, 'statement', input.statement);
  if (!errors.statement && wordCount(statement) > election.word_limit)
    errors.statement = `The statement has ${wordCount(statement).toLocaleString('en-GB')} words: it must have ${election.word_limit.toLocaleString('en-GB')} or fewer`;
  let constituencyId = 0;
  try {
    constituencyId = (await constituencyOf(deps.db, electionId, input.constituencyId)).id;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    errors.constituencyId = 'Choose the constituency the candidate stands in';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await assertNameFree(deps.db, constituencyId, name, null);
  return inTransaction(deps.db, async (trx) => {
    const { id } = await trx
      .insertInto('election_candidate')
      .values({ election_id: electionId, constituency_id: constituencyId, name, statement, declarations_made: '[]', status: 'valid' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'election.add_candidate', subjectType: 'election_candidate', subjectId: id });
    return id;
  });
}

type CandidateRowWithConstituency = Omit<CandidateRow, 'photo'> & { constituency: string; has_photo: SqlBool };

/** The election's candidates (only those nominated by this account, when given), by constituency and ballot order. */
function candidateRows(db: Db, electionId: number, accountId?: number): Promise<CandidateRowWithConstituency[]> {
  let query = db
    .selectFrom('election_candidate as c')
    .innerJoin('election_constituency as k', 'k.id', 'c.constituency_id')
    .select([
      'c.id',
      'c.election_id',
      'c.constituency_id',
      'c.voter_id',
      'c.account_id',
      'c.name',
      'c.statement',
      'c.declarations_made',
      'c.photo_type',
      'c.status',
      'c.status_reason',
      'c.ballot_position',
      'c.member_id',
      'c.created_at',
      'k.name as constituency',
    ])
    .select((eb) => eb('c.photo', 'is not', null).as('has_photo'))
    .where('c.election_id', '=', electionId)
    .orderBy('k.name')
    .orderBy('c.ballot_position')
    .orderBy('c.id');
  if (accountId !== undefined) query = query.where('c.account_id', '=', accountId);
  return query.execute();
}

function viewOf(row: CandidateRowWithConstituency, staff: boolean, elected = new Set<string>()): CandidateView {
  return {
    id: row.id,
    constituencyId: row.constituency_id,
    constituency: row.constituency,
    name: row.name,
    statement: row.statement,
    status: row.status,
    reason: staff ? row.status_reason : '',
    ballotPosition: row.ballot_position,
    hasPhoto: Boolean(row.has_photo),
    elected: row.member_id !== null || elected.has(`${row.constituency_id}:${row.name}`),
    memberId: row.member_id,
    declarationsMade: staff ? row.declarations_made : [],
    selfNominated: row.voter_id !== null,
  };
}

/**
 * The candidates: for those who run the election, every nomination (with its status and reason);
 * for everyone else, once statements are published, the valid candidates in ballot order.
 */
export async function listCandidates(deps: ElectionsDeps, actor: Actor, electionId: number): Promise<CandidateView[]> {
  assertCan(actor, 'election.read');
  const election = await electionRow(deps.db, actor, electionId);
  const staff = mayManage(actor, election);
  const published = ['statements', 'voting', 'counted'].includes(election.phase);
  if (!staff && !published) return [];
  const rows = await candidateRows(deps.db, electionId);
  const elected = new Set<string>();
  if (election.phase === 'counted') {
    const results = await deps.db.selectFrom('election_constituency').select(['id', 'result']).where('election_id', '=', electionId).execute();
    for (const r of results) for (const name of (r.result as { elected?: string[] } | null)?.elected ?? []) elected.add(`${r.id}:${name}`);
  }
  return rows.filter((r) => staff || r.status === 'valid').map((r) => viewOf(r, staff, elected));
}

/** A candidate's photo, when it may be seen: by staff, by the nominee, and by everyone once the candidate is published (not found otherwise). */
export async function candidatePhoto(
  deps: ElectionsDeps,
  actor: Actor,
  electionId: number,
  candidateId: number,
): Promise<{ content: Buffer; contentType: string }> {
  const { candidate, election } = await candidateRow(deps.db, actor, candidateId);
  if (election.id !== electionId || !candidate.photo || !candidate.photo_type) throw new NotFoundError();
  const published = candidate.status === 'valid' && ['statements', 'voting', 'counted'].includes(election.phase);
  const own = actor.accountId !== null && candidate.account_id === actor.accountId;
  if (!published && !own && !mayManage(actor, election)) throw new NotFoundError();
  return { content: candidate.photo, contentType: candidate.photo_type };
}

// The assembly's work: its sessions, the evidence heard (papers and speakers, public) and the members'
// own documents (private: confirmed members and the organisers only), and who counts as a member.
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { fromLondon } from '../meetings/service.js';
import { checkText } from './limits.js';
import { type Actor, assertCan } from './policy.js';
import { type AssembliesDeps, assemblyRow, mayManage } from './records.js';
import { type DocumentKind, documentKinds } from './schema.js';

export interface SessionInput {
  title: string;
  /** 'YYYY-MM-DDTHH:MM' on a clock in England. */
  startsAt: string;
  venue: string;
  summary: string;
}

export interface AssemblySession {
  id: number;
  title: string;
  startsAt: Date;
  venue: string;
  summary: string;
}

export interface DocumentInput {
  kind: DocumentKind;
  sessionId: number | null;
  title: string;
  speaker: string;
  body: string;
  url: string;
}

export interface AssemblyDocument {
  id: number;
  kind: DocumentKind;
  sessionId: number | null;
  /** The session it was given at (null: not tied to one). */
  sessionTitle: string | null;
  title: string;
  speaker: string;
  body: string;
  url: string;
  createdAt: Date;
}

/** A session of the assembly (organisers). */
export async function addSession(deps: AssembliesDeps, actor: Actor, id: number, input: SessionInput): Promise<number> {
  const assembly = await assemblyRow(deps.db, actor, id);
  assertCan(actor, 'assembly.manage', { organisationId: assembly.organisation_id });
  const errors: Record<string, string> = {};
  const title = checkText(errors, 'title', input.title, 200, { name: 'The title', required: 'Enter the title of the session' });
  const [date = '', time = ''] = input.startsAt.trim().split('T');
  const startsAt = fromLondon(date, time);
  if (!startsAt) errors.startsAt = 'Enter the date and time the session starts as a real date and time, like 14 3 2027 at 10:00';
  const venue = checkText(errors, 'venue', input.venue, 500, { name: 'The venue' });
  const summary = checkText(errors, 'summary', input.summary, 5000, { name: 'The summary' });
  if (Object.keys(errors).length || !startsAt) throw new ValidationError(errors);
  const row = await deps.db
    .insertInto('assembly_session')
    .values({ assembly_id: id, title, starts_at: startsAt, venue, summary })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(deps.db, actor, { action: 'assembly.add_session', subjectType: 'assembly', subjectId: id, detail: { sessionId: row.id } });
  return row.id;
}

/** The sessions in the order they meet (the caller has found the assembly for the actor). */
export async function listSessions(db: Db, id: number): Promise<AssemblySession[]> {
  const rows = await db
    .selectFrom('assembly_session')
    .select(['id', 'title', 'starts_at', 'venue', 'summary'])
    .where('assembly_id', '=', id)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.starts_at, venue: r.venue, summary: r.summary }));
}

/** An evidence paper or a speaker's contribution (public), or a document for members only (organisers). */
export async function addDocument(deps: AssembliesDeps, actor: Actor, id: number, input: DocumentInput): Promise<number> {
  const assembly = await assemblyRow(deps.db, actor, id);
  assertCan(actor, 'assembly.manage', { organisationId: assembly.organisation_id });
  const errors: Record<string, string> = {};
  if (!documentKinds.includes(input.kind)) errors.kind = 'Choose whether it is evidence for everyone or a document for members only';
  if (input.sessionId !== null) {
    const session = isRecordId(input.sessionId)
      ? await deps.db.selectFrom('assembly_session').select('id').where('id', '=', input.sessionId).where('assembly_id', '=', id).executeTakeFirst()
      : undefined;
    if (!session) errors.sessionId = 'Choose one of the assembly’s sessions, or none';
  }
  const title = checkText(errors, 'title', input.title, 200, { name: 'The title', required: 'Enter the title of the document' });
  const speaker = checkText(errors, 'speaker', input.speaker, 200, { name: 'The speaker' });
  const body = checkText(errors, 'body', input.body, 20_000, { name: 'The text' });
  const url = input.url.trim();
  if (url && (!/^https?:\/\/[^\s]+$/.test(url) || url.length > 2000)) errors.url = 'Enter a web address starting with https://, of 2,000 characters or fewer';
  if (!errors.body && !errors.url && !body && !url) errors.body = 'Enter the text of the document, or a web address where it can be read';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const row = await deps.db
    .insertInto('assembly_document')
    .values({ assembly_id: id, session_id: input.sessionId, kind: input.kind, title, speaker, body, url })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(deps.db, actor, {
    action: 'assembly.add_document',
    subjectType: 'assembly',
    subjectId: id,
    detail: { documentId: row.id, kind: input.kind },
  });
  return row.id;
}

/**
 * The documents of one kind, oldest first: evidence for everyone who may see the assembly; private
 * documents only for its confirmed members and its organisers (anyone else: ForbiddenError).
 */
export async function listDocuments(db: Db, actor: Actor, id: number, kind: DocumentKind): Promise<AssemblyDocument[]> {
  const assembly = await assemblyRow(db, actor, id);
  if (kind === 'private' && !mayManage(actor, assembly) && !(await isMember(db, actor, id)))
    throw new ForbiddenError('Only the assembly’s members and organisers can read its members’ documents.');
  const rows = await db
    .selectFrom('assembly_document as d')
    .leftJoin('assembly_session as s', 's.id', 'd.session_id')
    .select(['d.id', 'd.kind', 'd.session_id', 's.title as session_title', 'd.title', 'd.speaker', 'd.body', 'd.url', 'd.created_at'])
    .where('d.assembly_id', '=', id)
    .where('d.kind', '=', kind)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    sessionId: r.session_id,
    sessionTitle: r.session_title,
    title: r.title,
    speaker: r.speaker,
    body: r.body,
    url: r.url,
    createdAt: r.created_at,
  }));
}

/** The actor's seat when they are a confirmed member of the assembly, else null. */
export async function isMember(db: Db, actor: Actor, id: number): Promise<{ memberId: number } | null> {
  if (actor.accountId === null || !isRecordId(id)) return null;
  const row = await db
    .selectFrom('assembly_member as m')
    .innerJoin('assembly_volunteer as v', 'v.id', 'm.volunteer_id')
    .select('m.id')
    .where('m.assembly_id', '=', id)
    .where('m.status', '=', 'confirmed')
    .where('v.account_id', '=', actor.accountId)
    .executeTakeFirst();
  return row ? { memberId: row.id } : null;
}

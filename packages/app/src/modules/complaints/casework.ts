// The complaints team's case work on a complaint: private case notes, a log of calls, meetings,
// letters and emails, attachments, the investigator (one of the organisation's complaints managers,
// told by email), and how the complainant wants to be contacted. Only the organisation's
// complaints managers may read or write any of it ("not found" for everyone else, the complainant
// included): none of it is on the complainant's page, in the timeline, or in the API.
import { recordAudit } from '../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail.js';
import { isRecordId } from '../../platform/web/ids.js';
import { checkAttachment, defaultAttachmentMaxBytes, forgetStoredBytes, readAttachmentBytes, safeFileName, storeAttachmentBytes } from './attachments.js';
import { tooLongMessage } from './limits.js';
import { investigatorMail } from './mailText.js';
import { managedComplaint } from './manage.js';
import { complaintsManagersOf, contactOf } from './people.js';
import type { Actor } from './policy.js';
import { type ContactKind, type ContactPreference, contactKinds } from './schema.js';
import { type ComplaintsDeps, nowOf } from './service.js';
import { ukDate } from './timeline.js';
import { parseIsoDate } from './workingDays.js';

export const caseTextLimit = 5000;
const withWhomLimit = 200;

export const contactKindLabels: Record<ContactKind, string> = { call: 'Phone call', meeting: 'Meeting', letter: 'Letter', email: 'Email' };
export const contactPreferenceLabels: Record<ContactPreference, string> = { email: 'Email', phone: 'Phone', letter: 'Letter by post' };

export interface CaseNote {
  id: number;
  authorName: string;
  body: string;
  at: Date;
}

export interface CaseContact {
  id: number;
  kind: ContactKind;
  kindLabel: string;
  happenedOn: string;
  withWhom: string;
  summary: string;
  authorName: string;
}

export interface CaseAttachment {
  id: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploaderName: string;
  at: Date;
}

export interface CaseWork {
  notes: CaseNote[];
  contacts: CaseContact[];
  attachments: CaseAttachment[];
  investigator: { accountId: number; name: string } | null;
  /** Who may be made the investigator: the organisation's complaints managers. */
  investigators: Array<{ accountId: number; name: string }>;
  contact: { preference: ContactPreference | null; preferenceLabel: string; phone: string | null; postalAddress: string | null };
  attachmentMaxBytes: number;
}

export function attachmentLimitOf(deps: ComplaintsDeps): number {
  return deps.config.attachmentMaxBytes ?? defaultAttachmentMaxBytes;
}

/** Everything of the case work on a complaint, for its page (complaints managers only). */
export async function caseWorkOf(deps: ComplaintsDeps, actor: Actor, id: number): Promise<CaseWork> {
  const row = await managedComplaint(deps.db, actor, id);
  const [extra, notes, contacts, attachments, managers] = await Promise.all([
    deps.db
      .selectFrom('complaint')
      .select(['investigator_account_id', 'contact_preference', 'contact_phone', 'postal_address'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow(),
    deps.db.selectFrom('complaint_note').select(['id', 'author_name', 'body', 'created_at']).where('complaint_id', '=', row.id).orderBy('id', 'desc').execute(),
    deps.db
      .selectFrom('complaint_contact')
      .select(['id', 'kind', 'happened_on', 'with_whom', 'summary', 'author_name'])
      .where('complaint_id', '=', row.id)
      .orderBy('happened_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    deps.db
      .selectFrom('complaint_attachment')
      .select(['id', 'file_name', 'content_type', 'size_bytes', 'uploader_name', 'created_at'])
      .where('complaint_id', '=', row.id)
      .orderBy('id')
      .execute(),
    complaintsManagersOf(deps.db, row.organisation_id),
  ]);
  const investigators = managers.map((m) => ({ accountId: m.accountId, name: m.name }));
  let investigator = investigators.find((m) => m.accountId === extra.investigator_account_id) ?? null;
  // Someone who no longer manages complaints stays named on the cases they investigated.
  if (!investigator && extra.investigator_account_id !== null) {
    const former = await contactOf(deps.db, extra.investigator_account_id);
    investigator = { accountId: former.accountId, name: former.name };
  }
  return {
    notes: notes.map((n) => ({ id: n.id, authorName: n.author_name, body: n.body, at: n.created_at })),
    contacts: contacts.map((c) => ({
      id: c.id,
      kind: c.kind,
      kindLabel: contactKindLabels[c.kind],
      happenedOn: c.happened_on,
      withWhom: c.with_whom,
      summary: c.summary,
      authorName: c.author_name,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      sizeBytes: a.size_bytes,
      uploaderName: a.uploader_name,
      at: a.created_at,
    })),
    investigator,
    investigators,
    contact: {
      preference: extra.contact_preference,
      preferenceLabel: extra.contact_preference ? contactPreferenceLabels[extra.contact_preference] : 'Not asked (made before Involve asked): email',
      phone: extra.contact_phone,
      postalAddress: extra.postal_address,
    },
    attachmentMaxBytes: attachmentLimitOf(deps),
  };
}

function caseText(value: string, label: string, emptyMessage: string): string | null {
  const text = value.trim();
  if (!text) return emptyMessage;
  if (text.length > caseTextLimit) return tooLongMessage(label, caseTextLimit);
  return null;
}

async function authorName(deps: ComplaintsDeps, actor: Actor): Promise<string> {
  return (await contactOf(deps.db, actor.accountId as number)).name;
}

/** Add a case note (private to the complaints team). */
export async function addCaseNote(deps: ComplaintsDeps, actor: Actor, id: number, input: { note: string }): Promise<number> {
  const row = await managedComplaint(deps.db, actor, id);
  const problem = caseText(input.note, 'The note', 'Enter the note');
  if (problem) throw new ValidationError({ note: problem });
  const name = await authorName(deps, actor);
  return deps.db.transaction().execute(async (trx) => {
    const note = await trx
      .insertInto('complaint_note')
      .values({ complaint_id: row.id, account_id: actor.accountId, author_name: name, body: input.note.trim() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'complaint.note_added', subjectType: 'complaint', subjectId: row.id, detail: { noteId: note.id } });
    return note.id;
  });
}

export interface ContactInput {
  kind: string;
  /** 'YYYY-MM-DD', or what was typed. */
  date: string;
  withWhom: string;
  summary: string;
}

/** Record a call, meeting, letter or email about the complaint in its contact log. */
export async function logContact(deps: ComplaintsDeps, actor: Actor, id: number, input: ContactInput): Promise<number> {
  const row = await managedComplaint(deps.db, actor, id);
  const errors: Record<string, string> = {};
  const kind = contactKinds.find((k) => k === input.kind);
  if (!kind) errors.kind = 'Select whether it was a phone call, meeting, letter or email';
  const today = ukDate(nowOf(deps));
  if (!input.date) errors.contactDate = 'Enter the date of the contact';
  else if (!parseIsoDate(input.date)) errors.contactDate = 'The date of the contact must be a real date, like 15 3 2025';
  else if (input.date > today) errors.contactDate = 'The date of the contact must be today or in the past';
  const withWhom = input.withWhom.trim();
  if (!withWhom) errors.withWhom = 'Enter who the contact was with, for example the complainant';
  else if (withWhom.length > withWhomLimit) errors.withWhom = tooLongMessage('Who it was with', withWhomLimit);
  const summaryProblem = caseText(input.summary, 'The summary', 'Enter a summary of what was said or agreed');
  if (summaryProblem) errors.summary = summaryProblem;
  if (Object.keys(errors).length || !kind) throw new ValidationError(errors);
  const name = await authorName(deps, actor);
  return deps.db.transaction().execute(async (trx) => {
    const contact = await trx
      .insertInto('complaint_contact')
      .values({
        complaint_id: row.id,
        kind,
        happened_on: input.date,
        with_whom: withWhom,
        summary: input.summary.trim(),
        account_id: actor.accountId,
        author_name: name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'complaint.contact_logged', subjectType: 'complaint', subjectId: row.id, detail: { contactId: contact.id, kind } });
    return contact.id;
  });
}

/**
 * Make one of the organisation's complaints managers the investigator, and tell them by email
 * (with the reference and a link only, like every complaints email). Choosing the same person again
 * changes nothing and sends nothing.
 */
export async function assignInvestigator(deps: ComplaintsDeps, actor: Actor, id: number, input: { investigator: string }): Promise<void> {
  const row = await managedComplaint(deps.db, actor, id);
  const managers = await complaintsManagersOf(deps.db, row.organisation_id);
  const chosen = /^\d{1,10}$/.test(input.investigator.trim()) ? managers.find((m) => m.accountId === Number(input.investigator.trim())) : undefined;
  if (!chosen) throw new ValidationError({ investigator: 'Select the investigator from the complaints managers listed' });
  const current = await deps.db.selectFrom('complaint').select('investigator_account_id').where('id', '=', row.id).executeTakeFirstOrThrow();
  if (current.investigator_account_id === chosen.accountId) return;
  const assignedBy = await authorName(deps, actor);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('complaint').set({ investigator_account_id: chosen.accountId, updated_at: new Date() }).where('id', '=', row.id).execute();
    await recordAudit(trx, actor, {
      action: 'complaint.investigator_assigned',
      subjectType: 'complaint',
      subjectId: row.id,
      detail: { investigatorAccountId: chosen.accountId },
    });
    await enqueueMail(trx, investigatorMail(chosen.email, chosen.name, row.reference, `${deps.config.publicUrl}/complaints/${row.id}`, assignedBy));
  });
}

/** Attach a document to the complaint (checked by its first bytes and its size). */
export async function addAttachment(deps: ComplaintsDeps, actor: Actor, id: number, upload: { fileName: string; content: Buffer | null }): Promise<number> {
  const row = await managedComplaint(deps.db, actor, id);
  const checked = checkAttachment(upload.fileName, upload.content, attachmentLimitOf(deps));
  if ('error' in checked) throw new ValidationError({ file: checked.error });
  const content = upload.content as Buffer;
  const name = await authorName(deps, actor);
  const folder = deps.config.attachmentsDir;
  const stored = await storeAttachmentBytes(folder, content, checked.fileName);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const attachment = await trx
        .insertInto('complaint_attachment')
        .values({
          complaint_id: row.id,
          file_name: checked.fileName,
          content_type: checked.contentType,
          size_bytes: content.length,
          content: stored.content,
          stored_name: stored.storedName,
          account_id: actor.accountId,
          uploader_name: name,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'complaint.attachment_added',
        subjectType: 'complaint',
        subjectId: row.id,
        detail: { attachmentId: attachment.id, contentType: checked.contentType, sizeBytes: content.length },
      });
      return attachment.id;
    });
  } catch (error) {
    await forgetStoredBytes(folder, stored.storedName);
    throw error;
  }
}

/** An attachment's file for download: for the organisation's complaints managers only, "not found" otherwise. */
export async function attachmentFile(
  deps: ComplaintsDeps,
  actor: Actor,
  id: number,
  attachmentId: number,
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const row = await managedComplaint(deps.db, actor, id);
  if (!isRecordId(attachmentId)) throw new NotFoundError();
  const attachment = await deps.db
    .selectFrom('complaint_attachment')
    .select(['file_name', 'content_type', 'content', 'stored_name'])
    .where('id', '=', attachmentId)
    .where('complaint_id', '=', row.id)
    .executeTakeFirst();
  const content = attachment ? await readAttachmentBytes(deps.config.attachmentsDir, attachment) : null;
  if (!attachment || !content) throw new NotFoundError();
  return { fileName: safeFileName(attachment.file_name), contentType: attachment.content_type, content };
}

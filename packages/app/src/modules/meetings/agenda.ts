// A meeting's agenda: its items in order (public or private part), their papers, publishing the
// papers (followers are told), and after the meeting the minutes and the decision per item, the
// decision recorded in the accountability trail through the decisions module.
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { checkUpload, type StoredFile } from '../../platform/uploads.js';
import { isRecordId } from '../../platform/web/ids.js';
import { recordDecision } from '../decisions/service.js';
import { notifyFollowers } from '../following/service.js';
import { type MeetingRow, type MeetingsDeps, meetingRow, nowOf } from './meetings.js';
import { type Actor, assertCan, can } from './policy.js';
import { formatLondon, londonParts, paperVisible } from './rules.js';
import { type ItemPart, type ItemPurpose, itemParts, itemPurposes } from './schema.js';

async function managedMeeting(deps: MeetingsDeps, actor: Actor, meetingId: number): Promise<MeetingRow> {
  const meeting = await meetingRow(deps.db, meetingId);
  assertCan(actor, 'meeting.manage', { organisationId: meeting.organisation_id });
  return meeting;
}

async function itemOf(db: Db, meetingId: number, itemId: number) {
  if (!isRecordId(itemId)) throw new NotFoundError();
  const item = await db.selectFrom('meeting_item').selectAll().where('meeting_id', '=', meetingId).where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new NotFoundError();
  return item;
}

export interface ItemInput {
  title: string;
  presenter: string;
  purpose: string;
  part: string;
}

/** Add an item at the end of the agenda. */
export async function addItem(deps: MeetingsDeps, actor: Actor, meetingId: number, input: ItemInput): Promise<number> {
  await managedMeeting(deps, actor, meetingId);
  const errors: Record<string, string> = {};
  const title = input.title.trim();
  if (!title) errors.itemTitle = 'Enter the title of the item';
  else if (title.length > 300) errors.itemTitle = 'The title must be 300 characters or fewer';
  if (input.presenter.trim().length > 200) errors.presenter = 'Who presents it must be 200 characters or fewer';
  if (!itemPurposes.includes(input.purpose as ItemPurpose)) errors.purpose = 'Choose whether the item is for decision, discussion or information';
  if (!itemParts.includes(input.part as ItemPart)) errors.part = 'Choose whether the item is taken in public or in private';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(deps.db, async (trx) => {
    const last = await trx
      .selectFrom('meeting_item')
      .select((eb) => eb.fn.max<number>('position').as('position'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('meeting_item')
      .values({
        meeting_id: meetingId,
        position: (last?.position ?? 0) + 1,
        title,
        presenter: input.presenter.trim(),
        purpose: input.purpose as ItemPurpose,
        part: input.part as ItemPart,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'meeting.add_item', subjectType: 'meeting', subjectId: meetingId, detail: { itemId: row.id } });
    return row.id;
  });
}

/** Remove an item (and its papers) from the agenda; the items after it move up. */
export async function removeItem(deps: MeetingsDeps, actor: Actor, meetingId: number, itemId: number): Promise<void> {
  await managedMeeting(deps, actor, meetingId);
  const item = await itemOf(deps.db, meetingId, itemId);
  if (item.decision_id !== null) throw new ConflictError('A decision is recorded on this item, so it stays on the agenda.');
  await inTransaction(deps.db, async (trx) => {
    await trx.deleteFrom('meeting_item').where('id', '=', itemId).execute();
    await trx
      .updateTable('meeting_item')
      .set((eb) => ({ position: eb('position', '-', 1) }))
      .where('meeting_id', '=', meetingId)
      .where('position', '>', item.position)
      .execute();
    await recordAudit(trx, actor, { action: 'meeting.remove_item', subjectType: 'meeting', subjectId: meetingId, detail: { itemId } });
  });
}

/** Move an item one place up the agenda (swapping with the one before it). */
export async function moveItemUp(deps: MeetingsDeps, actor: Actor, meetingId: number, itemId: number): Promise<void> {
  await managedMeeting(deps, actor, meetingId);
  const item = await itemOf(deps.db, meetingId, itemId);
  await inTransaction(deps.db, async (trx) => {
    const before = await trx
      .selectFrom('meeting_item')
      .select(['id', 'position'])
      .where('meeting_id', '=', meetingId)
      .where('position', '<', item.position)
      .orderBy('position', 'desc')
      .executeTakeFirst();
    if (!before) return;
    // The positions' uniqueness is checked at commit, so the two can swap.
    await trx.updateTable('meeting_item').set({ position: before.position }).where('id', '=', item.id).execute();
    await trx.updateTable('meeting_item').set({ position: item.position }).where('id', '=', before.id).execute();
  });
}

export interface PaperUpload {
  itemId: number;
  title: string;
  fileName: string;
  content: Buffer | null;
}

/** Upload a paper for an item. It stays hidden from the public until the papers are published. */
export async function addPaper(deps: MeetingsDeps, actor: Actor, meetingId: number, upload: PaperUpload): Promise<number> {
  await managedMeeting(deps, actor, meetingId);
  const errors: Record<string, string> = {};
  const item = isRecordId(upload.itemId)
    ? await deps.db.selectFrom('meeting_item').select('id').where('meeting_id', '=', meetingId).where('id', '=', upload.itemId).executeTakeFirst()
    : undefined;
  if (!item) errors.paperItem = 'Choose the agenda item the paper is for';
  const title = upload.title.trim();
  if (!title) errors.paperTitle = 'Enter the title of the paper';
  else if (title.length > 200) errors.paperTitle = 'The title must be 200 characters or fewer';
  const file = checkUpload(upload.fileName, upload.content);
  if ('error' in file) errors.file = file.error;
  if (Object.keys(errors).length || 'error' in file || !item || !upload.content) throw new ValidationError(errors);
  const content = upload.content;
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('meeting_paper')
      .values({
        meeting_id: meetingId,
        item_id: item.id,
        title,
        file_name: file.fileName,
        content_type: file.contentType,
        content,
        size_bytes: content.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'meeting.add_paper', subjectType: 'meeting', subjectId: meetingId, detail: { paperId: row.id } });
    return row.id;
  });
}

/**
 * A paper's file, if this person may have it; otherwise "not found", exactly as for a paper that
 * does not exist, so a private paper's address tells nothing.
 */
export async function paperFile(db: Db, actor: Actor, meetingId: number, paperId: number): Promise<StoredFile> {
  if (!isRecordId(meetingId) || !isRecordId(paperId)) throw new NotFoundError();
  const row = await db
    .selectFrom('meeting_paper')
    .innerJoin('meeting_item', 'meeting_item.id', 'meeting_paper.item_id')
    .innerJoin('meeting', 'meeting.id', 'meeting_paper.meeting_id')
    .select([
      'meeting_paper.file_name',
      'meeting_paper.content_type',
      'meeting_paper.content',
      'meeting_paper.published_at',
      'meeting_item.part',
      'meeting.organisation_id',
    ])
    .where('meeting_paper.meeting_id', '=', meetingId)
    .where('meeting_paper.id', '=', paperId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  const resource = { organisationId: row.organisation_id };
  const access = { manage: can(actor, 'meeting.manage', resource), privatePapers: can(actor, 'meeting.readPrivatePapers', resource) };
  if (!paperVisible(row.part, row.published_at !== null, access)) throw new NotFoundError();
  return { fileName: row.file_name, contentType: row.content_type, content: row.content };
}

/**
 * Publish the papers of the public part that are not yet published, and tell the people who follow
 * the body, its organisation or its places. Papers of the private part are never published.
 */
export async function publishPapers(deps: MeetingsDeps, actor: Actor, meetingId: number): Promise<{ published: number }> {
  const meeting = await managedMeeting(deps, actor, meetingId);
  const now = nowOf(deps);
  return inTransaction(deps.db, async (trx) => {
    const published = await trx
      .updateTable('meeting_paper')
      .set({ published_at: now })
      .where('meeting_id', '=', meetingId)
      .where('published_at', 'is', null)
      .where('item_id', 'in', (eb) => eb.selectFrom('meeting_item').select('id').where('meeting_id', '=', meetingId).where('part', '=', 'public'))
      .returning('id')
      .execute();
    if (!published.length) throw new ConflictError('There are no new papers of the public part to publish. Upload them first.');
    await trx
      .updateTable('meeting')
      .set({ papers_published_at: meeting.papers_published_at ?? now })
      .where('id', '=', meetingId)
      .execute();
    await tellFollowersPapersPublished({ ...deps, db: trx }, meeting, published.length);
    await recordAudit(trx, actor, { action: 'meeting.publish_papers', subjectType: 'meeting', subjectId: meetingId, detail: { papers: published.length } });
    return { published: published.length };
  });
}

/**
 * Tell the people who follow the body or its organisation (and so its places) that papers are out,
 * through the following module, in the transaction that publishes them (deps.db is that transaction).
 */
export async function tellFollowersPapersPublished(deps: MeetingsDeps, meeting: MeetingRow, papers: number): Promise<void> {
  await notifyFollowers(
    { db: deps.db, ...(deps.config ? { config: deps.config } : {}) },
    {
      about: [
        { kind: 'body', id: meeting.body_id },
        { kind: 'organisation', id: meeting.organisation_id },
      ],
      topic: 'meetings',
      subject: `Papers published: ${meeting.title}, ${formatLondon(meeting.starts_at)}`,
      summary: `${papers} paper${papers === 1 ? ' is' : 's are'} published for "${meeting.title}". Send a question by ${formatLondon(meeting.question_deadline)}, or register to attend.`,
      link: `/meetings/${meeting.id}`,
    },
  );
}

/** Minutes of an item, once the meeting has started. */
export async function recordMinutes(deps: MeetingsDeps, actor: Actor, meetingId: number, itemId: number, minutes: string): Promise<void> {
  const meeting = await managedMeeting(deps, actor, meetingId);
  await itemOf(deps.db, meetingId, itemId);
  if (nowOf(deps) < meeting.starts_at) throw new ConflictError('Write the minutes once the meeting has started.');
  if (minutes.length > 20_000) throw new ValidationError({ [`minutes-${itemId}`]: 'The minutes of an item must be 20,000 characters or fewer' });
  await inTransaction(deps.db, async (trx) => {
    await trx.updateTable('meeting_item').set({ minutes: minutes.trim() }).where('id', '=', itemId).execute();
    await recordAudit(trx, actor, { action: 'meeting.minutes', subjectType: 'meeting', subjectId: meetingId, detail: { itemId } });
  });
}

export interface ItemDecisionInput {
  decided: string;
  reasons: string;
  /** Consultations whose outcome informed it (their links are the decisions module's). */
  consultationIds: number[];
}

/**
 * Record the decision taken on an item: a decision of the body in the accountability trail, dated
 * the day of the meeting, naming the meeting and any consultation that informed it.
 */
export async function recordItemDecision(deps: MeetingsDeps, actor: Actor, meetingId: number, itemId: number, input: ItemDecisionInput): Promise<number> {
  const meeting = await managedMeeting(deps, actor, meetingId);
  const item = await itemOf(deps.db, meetingId, itemId);
  if (nowOf(deps) < meeting.starts_at) throw new ConflictError('Record decisions once the meeting has taken place.');
  if (item.decision_id !== null) throw new ConflictError('A decision is already recorded for this item. Add to it on the decision’s page.');
  const decidedOn = londonParts(meeting.starts_at).date;
  let decisionId: number;
  try {
    decisionId = await recordDecision({ db: deps.db }, actor, {
      organisationId: meeting.organisation_id,
      // A private item's title may itself be confidential: its decision is named by the meeting.
      title: (item.part === 'public' ? item.title : `Decision of ${meeting.title}`).slice(0, 200),
      decided: input.decided,
      reasons: input.reasons,
      bodyId: meeting.body_id,
      officer: '',
      decidedOn,
      consultationIds: input.consultationIds,
      meeting: { id: meeting.id, label: `Meeting: ${meeting.title}, ${formatLondon(meeting.starts_at)}` },
    });
  } catch (error) {
    // The decision's own messages, on this page's fields.
    if (error instanceof ValidationError) {
      const fields: Record<string, string> = {};
      for (const [field, message] of Object.entries(error.fieldErrors)) fields[`${field === 'reasons' ? 'reasons' : 'decided'}-${itemId}`] = message;
      throw new ValidationError(fields);
    }
    throw error;
  }
  await inTransaction(deps.db, async (trx) => {
    await trx.updateTable('meeting_item').set({ decision_id: decisionId }).where('id', '=', itemId).execute();
    await recordAudit(trx, actor, { action: 'meeting.decision', subjectType: 'meeting', subjectId: meetingId, detail: { itemId, decisionId } });
  });
  return decisionId;
}

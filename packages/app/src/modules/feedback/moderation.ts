// Moderation: the queue (oldest first, with stories readers reported), the moderator's view of a
// story with what could identify a person highlighted and a suggested redaction, and publishing
// (the redacted text, a criticality and themes) or rejecting with a reason that is emailed to the
// author. Every version of the text is kept with who made it; criticality never leaves staff pages.
import { findIdentifiers, type IdentifierKind, redact } from '@involve/deidentify';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail.js';
import { isRecordId } from '../../platform/web/ids.js';
import { accountContact, accountNames } from '../accounts/service.js';
import { getOrganisationSummary, organisationNames } from '../registry/service.js';
import { queueStoryAlerts } from './alerts.js';
import { authorCommunicationNeeds } from './communicationNeeds.js';
import { fieldLimits, tooLongMessage } from './fieldLimits.js';
import { type Actor, assertCan, can, organisationsWhere } from './policy.js';
import type { StoryStatus } from './schema.js';
import type { FeedbackDeps } from './stories.js';
import { storyPublishedMail, storyRejectedMail } from './storyMail.js';

export interface QueueItem {
  id: number;
  reference: string;
  organisationName: string;
  status: StoryStatus;
  submittedAt: Date;
  reportedAt: Date | null;
  title: string;
}

/** Organisation ids the actor moderates, or 'all' where the policy lets them moderate everywhere. */
function moderatedOrganisations(actor: Actor): number[] | 'all' {
  if (can(actor, 'story.moderate')) return 'all';
  return organisationsWhere(actor, 'story.moderate');
}

/** Stories waiting for a moderator, and published ones a reader reported: oldest first. */
export async function moderationQueue(deps: FeedbackDeps, actor: Actor): Promise<QueueItem[]> {
  const scope = moderatedOrganisations(actor);
  if (scope !== 'all' && !scope.length) assertCan(actor, 'story.moderate');
  let query = deps.db
    .selectFrom('story')
    .innerJoin('story_version as original', (join) => join.onRef('original.story_id', '=', 'story.id').on('original.kind', '=', 'original'))
    .select([
      'story.id',
      'story.reference',
      'story.organisation_id as organisationId',
      'story.status',
      'story.submitted_at as submittedAt',
      'story.reported_at as reportedAt',
      'original.title',
    ])
    .where((eb) => eb.or([eb('story.status', '=', 'awaiting_moderation'), eb('story.reported_at', 'is not', null)]));
  if (scope !== 'all') query = query.where('story.organisation_id', 'in', scope);
  const rows = await query.orderBy(sql`coalesce(story.reported_at, story.submitted_at)`).orderBy('story.id').execute();
  const names = new Map((await organisationNames(deps.db, [...new Set(rows.map((r) => r.organisationId))])).map((o) => [o.id, o.name]));
  return rows.map(({ organisationId, ...r }) => ({ ...r, organisationName: names.get(organisationId) ?? '' }));
}

/** A piece of text split at what could identify someone, for highlighting. */
export interface Segment {
  text: string;
  kind: IdentifierKind | null;
}

export function segmentsOf(text: string | null): Segment[] {
  if (!text) return [];
  const spans = findIdentifiers(text);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start > cursor) segments.push({ text: text.slice(cursor, span.start), kind: null });
    segments.push({ text: text.slice(span.start, span.end), kind: span.kind });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), kind: null });
  return segments;
}

/** The text with everything findIdentifiers found replaced by "[name removed]" and the like. */
export function suggestedRedaction(text: string | null): string {
  return text ? redact(text, findIdentifiers(text)) : '';
}

const fieldNames = ['title', 'whatHappened', 'whatWasGood', 'whatCouldBeBetter', 'howFelt'] as const;
type FieldName = (typeof fieldNames)[number];
type StoryText = Record<FieldName, string | null>;

export interface ModerationView {
  id: number;
  reference: string;
  organisationId: number;
  organisationName: string;
  service: string | null;
  status: StoryStatus;
  authorRole: string;
  displayName: string;
  happenedMonth: string;
  submittedAt: Date;
  enteredOnBehalf: boolean;
  criticality: number | null;
  themeIds: number[];
  original: StoryText;
  /** The author's words, split at what could identify someone. */
  highlighted: Record<FieldName, Segment[]>;
  /** The text to start from: the last redaction, or the suggestion made from the author's words. */
  proposed: StoryText;
  flaggedCount: number;
  openReports: Array<{ id: number; reason: string; createdAt: Date; responseId: number | null }>;
  /** Responses readers reported, still shown: the moderator may hide them (they are kept). */
  reportedResponses: Array<{ id: number; signedName: string; body: string }>;
  versions: Array<{ kind: string; createdAt: Date; by: string | null }>;
  /** The author's communication needs as they shared them (Accessible Information Standard); [] when none. */
  communicationNeeds: string[];
}

export async function storyForModeration(deps: FeedbackDeps, actor: Actor, id: number): Promise<ModerationView> {
  const story = isRecordId(id) ? await deps.db.selectFrom('story').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!story) throw new NotFoundError('There is no story with that number');
  assertCan(actor, 'story.moderate', { organisationId: story.organisation_id }, { hidden: true });
  const organisation = await getOrganisationSummary(deps.db, story.organisation_id);
  const versions = await deps.db.selectFrom('story_version').selectAll().where('story_id', '=', id).orderBy('id').execute();
  const versionAuthors = await accountNames(
    deps.db,
    versions.flatMap((v) => (v.account_id === null ? [] : [v.account_id])),
  );
  const original = versions.find((v) => v.kind === 'original');
  if (!original) throw new NotFoundError('There is no story with that number');
  const latestRedaction = versions.filter((v) => v.kind === 'redacted').at(-1);
  const asText = (v: typeof original): StoryText => ({
    title: v.title,
    whatHappened: v.what_happened,
    whatWasGood: v.what_was_good,
    whatCouldBeBetter: v.what_could_be_better,
    howFelt: v.how_felt,
  });
  const originalText = asText(original);
  const highlighted = Object.fromEntries(fieldNames.map((f) => [f, segmentsOf(originalText[f])])) as Record<FieldName, Segment[]>;
  const proposed = latestRedaction
    ? asText(latestRedaction)
    : (Object.fromEntries(fieldNames.map((f) => [f, suggestedRedaction(originalText[f])])) as StoryText);
  const themes = await deps.db.selectFrom('story_theme').select('theme_id').where('story_id', '=', id).execute();
  const reports = await deps.db
    .selectFrom('story_report')
    .select(['id', 'reason', 'created_at as createdAt', 'response_id as responseId'])
    .where('story_id', '=', id)
    .where('resolved_at', 'is', null)
    .orderBy('id')
    .execute();
  const reportedResponses = await deps.db
    .selectFrom('story_response')
    .select(['id', 'signed_name as signedName', 'body'])
    .where('story_id', '=', id)
    .where('reported_at', 'is not', null)
    .where('hidden_at', 'is', null)
    .orderBy('id')
    .execute();
  return {
    id: story.id,
    reference: story.reference,
    organisationId: story.organisation_id,
    organisationName: organisation?.name ?? '',
    service: story.service,
    status: story.status,
    authorRole: story.author_role,
    displayName: story.display_name,
    happenedMonth: story.happened_month,
    submittedAt: story.submitted_at,
    enteredOnBehalf: story.entered_by_account_id !== null,
    criticality: story.criticality,
    themeIds: themes.map((t) => t.theme_id),
    original: originalText,
    highlighted,
    proposed,
    flaggedCount: Object.values(highlighted).reduce((n, segments) => n + segments.filter((s) => s.kind).length, 0),
    openReports: reports,
    reportedResponses,
    versions: versions.map((v) => ({ kind: v.kind, createdAt: v.created_at, by: v.account_id === null ? null : (versionAuthors.get(v.account_id) ?? null) })),
    communicationNeeds: await authorCommunicationNeeds(deps.db, story),
  };
}

export interface PublishInput {
  title: unknown;
  whatHappened: unknown;
  whatWasGood?: unknown;
  whatCouldBeBetter?: unknown;
  howFelt?: unknown;
  criticality: unknown;
  themeIds?: unknown;
  /** For a reported story: hide these responses (ids) while keeping them. */
  hideResponseIds?: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const idList = (value: unknown): number[] =>
  (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map((v) => Number(v)).filter((n) => isRecordId(n));

/** The redacted text's fields as the moderation form names them, with their limits. */
const publishedFieldLimits: Record<FieldName, { label: string; max: number }> = {
  title: { label: 'The title', max: fieldLimits.title },
  whatHappened: { label: 'What happened', max: fieldLimits.storyPart },
  whatWasGood: { label: 'What was good', max: fieldLimits.storyPart },
  whatCouldBeBetter: { label: 'What could be better', max: fieldLimits.storyPart },
  howFelt: { label: 'How they felt', max: fieldLimits.storyPart },
};

function checkPublish(input: PublishInput): { errors: Record<string, string>; fields: StoryText; criticality: number } {
  const errors: Record<string, string> = {};
  const fields: StoryText = {
    title: text(input.title),
    whatHappened: text(input.whatHappened),
    whatWasGood: text(input.whatWasGood) || null,
    whatCouldBeBetter: text(input.whatCouldBeBetter) || null,
    howFelt: text(input.howFelt) || null,
  };
  if (!fields.title) errors.title = 'Enter the title to publish';
  if (!fields.whatHappened) errors.whatHappened = 'Enter what happened, as it will be published';
  for (const name of fieldNames) {
    const value = fields[name] ?? '';
    const { label, max } = publishedFieldLimits[name];
    if (value.length > max) errors[name] = tooLongMessage(label, max, value.length);
  }
  const criticalityText = typeof input.criticality === 'number' ? String(input.criticality) : text(input.criticality);
  if (!/^[0-5]$/.test(criticalityText)) errors.criticality = 'Select how critical the story is, from 0 (no criticism) to 5 (most severe)';
  return { errors, fields, criticality: Number(criticalityText) };
}

/** Where to email the author of a story (read only when there is something to tell them); null when it belongs to no account. */
async function authorOf(deps: FeedbackDeps, storyId: number): Promise<{ email: string; name: string } | null> {
  const story = await deps.db.selectFrom('story').select('author_account_id').where('id', '=', storyId).executeTakeFirstOrThrow();
  return story.author_account_id === null ? null : accountContact(deps.db, story.author_account_id);
}

/** Publish a story (or re-publish one a reader reported) with the moderator's redacted text. */
export async function publishStory(deps: FeedbackDeps, actor: Actor, id: number, input: PublishInput): Promise<{ alerts: number }> {
  const view = await storyForModeration(deps, actor, id);
  if (view.status === 'rejected') throw new ConflictError('This story was rejected, so it cannot be published.');
  if (view.status === 'published' && !view.openReports.length) throw new ConflictError('This story is already published.');
  const { errors, fields, criticality } = checkPublish(input);
  const themeIds = idList(input.themeIds);
  const known = themeIds.length ? await deps.db.selectFrom('feedback_theme').select('id').where('id', 'in', themeIds).execute() : [];
  if (known.length !== new Set(themeIds).size) errors.themeIds = 'Choose themes from the list';
  const reported = new Set(view.reportedResponses.map((r) => r.id));
  if (idList(input.hideResponseIds).some((responseId) => !reported.has(responseId))) errors.hideResponseIds = 'Choose responses to hide from the list';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const now = deps.now?.() ?? new Date();
  const firstPublication = view.status === 'awaiting_moderation';
  const author = await authorOf(deps, id);
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('story_version')
      .values({
        story_id: id,
        kind: 'redacted',
        title: fields.title as string,
        what_happened: fields.whatHappened as string,
        what_was_good: fields.whatWasGood,
        what_could_be_better: fields.whatCouldBeBetter,
        how_felt: fields.howFelt,
        account_id: actor.accountId,
      })
      .execute();
    const updated = await trx
      .updateTable('story')
      .set({
        status: 'published',
        title: fields.title,
        what_happened: fields.whatHappened,
        what_was_good: fields.whatWasGood,
        what_could_be_better: fields.whatCouldBeBetter,
        how_felt: fields.howFelt,
        criticality,
        moderated_at: now,
        moderated_by_account_id: actor.accountId,
        published_at: firstPublication ? now : undefined,
        reported_at: null,
      })
      .where('id', '=', id)
      .where('status', '=', view.status)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new ConflictError('Someone else has just moderated this story. Look at it again.');
    await trx.deleteFrom('story_theme').where('story_id', '=', id).execute();
    if (themeIds.length)
      await trx
        .insertInto('story_theme')
        .values([...new Set(themeIds)].map((theme_id) => ({ story_id: id, theme_id })))
        .execute();
    const hide = idList(input.hideResponseIds);
    if (hide.length) {
      await trx
        .updateTable('story_response')
        .set({ hidden_at: now, hidden_reason: 'Hidden by a moderator after a report' })
        .where('story_id', '=', id)
        .where('id', 'in', hide)
        .execute();
    }
    await trx.updateTable('story_response').set({ reported_at: null }).where('story_id', '=', id).execute();
    await trx
      .updateTable('story_report')
      .set({ resolved_at: now, resolved_by_account_id: actor.accountId, resolution: 'published again' })
      .where('story_id', '=', id)
      .where('resolved_at', 'is', null)
      .execute();
    await trx
      .insertInto('story_event')
      .values({ story_id: id, kind: firstPublication ? 'published' : 'republished', account_id: actor.accountId, note: null })
      .execute();
    await recordAudit(trx, actor, { action: 'story.publish', subjectType: 'story', subjectId: id, detail: { criticality, themes: themeIds.length } });
    if (!firstPublication) return { alerts: 0 };
    if (author) await enqueueMail(trx, storyPublishedMail(author, view.reference, `${deps.config.publicUrl}/stories/${id}`));
    return { alerts: await queueStoryAlerts(trx, deps.config, id) };
  });
}

/** Reject a story waiting for moderation (or take down a reported one), telling the author why. */
export async function rejectStory(deps: FeedbackDeps, actor: Actor, id: number, input: { reason: unknown }): Promise<void> {
  const view = await storyForModeration(deps, actor, id);
  if (view.status === 'rejected') throw new ConflictError('This story has already been rejected.');
  if (view.status === 'published' && !view.openReports.length) throw new ConflictError('This story is published and has not been reported.');
  const reason = text(input.reason);
  if (!reason) throw new ValidationError({ reason: 'Enter the reason, which is emailed to the author' });
  if (reason.length > fieldLimits.reason) throw new ValidationError({ reason: tooLongMessage('The reason', fieldLimits.reason, reason.length) });
  const now = deps.now?.() ?? new Date();
  const author = await authorOf(deps, id);
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('story')
      .set({
        status: 'rejected',
        rejection_reason: reason,
        title: null,
        what_happened: null,
        what_was_good: null,
        what_could_be_better: null,
        how_felt: null,
        published_at: null,
        reported_at: null,
        moderated_at: now,
        moderated_by_account_id: actor.accountId,
      })
      .where('id', '=', id)
      .where('status', '=', view.status)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new ConflictError('Someone else has just moderated this story. Look at it again.');
    await trx
      .updateTable('story_report')
      .set({ resolved_at: now, resolved_by_account_id: actor.accountId, resolution: 'taken down' })
      .where('story_id', '=', id)
      .where('resolved_at', 'is', null)
      .execute();
    await trx.insertInto('story_event').values({ story_id: id, kind: 'rejected', account_id: actor.accountId, note: reason }).execute();
    await recordAudit(trx, actor, { action: 'story.reject', subjectType: 'story', subjectId: id, detail: {} });
    if (author) await enqueueMail(trx, storyRejectedMail(author, view.reference, reason, `${deps.config.publicUrl}/account/stories/${id}`));
  });
}

export interface Theme {
  id: number;
  name: string;
  polarity: 'good' | 'could_be_better';
}

/** The themes moderators may tag with (retired ones are kept on old stories but not offered). */
export async function listThemes(deps: Pick<FeedbackDeps, 'db'>, options: { includeRetired?: boolean } = {}): Promise<Theme[]> {
  let query = deps.db.selectFrom('feedback_theme').select(['id', 'name', 'polarity']);
  if (!options.includeRetired) query = query.where('retired', '=', false);
  return query.orderBy('name').orderBy('polarity', 'desc').execute();
}

// The public thread under a story: an organisation's responders answer in public, signed with their
// name and role; the author replies; a response can record a change planned or made, which feeds
// the organisation's "you said, we did" page. The author is told of every organisation response.
import { recordAudit } from '../../platform/audit.js';
import { ConflictError, NotFoundError, TooManyAttemptsError, ValidationError } from '../../platform/errors.js';
import { takeFromLimit, waitText } from '../../platform/limits.js';
import { enqueueMail } from '../../platform/mail.js';
import { isRecordId } from '../../platform/web/ids.js';
import { accountContact } from '../accounts/service.js';
import { getOrganisationSummary } from '../registry/service.js';
import { authorCommunicationNeeds } from './communicationNeeds.js';
import { fieldLimits, tooLongMessage } from './fieldLimits.js';
import { type Actor, assertCan, can } from './policy.js';
import { type ChangeStatus, changeStatuses } from './schema.js';
import type { FeedbackDeps } from './stories.js';
import { changeMadeMail, responseToYourStoryMail } from './storyMail.js';

export const responseLimit = fieldLimits.response;

/** How many reports one address may make in an hour. */
export const reportsPerHour = 10;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
async function publishedStory(deps: FeedbackDeps, storyId: number) {
  const story = isRecordId(storyId)
    ? await deps.db
        .selectFrom('story')
        .select(['id', 'reference', 'organisation_id', 'author_account_id', 'display_name'])
        .where('id', '=', storyId)
        .where('status', '=', 'published')
        .executeTakeFirst()
    : undefined;
  if (!story) throw new NotFoundError('There is no published story with that number');
  return story;
}

/** The organisation's name and the author's address, for the mail a response sends (none for a story nobody follows). */
async function whoToTell(deps: FeedbackDeps, story: { organisation_id: number; author_account_id: number | null }) {
  const organisation = await getOrganisationSummary(deps.db, story.organisation_id);
  const author = story.author_account_id === null ? null : await accountContact(deps.db, story.author_account_id);
  return { organisationName: organisation?.name ?? '', author };
}

function checkChange(input: { changeStatus?: unknown; changeDescription?: unknown }, errors: Record<string, string>) {
  const status = text(input.changeStatus);
  const description = text(input.changeDescription);
  if (status && !(changeStatuses as readonly string[]).includes(status)) errors.changeStatus = 'Select whether a change is planned or made';
  if (status && !description) errors.changeDescription = 'Describe the change, as the public will read it';
  if (description.length > fieldLimits.changeDescription)
    errors.changeDescription = tooLongMessage('The description of the change', fieldLimits.changeDescription, description.length);
  return { status: (status || null) as ChangeStatus | null, description: status ? description : null };
}

/**
 * What a reader may do on a published story's page besides reading the thread, as the gate answers:
 * reply as its author (story.reply), respond for its organisation (story.respond), and, for the
 * organisation's staff only, see its criticality (story.staffRead); its responders also see the
 * author's communication needs as the author shared them (Accessible Information Standard).
 */
export async function storyPageAccess(
  deps: Pick<FeedbackDeps, 'db'>,
  actor: Actor,
  story: { id: number; organisationId: number },
): Promise<{ canReply: boolean; canRespond: boolean; criticality: number | null; communicationNeeds: string[] }> {
  if (actor.accountId === null) return { canReply: false, canRespond: false, criticality: null, communicationNeeds: [] };
  const row = await deps.db
    .selectFrom('story')
    .select(['author_account_id', 'entered_by_account_id', 'criticality'])
    .where('id', '=', story.id)
    .executeTakeFirst();
  const organisation = { organisationId: story.organisationId };
  const canRespond = can(actor, 'story.respond', organisation);
  return {
    canReply: row !== undefined && can(actor, 'story.reply', { accountId: row.author_account_id ?? undefined }),
    canRespond,
    criticality: row !== undefined && can(actor, 'story.staffRead', organisation) ? row.criticality : null,
    communicationNeeds: row !== undefined && canRespond ? await authorCommunicationNeeds(deps.db, row) : [],
  };
}

export interface ResponseInput {
  organisationId?: unknown;
  body: unknown;
  signedName?: unknown;
  signedRole: unknown;
  changeStatus?: unknown;
  changeDescription?: unknown;
}

/** A response as it will be published, for its preview: nothing is saved and nobody is told. */
export interface ResponsePreview {
  body: string;
  signedName: string;
  signedRole: string;
  organisationName: string;
  changeStatus: ChangeStatus | null;
  changeDescription: string | null;
}

/** Check a response by one of the organisation's responders (the gate first), as it would be published. */
async function checkResponse(deps: FeedbackDeps, actor: Actor, storyId: number, input: ResponseInput) {
  const found = await publishedStory(deps, storyId);
  const story = { ...found, ...(await whoToTell(deps, found)) };
  const organisationId = input.organisationId === undefined || input.organisationId === '' ? story.organisation_id : Number(input.organisationId);
  if (organisationId !== story.organisation_id) {
    throw new ValidationError({ organisationId: `Only ${story.organisationName} can respond to this story` });
  }
  assertCan(actor, 'story.respond', { organisationId: story.organisation_id });
  const errors: Record<string, string> = {};
  const body = text(input.body);
  if (!body) errors.body = 'Enter your response';
  else if (body.length > responseLimit) errors.body = tooLongMessage('Your response', responseLimit, body.length);
  const account = await accountContact(deps.db, actor.accountId as number);
  const signedName = text(input.signedName) || account.name;
  if (signedName.length > fieldLimits.signedName) errors.signedName = tooLongMessage('Your name', fieldLimits.signedName, signedName.length);
  const signedRole = text(input.signedRole);
  if (!signedRole) errors.signedRole = 'Enter your role, for example "Patient experience lead"';
  else if (signedRole.length > fieldLimits.signedRole) errors.signedRole = tooLongMessage('Your role', fieldLimits.signedRole, signedRole.length);
  const change = checkChange(input, errors);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { story, body, signedName, signedRole, change };
}

/** The response as the public will read it, before it is published (the responder's check step). */
export async function previewResponse(deps: FeedbackDeps, actor: Actor, storyId: number, input: ResponseInput): Promise<ResponsePreview> {
  const { story, body, signedName, signedRole, change } = await checkResponse(deps, actor, storyId, input);
  return { body, signedName, signedRole, organisationName: story.organisationName, changeStatus: change.status, changeDescription: change.description };
}

/** An organisation's public answer to a story, by one of its responders. */
export async function respondToStory(deps: FeedbackDeps, actor: Actor, storyId: number, input: ResponseInput): Promise<{ id: number }> {
  const { story, body, signedName, signedRole, change } = await checkResponse(deps, actor, storyId, input);
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('story_response')
      .values({
        story_id: story.id,
        account_id: actor.accountId as number,
        from_kind: 'organisation',
        organisation_id: story.organisation_id,
        signed_name: signedName,
        signed_role: signedRole,
        body,
        change_status: change.status,
        change_description: change.description,
        change_updated_at: change.status ? now : null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'story.respond',
      subjectType: 'story',
      subjectId: story.id,
      detail: { responseId: row.id, change: change.status },
    });
    const link = `${deps.config.publicUrl}/stories/${story.id}`;
    // One event, one email: the response and the change it records, together.
    const recorded = change.status && change.description ? { status: change.status, description: change.description } : null;
    if (story.author !== null) await enqueueMail(trx, responseToYourStoryMail(story.author, story.reference, story.organisationName, recorded, link));
    return row;
  });
}

/** Record (or update) the change an organisation response promises or reports. */
export async function recordChange(
  deps: FeedbackDeps,
  actor: Actor,
  responseId: number,
  input: { changeStatus: unknown; changeDescription: unknown },
): Promise<{ storyId: number }> {
  const response = isRecordId(responseId)
    ? await deps.db.selectFrom('story_response').selectAll().where('id', '=', responseId).where('from_kind', '=', 'organisation').executeTakeFirst()
    : undefined;
  if (!response) throw new NotFoundError('There is no response with that number');
  assertCan(actor, 'story.respond', { organisationId: response.organisation_id as number });
  const found = await publishedStory(deps, response.story_id);
  const story = { ...found, ...(await whoToTell(deps, found)) };
  const errors: Record<string, string> = {};
  const change = checkChange(input, errors);
  if (!change.status) errors.changeStatus ??= 'Select whether a change is planned or made';
  if (Object.keys(errors).length || !change.status) throw new ValidationError(errors);
  if (response.change_status === change.status && response.change_description === change.description) {
    throw new ConflictError('That change is already recorded.');
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('story_response')
      .set({ change_status: change.status, change_description: change.description, change_updated_at: deps.now?.() ?? new Date() })
      .where('id', '=', responseId)
      .execute();
    await recordAudit(trx, actor, { action: 'story.change', subjectType: 'story', subjectId: story.id, detail: { responseId, change: change.status } });
    if (story.author !== null) {
      const recorded = { status: change.status as ChangeStatus, description: change.description ?? '' };
      await enqueueMail(trx, changeMadeMail(story.author, story.reference, story.organisationName, recorded, `${deps.config.publicUrl}/stories/${story.id}`));
    }
  });
  return { storyId: story.id };
}

/** The author's reply in the thread, signed with the name they chose for the story. */
export async function replyAsAuthor(deps: FeedbackDeps, actor: Actor, storyId: number, input: { body: unknown }): Promise<{ id: number }> {
  const story = await publishedStory(deps, storyId);
  assertCan(actor, 'story.reply', { accountId: story.author_account_id ?? undefined });
  const body = text(input.body);
  if (!body) throw new ValidationError({ body: 'Enter your reply' });
  if (body.length > responseLimit) throw new ValidationError({ body: tooLongMessage('Your reply', responseLimit, body.length) });
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('story_response')
      .values({
        story_id: story.id,
        account_id: actor.accountId as number,
        from_kind: 'author',
        organisation_id: null,
        signed_name: story.display_name,
        signed_role: null,
        body,
        created_at: deps.now?.() ?? new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'story.reply', subjectType: 'story', subjectId: story.id, detail: { responseId: row.id } });
    return row;
  });
}

/** A reader's report of a published story or one of its responses: back to the moderation queue. */
export async function reportStory(
  deps: FeedbackDeps,
  actor: Actor,
  storyId: number,
  input: { reason: unknown; responseId?: unknown; address: string },
): Promise<void> {
  assertCan(actor, 'story.report');
  const story = await publishedStory(deps, storyId);
  const reason = text(input.reason);
  if (!reason) throw new ValidationError({ reason: 'Tell us what is wrong with it' });
  if (reason.length > fieldLimits.reason) throw new ValidationError({ reason: tooLongMessage('Your reason', fieldLimits.reason, reason.length) });
  const responseId = input.responseId ? Number(input.responseId) : null;
  if (responseId !== null) {
    const response = isRecordId(responseId)
      ? await deps.db.selectFrom('story_response').select('id').where('id', '=', responseId).where('story_id', '=', story.id).executeTakeFirst()
      : undefined;
    if (!response) throw new ValidationError({ reason: 'That response is not under this story' });
  }
  const now = deps.now?.() ?? new Date();
  // Taken in one atomic statement: reports sent at the same moment, to any instance, get at most the limit.
  const taken = await takeFromLimit(deps.db, { key: `report:address:${input.address}`, limit: reportsPerHour, windowSeconds: 3600 });
  if (!taken.allowed) {
    throw new TooManyAttemptsError(
      `You have sent ${reportsPerHour} reports in the last hour, which is the most we take from one network. Your report has not been sent: try again in ${waitText(taken.retryAt, now)}.`,
    );
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('story_report')
      .values({ story_id: story.id, response_id: responseId, reporter_account_id: actor.accountId, reporter_address: input.address, reason, created_at: now })
      .execute();
    await trx.updateTable('story').set({ reported_at: now }).where('id', '=', story.id).where('reported_at', 'is', null).execute();
    if (responseId !== null) await trx.updateTable('story_response').set({ reported_at: now }).where('id', '=', responseId).execute();
    await trx.insertInto('story_event').values({ story_id: story.id, kind: 'reported', account_id: actor.accountId, note: null }).execute();
  });
}

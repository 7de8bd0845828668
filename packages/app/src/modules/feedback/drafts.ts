// Stories saved as drafts (issue 19): a signed-in person keeps the story form as far as they got and
// comes back to it. A draft is checked for length only (the rest when it is sent); it lives in its own
// table, so moderators, the public, figures and exports never see one; sending it tells the story and
// removes the draft.
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { getOrganisationSummary, organisationNames } from '../registry/service.js';
import { tooLongMessage } from './fieldLimits.js';
import { type Actor, assertCan } from './policy.js';
import { type FeedbackDeps, type StoryInput, storyLimits, tellStory } from './stories.js';

/** The most drafts one person keeps at once (a store for stories on their way, not an archive). */
export const draftsPerPerson = 20;

/** A draft as the story form shows it again (the form's own field names). */
export interface DraftValues {
  organisationId: string;
  service: string;
  title: string;
  whatHappened: string;
  whatWasGood: string;
  whatCouldBeBetter: string;
  howFelt: string;
  happenedMonth: string;
  authorRole: string;
  displayName: string;
}

export interface DraftSummary {
  id: number;
  title: string;
  organisationId: number | null;
  organisationName: string | null;
  updatedAt: Date;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
const orNull = (value: string) => value || null;

/** The draft's columns from what was typed, checked for length only. */
async function draftColumns(db: Db, input: StoryInput) {
  const errors: Record<string, string> = {};
  const typed = {
    service: text(input.service),
    title: text(input.title),
    whatHappened: text(input.whatHappened),
    whatWasGood: text(input.whatWasGood),
    whatCouldBeBetter: text(input.whatCouldBeBetter),
    howFelt: text(input.howFelt),
    happenedMonth: text(input.happenedMonth).slice(0, 20),
    authorRole: text(input.authorRole).slice(0, 40),
    displayName: text(input.displayName),
  };
  if (typed.title.length > storyLimits.title) errors.title = tooLongMessage('The title', storyLimits.title, typed.title.length);
  if (typed.service.length > storyLimits.service) errors.service = tooLongMessage('The service', storyLimits.service, typed.service.length);
  if (typed.displayName.length > storyLimits.displayName)
    errors.displayName = tooLongMessage('The name to show', storyLimits.displayName, typed.displayName.length);
  for (const field of ['whatHappened', 'whatWasGood', 'whatCouldBeBetter', 'howFelt'] as const) {
    if (typed[field].length > storyLimits.field) errors[field] = tooLongMessage('This part of your story', storyLimits.field, typed[field].length);
  }
  if (!typed.title && !typed.whatHappened) errors.title = 'Enter a title or what happened before saving a draft';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const organisationText = text(input.organisationId);
  const organisation = /^\d{1,9}$/.test(organisationText) ? await getOrganisationSummary(db, Number(organisationText)) : null;
  return {
    organisation_id: organisation?.id ?? null,
    service: orNull(typed.service),
    title: orNull(typed.title),
    what_happened: orNull(typed.whatHappened),
    what_was_good: orNull(typed.whatWasGood),
    what_could_be_better: orNull(typed.whatCouldBeBetter),
    how_felt: orNull(typed.howFelt),
    happened_month: orNull(typed.happenedMonth),
    author_role: orNull(typed.authorRole),
    display_name: orNull(typed.displayName),
  };
}

/** One of the person's drafts (not found for anyone else's, so nobody learns it exists). */
async function ownDraft(deps: FeedbackDeps, actor: Actor, id: number) {
  const row = isRecordId(id) ? await deps.db.selectFrom('story_draft').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new NotFoundError('There is no draft with that number');
  assertCan(actor, 'story.readOwn', { accountId: row.account_id }, { hidden: true });
  return row;
}

/** Save the story form as a draft: a new one, or over the person's own draft `draftId`. */
export async function saveStoryDraft(deps: FeedbackDeps, actor: Actor, input: StoryInput, draftId?: number): Promise<{ id: number }> {
  assertCan(actor, 'story.tell');
  const columns = await draftColumns(deps.db, input);
  const now = deps.now?.() ?? new Date();
  if (draftId !== undefined) {
    await ownDraft(deps, actor, draftId);
    await deps.db
      .updateTable('story_draft')
      .set({ ...columns, updated_at: now })
      .where('id', '=', draftId)
      .execute();
    return { id: draftId };
  }
  const accountId = actor.accountId as number;
  const held = await deps.db
    .selectFrom('story_draft')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  if (Number(held.n) >= draftsPerPerson) {
    throw new ValidationError({ title: `You have ${draftsPerPerson} drafts, the most we keep. Send or delete one first` });
  }
  return deps.db
    .insertInto('story_draft')
    .values({ ...columns, account_id: accountId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The person's drafts, the one changed last first. */
export async function myDrafts(deps: Pick<FeedbackDeps, 'db'>, actor: Actor): Promise<DraftSummary[]> {
  assertCan(actor, 'story.tell');
  const rows = await deps.db
    .selectFrom('story_draft')
    .select(['id', 'title', 'what_happened', 'organisation_id', 'updated_at'])
    .where('account_id', '=', actor.accountId as number)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const ids = [...new Set(rows.flatMap((r) => (r.organisation_id === null ? [] : [r.organisation_id])))];
  const names = new Map((await organisationNames(deps.db, ids)).map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    id: r.id,
    // A draft saved before it had a title is named by how it starts.
    title: r.title ?? `${(r.what_happened ?? '').slice(0, 60)}${(r.what_happened ?? '').length > 60 ? '…' : ''}`,
    organisationId: r.organisation_id,
    organisationName: r.organisation_id === null ? null : (names.get(r.organisation_id) ?? null),
    updatedAt: r.updated_at,
  }));
}

/** A draft as the story form's values, to carry on with. */
export async function storyDraft(deps: FeedbackDeps, actor: Actor, id: number): Promise<DraftValues & { id: number }> {
  const row = await ownDraft(deps, actor, id);
  return {
    id: row.id,
    organisationId: row.organisation_id === null ? '' : String(row.organisation_id),
    service: row.service ?? '',
    title: row.title ?? '',
    whatHappened: row.what_happened ?? '',
    whatWasGood: row.what_was_good ?? '',
    whatCouldBeBetter: row.what_could_be_better ?? '',
    howFelt: row.how_felt ?? '',
    happenedMonth: row.happened_month ?? '',
    authorRole: row.author_role ?? '',
    displayName: row.display_name ?? '',
  };
}

/** Delete one of the person's drafts. */
export async function deleteStoryDraft(deps: FeedbackDeps, actor: Actor, id: number): Promise<void> {
  await ownDraft(deps, actor, id);
  await deps.db.deleteFrom('story_draft').where('id', '=', id).execute();
}

/** Send a draft as a story (checked in full as any story is); the draft goes once the story is told. */
export async function sendStoryDraft(deps: FeedbackDeps, actor: Actor, id: number, input: StoryInput): Promise<{ id: number; reference: string }> {
  await ownDraft(deps, actor, id);
  const told = await tellStory(deps, actor, input);
  await deps.db.deleteFrom('story_draft').where('id', '=', id).execute();
  return told;
}

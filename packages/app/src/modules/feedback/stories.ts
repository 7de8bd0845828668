// Telling a story about care: checking what was typed (the 1,000-word limit among it), giving it a
// reference, and keeping the author's words as the story's first version. Nothing is public until a
// moderator publishes it; the receipt email is queued in the same transaction as the story, so a
// story that was acknowledged is never lost.
import crypto from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { NotFoundError, TooManyAttemptsError, ValidationError } from '../../platform/errors.js';
import { takeFromLimit, waitText } from '../../platform/limits.js';
import { enqueueMail } from '../../platform/mail.js';
import { isRecordId } from '../../platform/web/ids.js';
import { accountContact, accountIdByEmail, checkEmail } from '../accounts/service.js';
import { getOrganisationSummary, organisationNames } from '../registry/service.js';
import { contactsWhoMay } from './audience.js';
import { authorCommunicationNeeds } from './communicationNeeds.js';
import { fieldLimits, tooLongMessage } from './fieldLimits.js';
import { type Actor, assertCan } from './policy.js';
import { type AuthorRole, authorRoles, type StoryStatus, storyWordLimit } from './schema.js';
import { newStoryToModerateMail, storyReceivedMail } from './storyMail.js';

export interface FeedbackDeps {
  db: Db;
  config: Config;
  /** The clock, for tests; defaults to now. */
  now?: () => Date;
}

export interface StoryInput {
  organisationId: unknown;
  service?: unknown;
  title: unknown;
  whatHappened: unknown;
  whatWasGood?: unknown;
  whatCouldBeBetter?: unknown;
  howFelt?: unknown;
  /** 'YYYY-MM' */
  happenedMonth: unknown;
  authorRole: unknown;
  displayName: unknown;
}

/** Field lengths in characters (the word limit is over the whole story). */
export const storyLimits = {
  title: fieldLimits.title,
  service: fieldLimits.service,
  displayName: fieldLimits.displayName,
  field: fieldLimits.storyPart,
} as const;

/** The parts of a story as the form names them, for messages. */
const storyPartLabels = { whatHappened: 'What happened', whatWasGood: 'What was good', whatCouldBeBetter: 'What could be better', howFelt: 'How you felt' };

/** How many stories one person may send in an hour (a person with more can wait, or call Healthwatch). */
export const storiesPerHour = 5;

/** A story refused by the hourly limit: nothing was sent, and the message says when it can be. */
export class StoryLimitError extends TooManyAttemptsError {
  constructor(limit: number, retryAt: Date | null, now: Date) {
    super(
      `You have sent ${limit} stories in the last hour, which is the most we take. Your story has not been sent yet: you can send it in ${waitText(retryAt, now)}.`,
    );
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function countWords(...parts: string[]): number {
  return parts.reduce((n, part) => n + (part.match(/\S+/g)?.length ?? 0), 0);
}

export interface CheckedStory {
  organisationId: number;
  service: string | null;
  title: string;
  whatHappened: string;
  whatWasGood: string | null;
  whatCouldBeBetter: string | null;
  howFelt: string | null;
  happenedMonth: string;
  authorRole: AuthorRole;
  displayName: string;
}

/** Check a story as typed against today ('YYYY-MM-DD'). Returns messages by field, or the story. */
export function checkStory(input: StoryInput, today: string): { errors: Record<string, string>; story: CheckedStory | null } {
  const errors: Record<string, string> = {};
  const set = (field: string, message: string) => {
    errors[field] ??= message;
  };
  const organisationText = typeof input.organisationId === 'number' ? String(input.organisationId) : text(input.organisationId);
  if (!/^\d{1,9}$/.test(organisationText)) set('organisationId', 'Choose the organisation your story is about');
  const title = text(input.title);
  if (!title) set('title', 'Enter a title for your story');
  else if (title.length > storyLimits.title) set('title', tooLongMessage('The title', storyLimits.title, title.length));
  const whatHappened = text(input.whatHappened);
  if (!whatHappened) set('whatHappened', 'Enter what happened');
  const optional = { whatWasGood: text(input.whatWasGood), whatCouldBeBetter: text(input.whatCouldBeBetter), howFelt: text(input.howFelt) };
  for (const [field, value] of Object.entries({ whatHappened, ...optional })) {
    if (value.length > storyLimits.field) set(field, tooLongMessage(storyPartLabels[field as keyof typeof storyPartLabels], storyLimits.field, value.length));
  }
  const words = countWords(title, whatHappened, optional.whatWasGood, optional.whatCouldBeBetter, optional.howFelt);
  if (words > storyWordLimit) {
    set(
      'whatHappened',
      `Your story is ${words.toLocaleString('en-GB')} words long. Stories can be up to ${storyWordLimit.toLocaleString('en-GB')} words: shorten it by ${(words - storyWordLimit).toLocaleString('en-GB')} words`,
    );
  }
  const service = text(input.service);
  if (service.length > storyLimits.service) set('service', tooLongMessage('The service', storyLimits.service, service.length));
  const month = text(input.happenedMonth);
  const monthMatch = /^(\d{4})-(\d{2})$/.exec(month);
  if (!month) set('happenedMonth', 'Enter the month and year it happened');
  else if (!monthMatch || Number(monthMatch[2]) < 1 || Number(monthMatch[2]) > 12 || Number(monthMatch[1]) < 1900) {
    set('happenedMonth', 'The month it happened must be a real month, like 2026-03');
  } else if (month > today.slice(0, 7)) set('happenedMonth', 'The month it happened must be this month or in the past');
  const authorRole = text(input.authorRole);
  if (!(authorRoles as readonly string[]).includes(authorRole)) set('authorRole', 'Select who you are');
  const displayName = text(input.displayName);
  if (!displayName) set('displayName', 'Enter the name to show with your story, for example "A patient"');
  else if (displayName.length > storyLimits.displayName) set('displayName', tooLongMessage('The name to show', storyLimits.displayName, displayName.length));
  if (Object.keys(errors).length) return { errors, story: null };
  return {
    errors,
    story: {
      organisationId: Number(organisationText),
      service: service || null,
      title,
      whatHappened,
      whatWasGood: optional.whatWasGood || null,
      whatCouldBeBetter: optional.whatCouldBeBetter || null,
      howFelt: optional.howFelt || null,
      happenedMonth: `${month}-01`,
      authorRole: authorRole as AuthorRole,
      displayName,
    },
  };
}

const referenceAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A reference like S-7K3M-9QXP: easy to read out, no 0/O or 1/I, and random. */
export function newStoryReference(): string {
  const chars = [...crypto.randomBytes(8)].map((b) => referenceAlphabet[b % referenceAlphabet.length]).join('');
  return `S-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

const nowOf = (deps: FeedbackDeps) => deps.now?.() ?? new Date();
const ukToday = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);

/** Where to write to the accounts that moderate stories about this organisation (as the policy names them). */
async function moderatorsOf(db: Db, organisationId: number): Promise<Array<{ email: string; name: string }>> {
  return contactsWhoMay(db, 'story.moderate', organisationId);
}

/**
 * Tell a story. With `onBehalfOf`, a staff member or volunteer enters it for someone (a phone call,
 * a paper form): the story is theirs (the author account), and that consent was given is recorded.
 */
export async function tellStory(
  deps: FeedbackDeps,
  actor: Actor,
  input: StoryInput,
  onBehalfOf?: { authorAccountId: number | null; consentGiven: boolean },
): Promise<{ id: number; reference: string }> {
  assertCan(actor, 'story.tell');
  const now = nowOf(deps);
  const { errors, story } = checkStory(input, ukToday(now));
  const organisation = story ? await getOrganisationSummary(deps.db, story.organisationId) : null;
  if (story && !organisation) errors.organisationId = 'That organisation is not in Involve. Choose another';
  if (onBehalfOf && !onBehalfOf.consentGiven) errors.consent = 'Confirm that the person agreed to you sharing their story for them';
  if (!story || !organisation || Object.keys(errors).length) throw new ValidationError(errors);
  if (onBehalfOf) assertCan(actor, 'story.enterOnBehalf', { organisationId: organisation.id });
  const authorAccountId = onBehalfOf ? onBehalfOf.authorAccountId : (actor.accountId as number);

  // Taken in one atomic statement: stories sent at the same moment, to any instance, get at most
  // the limit. Someone entering stories for others (Healthwatch at a drop-in) has more room.
  const taken = await takeFromLimit(
    deps.db,
    onBehalfOf
      ? { key: `story:on-behalf:account:${actor.accountId}`, limit: storiesPerHour * 10, windowSeconds: 3600 }
      : { key: `story:account:${actor.accountId}`, limit: storiesPerHour, windowSeconds: 3600 },
  );
  if (!taken.allowed) throw new StoryLimitError(onBehalfOf ? storiesPerHour * 10 : storiesPerHour, taken.retryAt, now);

  const author =
    authorAccountId === null
      ? null
      : await accountContact(deps.db, authorAccountId).catch((error: unknown) => {
          throw error instanceof NotFoundError ? new NotFoundError('There is no account for that person') : error;
        });
  const moderators = await moderatorsOf(deps.db, organisation.id);
  const needs = await authorCommunicationNeeds(deps.db, { author_account_id: authorAccountId, entered_by_account_id: onBehalfOf ? actor.accountId : null });
  return deps.db.transaction().execute(async (trx) => {
    let reference = newStoryReference();
    while (await trx.selectFrom('story').select('id').where('reference', '=', reference).executeTakeFirst()) reference = newStoryReference();
    const row = await trx
      .insertInto('story')
      .values({
        reference,
        organisation_id: organisation.id,
        service: story.service,
        author_account_id: authorAccountId,
        entered_by_account_id: onBehalfOf ? actor.accountId : null,
        consent_recorded_at: onBehalfOf ? now : null,
        author_role: story.authorRole,
        display_name: story.displayName,
        happened_month: story.happenedMonth,
        criticality: null,
        rejection_reason: null,
        title: null,
        what_happened: null,
        what_was_good: null,
        what_could_be_better: null,
        how_felt: null,
        submitted_at: now,
      })
      .returning(['id', 'reference'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('story_version')
      .values({
        story_id: row.id,
        kind: 'original',
        title: story.title,
        what_happened: story.whatHappened,
        what_was_good: story.whatWasGood,
        what_could_be_better: story.whatCouldBeBetter,
        how_felt: story.howFelt,
        account_id: actor.accountId,
      })
      .execute();
    await trx
      .insertInto('story_event')
      .values({ story_id: row.id, kind: onBehalfOf ? 'entered_on_behalf' : 'submitted', account_id: actor.accountId, note: null })
      .execute();
    await recordAudit(trx, actor, {
      action: 'story.tell',
      subjectType: 'story',
      subjectId: row.id,
      detail: { organisationId: organisation.id, onBehalf: Boolean(onBehalfOf) },
    });
    if (author) await enqueueMail(trx, storyReceivedMail(author, row.reference, `${deps.config.publicUrl}/account/stories/${row.id}`));
    for (const moderator of moderators)
      await enqueueMail(trx, newStoryToModerateMail(moderator, row.reference, `${deps.config.publicUrl}/moderation/stories/${row.id}`, needs));
    return row;
  });
}

/**
 * A story entered by a staff member or volunteer for someone (a phone call, a paper form). With the
 * person's email address, the story is theirs: theirs to follow when the address has an Involve
 * account, and nobody's when it has none. Both give the staff member the same answer, so the form
 * never tells whether an address has an account. With no address, it stays under the account of
 * whoever entered it. Either way, that the person agreed is recorded.
 */
export async function tellStoryOnBehalf(
  deps: FeedbackDeps,
  actor: Actor,
  input: StoryInput & { personEmail: unknown; consent: unknown },
): Promise<{ id: number; reference: string }> {
  assertCan(actor, 'story.tell');
  const email = typeof input.personEmail === 'string' ? input.personEmail.trim() : '';
  let authorAccountId: number | null = actor.accountId as number;
  if (email.length > fieldLimits.email) throw new ValidationError({ personEmail: tooLongMessage('Their email address', fieldLimits.email, email.length) });
  if (email) {
    const problem = checkEmail(email);
    if (problem) throw new ValidationError({ personEmail: problem.replace('your email address', 'their email address') });
    authorAccountId = await accountIdByEmail(deps.db, email);
  }
  return tellStory(deps, actor, input, { authorAccountId, consentGiven: input.consent === 'yes' });
}

export interface OwnStory {
  id: number;
  reference: string;
  organisationId: number;
  organisationName: string;
  title: string;
  status: StoryStatus;
  submittedAt: Date;
  publishedAt: Date | null;
  rejectionReason: string | null;
}

/** The stories a person has told (or had entered for them), newest first, with their state. */
export async function myStories(deps: FeedbackDeps, actor: Actor): Promise<OwnStory[]> {
  assertCan(actor, 'story.tell');
  const rows = await deps.db
    .selectFrom('story')
    .select([
      'story.id',
      'story.reference',
      'story.organisation_id as organisationId',
      'story.status',
      'story.submitted_at as submittedAt',
      'story.published_at as publishedAt',
      'story.rejection_reason as rejectionReason',
      (eb) =>
        eb
          .selectFrom('story_version')
          .select('story_version.title')
          .whereRef('story_version.story_id', '=', 'story.id')
          .where('story_version.kind', '=', 'original')
          .limit(1)
          .as('title'),
    ])
    .where('story.author_account_id', '=', actor.accountId as number)
    .orderBy('story.submitted_at', 'desc')
    .orderBy('story.id', 'desc')
    .execute();
  const names = new Map((await organisationNames(deps.db, [...new Set(rows.map((r) => r.organisationId))])).map((o) => [o.id, o.name]));
  return rows.map((r) => ({ ...r, organisationName: names.get(r.organisationId) ?? '', title: r.title ?? '' }));
}

/**
 * The person's stories still waiting: for a moderator, or published with no answer from the
 * organisation yet (the home page's "Your things"). Newest first.
 */
export async function storiesAwaiting(deps: FeedbackDeps, actor: Actor): Promise<OwnStory[]> {
  const stories = await myStories(deps, actor);
  const published = stories.filter((s) => s.status === 'published').map((s) => s.id);
  const answered = published.length
    ? await deps.db
        .selectFrom('story_response')
        .select('story_id')
        .where('story_id', 'in', published)
        .where('from_kind', '=', 'organisation')
        .where('hidden_at', 'is', null)
        .execute()
    : [];
  const answeredIds = new Set(answered.map((r) => r.story_id));
  return stories.filter((s) => s.status === 'awaiting_moderation' || (s.status === 'published' && !answeredIds.has(s.id)));
}

export interface AuthorView extends OwnStory {
  original: { title: string; whatHappened: string; whatWasGood: string | null; whatCouldBeBetter: string | null; howFelt: string | null };
  published: { title: string | null; whatHappened: string | null } | null;
  service: string | null;
  displayName: string;
  happenedMonth: string;
  authorRole: AuthorRole;
}

/** One of the author's stories: its state, their own words, and what was published. */
export async function storyForAuthor(deps: FeedbackDeps, actor: Actor, id: number): Promise<AuthorView> {
  const story = isRecordId(id) ? await deps.db.selectFrom('story').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!story) throw new NotFoundError('There is no story with that number');
  assertCan(actor, 'story.readOwn', { accountId: story.author_account_id ?? undefined }, { hidden: true });
  const original = await deps.db.selectFrom('story_version').selectAll().where('story_id', '=', id).where('kind', '=', 'original').executeTakeFirstOrThrow();
  const organisation = await getOrganisationSummary(deps.db, story.organisation_id);
  return {
    id: story.id,
    reference: story.reference,
    organisationId: story.organisation_id,
    organisationName: organisation?.name ?? '',
    title: original.title,
    status: story.status,
    submittedAt: story.submitted_at,
    publishedAt: story.published_at,
    rejectionReason: story.rejection_reason,
    original: {
      title: original.title,
      whatHappened: original.what_happened,
      whatWasGood: original.what_was_good,
      whatCouldBeBetter: original.what_could_be_better,
      howFelt: original.how_felt,
    },
    published: story.status === 'published' ? { title: story.title, whatHappened: story.what_happened } : null,
    service: story.service,
    displayName: story.display_name,
    happenedMonth: story.happened_month,
    authorRole: story.author_role,
  };
}

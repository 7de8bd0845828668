// Responders' alerts: a subscription to an organisation's stories (optionally some services or
// themes, from a minimum criticality), sent at once when a story is published or as a daily
// digest. Each story reaches each subscriber once (story_alert_sent), whichever way it goes, and
// only while the subscriber may still subscribe (a responder who has left is no longer told).
import { sql } from 'kysely';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { enqueueMail, type Recipient } from '../../platform/mail.js';
import { isRecordId } from '../../platform/web/ids.js';
import { getOrganisationSummary, organisationNames } from '../registry/service.js';
import { contactsWhoMay } from './audience.js';
import { authorCommunicationNeeds } from './communicationNeeds.js';
import { fieldLimits, tooLongMessage } from './fieldLimits.js';
import { type Actor, assertCan, organisationsWhere } from './policy.js';
import type { FeedbackDeps } from './stories.js';
import { storyAlertMail, storyDigestMail } from './storyMail.js';

/** Which subscriptions of this organisation a published story matches (plain data, for testing). */
export function subscriptionMatches(
  subscription: { services: readonly string[]; theme_ids: readonly number[]; min_criticality: number },
  story: { service: string | null; criticality: number | null; themeIds: readonly number[] },
): boolean {
  if ((story.criticality ?? 0) < subscription.min_criticality) return false;
  if (subscription.services.length) {
    const service = story.service?.trim().toLowerCase();
    if (!service || !subscription.services.some((s) => s.trim().toLowerCase() === service)) return false;
  }
  if (subscription.theme_ids.length && !subscription.theme_ids.some((id) => story.themeIds.includes(id))) return false;
  return true;
}

async function storyFacts(db: Db, storyId: number) {
  const story = await db
    .selectFrom('story')
    .select([
      'story.id',
      'story.organisation_id',
      'story.service',
      'story.criticality',
      'story.title',
      'story.author_account_id',
      'story.entered_by_account_id',
    ])
    .where('story.id', '=', storyId)
    .where('story.status', '=', 'published')
    .executeTakeFirst();
  if (!story) return null;
  const organisation = await getOrganisationSummary(db, story.organisation_id);
  const themes = await db.selectFrom('story_theme').select('theme_id').where('story_id', '=', storyId).execute();
  return { ...story, organisationName: organisation?.name ?? '', themeIds: themes.map((t) => t.theme_id) };
}

/** Where to write to each account that may still subscribe to an organisation's stories, by account. */
async function subscriberAddresses(db: Db, organisationId: number): Promise<Map<number, Recipient>> {
  const contacts = await contactsWhoMay(db, 'story.subscribe', organisationId, { platformAdmins: true });
  return new Map(contacts.map((c) => [c.accountId, c]));
}

/** Queue the immediate alerts for a story just published, in the caller's transaction. */
export async function queueStoryAlerts(trx: Db, config: Config, storyId: number): Promise<number> {
  const story = await storyFacts(trx, storyId);
  if (!story) return 0;
  const subscriptions = await trx
    .selectFrom('story_alert_subscription')
    .select(['id', 'account_id', 'services', 'theme_ids', 'min_criticality'])
    .where('organisation_id', '=', story.organisation_id)
    .where('frequency', '=', 'immediate')
    .execute();
  if (!subscriptions.length) return 0;
  const addresses = await subscriberAddresses(trx, story.organisation_id);
  const needs = await authorCommunicationNeeds(trx, story);
  let queued = 0;
  for (const subscription of subscriptions) {
    const email = addresses.get(subscription.account_id);
    if (email === undefined || !subscriptionMatches(subscription, story)) continue;
    const sent = await trx
      .insertInto('story_alert_sent')
      .values({ subscription_id: subscription.id, story_id: story.id })
      .onConflict((oc) => oc.doNothing())
      .returning('story_id')
      .executeTakeFirst();
    if (!sent) continue;
    await enqueueMail(trx, storyAlertMail(email, story.organisationName, story.title ?? '', `${config.publicUrl}/stories/${story.id}`, needs));
    queued++;
  }
  return queued;
}

/**
 * Daily digests due at `now`: for each daily subscription not sent in the last 23 hours, one email
 * listing the matching stories published since its last digest (or since it was made). Returns how
 * many digests were queued.
 */
export async function sendStoryDigests(deps: Pick<FeedbackDeps, 'db' | 'config'>, actor: Actor, now: Date): Promise<number> {
  assertCan(actor, 'story.sendDigests');
  const due = await deps.db
    .selectFrom('story_alert_subscription')
    .select(['id', 'account_id', 'organisation_id', 'services', 'theme_ids', 'min_criticality', 'last_digest_at', 'created_at'])
    .where('frequency', '=', 'daily')
    .where((eb) => eb.or([eb('last_digest_at', 'is', null), eb('last_digest_at', '<', new Date(now.getTime() - 23 * 3600_000))]))
    .execute();
  // Names and addresses once per organisation, not once per subscription.
  const organisationIds = [...new Set(due.map((s) => s.organisation_id))];
  const names = new Map((await organisationNames(deps.db, organisationIds)).map((o) => [o.id, o.name]));
  const addresses = new Map<number, Map<number, Recipient>>();
  for (const organisationId of organisationIds) addresses.set(organisationId, await subscriberAddresses(deps.db, organisationId));
  let queued = 0;
  for (const subscription of due) {
    const email = addresses.get(subscription.organisation_id)?.get(subscription.account_id);
    const organisationName = names.get(subscription.organisation_id) ?? '';
    const since = subscription.last_digest_at ?? subscription.created_at;
    const stories = await deps.db
      .selectFrom('story')
      .select([
        'id',
        'title',
        'service',
        'criticality',
        'author_account_id',
        'entered_by_account_id',
        sql<number[]>`array(select theme_id from story_theme where story_id = story.id)`.as('themeIds'),
      ])
      .where('organisation_id', '=', subscription.organisation_id)
      .where('status', '=', 'published')
      .where('published_at', '>', since)
      .where('published_at', '<=', now)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('story_alert_sent')
              .select('story_id')
              .whereRef('story_alert_sent.story_id', '=', 'story.id')
              .where('subscription_id', '=', subscription.id),
          ),
        ),
      )
      .orderBy('published_at')
      .execute();
    // Someone no longer allowed to subscribe is not told; their digest time still moves on.
    const matching = email === undefined ? [] : stories.filter((s) => subscriptionMatches(subscription, { ...s, themeIds: s.themeIds ?? [] }));
    const needs = await Promise.all(matching.map((s) => authorCommunicationNeeds(deps.db, s)));
    await deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('story_alert_subscription').set({ last_digest_at: now }).where('id', '=', subscription.id).execute();
      if (!matching.length || email === undefined) return;
      await trx
        .insertInto('story_alert_sent')
        .values(matching.map((s) => ({ subscription_id: subscription.id, story_id: s.id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      await enqueueMail(
        trx,
        storyDigestMail(
          email,
          organisationName,
          matching.map((s, i) => ({ title: s.title ?? '', link: `${deps.config.publicUrl}/stories/${s.id}`, needs: needs[i] })),
        ),
      );
      queued++;
    });
  }
  return queued;
}

export interface Subscription {
  id: number;
  organisationId: number;
  organisationName: string;
  services: string[];
  themeIds: number[];
  minCriticality: number;
  frequency: 'immediate' | 'daily';
}

export async function mySubscriptions(deps: Pick<FeedbackDeps, 'db'>, actor: Actor): Promise<Subscription[]> {
  assertCan(actor, 'story.tell');
  const rows = await deps.db
    .selectFrom('story_alert_subscription')
    .select(['id', 'organisation_id as organisationId', 'services', 'theme_ids as themeIds', 'min_criticality as minCriticality', 'frequency'])
    .where('account_id', '=', actor.accountId as number)
    .execute();
  const names = new Map(
    (
      await organisationNames(
        deps.db,
        rows.map((r) => r.organisationId),
      )
    ).map((o) => [o.id, o.name]),
  );
  return rows
    .map((r) => ({ ...r, organisationName: names.get(r.organisationId) ?? '' }))
    .sort((a, b) => a.organisationName.localeCompare(b.organisationName) || a.id - b.id);
}

/** Organisations whose stories the actor may subscribe to (from the policy's rules for story.subscribe). */
export function subscribableOrganisations(actor: Actor): number[] {
  return organisationsWhere(actor, 'story.subscribe');
}

export interface SubscriptionInput {
  organisationId: unknown;
  services?: unknown;
  themeIds?: unknown;
  minCriticality: unknown;
  frequency: unknown;
}

/** Subscribe (or change the subscription) to an organisation's stories. */
export async function subscribe(deps: Pick<FeedbackDeps, 'db'>, actor: Actor, input: SubscriptionInput): Promise<void> {
  const organisationId = Number(input.organisationId);
  const errors: Record<string, string> = {};
  if (!Number.isSafeInteger(organisationId) || organisationId <= 0) errors.organisationId = 'Choose the organisation';
  else assertCan(actor, 'story.subscribe', { organisationId });
  const minText = String(input.minCriticality ?? '');
  if (!/^[0-5]$/.test(minText)) errors.minCriticality = 'Select the least critical stories to be told about, from 0 to 5';
  if (input.frequency !== 'immediate' && input.frequency !== 'daily') errors.frequency = 'Select how often to be told';
  const servicesText = typeof input.services === 'string' ? input.services : '';
  const services = servicesText
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (servicesText.length > fieldLimits.alertServices) errors.services = tooLongMessage('The services', fieldLimits.alertServices, servicesText.length);
  else if (services.some((s) => s.length > fieldLimits.service))
    errors.services = `Each service must be ${fieldLimits.service.toLocaleString('en-GB')} characters or fewer`;
  const themeIds = [...new Set((Array.isArray(input.themeIds) ? input.themeIds : input.themeIds ? [input.themeIds] : []).map(Number))];
  if (themeIds.some((id) => !isRecordId(id))) errors.themeIds = 'Choose themes from the list';
  else if (themeIds.length) {
    const known = await deps.db.selectFrom('feedback_theme').select('id').where('id', 'in', themeIds).execute();
    if (known.length !== themeIds.length) errors.themeIds = 'Choose themes from the list';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const values = {
    account_id: actor.accountId as number,
    organisation_id: organisationId,
    services,
    theme_ids: themeIds,
    min_criticality: Number(minText),
    frequency: input.frequency as 'immediate' | 'daily',
  };
  await deps.db
    .insertInto('story_alert_subscription')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['account_id', 'organisation_id']).doUpdateSet({
        services: values.services,
        theme_ids: values.theme_ids,
        min_criticality: values.min_criticality,
        frequency: values.frequency,
      }),
    )
    .execute();
}

export async function unsubscribe(deps: Pick<FeedbackDeps, 'db'>, actor: Actor, subscriptionId: number): Promise<void> {
  assertCan(actor, 'story.tell');
  await deps.db
    .deleteFrom('story_alert_subscription')
    .where('id', '=', subscriptionId)
    .where('account_id', '=', actor.accountId as number)
    .execute();
}

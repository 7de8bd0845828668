// The following module's public face. People follow a place, an organisation or a body (a board,
// committee or group) and choose what to hear about and how often; other modules tell them:
//
//   import { notifyFollowers } from '../following/service.js';
//
//   await notifyFollowers({ db: trx, config: deps.config }, {
//     about: [{ kind: 'organisation', id: 3 }, { kind: 'body', id: 7 }, { kind: 'place', id: 12 }],
//     topic: 'meetings',                     // 'consultations' | 'meetings' | 'decisions'
//     subject: 'Papers published: Board meeting, 4 June 2027',   // one line, the email's subject
//     summary: 'The agenda and 6 papers are published. Questions by 1 June.',  // a few lines, plain text
//     link: '/meetings/42',                  // a path of Involve
//   });
//
// Call it inside the transaction of the action that causes it (pass the transaction as db): the event
// row, who it goes to and the emails sent at once are written with the action or not at all.
// Who hears: the followers of what the event is about, widened the way people mean "follow": an
// organisation's followers also hear about its bodies' events, and a place's followers about the
// organisations serving it and places inside it. Each person once per event however many of their
// follows it touches, only if one of those follows asked for the topic; at once (an email through
// the outbox) if any of them says so, else in the weekly digest (sendWeeklyDigests, a job).
// Every email ends with a link to the page where people change or stop what they follow.
import type { Config } from '../../platform/config.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { enqueueMail } from '../../platform/mail.js';
import { accountContact } from '../accounts/service.js';
import { getBody, getOrganisation, getPlace } from '../registry/service.js';
import { digestMail, immediateMail } from './mailText.js';
import { type Actor, assertCan } from './policy.js';
import { digestWeekOf, recipientsOf } from './recipients.js';
import { type FollowKind, type FollowTopic, followKinds, followTopics } from './schema.js';

export type { FollowKind, FollowTopic } from './schema.js';

export interface FollowingDeps {
  db: Db;
  /** For the links in emails (absolute); without it links are paths. */
  config?: Pick<Config, 'publicUrl'>;
}

export interface FollowerNotice {
  /** What the event is directly about: the organisation(s), body and places involved. */
  about: ReadonlyArray<{ kind: FollowKind; id: number }>;
  topic: FollowTopic;
  /** One line: the email's subject and the item's heading in a digest (cut at 300 characters). */
  subject: string;
  /** A few lines of plain text (cut at 2,000 characters). */
  summary: string;
  /** A path of Involve, like /consultations/12. */
  link: string;
}

export interface NotifyResult {
  eventId: number;
  /** People emailed at once. */
  emailed: number;
  /** People who will find it in their weekly digest. */
  forDigest: number;
}

/** The page where a person changes or stops what they follow (linked from every email). */
export const manageFollowingPath = '/following';

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Tell the followers of what an event is about (see the top of this file). */
export async function notifyFollowers(deps: FollowingDeps, notice: FollowerNotice): Promise<NotifyResult> {
  if (!followTopics.includes(notice.topic)) throw new Error(`notifyFollowers: unknown topic ${String(notice.topic)}`);
  if (!notice.link.startsWith('/') || notice.link.startsWith('//') || notice.link.length > 500)
    throw new Error(`notifyFollowers: link must be a path of Involve, not ${notice.link}`);
  const subject = cut(notice.subject.replace(/\s+/g, ' ').trim(), 300) || 'News from what you follow';
  const summary = cut(notice.summary.trim(), 2000);
  const base = deps.config?.publicUrl ?? '';
  const run = async (db: Db): Promise<NotifyResult> => {
    const reach = await reachOf(db, notice.about);
    const conditions = (
      [
        ['place_id', reach.place],
        ['organisation_id', reach.organisation],
        ['body_id', reach.body],
      ] as const
    ).filter(([, ids]) => ids.size);
    const follows = conditions.length
      ? await db
          .selectFrom('follow')
          .select(['account_id as accountId', 'consultations', 'meetings', 'decisions', 'frequency'])
          .where(notice.topic, '=', true)
          .where((eb) => eb.or(conditions.map(([column, ids]) => eb(column, 'in', [...ids]))))
          .execute()
      : [];
    const recipients = recipientsOf(follows, notice.topic);
    const event = await db
      .insertInto('follow_event')
      .values({
        topic: notice.topic,
        subject,
        summary,
        link: notice.link,
        about: JSON.stringify(notice.about.map((a) => ({ kind: a.kind, id: a.id }))),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!recipients.size) return { eventId: event.id, emailed: 0, forDigest: 0 };
    await db
      .insertInto('follow_delivery')
      .values([...recipients].map(([account_id, frequency]) => ({ event_id: event.id, account_id, frequency })))
      .execute();
    let emailed = 0;
    for (const [accountId, frequency] of recipients) {
      if (frequency !== 'immediate') continue;
      const contact = await accountContact(db, accountId);
      const mail = immediateMail(
        contact.displayName,
        { topic: notice.topic, subject, summary, link: `${base}${notice.link}` },
        `${base}${manageFollowingPath}`,
      );
      await enqueueMail(db, { to: contact.email, ...mail });
      emailed++;
    }
    return { eventId: event.id, emailed, forDigest: recipients.size - emailed };
  };
  return inTransaction(deps.db, run);
}

type Reach = Record<FollowKind, Set<number>>;

/** What an event touches for its followers: the named things, bodies' organisations, organisations' places, places' parents. */
async function reachOf(db: Db, about: FollowerNotice['about']): Promise<Reach> {
  const reach: Reach = { place: new Set(), organisation: new Set(), body: new Set() };
  const valid = about.filter((a) => followKinds.includes(a.kind) && Number.isSafeInteger(a.id) && a.id > 0 && a.id <= 2_147_483_647);
  for (const a of valid) reach[a.kind].add(a.id);
  for (const id of reach.body) {
    const body = await getBody(db, id);
    if (body) reach.organisation.add(body.organisation.id);
  }
  for (const id of reach.organisation) {
    const organisation = await getOrganisation(db, id);
    for (const place of organisation?.places ?? []) reach.place.add(place.id);
  }
  // A place's followers hear about what happens inside it: walk up from each place to the top.
  const toWalk = [...reach.place];
  const walked = new Set<number>();
  while (toWalk.length) {
    const id = toWalk.pop() as number;
    if (walked.has(id)) continue;
    walked.add(id);
    const place = await getPlace(db, id, { organisationLimit: 0 });
    if (place?.parent) {
      reach.place.add(place.parent.id);
      toWalk.push(place.parent.id);
    }
  }
  return reach;
}

/**
 * Send the weekly digests that are due (a job, as the system actor): to each person with events
 * waiting from before this week's digest hour, one email. The digest row, unique per person and
 * week, is taken first in the transaction that sends it: an instance that loses the race for it
 * finds it taken and moves on, so each digest goes exactly once however many instances run this.
 */
export async function sendWeeklyDigests(deps: FollowingDeps, actor: Actor, now: Date = new Date()): Promise<{ sent: number }> {
  assertCan(actor, 'follow.digest');
  const { weekOf, cutoff } = digestWeekOf(now);
  const base = deps.config?.publicUrl ?? '';
  let sent = 0;
  let after = 0;
  for (;;) {
    const due = await deps.db
      .selectFrom('follow_delivery as d')
      .innerJoin('follow_event as e', 'e.id', 'd.event_id')
      .select('d.account_id')
      .distinct()
      .where('d.frequency', '=', 'weekly')
      .where('d.digest_id', 'is', null)
      .where('d.account_id', '>', after)
      .where('e.created_at', '<', cutoff)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('follow_digest as g').select('g.id').whereRef('g.account_id', '=', 'd.account_id').where('g.week_of', '=', weekOf))),
      )
      .orderBy('d.account_id')
      .limit(200)
      .execute();
    if (!due.length) break;
    for (const { account_id: accountId } of due) {
      if (await sendDigest(deps.db, accountId, weekOf, cutoff, base)) sent++;
      after = accountId;
    }
  }
  return { sent };
}

/** One person's digest for one week, in one transaction; false when another instance sent it. */
async function sendDigest(db: Db, accountId: number, weekOf: string, cutoff: Date, base: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // The claim: a second instance's insert waits for this transaction, then finds the row and does nothing.
    const digest = await trx
      .insertInto('follow_digest')
      .values({ account_id: accountId, week_of: weekOf, items: 0 })
      .onConflict((oc) => oc.columns(['account_id', 'week_of']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!digest) return false;
    const items = await trx
      .selectFrom('follow_delivery as d')
      .innerJoin('follow_event as e', 'e.id', 'd.event_id')
      .select(['e.id', 'e.topic', 'e.subject', 'e.summary', 'e.link'])
      .where('d.account_id', '=', accountId)
      .where('d.frequency', '=', 'weekly')
      .where('d.digest_id', 'is', null)
      .where('e.created_at', '<', cutoff)
      .orderBy('e.id')
      .execute();
    if (!items.length) {
      await trx.deleteFrom('follow_digest').where('id', '=', digest.id).execute();
      return false;
    }
    const contact = await accountContact(trx, accountId);
    const mail = digestMail(
      contact.displayName,
      items.map((i) => ({ topic: i.topic, subject: i.subject, summary: i.summary, link: `${base}${i.link}` })),
      `${base}${manageFollowingPath}`,
    );
    await enqueueMail(trx, { to: contact.email, ...mail });
    await trx
      .updateTable('follow_delivery')
      .set({ digest_id: digest.id })
      .where('account_id', '=', accountId)
      .where(
        'event_id',
        'in',
        items.map((i) => i.id),
      )
      .execute();
    await trx.updateTable('follow_digest').set({ items: items.length }).where('id', '=', digest.id).execute();
    return true;
  });
}

export { followOf } from './follows.js';

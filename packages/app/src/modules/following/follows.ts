// Following and unfollowing: what a person follows, with what they want to hear about and how often.
// Each action asks the gate ('follow.manage': only the person themselves); the things followed are
// the registry's, found through its service.
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { getBody, getOrganisationSummary, getPlace, listBodies, organisationNames, placeOptions } from '../registry/service.js';
import { type Actor, assertCan } from './policy.js';
import { type FollowFrequency, type FollowKind, type FollowTopic, followFrequencies, followTopics } from './schema.js';

export interface FollowTarget {
  kind: FollowKind;
  id: number;
  name: string;
  /** Its own page. */
  href: string;
  /** For a body: the organisation it belongs to. */
  organisation: { id: number; name: string } | null;
  /** For an organisation: its boards, committees and groups (each can be followed on its own). */
  bodies: Array<{ id: number; name: string }>;
}

export interface FollowSettings {
  id: number;
  topics: FollowTopic[];
  frequency: FollowFrequency;
}

const columnOf = { place: 'place_id', organisation: 'organisation_id', body: 'body_id' } as const;

/** Where each kind's own page is, and where its follow form is. */
export const pagePrefix: Record<FollowKind, string> = { place: '/places', organisation: '/organisations', body: '/bodies' };
export const followSegment: Record<FollowKind, string> = { place: 'places', organisation: 'organisations', body: 'bodies' };
export const followPath = (kind: FollowKind, id: number) => `/following/${followSegment[kind]}/${id}`;

/** The place, organisation or body to follow, or "page not found". */
export async function followTarget(db: Db, kind: FollowKind, id: number): Promise<FollowTarget> {
  const href = `${pagePrefix[kind]}/${id}`;
  if (kind === 'organisation') {
    const organisation = await getOrganisationSummary(db, id);
    if (!organisation) throw new NotFoundError();
    const bodies = (await listBodies(db, id)).map((b) => ({ id: b.id, name: b.name }));
    return { kind, id, name: organisation.name, href, organisation: null, bodies };
  }
  if (kind === 'body') {
    const body = await getBody(db, id);
    if (!body) throw new NotFoundError();
    return { kind, id, name: body.name, href, organisation: { id: body.organisation.id, name: body.organisation.name }, bodies: [] };
  }
  const place = await getPlace(db, id, { organisationLimit: 0 });
  if (!place) throw new NotFoundError();
  return { kind, id, name: place.name, href, organisation: null, bodies: [] };
}

const topicsOf = (row: Record<FollowTopic, boolean>) => followTopics.filter((t) => row[t]);

/** The actor's follow of this thing, or null (and null for anyone signed out). */
export async function followOf(db: Db, actor: Actor, kind: FollowKind, id: number): Promise<FollowSettings | null> {
  if (actor.accountId === null || !isRecordId(id)) return null;
  const row = await db
    .selectFrom('follow')
    .select(['id', 'consultations', 'meetings', 'decisions', 'frequency'])
    .where('account_id', '=', actor.accountId)
    .where(columnOf[kind], '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, topics: topicsOf(row), frequency: row.frequency } : null;
}

export interface FollowInput {
  topics: string[];
  frequency: string;
}

/** Start following, or change what one hears about: 'started' or 'changed'. */
export async function saveFollow(db: Db, actor: Actor, kind: FollowKind, id: number, input: FollowInput): Promise<'started' | 'changed'> {
  assertCan(actor, 'follow.manage', { accountId: actor.accountId ?? undefined });
  await followTarget(db, kind, id);
  const errors: Record<string, string> = {};
  const topics = followTopics.filter((t) => input.topics.includes(t));
  if (!topics.length) errors.topics = 'Choose at least one thing to hear about';
  if (!(followFrequencies as readonly string[]).includes(input.frequency)) errors.frequency = 'Choose how often you want to hear';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const settings = {
    consultations: topics.includes('consultations'),
    meetings: topics.includes('meetings'),
    decisions: topics.includes('decisions'),
    frequency: input.frequency as FollowFrequency,
  };
  const accountId = actor.accountId as number;
  const before = await followOf(db, actor, kind, id);
  await db
    .insertInto('follow')
    .values({ account_id: accountId, place_id: null, organisation_id: null, body_id: null, [columnOf[kind]]: id, ...settings })
    .onConflict((oc) => oc.columns(['account_id', columnOf[kind]]).doUpdateSet({ ...settings, updated_at: new Date() }))
    .execute();
  return before ? 'changed' : 'started';
}

/** Stop following (the follow must be the actor's own: anyone else's is "not found"). */
export async function stopFollowing(db: Db, actor: Actor, followId: number): Promise<void> {
  const row = isRecordId(followId) ? await db.selectFrom('follow').select(['id', 'account_id']).where('id', '=', followId).executeTakeFirst() : undefined;
  if (!row) throw new NotFoundError();
  assertCan(actor, 'follow.manage', { accountId: row.account_id }, { hidden: true });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('follow').where('id', '=', followId).execute();
    // Someone who follows nothing any more gets no more email: drop what waited for their digest.
    const left = await trx.selectFrom('follow').select('id').where('account_id', '=', row.account_id).limit(1).executeTakeFirst();
    if (!left) await trx.deleteFrom('follow_delivery').where('account_id', '=', row.account_id).where('digest_id', 'is', null).execute();
  });
}

export interface FollowListItem extends FollowSettings {
  kind: FollowKind;
  name: string;
  href: string;
  formHref: string;
}

/** Everything the actor follows, places first, then organisations, then bodies, each by name. */
export async function listFollows(db: Db, actor: Actor): Promise<FollowListItem[]> {
  assertCan(actor, 'follow.manage', { accountId: actor.accountId ?? undefined });
  const rows = await db
    .selectFrom('follow')
    .select(['id', 'place_id', 'organisation_id', 'body_id', 'consultations', 'meetings', 'decisions', 'frequency'])
    .where('account_id', '=', actor.accountId as number)
    .execute();
  const orgIds = rows.flatMap((r) => (r.organisation_id === null ? [] : [r.organisation_id]));
  const organisations = new Map((await organisationNames(db, orgIds)).map((o) => [o.id, o.name]));
  const places = rows.some((r) => r.place_id !== null) ? new Map((await placeOptions(db)).map((p) => [p.id, p.name])) : new Map<number, string>();
  const items: FollowListItem[] = [];
  for (const r of rows) {
    const kind: FollowKind = r.place_id !== null ? 'place' : r.organisation_id !== null ? 'organisation' : 'body';
    const id = (r.place_id ?? r.organisation_id ?? r.body_id) as number;
    const name =
      kind === 'place'
        ? places.get(id)
        : kind === 'organisation'
          ? organisations.get(id)
          : await getBody(db, id).then((b) => (b ? `${b.name} (${b.organisation.name})` : undefined));
    items.push({
      id: r.id,
      kind,
      name: name ?? '',
      href: `${pagePrefix[kind]}/${id}`,
      formHref: followPath(kind, id),
      topics: topicsOf(r),
      frequency: r.frequency,
    });
  }
  const order: Record<FollowKind, number> = { place: 0, organisation: 1, body: 2 };
  return items.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
}

// Shared steps for tests that involve followers (this module's and the modules that tell them):
// a follow written directly, a small registry to follow, and what an account was sent. Used only
// by *.test.ts files.
import { createTestDatabase, type DatabaseKind } from '../../../test/testDatabase.js';
import type { Db } from '../../platform/database.js';
import { createVerifiedAccount } from '../accounts/service.js';
import type { FollowFrequency, FollowKind, FollowTopic } from './schema.js';

/** A follow, as if the person had saved the form (all topics and weekly unless given). */
export async function insertFollow(
  db: Db,
  follow: { accountId: number; kind: FollowKind; id: number; topics?: FollowTopic[]; frequency?: FollowFrequency },
): Promise<number> {
  const topics = follow.topics ?? ['consultations', 'meetings', 'decisions'];
  const row = await db
    .insertInto('follow')
    .values({
      account_id: follow.accountId,
      place_id: follow.kind === 'place' ? follow.id : null,
      organisation_id: follow.kind === 'organisation' ? follow.id : null,
      body_id: follow.kind === 'body' ? follow.id : null,
      consultations: topics.includes('consultations'),
      meetings: topics.includes('meetings'),
      decisions: topics.includes('decisions'),
      frequency: follow.frequency ?? 'weekly',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface SmallRegistry {
  /** A care system, an area inside it and a neighbourhood inside that. */
  system: number;
  area: number;
  neighbourhood: number;
  /** An organisation serving the area, with a board. */
  organisation: number;
  board: number;
  /** An organisation serving nowhere in particular. */
  other: number;
}

/** Places, organisations and a board, written directly (the registry's own pages are tested there). */
export async function insertSmallRegistry(db: Db, name = 'Test'): Promise<SmallRegistry> {
  const place = async (suffix: string, kind: 'integrated_care_system' | 'local_authority_area' | 'neighbourhood', parent: number | null) =>
    (
      await db
        .insertInto('place')
        .values({ name: `${name} ${suffix}`, kind, parent_id: parent })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const organisation = async (suffix: string) =>
    (
      await db
        .insertInto('organisation')
        .values({ name: `${name} ${suffix}`, type: 'nhs_trust', takes_nhs_money: true })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const system = await place('System', 'integrated_care_system', null);
  const area = await place('Area', 'local_authority_area', system);
  const neighbourhood = await place('Neighbourhood', 'neighbourhood', area);
  const trust = await organisation('Trust');
  const other = await organisation('Elsewhere Trust');
  await db.insertInto('organisation_place').values({ organisation_id: trust, place_id: area }).execute();
  const board = (
    await db
      .insertInto('body')
      .values({ organisation_id: trust, name: `${name} Trust Board`, kind: 'board' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  return { system, area, neighbourhood, organisation: trust, board, other };
}

/** The emails queued for an address, oldest first. */
export async function mailTo(db: Db, address: string): Promise<Array<{ subject: string; body: string }>> {
  const rows = await db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', address).orderBy('id').execute();
  return rows.map((r) => ({ subject: r.subject, body: r.body_text }));
}

/** Run `test` on a fresh database of this kind holding a small registry; the database goes afterwards. */
export async function withSmallRegistry(kind: DatabaseKind, name: string, test: (db: Db, registry: SmallRegistry) => Promise<void>): Promise<void> {
  const database = await createTestDatabase(kind);
  try {
    await test(database.db, await insertSmallRegistry(database.db, name));
  } finally {
    await database.close();
  }
}

/** A verified account to be told things: its id and (lower-case) email address. */
export async function person(db: Db, name: string): Promise<{ id: number; email: string }> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@followers.example`;
  return { id: await createVerifiedAccount(db, { email, password: 'correct horse battery', name }), email };
}

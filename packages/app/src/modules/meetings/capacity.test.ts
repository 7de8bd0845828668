// The room never over-books: many people registering at once for its last places, through two
// servers on one database (on PostgreSQL each request on its own connection, so the registrations
// really race), get exactly as many places as the room has; the rest are told it is full, and the
// count kept on the meeting matches the registrations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/testApp.js';
import { databaseKinds } from '../../../test/testDatabase.js';
import { ConflictError } from '../../platform/errors.js';
import type { App } from '../../platform/server.js';
import { buildServer } from '../index.js';
import { anonymous } from './policy.js';
import { createMeeting, registerToAttend } from './service.js';
import { boardWithAdmin, meetingFields } from './testKit.js';

describe.each(databaseKinds)('places in the room under concurrency on %s', (kind) => {
  let t: TestApp;
  let second: App;
  let board: Awaited<ReturnType<typeof boardWithAdmin>>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    second = await buildServer({ config: t.config, database: t.database, logger: false });
    await second.ready();
    board = await boardWithAdmin(t, 'Crowded Board');
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const newMeeting = (capacity: number) =>
    createMeeting({ db: t.db }, board.adminActor, { ...meetingFields(72, { capacity: String(capacity) }), bodyId: board.bodyId });

  it('gives 5 places to 5 of 24 people registering at once through the service', async () => {
    const meetingId = await newMeeting(5);
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        registerToAttend({ db: t.db }, anonymous, meetingId, { name: `Person ${i}`, email: `p${i}@example.org`, attendance: 'in_person', accessNeeds: '' }),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(refused.every((r) => r.reason instanceof ConflictError && r.reason.message === 'Every place in the room is taken. You can still join online.')).toBe(
      true,
    );
    const registered = await t.db.selectFrom('meeting_registration').select('id').where('meeting_id', '=', meetingId).execute();
    const meeting = await t.db.selectFrom('meeting').select('places_taken').where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect([registered.length, meeting.places_taken]).toEqual([5, 5]);
  });

  it('gives 3 places to 3 of 16 people posting the form at once to two servers', async () => {
    const meetingId = await newMeeting(3);
    const clients = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const client = t.client();
        await client.get(`/meetings/${meetingId}/register`);
        return { client, i };
      }),
    );
    // Each client's cookies and token, sent to one server or the other.
    const responses = await Promise.all(
      clients.map(async ({ client, i }) => {
        const server = i % 2 ? second : t.app;
        const form = new URLSearchParams({ _csrf: client.csrf, name: `Racer ${i}`, email: `racer${i}@example.org`, attendance: 'in_person', accessNeeds: '' });
        const cookie = `involve_csrf=${client.csrf}`;
        return server.inject({
          method: 'POST',
          url: `/meetings/${meetingId}/register`,
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: form.toString(),
        });
      }),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 303)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(13);
    const meeting = await t.db.selectFrom('meeting').select('places_taken').where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(meeting.places_taken).toBe(3);
  });
});

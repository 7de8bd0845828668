// Papers of a meeting's private part are never reachable by anyone but the organisation's staff
// allowed them (its admins), route by route and role by role: the meeting's page, the lists, the
// staff pages, the paper's address (404, exactly as for a paper that does not exist), the API and
// the three calendar feeds. Platform admins and moderators of the same organisation are refused too,
// as the policy says.
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../../test/fixtures.js';
import { describeWithTestApp, type TestClient } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson } from '../accounts/testKit.js';
import { createPlace } from '../registry/service.js';
import { type Board, boardWithAdmin, meetingWithPapers } from './testKit.js';

const secrets = ['Contract negotiation with Acme Health', 'Confidential Acme pricing', 'secret acme pricing'];

describeWithTestApp('private papers, route by role,', (t) => {
  let board: Board;
  let m: Awaited<ReturnType<typeof meetingWithPapers>>;
  let placeId: number;
  const roles: Array<{ role: string; client: () => TestClient; allowed: boolean }> = [];

  beforeAll(async () => {
    board = await boardWithAdmin(t, 'Private Papers Board');
    m = await meetingWithPapers(t, board);
    placeId = await createPlace({ db: t.db }, systemActor, { name: 'Papersville', kind: 'local_authority_area' });
    await t.db.insertInto('organisation_place').values({ organisation_id: board.organisationId, place_id: placeId }).execute();
    const otherOrganisation = await insertOrganisation(t.db, 'Another Trust');
    const signedIn = (await signedInPerson(t)).client;
    const otherStaff = (await signedInPerson(t, { roles: [{ organisationId: otherOrganisation, role: 'admin' }] })).client;
    const moderator = (await signedInPerson(t, { roles: [{ organisationId: board.organisationId, role: 'moderator' }] })).client;
    const platformAdmin = (await signedInPerson(t, { platformAdmin: true })).client;
    roles.push(
      { role: 'a visitor', client: () => t.client(), allowed: false },
      { role: 'a signed-in person', client: () => signedIn, allowed: false },
      { role: 'staff of another organisation', client: () => otherStaff, allowed: false },
      { role: 'a moderator of the body’s organisation', client: () => moderator, allowed: false },
      { role: 'a platform admin', client: () => platformAdmin, allowed: false },
      { role: 'an admin of the body’s organisation', client: () => board.admin, allowed: true },
    );
  });

  const pages = () => [
    `/meetings/${m.meetingId}`,
    `/meetings/${m.meetingId}/manage`,
    `/meetings/${m.meetingId}/minutes`,
    `/meetings/${m.meetingId}/question`,
    `/meetings/${m.meetingId}/register`,
    `/meetings?organisation=${board.organisationId}`,
    `/api/v1/meetings/${m.meetingId}`,
    `/api/v1/meetings?body=${board.bodyId}`,
    `/bodies/${board.bodyId}/meetings.ics`,
    `/organisations/${board.organisationId}/meetings.ics`,
    `/places/${placeId}/meetings.ics`,
  ];

  it('shows the private part only to the organisation’s admins, on every page, in the API and in every feed', async () => {
    const seen: string[] = [];
    for (const { role, client, allowed } of roles) {
      for (const url of pages()) {
        const response = await client().get(url);
        expect(response.statusCode, `${role} ${url}`).toBeLessThan(500);
        const shows = secrets.slice(0, 2).some((secret) => response.body.includes(secret));
        // The admin sees it on the meeting's page and the staff pages; nowhere public, whoever asks.
        const publicRoute = url.startsWith('/api/') || url.endsWith('.ics') || url.startsWith('/meetings?');
        if (shows) seen.push(`${role} ${url}`);
        expect(shows, `${role} ${url}`).toBe(allowed && !publicRoute && !/\/(question|register)$/.test(url));
      }
    }
    expect(seen.length).toBeGreaterThan(0);
  });

  it('serves the private paper only to the organisation’s admins; to everyone else it is not found, as a missing paper is', async () => {
    const missing = await t.client().get(`/meetings/${m.meetingId}/papers/2147483647`);
    expect(missing.statusCode).toBe(404);
    const missingHeading = /<h1[^>]*>([^<]*)<\/h1>/.exec(missing.body)?.[1];
    for (const { role, client, allowed } of roles) {
      const privatePaper = await client().get(`/meetings/${m.meetingId}/papers/${m.privatePaper}`);
      const publicPaper = await client().get(`/meetings/${m.meetingId}/papers/${m.publicPaper}`);
      expect(publicPaper.statusCode, `${role}: the public paper`).toBe(200);
      if (allowed) {
        expect(privatePaper.statusCode, role).toBe(200);
        expect(privatePaper.body).toContain('secret acme pricing');
      } else {
        expect(privatePaper.statusCode, role).toBe(404);
        expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(privatePaper.body)?.[1], role).toBe(missingHeading);
        expect(privatePaper.body).not.toContain('acme');
      }
      // The paper under another meeting's address is not found either, even for the admin.
      expect((await client().get(`/meetings/${m.meetingId + 1000}/papers/${m.privatePaper}`)).statusCode, role).toBe(404);
    }
  });
});

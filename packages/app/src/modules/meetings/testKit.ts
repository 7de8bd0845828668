// Shared steps for the meetings tests: an organisation with a board and its signed-in admin, and a
// meeting arranged through the service at a time relative to now. Used only by *.test.ts files.
import type { TestApp, TestClient } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson } from '../accounts/testKit.js';
import { createBody } from '../registry/service.js';
import type { Actor } from './policy.js';
import { londonParts } from './rules.js';
import { addItem, addPaper, createMeeting, publishPapers } from './service.js';

export interface Board {
  organisationId: number;
  bodyId: number;
  /** The organisation's admin: manages its meetings. */
  admin: TestClient;
  adminActor: Actor;
}

/** An organisation with a board, and its admin signed in. */
export async function boardWithAdmin(t: TestApp, name = 'Meeting Care Board'): Promise<Board> {
  const organisationId = await insertOrganisation(t.db, name);
  const { client: admin, accountId } = await signedInPerson(t, { roles: [{ organisationId, role: 'admin' }] });
  const adminActor: Actor = { accountId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
  const bodyId = await createBody({ db: t.db }, adminActor, organisationId, { name: `${name} board`, kind: 'board' });
  return { organisationId, bodyId, admin, adminActor };
}

/** The meeting form's fields for a meeting starting `hoursFromNow` hours from now, lasting two hours. */
export function meetingFields(hoursFromNow: number, extra: Partial<Record<string, string>> = {}) {
  const start = new Date(Date.now() + hoursFromNow * 3_600_000);
  start.setUTCMinutes(0, 0, 0);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const s = londonParts(start);
  const e = londonParts(end);
  // A meeting running past midnight ends on another day, and the form holds one day: keep it on the
  // day that keeps it on the same side of now (started an hour ago at 00:50 means 00:00 to 23:59
  // today, still on; not 23:00 to 23:59 yesterday, already over).
  const crossesMidnight = e.date !== s.date;
  const onEndDay = crossesMidnight && londonParts(new Date()).date !== s.date;
  return {
    title: 'Board meeting in public',
    summary: '',
    date: onEndDay ? e.date : s.date,
    startTime: onEndDay ? '00:00' : s.time,
    endTime: crossesMidnight ? '23:59' : e.time,
    venue: 'Council Chamber, Town Hall, 1 High Street',
    onlineUrl: 'https://meet.example.org/board',
    accessArrangements: 'Step-free access; hearing loop; BSL interpreter on request',
    questionWorkingDays: '0',
    capacity: '',
    ...extra,
  };
}

/**
 * A meeting with a public item and a private item, each with a paper, papers published: the
 * ids the tests look for, and the private paper's telltale title.
 */
export async function meetingWithPapers(t: TestApp, board: Board, hoursFromNow = 24 * 14) {
  const deps = { db: t.db };
  const meetingId = await createMeeting(deps, board.adminActor, { ...meetingFields(hoursFromNow), bodyId: board.bodyId });
  const publicItem = await addItem(deps, board.adminActor, meetingId, {
    title: 'Winter plan',
    presenter: 'Chief Executive',
    purpose: 'discussion',
    part: 'public',
  });
  const privateItem = await addItem(deps, board.adminActor, meetingId, {
    title: 'Contract negotiation with Acme Health',
    presenter: 'Director of Finance',
    purpose: 'decision',
    part: 'private',
  });
  const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`);
  const publicPaper = await addPaper(deps, board.adminActor, meetingId, {
    itemId: publicItem,
    title: 'Winter plan paper',
    fileName: 'winter.pdf',
    content: pdf('winter'),
  });
  const privatePaper = await addPaper(deps, board.adminActor, meetingId, {
    itemId: privateItem,
    title: 'Confidential Acme pricing',
    fileName: 'acme.pdf',
    content: pdf('secret acme pricing'),
  });
  await publishPapers(deps, board.adminActor, meetingId);
  return { meetingId, publicItem, privateItem, publicPaper, privatePaper };
}

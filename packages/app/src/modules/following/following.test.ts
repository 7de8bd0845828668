// Who hears about what: the rules as plain functions (one email per person per event, only the topics
// they chose, at once if any of their follows says so; the week a digest belongs to), then the service
// on a real database: what an event reaches (a body's organisation, an organisation's places, a
// place's parents), the emails queued at once, and the weekly digest, once per person per week.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { anonymous, systemActor } from '../../platform/permissions.js';
import { digestMail, immediateMail } from './mailText.js';
import { digestWeekOf, recipientsOf } from './recipients.js';
import { type FollowerNotice, notifyFollowers, sendWeeklyDigests } from './service.js';
import { insertFollow, insertSmallRegistry, mailTo, person, type SmallRegistry } from './testKit.js';

const follow = (accountId: number, topics: string, frequency: 'immediate' | 'weekly') => ({
  accountId,
  consultations: topics.includes('c'),
  meetings: topics.includes('m'),
  decisions: topics.includes('d'),
  frequency,
});

describe('who hears about an event', () => {
  it('tells each person once, only about topics they chose, at once if any of their follows says so', () => {
    const follows = [
      follow(1, 'cd', 'weekly'),
      follow(1, 'd', 'immediate'), // the same person through a second follow: one entry, at once
      follow(2, 'm', 'immediate'), // did not ask for decisions
      follow(3, 'cmd', 'weekly'),
      follow(3, 'd', 'weekly'),
    ];
    expect(Object.fromEntries(recipientsOf(follows, 'decisions'))).toEqual({ 1: 'immediate', 3: 'weekly' });
    expect(Object.fromEntries(recipientsOf(follows, 'meetings'))).toEqual({ 2: 'immediate', 3: 'weekly' });
    expect(recipientsOf([], 'consultations').size).toBe(0);
  });

  it('keys a digest by the Monday (England) whose 7am has passed, in winter and in summer time', () => {
    // Monday 1 March 2027, GMT: before 7am it is still the week of 22 February.
    expect(digestWeekOf(new Date('2027-03-01T06:59:00Z'))).toEqual({ weekOf: '2027-02-22', cutoff: new Date('2027-02-22T07:00:00Z') });
    expect(digestWeekOf(new Date('2027-03-01T07:00:00Z'))).toEqual({ weekOf: '2027-03-01', cutoff: new Date('2027-03-01T07:00:00Z') });
    // Sunday night, and Wednesday: the Monday before.
    expect(digestWeekOf(new Date('2027-03-07T23:30:00Z')).weekOf).toBe('2027-03-01');
    expect(digestWeekOf(new Date('2027-03-03T12:00:00Z')).weekOf).toBe('2027-03-01');
    // Monday 7 June 2027, British Summer Time: 7am is 06:00 UTC.
    expect(digestWeekOf(new Date('2027-06-07T05:59:00Z')).weekOf).toBe('2027-05-31');
    expect(digestWeekOf(new Date('2027-06-07T06:30:00Z'))).toEqual({ weekOf: '2027-06-07', cutoff: new Date('2027-06-07T06:00:00Z') });
  });

  it('ends every email with where to change or stop what you follow', () => {
    const item = { topic: 'decisions' as const, subject: 'Decision: the clinic moves', summary: 'In June.', link: 'https://involve.example/decisions/1' };
    const once = immediateMail('Sam', item, 'https://involve.example/following');
    expect(once.subject).toBe('Decision: the clinic moves');
    expect(once.text.trimEnd().endsWith('https://involve.example/following')).toBe(true);
    const digest = digestMail('Sam', [item, { ...item, topic: 'consultations', subject: 'New consultation: parking' }], 'https://involve.example/following');
    expect(digest.subject).toBe('Your weekly update from Involve: 2 new items');
    expect(digest.text.indexOf('New consultations')).toBeLessThan(digest.text.indexOf('Decisions'));
    expect(digest.text.trimEnd().endsWith('https://involve.example/following')).toBe(true);
  });
});

describeWithTestDatabase('telling followers', (database) => {
  let r: SmallRegistry;
  const people: Record<string, { id: number; email: string }> = {};
  const deps = () => ({ db: database.db, config: { publicUrl: 'https://involve.example' } });
  const digestJob = systemActor('following weekly digest');
  const nextWeek = () => new Date(Date.now() + 8 * 86_400_000);

  beforeAll(async () => {
    r = await insertSmallRegistry(database.db);
    for (const name of ['both', 'system', 'elsewhere', 'meetingsOnly', 'quitter']) people[name] = await person(database.db, name);
    const id = (name: string) => people[name]?.id as number;
    // Follows the trust at once for decisions, and its board weekly: one email per event, at once.
    await insertFollow(database.db, {
      accountId: id('both'),
      kind: 'organisation',
      id: r.organisation,
      topics: ['consultations', 'decisions'],
      frequency: 'immediate',
    });
    await insertFollow(database.db, { accountId: id('both'), kind: 'body', id: r.board, topics: ['meetings', 'decisions'], frequency: 'weekly' });
    // Follows the care system the trust's area is in: hears about the trust, weekly.
    await insertFollow(database.db, { accountId: id('system'), kind: 'place', id: r.system, frequency: 'weekly' });
    await insertFollow(database.db, { accountId: id('elsewhere'), kind: 'organisation', id: r.other, frequency: 'immediate' });
    await insertFollow(database.db, { accountId: id('meetingsOnly'), kind: 'organisation', id: r.organisation, topics: ['meetings'], frequency: 'immediate' });
    await insertFollow(database.db, { accountId: id('quitter'), kind: 'place', id: r.neighbourhood, frequency: 'weekly' });
  });

  it('emails a person who follows two of the things a decision is about once, and leaves weekly followers to the digest', async () => {
    const told = await notifyFollowers(deps(), {
      about: [
        { kind: 'organisation', id: r.organisation },
        { kind: 'body', id: r.board },
      ],
      topic: 'decisions',
      subject: 'Decision: the clinic moves to the hospital',
      summary: 'The board decided on 3 March.',
      link: '/decisions/7',
    });
    expect(told).toMatchObject({ emailed: 1, forDigest: 1 });
    const mail = await mailTo(database.db, people.both?.email as string);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('Decision: the clinic moves to the hospital');
    expect(mail[0]?.body).toContain('https://involve.example/decisions/7');
    expect(mail[0]?.body.trimEnd().endsWith('https://involve.example/following')).toBe(true);
    // Asked for meetings only; follows elsewhere; follows a neighbourhood the trust does not serve.
    for (const name of ['meetingsOnly', 'elsewhere', 'quitter', 'system']) expect(await mailTo(database.db, people[name]?.email as string), name).toEqual([]);
    const deliveries = await database.db.selectFrom('follow_delivery').select(['account_id', 'frequency']).where('event_id', '=', told.eventId).execute();
    expect(deliveries.sort((a, b) => a.account_id - b.account_id)).toEqual(
      [
        { account_id: people.both?.id, frequency: 'immediate' },
        { account_id: people.system?.id, frequency: 'weekly' },
      ].sort((a, b) => (a.account_id as number) - (b.account_id as number)),
    );
  });

  it("reaches an organisation's followers from its board, and a place's followers from inside it", async () => {
    const tell = (about: FollowerNotice['about'], topic: FollowerNotice['topic'], subject: string, link: string) =>
      notifyFollowers(deps(), { about, topic, subject, summary: '', link });
    const meeting = await tell([{ kind: 'body', id: r.board }], 'meetings', 'Papers published: board meeting', '/meetings/1');
    // meetingsOnly (the trust, at once) by email; both (the board, weekly) and system in the digest.
    expect(meeting).toMatchObject({ emailed: 1, forDigest: 2 });
    expect((await mailTo(database.db, people.meetingsOnly?.email as string)).map((m) => m.subject)).toEqual(['Papers published: board meeting']);
    const consultation = await tell([{ kind: 'place', id: r.neighbourhood }], 'consultations', 'New consultation: parking at the surgery', '/consultations/3');
    // The neighbourhood's followers and its area's system's; not the trust's (it is about a place).
    expect(consultation).toMatchObject({ emailed: 0, forDigest: 2 });
    const nobody = await tell([{ kind: 'place', id: 2_000_000_000 }], 'decisions', 'x', '/x');
    expect(nobody).toMatchObject({ emailed: 0, forDigest: 0 });
    await expect(notifyFollowers(deps(), { about: [], topic: 'decisions', subject: 'x', summary: '', link: 'https://elsewhere.example' })).rejects.toThrow(
      /path of Involve/,
    );
  });

  it('sends each weekly follower one digest of the week, once, and none before Monday', async () => {
    expect((await sendWeeklyDigests(deps(), digestJob, new Date())).sent).toBe(0); // this week's events wait for next Monday
    await expect(sendWeeklyDigests(deps(), anonymous, nextWeek())).rejects.toThrow();
    expect(await sendWeeklyDigests(deps(), digestJob, nextWeek())).toEqual({ sent: 3 });
    expect(await sendWeeklyDigests(deps(), digestJob, nextWeek())).toEqual({ sent: 0 });
    const system = await mailTo(database.db, people.system?.email as string);
    expect(system.map((m) => m.subject)).toEqual(['Your weekly update from Involve: 3 new items']);
    expect(system[0]?.body).toContain('Decision: the clinic moves to the hospital');
    expect(system[0]?.body).toContain('https://involve.example/consultations/3');
    const both = await mailTo(database.db, people.both?.email as string);
    expect(both.map((m) => m.subject)).toEqual(['Decision: the clinic moves to the hospital', 'Your weekly update from Involve: 1 new item']);
    expect(both[1]?.body).toContain('Papers published: board meeting');
    expect(both[1]?.body).not.toContain('the clinic moves');
  });
});

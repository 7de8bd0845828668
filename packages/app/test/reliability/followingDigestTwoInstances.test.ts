// Two app instances on one PostgreSQL database send each weekly digest of the following module
// exactly once, through one real SMTP server: both run the digest at the same moment (the job's
// lease bypassed, as when a lease lapses), and each person's digest row, unique per person and week,
// decides which instance sends it. Then both mail senders deliver the outbox at once.
import { afterAll, describe, expect, it } from 'vitest';
import { createVerifiedAccount } from '../../src/modules/accounts/service.js';
import { notifyFollowers, sendWeeklyDigests } from '../../src/modules/following/service.js';
import { insertFollow, insertSmallRegistry } from '../../src/modules/following/testKit.js';
import '../../src/modules/index.js';
import { type DatabaseHandle, openDatabase } from '../../src/platform/database.js';
import { createMailSender, type MailSender } from '../../src/platform/mail.js';
import { systemActor } from '../../src/platform/permissions.js';
import { TestMailServer } from '../mailServer.js';
import { createPino } from '../testLogger.js';
import { sharedPostgresDatabase } from './sharedDatabase.js';

const people = 40;
const eventsPerWeek = 4;

describe.runIf(process.env.TEST_DATABASE_URL)('weekly digests from two instances on one PostgreSQL database', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(`send each of ${people} people one digest a week, twice over, both instances at once`, async () => {
    const shared = await sharedPostgresDatabase('digest2');
    cleanups.push(() => shared.drop());
    const databaseUrl = shared.url;
    const mailServer = new TestMailServer();
    const smtpUrl = await mailServer.start();
    cleanups.push(() => mailServer.stop());
    const instances: Array<{ database: DatabaseHandle; mail: MailSender }> = [];
    for (let i = 0; i < 2; i++) {
      const database = await openDatabase({ databaseUrl });
      const mail = createMailSender(database.db, smtpUrl, 'involve@test.example', createPino());
      instances.push({ database, mail });
      cleanups.push(async () => {
        mail.close();
        await database.close();
      });
    }
    const db = instances[0]?.database.db as DatabaseHandle['db'];
    const config = { publicUrl: 'https://involve.example' };

    // Everyone follows the care system weekly; every third person also the trust (still one digest).
    const r = await insertSmallRegistry(db, 'Digest');
    for (let n = 0; n < people; n++) {
      const accountId = await createVerifiedAccount(db, { email: `reader${n}@digest.example`, password: 'correct horse battery', name: `Reader ${n}` });
      await insertFollow(db, { accountId, kind: 'place', id: r.system, frequency: 'weekly' });
      if (n % 3 === 0) await insertFollow(db, { accountId, kind: 'organisation', id: r.organisation, frequency: 'weekly' });
    }

    const job = systemActor('following weekly digest');
    for (const [week, now] of [
      [1, new Date(Date.now() + 8 * 86_400_000)],
      [2, new Date(Date.now() + 15 * 86_400_000)],
    ] as const) {
      for (let e = 0; e < eventsPerWeek; e++) {
        await notifyFollowers(
          { db: instances[e % 2]?.database.db as DatabaseHandle['db'], config },
          {
            about: [{ kind: 'organisation', id: r.organisation }],
            topic: 'decisions',
            subject: `Week ${week} decision ${e}`,
            summary: '',
            link: `/decisions/${e}`,
          },
        );
      }
      const sentBy = await Promise.all(instances.map((i) => sendWeeklyDigests({ db: i.database.db, config }, job, now)));
      expect(
        sentBy.reduce((sum, s) => sum + s.sent, 0),
        `week ${week}`,
      ).toBe(people);
      console.log(`week ${week}: digests sent by each instance: ${sentBy.map((s) => s.sent).join(' and ')}`);
      // Run again from both: nothing more this week.
      const again = await Promise.all(instances.map((i) => sendWeeklyDigests({ db: i.database.db, config }, job, now)));
      expect(again.map((s) => s.sent)).toEqual([0, 0]);

      const pending = async () =>
        Number(
          (
            await db
              .selectFrom('mail_outbox')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('status', '=', 'pending')
              .executeTakeFirstOrThrow()
          ).n,
        );
      await Promise.all(
        instances.map(async (i) => {
          const deadline = Date.now() + 120_000;
          while ((await pending()) && Date.now() < deadline) await i.mail.sendDue();
        }),
      );
      const digests = mailServer.received.filter((m) => m.subject.startsWith('Your weekly update'));
      expect(digests).toHaveLength(people * week);
      const thisWeek = digests.filter((m) => m.text.includes(`Week ${week} decision 0`));
      const perPerson = new Map<string, number>();
      for (const m of thisWeek) perPerson.set(m.to.join(), (perPerson.get(m.to.join()) ?? 0) + 1);
      expect(perPerson.size, `week ${week}`).toBe(people);
      expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
      for (const m of thisWeek) {
        for (let e = 0; e < eventsPerWeek; e++) expect(m.text).toContain(`Week ${week} decision ${e}`);
        expect(m.text).not.toContain(`Week ${week - 1} decision`);
        expect(m.text).toContain('https://involve.example/following');
      }
    }
  }, 300_000);
});

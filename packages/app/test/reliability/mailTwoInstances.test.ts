// Two app instances on one PostgreSQL database send each email exactly once (issue 12's reliability
// suite, defect 5): 1,000 emails are queued, both instances' mail senders run at the same time
// against one real SMTP server, and every email arrives once — counted by a unique id in its subject.
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/modules/index.js';
import { loadConfig } from '../../src/platform/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/platform/database.js';
import { createMailSender, enqueueMail, type MailSender } from '../../src/platform/mail.js';
import type { App } from '../../src/platform/server.js';
import { TestMailServer } from '../mailServer.js';
import { createPino } from '../testLogger.js';
import { sharedPostgresDatabase } from './sharedDatabase.js';

const emails = 1000;

interface Instance {
  database: DatabaseHandle;
  app: App;
  mail: MailSender;
}

async function startInstance(databaseUrl: string, smtpUrl: string): Promise<Instance> {
  const database = await openDatabase({ databaseUrl });
  const config = loadConfig({ DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl, INVOLVE_DEMO: '0', LOG_LEVEL: 'silent' });
  const mail = createMailSender(database.db, smtpUrl, config.mailFrom, createPino());
  const app = await buildServer({ config, database, logger: false, kickMail: () => void mail.sendDue() });
  await app.ready();
  return { database, app, mail };
}

describe.runIf(process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL database', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(`deliver each of ${emails} queued emails exactly once, both senders running at once`, async () => {
    const shared = await sharedPostgresDatabase('mail2');
    cleanups.push(() => shared.drop());
    const databaseUrl = shared.url;
    const mailServer = new TestMailServer();
    const smtpUrl = await mailServer.start();
    cleanups.push(() => mailServer.stop());

    const instances = [await startInstance(databaseUrl, smtpUrl), await startInstance(databaseUrl, smtpUrl)];
    for (const instance of instances) {
      cleanups.push(async () => {
        await instance.app.close();
        instance.mail.close();
        await instance.database.close();
      });
      expect((await instance.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    }

    // Queued through both instances, as their requests would.
    for (let n = 0; n < emails; n++) {
      await enqueueMail(instances[n % 2]?.database.db as DatabaseHandle['db'], {
        to: `person${n % 37}@two.example`,
        subject: `Reliability mail ${n}`,
        text: `Mail number ${n} of ${emails}.`,
      });
    }

    // Both senders at once, each sending until nothing is left, as two instances' mail jobs would.
    const pending = () =>
      instances[0]?.database.db
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
    const sendUntilDone = async (mail: MailSender) => {
      const deadline = Date.now() + 480_000;
      let sent = 0;
      while ((await pending())?.n && Date.now() < deadline) sent += await mail.sendDue();
      return sent;
    };
    const started = Date.now();
    const sentBy = await Promise.all(instances.map((instance) => sendUntilDone(instance.mail)));
    const seconds = (Date.now() - started) / 1000;

    const counts = new Map<number, number>();
    for (const mail of mailServer.received) {
      const n = Number(/Reliability mail (\d+)/.exec(mail.subject)?.[1]);
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const duplicates = [...counts.values()].filter((c) => c > 1).length;
    console.log(
      `${emails} emails, two instances: ${mailServer.received.length} SMTP deliveries, ${duplicates} sent more than once, in ${seconds.toFixed(1)} s (sent by each: ${sentBy.join(' and ')})`,
    );
    expect(Array.from({ length: emails }, (_, n) => n).filter((n) => counts.get(n) !== 1)).toEqual([]);
    expect(mailServer.received.length).toBe(emails);
    // Both really sent, at the same time.
    expect(sentBy.every((n) => n > 0)).toBe(true);
    const rows = await instances[0]?.database.db.selectFrom('mail_outbox').select(['status', 'attempts']).execute();
    expect(rows?.filter((r) => r.status !== 'sent' || r.attempts !== 1)).toEqual([]);
  }, 600_000);
});

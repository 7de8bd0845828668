// The mail sender claims outbox rows before sending them (issue 12, defect 5): a row another sender
// has claimed is left alone while the claim lasts and sent once it has expired (that sender died);
// a claim is renewed while a long batch is still being sent.
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestMailServer } from '../../test/mailServer.js';
import { createTestDatabase, databaseKinds } from '../../test/testDatabase.js';
import { createPino } from '../../test/testLogger.js';
import type { DatabaseHandle } from './database.js';
import { createMailSender, enqueueMail, type MailSender } from './mail.js';

describe.each(databaseKinds)('mail sender claims on %s', (kind) => {
  let database: DatabaseHandle;
  const mailServer = new TestMailServer();
  let smtpUrl: string;
  const senders: MailSender[] = [];
  const sender = (options: Parameters<typeof createMailSender>[4] = {}) => {
    const made = createMailSender(database.db, smtpUrl, 'Involve <no-reply@involve.localhost>', createPino(), options);
    senders.push(made);
    return made;
  };
  beforeAll(async () => {
    smtpUrl = await mailServer.start();
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    for (const s of senders) s.close();
    await database?.close();
    await mailServer.stop();
  });
  const received = (subject: string) => mailServer.received.filter((m) => m.subject === subject).length;

  it('leaves a row another sender has claimed, and sends it once that claim has expired', async () => {
    await enqueueMail(database.db, { to: 'claimed@example.org', subject: 'Claimed elsewhere', text: 'Once only.' });
    const row = await database.db.selectFrom('mail_outbox').select('id').where('subject', '=', 'Claimed elsewhere').executeTakeFirstOrThrow();
    // Another instance claimed it and died before sending.
    await database.db
      .updateTable('mail_outbox')
      .set({ claimed_by: 'a crashed instance', claimed_until: sql<Date>`now() + interval '1 minute'` })
      .where('id', '=', row.id)
      .execute();
    await sender().sendDue();
    expect(received('Claimed elsewhere')).toBe(0);
    await database.db.updateTable('mail_outbox').set({ claimed_until: sql<Date>`now() - interval '1 second'` }).where('id', '=', row.id).execute();
    expect(await sender().sendDue()).toBe(1);
    expect(received('Claimed elsewhere')).toBe(1);
    expect(
      await database.db
        .selectFrom('mail_outbox')
        .select(['status', 'attempts', 'claimed_by', 'claimed_until'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'sent',
      attempts: 1,
      claimed_by: null,
      claimed_until: null,
    });
  });

  it('renews its claim while a long batch is still being sent, so nothing is sent twice', async () => {
    // An SMTP server that takes 250 ms to accept each email: 20 take 5 s in all, against claims of
    // 2 s. Without renewal the other sender, trying all along, would find them expired and send too.
    const slowServer = await slowSmtpServer(250);
    try {
      for (let n = 0; n < 20; n++) await enqueueMail(database.db, { to: 'long@example.org', subject: `Long batch ${n}`, text: 'Once only.' });
      const slow = createMailSender(database.db, slowServer.url, 'Involve <no-reply@involve.localhost>', createPino(), { claimMs: 2000, batchSize: 20 });
      const other = createMailSender(database.db, slowServer.url, 'Involve <no-reply@involve.localhost>', createPino(), { claimMs: 2000, batchSize: 20 });
      let done = false;
      const started = Date.now();
      const first = slow.sendDue().finally(() => (done = true));
      let sentByOther = 0;
      while (!done) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        sentByOther += await other.sendDue();
      }
      slow.close();
      other.close();
      expect(Date.now() - started).toBeGreaterThan(4000);
      expect((await first) + sentByOther).toBe(20);
      for (let n = 0; n < 20; n++) expect(slowServer.subjects.filter((s) => s === `Long batch ${n}`).length, `Long batch ${n}`).toBe(1);
    } finally {
      await slowServer.stop();
    }
  });

  it('lets a row SMTP refused go back to the outbox for a later try', async () => {
    await enqueueMail(database.db, { to: 'refused@example.org', subject: 'Refused once', text: 'Later.' });
    mailServer.refuse = true;
    await sender().sendDue();
    mailServer.refuse = false;
    const row = await database.db.selectFrom('mail_outbox').selectAll().where('subject', '=', 'Refused once').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, claimed_by: null, claimed_until: null });
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
  });
});

/** An SMTP server that waits `delayMs` before accepting each email, and keeps their subjects. */
async function slowSmtpServer(delayMs: number): Promise<{ url: string; subjects: string[]; stop(): Promise<void> }> {
  const subjects: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        subjects.push(/^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString('utf8'))?.[1]?.trim() ?? '');
        setTimeout(() => callback(), delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, subjects, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

// Mail is kept in the outbox and retried while SMTP refuses it; platform admins read the outbox.
import { describe, expect, it } from 'vitest';
import { TestMailServer } from '../../../test/mailServer.js';
import { useTestApp } from '../../../test/testApp.js';
import { databaseKinds } from '../../../test/testDatabase.js';
import { linkify, mailParagraphs } from './outbox.js';
import { signedInPerson } from './testKit.js';

describe.each(databaseKinds)('mail outbox on %s', (kind) => {
  const mailServer = new TestMailServer();
  const t = useTestApp(kind, { mailServer });

  it('keeps mail SMTP refuses, shows the error to admins, and delivers it on a later try', async () => {
    const { email } = await signedInPerson(t);
    mailServer.refuse = true;
    const client = t.client();
    await client.get('/forgot-password');
    await client.post('/forgot-password', { email });
    await t.mail?.sendDue();
    const pending = await t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.last_error).toContain('mailbox unavailable');
    expect(pending.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is tried.
    await t.mail?.sendDue();
    expect((await t.db.selectFrom('mail_outbox').select('attempts').where('id', '=', pending.id).executeTakeFirstOrThrow()).attempts).toBe(1);

    const { client: admin } = await signedInPerson(t, { platformAdmin: true });
    const list = await admin.get('/admin/outbox');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Reset your Involve password');
    expect(list.body).toContain('mailbox unavailable');
    expect(list.body).toContain('Pending');

    mailServer.refuse = false;
    await t.db
      .updateTable('mail_outbox')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('id', '=', pending.id)
      .execute();
    const mail = await mailServer.waitFor(email, () => t.mail?.sendDue());
    expect(mail.subject).toBe('Reset your Involve password');
    const sent = await t.db.selectFrom('mail_outbox').selectAll().where('id', '=', pending.id).executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('lets platform admins read each email, never with a link that grants access, and nobody else', async () => {
    const { email } = await signedInPerson(t);
    const client = t.client();
    await client.get('/forgot-password');
    await client.post('/forgot-password', { email });
    const row = await t.db.selectFrom('mail_outbox').select('id').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();

    const { client: admin } = await signedInPerson(t, { platformAdmin: true });
    const page = await admin.get(`/admin/outbox/${row.id}`);
    expect(page.statusCode).toBe(200);
    // The reset link would let whoever reads the outbox take over the account: it is hidden.
    // The person receives the link; once sent, the outbox keeps only the masked text.
    const received = await mailServer.waitFor(email, () => t.mail?.sendDue());
    const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(received.text)?.[1] as string;
    const kept = await t.db.selectFrom('mail_outbox').select(['body_text', 'status']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(kept.status).toBe('sent');
    expect(kept.body_text).not.toContain(token);
    expect(token.length).toBeGreaterThan(20);
    expect(page.body).not.toContain(token);
    expect(page.body).not.toMatch(/reset-password\//);
    expect(page.body).toContain('[link hidden: it is for the recipient only]');
    expect(page.body).toContain('Reset your Involve password');
    expect((await admin.get('/admin/outbox/999999')).statusCode).toBe(404);

    const { client: someone } = await signedInPerson(t);
    expect((await someone.get('/admin/outbox')).statusCode).toBe(403);
    expect((await someone.get(`/admin/outbox/${row.id}`)).statusCode).toBe(403);
    const visitor = await t.client().get(`/admin/outbox/${row.id}`);
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe(`/sign-in?next=%2Fadmin%2Foutbox%2F${row.id}`);
  });
});

describe('showing an email as HTML', () => {
  it('splits text into paragraphs, lines and links, leaving trailing punctuation out of links', () => {
    expect(linkify('Go to https://example.org/a?b=1. Then stop')).toEqual([
      { text: 'Go to ' },
      { text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { text: '. Then stop' },
    ]);
    expect(mailParagraphs('Hello,\r\n\r\nLine one\nhttp://x.test/y\n\n\n')).toEqual([
      [[{ text: 'Hello,' }]],
      [[{ text: 'Line one' }], [{ text: 'http://x.test/y', href: 'http://x.test/y' }]],
    ]);
  });
});

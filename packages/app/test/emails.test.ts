// Every email greets the person by the name they gave and is sent with a plain-text part: several
// kinds, from several modules, read back from a real SMTP server as Involve sends them. Sign-up
// (the name typed on the form), a password reset, a story's receipt and the moderators' notice, an
// organisation's response with a change (one email saying what changed), and a meeting registration
// (a name typed by someone with no account). And no email text left in the code opens with "Hello".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, insertOrganisation, signedInPerson } from '../src/modules/accounts/testKit.js';
import { insertPublishedStory } from '../src/modules/feedback/testKit.js';
import { enqueueMail, greeting } from '../src/platform/mail.js';
import { type ReceivedMail, TestMailServer } from './mailServer.js';
import { useTestApp } from './testApp.js';
import { databaseKinds } from './testDatabase.js';

const modulesDir = fileURLToPath(new URL('../src/modules', import.meta.url));

/** A plain-text email as it arrived: one text/plain part that opens with the greeting. */
function expectGreetedInPlainText(mail: ReceivedMail, name: string): void {
  expect(mail.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/im);
  expect(mail.raw).not.toMatch(/^Content-Type: text\/html/im);
  expect(mail.text.trimStart()).toMatch(new RegExp(`^Dear ${name},\\r?\\n`));
  expect(mail.text).not.toMatch(/^Hello/m);
}

describe.each(databaseKinds)('emails read from the SMTP server on %s', (kind) => {
  const mailServer = new TestMailServer();
  const t = useTestApp(kind, { mailServer, env: { PUBLIC_URL: 'http://involve.test' } });
  const arrived = (to: string, subjectHas: string) =>
    mailServer.waitForMatching(
      to,
      (m) => m.subject.includes(subjectHas),
      () => t.mail?.sendDue(),
    );
  let organisationId: number;

  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Greenway Medical Practice');
  });

  it('greets by the name given on the sign-up form, and again for a password reset', async () => {
    const client = t.client();
    await client.get('/sign-up');
    const signUp = await client.post('/sign-up', {
      name: 'Asha Begum',
      displayName: '',
      email: 'asha.begum@example.org',
      password: goodPassword,
      confirmPassword: goodPassword,
    });
    expect(signUp.statusCode).toBe(303);
    expectGreetedInPlainText(await arrived('asha.begum@example.org', 'Confirm'), 'Asha Begum');

    await client.get('/forgot-password');
    expect((await client.post('/forgot-password', { email: 'asha.begum@example.org' })).statusCode).toBe(303);
    expectGreetedInPlainText(await arrived('asha.begum@example.org', 'password'), 'Asha Begum');
  });

  it("greets a story's author and its moderators by name, and sends one email for a response with a change", async () => {
    const author = await signedInPerson(t, { name: 'Tom Okafor' });
    const moderator = await signedInPerson(t, { name: 'Mina Shah', roles: [{ organisationId, role: 'moderator' }] });
    const responder = await signedInPerson(t, { name: 'Rae Lewis', roles: [{ organisationId, role: 'responder' }] });
    await author.client.get(`/stories/new?organisation=${organisationId}`);
    const told = await author.client.post('/stories/new', {
      organisationId: String(organisationId),
      title: 'Seen quickly',
      whatHappened: 'The nurse saw me within ten minutes.',
      happenedMonth: new Date().toISOString().slice(0, 7),
      authorRole: 'patient',
      displayName: 'A patient',
      action: 'send',
    });
    expect(told.statusCode).toBe(303);
    expectGreetedInPlainText(await arrived(author.email, 'We have your story'), 'Tom Okafor');
    expectGreetedInPlainText(await arrived(moderator.email, 'A new story to moderate'), 'Mina Shah');

    const storyId = await insertPublishedStory(t.db, { organisationId, authorAccountId: author.accountId, title: 'Parking was hard' });
    await responder.client.get(`/stories/${storyId}`);
    const answered = await responder.client.post(`/stories/${storyId}/responses`, {
      body: 'Thank you. We have listened.',
      signedName: 'Rae Lewis',
      signedRole: 'Practice manager',
      changeStatus: 'planned',
      changeDescription: 'Ten more parking spaces from June.',
    });
    expect(answered.statusCode).toBe(303);
    const response = await arrived(author.email, 'has responded to your story');
    expectGreetedInPlainText(response, 'Tom Okafor');
    expect(response.subject).toContain('with a change planned');
    expect(response.text).toContain('Ten more parking spaces from June.');
    await t.mail?.sendDue();
    expect(mailServer.received.filter((m) => m.to.includes(author.email) && /change/i.test(m.subject))).toHaveLength(1);
  });

  it('greets by the name as given, tidied, and refuses an email with no text', async () => {
    expect(greeting('  Asha \n Begum ')).toBe('Dear Asha Begum,');
    expect(greeting('')).toBe('Dear reader,');
    await expect(enqueueMail(t.db, { to: 'nobody@example.org', subject: 'Empty', text: ' \n' })).rejects.toThrow('must have a text part');
  });

  it('leaves no email in the code opening with "Hello" and no name', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(full);
      }
    };
    walk(modulesDir);
    const anonymous = files.filter((f) => /`Hello,|'Hello,'|Hello \$\{/.test(readFileSync(f, 'utf8'))).map((f) => path.relative(modulesDir, f));
    expect(anonymous).toEqual([]);
  });
});

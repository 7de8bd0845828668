// A person's rights over HTTP (issue 19): changing the email address (the link arrives at the new
// address over real SMTP, the old address is told), the data page and its JSON download, and closing
// an account: what the privacy notice says goes is gone, what it says is kept is there. Bad input
// is named by field and changes nothing.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { TestMailServer } from '../../../test/mailServer.js';
import { type TestApp, useTestApp } from '../../../test/testApp.js';
import { databaseKinds } from '../../../test/testDatabase.js';
import { hashPassword } from '../../platform/auth.js';
import { insertPublishedStory } from '../feedback/testKit.js';
import { loadDemoHealthSystem } from '../index.js';
import { goodPassword, linkIn, pathOf, signedInPerson, summaryErrors } from './testKit.js';

/** Sign in as an existing (demo) account, after giving it a password the test knows. */
async function signInAs(t: TestApp, accountId: number) {
  const { email } = await t.db
    .updateTable('account')
    .set({ password_hash: await hashPassword(goodPassword) })
    .where('id', '=', accountId)
    .returning('email')
    .executeTakeFirstOrThrow();
  const client = t.client();
  await client.get('/sign-in');
  const response = await client.post('/sign-in', { email, password: goodPassword });
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
  return { client, email };
}

describe.each(databaseKinds)("a person's rights on %s", (kind) => {
  const mailServer = new TestMailServer();
  const t = useTestApp(kind, { mailServer, env: { PUBLIC_URL: 'http://involve.test' } });
  const kick = () => t.mail?.sendDue();

  describe('changing the email address', () => {
    it('sends a link to the new address; following it changes the address and tells the old one', async () => {
      const { client, email, accountId } = await signedInPerson(t, { name: 'Mary Seacole' });
      expect((await client.get('/account')).body).toContain('href="/account/email"');
      expect((await client.get('/account/email')).statusCode).toBe(200);
      const sent = await client.post('/account/email', { newEmail: 'Mary.New@Example.org', password: goodPassword });
      expect(sent.statusCode).toBe(200);
      expect(sent.body).toContain('mary.new@example.org');
      // Nothing changes until the link is followed.
      expect((await t.db.selectFrom('account').select('email').where('id', '=', accountId).executeTakeFirstOrThrow()).email).toBe(email);

      const confirm = await mailServer.waitFor('mary.new@example.org', kick);
      expect(confirm.subject).toBe('Confirm your new email address for Involve');
      expect(confirm.text).toContain('Dear Mary Seacole');
      const link = pathOf(linkIn(confirm.text, '/account/email/confirm/'));
      const changed = await t.client().get(link);
      expect(changed.statusCode).toBe(200);
      expect(changed.body).toContain('Your email address has been changed');
      expect((await t.db.selectFrom('account').select('email').where('id', '=', accountId).executeTakeFirstOrThrow()).email).toBe('mary.new@example.org');

      const told = await mailServer.waitFor(email, kick);
      expect(told.subject).toBe('Your Involve email address has been changed');
      expect(told.text).toContain('mary.new@example.org');
      // The link works once.
      expect((await t.client().get(link)).statusCode).toBe(410);
      // Signing in takes the new address.
      const again = t.client();
      await again.get('/sign-in');
      expect((await again.post('/sign-in', { email: 'mary.new@example.org', password: goodPassword })).statusCode).toBe(303);
    });

    it('names each wrong field and sends nothing', async () => {
      const { client, email } = await signedInPerson(t);
      await client.get('/account/email');
      const cases: Array<[Record<string, string>, Record<string, string>]> = [
        [{}, { newEmail: 'Enter your new email address', password: 'Enter your password' }],
        [
          { newEmail: 'not an address', password: 'wrong password' },
          { newEmail: 'Enter an email address in the correct format, like name@example.com', password: 'Your password is not correct' },
        ],
        [{ newEmail: email.toUpperCase(), password: goodPassword }, { newEmail: 'Enter a different email address from the one you use now' }],
        [
          { newEmail: ['a@example.org', 'b@example.org'] as unknown as string, password: goodPassword.repeat(50) },
          { password: 'Your password is not correct' },
        ],
      ];
      for (const [form, errors] of cases) {
        const response = await client.post('/account/email', form);
        expect(response.statusCode).toBe(422);
        expect(summaryErrors(response.body)).toEqual(errors);
      }
      expect(
        await t.db
          .selectFrom('email_token')
          .select('token_hash')
          .where('purpose', '=', 'change_email')
          .where('new_email', 'in', ['a@example.org', 'b@example.org'])
          .execute(),
      ).toEqual([]);
    });

    it('never moves an account to an address another account has: that address is told, nothing changes', async () => {
      const { client, accountId, email } = await signedInPerson(t);
      const other = await signedInPerson(t);
      await client.get('/account/email');
      expect((await client.post('/account/email', { newEmail: other.email, password: goodPassword })).statusCode).toBe(200);
      const notice = await mailServer.waitFor(other.email, kick);
      expect(notice.subject).toBe('Someone tried to use this address for an Involve account');
      expect((await t.db.selectFrom('account').select('email').where('id', '=', accountId).executeTakeFirstOrThrow()).email).toBe(email);
    });

    it('sends signed-out visitors to sign in and turns down an unknown link', async () => {
      for (const path of ['/account/email', '/account/data', '/account/data.json', '/account/close']) {
        const response = await t.client().get(path);
        expect(response.statusCode, path).toBe(303);
        expect(response.headers.location).toContain('/sign-in');
      }
      expect((await t.client().get('/account/email/confirm/nonsense')).statusCode).toBe(404);
      expect((await t.client().post('/account/close', { password: goodPassword })).statusCode).toBeLessThan(500);
    });
  });

  describe('the data page and download', () => {
    it('shows everything held, and downloads it as a JSON attachment', async () => {
      const { client, email, accountId } = await signedInPerson(t, { name: 'Florence Nightingale' });
      const other = await signedInPerson(t, { name: 'Someone Else Entirely' });
      const page = await client.get('/account/data');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Florence Nightingale');
      expect(page.body).toContain('href="/account/data.json"');
      const file = await client.get('/account/data.json');
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toContain('attachment');
      const json = JSON.parse(file.body) as { data: { accounts: { account: Array<{ id: number; email: string }> } } };
      expect(json.data.accounts.account).toEqual([expect.objectContaining({ id: accountId, email })]);
      expect(file.body).not.toContain('password_hash');
      expect(file.body).not.toContain(other.email);
      expect(file.body).not.toContain('Someone Else Entirely');
    });
  });

  describe('closing an account', () => {
    beforeAll(async () => {
      await loadDemoHealthSystem(t.db);
    }, 120_000);

    const storiesOf = (accountId: number) =>
      t.db.selectFrom('story').select(['id', 'status', 'display_name']).where('author_account_id', '=', accountId).execute();

    it('removes the account, sessions and unpublished stories; keeps published stories under the display name, complaints and the audit trail', async () => {
      // A demo person with a published story (and a complaint, where the demo has one).
      const author = await sql<{ id: number }>`
        select s.author_account_id as id from story s where s.status = 'published' and s.author_account_id is not null
        order by exists (select 1 from complaint c where c.complainant_account_id = s.author_account_id) desc, s.author_account_id limit 1`.execute(t.db);
      const accountId = author.rows[0]?.id as number;
      const { client, email } = await signInAs(t, accountId);
      const published = (await storiesOf(accountId)).filter((s) => s.status === 'published');
      // One open and one closed complaint of theirs, each with a phone number given.
      await sql`update complaint set complainant_account_id = ${accountId} where id in (
        (select min(id) from complaint where status in ('received', 'acknowledged', 'under_investigation')),
        (select min(id) from complaint where status not in ('received', 'acknowledged', 'under_investigation')))`.execute(t.db);
      await t.db.updateTable('complaint').set({ contact_phone: '01632 960123' }).where('complainant_account_id', '=', accountId).execute();
      const complaints = await t.db
        .selectFrom('complaint')
        .select(['id', 'complainant_name', 'status'])
        .where('complainant_account_id', '=', accountId)
        .execute();
      await t.db
        .insertInto('follow')
        .values({
          account_id: accountId,
          place_id: (await t.db.selectFrom('place').select('id').executeTakeFirstOrThrow()).id,
          consultations: true,
          frequency: 'weekly',
        })
        .execute();

      const page = await client.get('/account/close');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Withdraw my published stories');
      const wrong = await client.post('/account/close', { password: 'not my password' });
      expect(wrong.statusCode).toBe(422);
      expect(summaryErrors(wrong.body)).toEqual({ password: 'Your password is not correct' });

      const closed = await client.post('/account/close', { password: goodPassword });
      expect(closed.statusCode).toBe(303);
      expect(closed.headers.location).toBe('/account-closed');
      expect((await client.get('/account-closed')).body).toContain('Your account is closed');
      // Signed out, and cannot sign in again.
      expect((await client.get('/account')).statusCode).toBe(303);
      const again = t.client();
      await again.get('/sign-in');
      expect((await again.post('/sign-in', { email, password: goodPassword })).statusCode).not.toBe(303);

      const account = await t.db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
      expect(account).toMatchObject({ name: 'Closed account', display_name: 'Closed account', about_you: {}, communication_needs: {} });
      expect(account.email).not.toBe(email);
      expect(account.closed_at).not.toBeNull();
      for (const table of ['session', 'email_token', 'api_token', 'role_grant', 'follow'] as const) {
        expect(await t.db.selectFrom(table).select('account_id').where('account_id', '=', accountId).execute(), table).toEqual([]);
      }
      // Published stories stay under the name they chose; nothing unpublished is left.
      expect(await storiesOf(accountId)).toEqual(published);
      expect(published.length).toBeGreaterThan(0);
      expect(published.every((s) => s.display_name !== 'Closed account')).toBe(true);
      // Complaints stay, with the complainant's name the record needs; the account's address is gone.
      const kept = await t.db
        .selectFrom('complaint')
        .select(['id', 'complainant_name', 'status', 'contact_phone'])
        .where('complainant_account_id', '=', accountId)
        .execute();
      expect(kept.map(({ contact_phone: _phone, ...c }) => c)).toEqual(complaints);
      expect(new Set(kept.map((c) => ['received', 'acknowledged', 'under_investigation'].includes(c.status))).size, 'open and closed complaints').toBe(2);
      // The phone number they gave goes from closed complaints; an open one keeps it for the response.
      expect(kept.map((c) => [c.status, c.contact_phone])).toEqual(
        kept.map((c) => [c.status, ['received', 'acknowledged', 'under_investigation'].includes(c.status) ? '01632 960123' : null]),
      );
      expect(
        await t.db.selectFrom('audit_log').select('action').where('account_id', '=', accountId).where('action', '=', 'account.closed').execute(),
      ).toHaveLength(1);
    });

    it('withdraws published stories when asked', async () => {
      const { client, accountId } = await signedInPerson(t);
      const organisationId = (await t.db.selectFrom('organisation').select('id').executeTakeFirstOrThrow()).id;
      await insertPublishedStory(t.db, { organisationId, authorAccountId: accountId, displayName: 'Sam' });
      expect(await storiesOf(accountId)).toHaveLength(1);
      await client.get('/account/close');
      expect((await client.post('/account/close', { password: goodPassword, withdrawStories: 'yes' })).statusCode).toBe(303);
      expect(await storiesOf(accountId)).toEqual([]);
    });

    it('keeps a social prescribing record for the link worker, without the account', async () => {
      const person = await t.db
        .selectFrom('referral')
        .select(['id', 'person_account_id'])
        .where('person_account_id', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const accountId = person.person_account_id as number;
      const { client } = await signInAs(t, accountId);
      const data = JSON.parse((await client.get('/account/data.json')).body) as { data: Record<string, Record<string, unknown[]>> };
      expect(data.data.socialprescribing?.referral?.length).toBeGreaterThan(0);
      await client.get('/account/close');
      expect((await client.post('/account/close', { password: goodPassword })).statusCode).toBe(303);
      const kept = await t.db.selectFrom('referral').select(['id', 'person_account_id', 'person_name']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(kept.person_account_id).toBeNull();
      expect(kept.person_name).not.toBe('');
    });
  });
});

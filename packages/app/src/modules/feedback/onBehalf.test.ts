// The staff on-behalf form does not tell whether an email address has an Involve account (issue 12,
// defect 13): a story entered with an account's address and one entered with an address that has
// none give the staff member the same answer, the same page, the same list of their own stories and
// the same (no) emails. The person with an account follows their story; a story for someone with
// no account belongs to no account (nobody follows it, and the staff member is not its author).
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson } from '../accounts/testKit.js';
import { onBehalfStoryForm } from './testKit.js';

/** A page with what changes on every request (CSRF tokens, CSP nonces) taken out. */
const comparable = (body: string) => body.replace(/value="[A-Za-z0-9_-]{20,}"/g, 'value="TOKEN"').replace(/nonce="[0-9a-f]+"/g, 'nonce="NONCE"');

describeWithTestApp('entering a story for someone', (t) => {
  let organisationId: number;
  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Phone Line Hospital');
  });

  const form = (personEmail: string) => ({ ...onBehalfStoryForm(organisationId, personEmail), consent: 'yes' });

  const mailTo = (email: string) => t.db.selectFrom('mail_outbox').select(['subject']).where('to_address', '=', email).orderBy('id').execute();

  /** Post the form, then follow where it leads, as the staff member's browser would. */
  async function enter(client: TestClient, personEmail: string) {
    await client.get(`/stories/on-behalf?organisation=${organisationId}`);
    const posted = await client.post('/stories/on-behalf', form(personEmail));
    const location = String(posted.headers.location ?? '');
    const landed = location ? await client.get(location) : null;
    const story = await t.db
      .selectFrom('story')
      .select(['id', 'author_account_id', 'entered_by_account_id', 'consent_recorded_at'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { posted, location, landed, story };
  }

  it('answers the same whether or not the email has an account', async () => {
    const staff = await signedInPerson(t, { name: 'Sam Staff', roles: [{ organisationId, role: 'responder' }] });
    const person = await signedInPerson(t, { name: 'Paula Person' });
    const storiesBefore = comparable((await staff.client.get('/account/stories')).body);
    const staffMailBefore = await mailTo(staff.email);

    const withAccount = await enter(staff.client, person.email);
    const withoutAccount = await enter(staff.client, 'no.account.here@example.org');

    // The same answer and the same page.
    expect(withAccount.posted.statusCode).toBe(303);
    expect(withoutAccount.posted.statusCode).toBe(withAccount.posted.statusCode);
    expect(withoutAccount.location).toBe(withAccount.location);
    expect(withAccount.landed?.statusCode).toBe(200);
    expect(comparable(withoutAccount.landed?.body ?? '')).toBe(comparable(withAccount.landed?.body ?? ''));
    expect(withoutAccount.posted.body).toBe(withAccount.posted.body);

    // The same afterwards: neither is among the staff member's own stories, neither emailed them,
    // and neither story's author view opens for them.
    expect(comparable((await staff.client.get('/account/stories')).body)).toBe(storiesBefore);
    expect(await mailTo(staff.email)).toEqual(staffMailBefore);
    const ownViews = await Promise.all([withAccount, withoutAccount].map(({ story }) => staff.client.get(`/account/stories/${story.id}`)));
    expect(ownViews.map((r) => r.statusCode)).toEqual([404, 404]);
    expect(comparable(ownViews[1]?.body ?? '')).toBe(comparable(ownViews[0]?.body ?? ''));

    // Both stories are recorded with the consent and who entered them.
    for (const { story } of [withAccount, withoutAccount]) {
      expect(story.entered_by_account_id).toBe(staff.accountId);
      expect(story.consent_recorded_at).not.toBeNull();
    }
    // The person with an account follows theirs; the other story belongs to no account.
    expect(withAccount.story.author_account_id).toBe(person.accountId);
    expect((await person.client.get('/account/stories')).body).toContain('Told on the phone');
    expect((await mailTo(person.email)).map((m) => m.subject)).toEqual([expect.stringMatching(/^We have your story S-/)]);
    expect(withoutAccount.story.author_account_id).toBeNull();
    expect(await mailTo('no.account.here@example.org')).toEqual([]);
  });

  it('still keeps a story under the staff member when they give no email address', async () => {
    const staff = await signedInPerson(t, { name: 'Val Volunteer', roles: [{ organisationId, role: 'responder' }] });
    const { posted, story } = await enter(staff.client, '');
    expect(posted.statusCode).toBe(303);
    expect(story.author_account_id).toBe(staff.accountId);
    expect((await staff.client.get('/account/stories')).body).toContain('Told on the phone');
  });
});

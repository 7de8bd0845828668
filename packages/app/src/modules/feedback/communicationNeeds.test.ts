// Communication needs reach the staff who handle a story (issue 12, defect 12; the Accessible
// Information Standard): an author who asked for an Urdu interpreter and easy read is shown so to the
// moderator on the moderation page, to the organisation's responders on the story's page, and in the
// emails to staff about the story (to moderate it, the alert, the daily digest). Never to the public:
// not on the public page, in the API or in the Atom feed. An author who chose not to share their
// needs shows nothing anywhere.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { systemActor } from '../../platform/permissions.js';
import { insertOrganisation, queuedMail, signedInPerson } from '../accounts/testKit.js';
import { sendStoryDigests } from './alerts.js';

type Person = Awaited<ReturnType<typeof signedInPerson>>;

const blockHeading = 'Communication needs (Accessible Information Standard)';
const organisationName = 'Needs General Hospital';

describeWithTestApp('communication needs on a story', (t) => {
  let organisationId: number;
  let moderator: Person;
  let responder: Person;
  let digestReader: Person;
  let otherStaff: Person;
  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, organisationName);
    const otherOrganisationId = await insertOrganisation(t.db, 'Elsewhere Surgery');
    moderator = await signedInPerson(t, { name: 'Mo Moderator', roles: [{ organisationId, role: 'moderator' }] });
    responder = await signedInPerson(t, { name: 'Rhys Responder', roles: [{ organisationId, role: 'responder' }] });
    digestReader = await signedInPerson(t, { name: 'Dee Digest', roles: [{ organisationId, role: 'responder' }] });
    otherStaff = await signedInPerson(t, { name: 'Olga Other', roles: [{ organisationId: otherOrganisationId, role: 'responder' }] });
    for (const [person, frequency] of [
      [responder, 'immediate'],
      [digestReader, 'daily'],
    ] as const) {
      await person.client.get('/account/alerts');
      expect((await person.client.post('/account/alerts', { organisationId: String(organisationId), minCriticality: '0', frequency })).statusCode).toBe(303);
    }
  });

  async function personWithNeeds(name: string, form: Record<string, string | string[]>): Promise<Person> {
    const person = await signedInPerson(t, { name });
    await person.client.get('/account/communication-needs');
    const saved = await person.client.post('/account/communication-needs', { interpreterLanguage: '', otherNeeds: '', ...form });
    expect(saved.statusCode).toBe(303);
    return person;
  }

  /** Tell a story through the form, and publish it as the moderator; returns its id and reference. */
  async function toldAndPublished(author: Person, title: string): Promise<{ id: number; reference: string; moderationPage: string }> {
    await author.client.get(`/stories/new?organisation=${organisationId}`);
    const told = await author.client.post('/stories/new', {
      organisationId: String(organisationId),
      title,
      whatHappened: 'Nobody explained my discharge letter to me.',
      happenedMonth: new Date().toISOString().slice(0, 7),
      authorRole: 'patient',
      displayName: 'A patient',
    });
    expect(told.statusCode).toBe(303);
    const id = Number(/\/account\/stories\/(\d+)/.exec(String(told.headers.location))?.[1]);
    const { reference } = await t.db.selectFrom('story').select('reference').where('id', '=', id).executeTakeFirstOrThrow();
    const moderationPage = (await moderator.client.get(`/moderation/stories/${id}`)).body;
    const published = await moderator.client.post(`/moderation/stories/${id}/publish`, {
      title,
      whatHappened: 'Nobody explained my discharge letter to me.',
      criticality: '2',
    });
    expect(published.statusCode).toBe(303);
    return { id, reference, moderationPage };
  }

  const mailTo = (email: string, subjectHas: string) => queuedMail(t.db, email, subjectHas);

  /** Everything the public can read about the story. */
  async function publicViews(id: number): Promise<Array<[string, string]>> {
    const anyone = t.client();
    const paths = [
      `/stories/${id}`,
      '/stories',
      `/organisations/${organisationId}/stories`,
      `/organisations/${organisationId}/stories.atom`,
      `/api/v1/stories/${id}`,
      '/api/v1/stories',
    ];
    return Promise.all(
      paths.map(async (path) => {
        const response = await anyone.get(path);
        expect(response.statusCode, path).toBe(200);
        return [path, response.body] as [string, string];
      }),
    );
  }

  it('shows an Urdu interpreter and easy read to the moderator, the responders and in their emails, and never to the public', async () => {
    const uma = await personWithNeeds('Uma Ahmed', { needs: ['interpreter', 'easy_read'], interpreterLanguage: 'Urdu', share: 'yes' });
    const { id, reference, moderationPage } = await toldAndPublished(uma, 'My discharge letter was not explained');

    // The moderator, on the moderation page and in the email asking them to moderate it.
    expect(moderationPage).toContain(blockHeading);
    expect(moderationPage).toContain('<li>An interpreter: Urdu</li>');
    expect(moderationPage).toContain('<li>Easy read</li>');
    const [toModerate] = await mailTo(moderator.email, reference);
    expect(toModerate?.body_text).toContain('\n- An interpreter: Urdu\n');
    expect(toModerate?.body_text).toContain('\n- Easy read\n');
    expect(toModerate?.body_text).toContain('Accessible Information Standard');

    // The organisation's responder, on the story's page and in the alert.
    const staffView = await responder.client.get(`/stories/${id}`);
    expect(staffView.body).toContain(blockHeading);
    expect(staffView.body).toContain('<li>An interpreter: Urdu</li>');
    expect(staffView.body).toContain('<li>Easy read</li>');
    const [alert] = await mailTo(responder.email, 'My discharge letter was not explained');
    expect(alert?.subject).toBe(`New story about ${organisationName}: My discharge letter was not explained`);
    expect(alert?.body_text).toContain('\n- An interpreter: Urdu\n');
    expect(alert?.body_text).toContain('\n- Easy read\n');
    expect(alert?.body_text).toContain('Accessible Information Standard');
    // The daily digest lists them under the story.
    expect(await sendStoryDigests({ db: t.db, config: t.config }, systemActor('story digests'), new Date(Date.now() + 3600_000))).toBe(1);
    const [digest] = await mailTo(digestReader.email, organisationName);
    expect(digest?.body_text).toContain('My discharge letter was not explained');
    expect(digest?.body_text).toContain('An interpreter: Urdu');
    expect(digest?.body_text).toContain('Easy read');

    // Never to the public, to staff of another organisation, or back to the author as staff see them.
    for (const [path, body] of await publicViews(id)) {
      for (const secret of [blockHeading, 'Urdu', 'Easy read', 'Accessible Information Standard'])
        expect(body.includes(secret), `"${secret}" in ${path}`).toBe(false);
    }
    for (const client of [otherStaff.client, uma.client]) {
      const page = (await client.get(`/stories/${id}`)).body;
      expect(page).not.toContain(blockHeading);
      expect(page).not.toContain('Urdu');
    }
    for (const mail of await t.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', uma.email).execute()) {
      expect(mail.body_text).not.toContain('Urdu');
    }
  });

  it('shows nothing for an author who chose not to share their needs', async () => {
    const pia = await personWithNeeds('Pia Private', { needs: ['large_print', 'interpreter'], interpreterLanguage: 'Polish', share: 'no' });
    const { id, reference, moderationPage } = await toldAndPublished(pia, 'My appointment letter came too late');
    const staffView = (await responder.client.get(`/stories/${id}`)).body;
    for (const page of [moderationPage, staffView]) {
      expect(page).not.toContain(blockHeading);
      expect(page).not.toContain('Polish');
      expect(page).not.toContain('Large print');
    }
    const mails = [...(await mailTo(moderator.email, reference)), ...(await mailTo(responder.email, 'My appointment letter came too late'))];
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.body_text).not.toContain('Polish');
      expect(mail.body_text).not.toContain('Accessible Information Standard');
    }
  });
});

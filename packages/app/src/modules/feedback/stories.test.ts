// A story from telling to "you said, we did", over HTTP with a real SMTP server: told by a new
// person, flagged and redacted by a moderator, published with an alert to a subscribed responder,
// answered in public with a change made, the author told by email. Then bad input, which changes
// nothing, and the promise that private fields never reach a public page, feed, export or API.
import { beforeAll, describe, expect, it } from 'vitest';
import { type ReceivedMail, TestMailServer } from '../../../test/mailServer.js';
import { type TestApp, type TestClient, useTestApp } from '../../../test/testApp.js';
import { databaseKinds } from '../../../test/testDatabase.js';
import { systemActor } from '../../platform/permissions.js';
import { insertOrganisation, linkIn, pathOf, signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { sendStoryDigests } from './alerts.js';
import { themeId } from './testKit.js';

// A valid NHS number (Modulus 11) and a name: both must be flagged and must never be published.
const nhsNumber = '943 476 5919';
const patientName = 'Margaret Thornbury';
const original = `My mother ${patientName}, NHS number ${nhsNumber}, waited nine hours on a trolley in the corridor. Nobody offered her water.`;

function storyForm(organisationId: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    organisationId: String(organisationId),
    service: 'Emergency department',
    title: 'Nine hours on a trolley',
    whatHappened: original,
    whatWasGood: 'The night nurse was kind.',
    whatCouldBeBetter: 'Water and a blanket for people waiting.',
    howFelt: 'Worried and ignored.',
    happenedMonth: new Date().toISOString().slice(0, 7),
    authorRole: 'carer',
    displayName: 'Daughter of a patient',
    ...overrides,
  };
}

async function storyCount(t: TestApp): Promise<number> {
  const row = await t.db
    .selectFrom('story')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(databaseKinds)('feedback that gets answered on %s', (kind) => {
  const mailServer = new TestMailServer();
  const t = useTestApp(kind, { mailServer });
  let organisationId: number;
  let otherOrganisationId: number;
  let author: Awaited<ReturnType<typeof signedInPerson>>;
  let moderator: Awaited<ReturnType<typeof signedInPerson>>;
  let responder: Awaited<ReturnType<typeof signedInPerson>>;
  let otherResponder: Awaited<ReturnType<typeof signedInPerson>>;
  let digestReader: Awaited<ReturnType<typeof signedInPerson>>;
  let storyId: number;

  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Riverside General Hospital');
    otherOrganisationId = await insertOrganisation(t.db, 'Hillside Surgery');
    author = await signedInPerson(t, { name: 'Anna Author' });
    moderator = await signedInPerson(t, { name: 'Mo Moderator', roles: [{ organisationId, role: 'moderator' }] });
    responder = await signedInPerson(t, { name: 'Rhys Responder', roles: [{ organisationId, role: 'responder' }] });
    otherResponder = await signedInPerson(t, { name: 'Olga Other', roles: [{ organisationId: otherOrganisationId, role: 'responder' }] });
    digestReader = await signedInPerson(t, { name: 'Dee Digest', roles: [{ organisationId, role: 'responder' }] });
  });

  const mailMatching = (email: string, matches: (mail: ReceivedMail) => boolean) => mailServer.waitForMatching(email, matches, () => t.mail?.sendDue());

  it('takes a story from a new person to a public answer with a change made, with every email sent', async () => {
    // The responder subscribes to the organisation's stories; a colleague takes a daily digest.
    await responder.client.get('/account/alerts');
    const subscribed = await responder.client.post('/account/alerts', { organisationId: String(organisationId), minCriticality: '2', frequency: 'immediate' });
    expect(subscribed.statusCode).toBe(303);
    await digestReader.client.get('/account/alerts');
    expect(
      (await digestReader.client.post('/account/alerts', { organisationId: String(organisationId), minCriticality: '0', frequency: 'daily' })).statusCode,
    ).toBe(303);

    // ---- told ----
    expect((await author.client.get(`/stories/new?organisation=${organisationId}`)).statusCode).toBe(200);
    const told = await author.client.post('/stories/new', storyForm(organisationId));
    expect(told.statusCode).toBe(303);
    storyId = Number(/^\/account\/stories\/(\d+)\?done=story-sent$/.exec(String(told.headers.location))?.[1]);
    expect(storyId).toBeGreaterThan(0);
    const own = await author.client.get(`/account/stories/${storyId}`);
    expect(own.body).toContain('Waiting for moderation');
    expect(own.body).toContain(patientName); // the author sees their own words
    const receipt = await mailMatching(author.email, (m) => m.subject.startsWith('We have your story'));
    expect(receipt.text).not.toContain(patientName);
    await mailMatching(moderator.email, (m) => m.subject.startsWith('A new story to moderate'));

    // Nothing is public before moderation.
    expect((await t.client().get(`/stories/${storyId}`)).statusCode).toBe(404);
    expect((await t.client().get(`/api/v1/stories/${storyId}`)).statusCode).toBe(404);

    // ---- moderated: the NHS number and the name are flagged, and the suggestion removes them ----
    const queue = await moderator.client.get('/moderation');
    expect(queue.body).toContain(`/moderation/stories/${storyId}`);
    const page = await moderator.client.get(`/moderation/stories/${storyId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`<mark class="involve-flag">${nhsNumber}<span class="nhsuk-u-visually-hidden"> \\(possible NHS number\\)`));
    expect(page.body).toMatch(new RegExp(`<mark class="involve-flag">${patientName}<span class="nhsuk-u-visually-hidden"> \\(possible name\\)`));
    const suggested = /<textarea[^>]*name="whatHappened"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.body)?.[1] ?? '';
    expect(suggested).toContain('[NHS number removed]');
    expect(suggested).toContain('[name removed]');
    expect(suggested).not.toContain(nhsNumber);

    // Another organisation's responder cannot moderate it (not found), and nothing changes.
    expect((await otherResponder.client.get(`/moderation/stories/${storyId}`)).statusCode).toBe(404);

    const published = await moderator.client.post(`/moderation/stories/${storyId}/publish`, {
      title: 'Nine hours on a trolley',
      whatHappened: suggested
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
      whatWasGood: 'The night nurse was kind.',
      whatCouldBeBetter: 'Water and a blanket for people waiting.',
      howFelt: 'Worried and ignored.',
      criticality: '4',
      themeIds: [String(await themeId(t.db, 'Waiting times', 'could_be_better')), String(await themeId(t.db, 'Staff attitude', 'good'))],
    });
    expect(published.statusCode).toBe(303);
    const publicPage = await t.client().get(`/stories/${storyId}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('[NHS number removed]');
    expect(publicPage.body).not.toContain(nhsNumber);
    expect(publicPage.body).not.toContain(patientName);
    expect(publicPage.body).toContain('Waiting times');
    await mailMatching(author.email, (m) => m.subject.includes('is published'));

    // ---- the subscribed responder gets the alert, and answers in public with a change made ----
    const alert = await mailMatching(responder.email, (m) => m.subject.startsWith('New story about Riverside General Hospital'));
    expect(pathOf(linkIn(alert.text, '/stories/'))).toBe(`/stories/${storyId}`);
    const storyPage = await responder.client.get(`/stories/${storyId}`);
    expect(storyPage.body).toContain('Respond in public for Riverside General Hospital');
    // The organisation's staff see the criticality; the author and the public never do.
    expect(storyPage.body).toContain('4 – strong criticism');
    expect((await author.client.get(`/stories/${storyId}`)).body).not.toContain('strong criticism');
    const response = {
      body: 'Thank you for telling us, and we are sorry. Nobody should wait without water.',
      signedName: 'Rhys Responder',
      signedRole: 'Head of patient experience',
      changeStatus: 'made',
      changeDescription: 'Volunteers now bring water and blankets to the corridor every hour.',
    };
    // The form posts to a preview first: the response as it will appear, nothing saved yet.
    expect(storyPage.body).toContain(`action="/stories/${storyId}/responses/preview"`);
    const preview = await responder.client.post(`/stories/${storyId}/responses/preview`, response);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Publish the response');
    expect(preview.body).toContain('Rhys Responder, Head of patient experience, Riverside General Hospital');
    expect(preview.body).toContain('Volunteers now bring water and blankets');
    expect((await t.client().get(`/stories/${storyId}`)).body).not.toContain('Nobody should wait without water');
    // "Change" gives the form back with everything typed.
    const changing = await responder.client.post(`/stories/${storyId}/responses/edit`, response);
    expect(changing.statusCode).toBe(200);
    expect(changing.body).toContain('Nobody should wait without water.</textarea>');
    expect(changing.body).toContain('value="Head of patient experience"');
    // A preview with a mistake names the field, as the form does.
    expect((await responder.client.post(`/stories/${storyId}/responses/preview`, { ...response, body: '' })).statusCode).toBe(422);
    // Another organisation's responder gets no preview.
    expect((await otherResponder.client.post(`/stories/${storyId}/responses/preview`, response)).statusCode).toBe(403);
    const answered = await responder.client.post(`/stories/${storyId}/responses`, response);
    expect(answered.statusCode).toBe(303);
    // One email for the one event, saying what changed, to the author by name.
    const answeredMail = await mailMatching(author.email, (m) => m.subject.includes('has responded to your story'));
    expect(answeredMail.subject).toContain('with a change made');
    expect(answeredMail.text).toMatch(/^Dear Anna Author,/);
    expect(answeredMail.text).toContain('Volunteers now bring water and blankets to the corridor every hour.');
    await t.mail?.sendDue();
    expect(mailServer.received.filter((m) => m.to.includes(author.email) && /responded|change/i.test(m.subject))).toHaveLength(1);

    // The author replies; the thread shows both, signed.
    await author.client.get(`/stories/${storyId}`);
    expect((await author.client.post(`/stories/${storyId}/replies`, { replyBody: 'Thank you, that will help others.' })).statusCode).toBe(303);
    const thread = await t.client().get(`/stories/${storyId}`);
    expect(thread.body).toContain('Rhys Responder, Head of patient experience, Riverside General Hospital');
    expect(thread.body).toContain('Daughter of a patient (the author)');
    expect(thread.body).toContain('Volunteers now bring water');

    // ---- "you said, we did" and the figures show it ----
    const saidDid = await t.client().get(`/organisations/${organisationId}/you-said-we-did`);
    expect(saidDid.body).toContain('Changes made (1)');
    expect(saidDid.body).toContain('Volunteers now bring water and blankets');
    const figures = await t.client().get(`/organisations/${organisationId}/feedback`);
    expect(figures.statusCode).toBe(200);
    expect(figures.body).toContain('100% (1 of 1)');
    expect(figures.body).toMatch(/<svg class="involve-chart" role="img"/);

    // The daily digest goes once, with the story, to the digest subscriber.
    const later = new Date(Date.now() + 3600_000);
    expect(await sendStoryDigests({ db: t.db, config: t.config }, systemActor('story digests'), later)).toBe(1);
    expect(await sendStoryDigests({ db: t.db, config: t.config }, systemActor('story digests'), later)).toBe(0);
    const digest = await mailMatching(digestReader.email, (m) => m.subject.includes('new story about Riverside General Hospital'));
    expect(digest.text).toContain('Nine hours on a trolley');
  });

  it('refuses bad input with a clear message naming the field, and changes nothing', async () => {
    const before = await storyCount(t);
    await author.client.get(`/stories/new?organisation=${organisationId}`);
    const empty = await author.client.post('/stories/new', storyForm(organisationId, { title: '', whatHappened: '', displayName: '' }));
    expect(empty.statusCode).toBe(422);
    expect(summaryErrors(empty.body)).toMatchObject({ title: 'Enter a title for your story', whatHappened: 'Enter what happened' });
    expect(summaryErrors(empty.body).displayName).toMatch(/Enter the name to show/);

    const long = await author.client.post('/stories/new', storyForm(organisationId, { whatHappened: 'word '.repeat(1001) }));
    expect(long.statusCode).toBe(422);
    expect(summaryErrors(long.body).whatHappened).toMatch(/Stories can be up to 1,000 words: shorten it by \d+ words/);

    const unknown = await author.client.post('/stories/new', storyForm(999_999));
    expect(unknown.statusCode).toBe(422);
    expect(summaryErrors(unknown.body).organisationId).toMatch(/not in Involve/);

    const future = await author.client.post('/stories/new', storyForm(organisationId, { happenedMonth: '2999-01' }));
    expect(summaryErrors(future.body).happenedMonth).toMatch(/this month or in the past/);

    const forged = await author.client.post('/stories/new', storyForm(organisationId), { csrf: 'forged-token' });
    expect(forged.statusCode).toBe(403);
    expect(await storyCount(t)).toBe(before);

    // A responder of another organisation cannot answer for this one.
    const responsesBefore = await t.db.selectFrom('story_response').select('id').execute();
    await otherResponder.client.get(`/stories/${storyId}`);
    const refused = await otherResponder.client.post(`/stories/${storyId}/responses`, { body: 'We answer for them', signedRole: 'Manager' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('You do not have permission to do that');
    // An empty response from the right responder is refused too.
    await responder.client.get(`/stories/${storyId}`);
    const emptyResponse = await responder.client.post(`/stories/${storyId}/responses`, { body: '  ', signedRole: '' });
    expect(emptyResponse.statusCode).toBe(422);
    expect(summaryErrors(emptyResponse.body)).toMatchObject({ body: 'Enter your response' });
    expect(await t.db.selectFrom('story_response').select('id').execute()).toEqual(responsesBefore);
  });

  it('never shows the original text, criticality or the author in a public page, feed, list or API answer', async () => {
    const anyone: TestClient = t.client();
    const publicPaths = [
      `/stories/${storyId}`,
      '/stories',
      `/stories?q=trolley`,
      `/organisations/${organisationId}/stories`,
      `/organisations/${organisationId}/stories.atom`,
      `/organisations/${organisationId}/feedback`,
      `/organisations/${organisationId}/you-said-we-did`,
      `/api/v1/stories`,
      `/api/v1/stories/${storyId}`,
      `/api/v1/stories?q=trolley`,
    ];
    for (const path of publicPaths) {
      const response = await anyone.get(path);
      expect(response.statusCode, path).toBe(200);
      for (const secret of [patientName, nhsNumber, 'Anna Author', author.email, 'criticality', '4 – strong criticism']) {
        expect(response.body.includes(secret), `"${secret}" in ${path}`).toBe(false);
      }
    }
    expect((await anyone.get(`/stories?q=trolley`)).body).toContain('1 story found');
    const api = JSON.parse((await anyone.get(`/api/v1/stories/${storyId}`)).body);
    expect(Object.keys(api).sort()).toEqual(
      [
        'authorRole',
        'displayName',
        'happenedMonth',
        'howFelt',
        'id',
        'organisation',
        'publishedAt',
        'responses',
        'service',
        'themes',
        'title',
        'whatCouldBeBetter',
        'whatHappened',
        'whatWasGood',
      ].sort(),
    );
    // The moderator (staff) sees criticality; the public page never does.
    expect((await moderator.client.get(`/moderation/stories/${storyId}`)).statusCode).toBe(200);
  });
});

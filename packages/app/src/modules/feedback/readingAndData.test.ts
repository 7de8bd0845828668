// Reading and data: the staff CSV export (staff only, public fields only), the Atom feed, the API
// (reading, and telling and answering with a token), readers' reports sending a story back to the
// queue, the Friends and Family Test form and upload (a bad line saves nothing), and rate limits.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { apiTokenOf, insertOrganisation, signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { storiesPerHour } from './stories.js';
import { insertPublishedStory, onBehalfStoryForm } from './testKit.js';

describeWithTestApp('reading and data', (t) => {
  let organisationId: number;
  let storyId: number;
  let staff: Awaited<ReturnType<typeof signedInPerson>>;
  let author: Awaited<ReturnType<typeof signedInPerson>>;
  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Data Hospital');
    staff = await signedInPerson(t, { name: 'Sam Staff', roles: [{ organisationId, role: 'responder' }] });
    author = await signedInPerson(t, { name: 'Private Person' });
    storyId = await insertPublishedStory(t.db, {
      organisationId,
      authorAccountId: author.accountId,
      title: 'Parking was impossible',
      whatHappened: '=SUM(A1) There were no spaces, so we missed the appointment.',
      originalWhatHappened: 'Jo Private (07700 900123) could not park.',
      criticality: 3,
    });
  });

  it('exports published stories and responses as CSV for the organisation staff only, with no private field', async () => {
    const csv = await staff.client.get(`/organisations/${organisationId}/stories.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('story_id,reference,published_at');
    expect(csv.body).toContain('Parking was impossible');
    expect(csv.body).toContain("'=SUM(A1)"); // never a formula in a spreadsheet
    for (const secret of ['Jo Private', '07700 900123', 'Private Person', author.email]) expect(csv.body).not.toContain(secret);
    expect((await author.client.get(`/organisations/${organisationId}/stories.csv`)).statusCode).toBe(403);
    expect((await t.client().get(`/organisations/${organisationId}/stories.csv`)).statusCode).toBe(303); // to sign in
  });

  it('serves an Atom feed with the required elements and the published text only', async () => {
    const feed = await t.client().get(`/organisations/${organisationId}/stories.atom`);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    for (const element of ['<feed xmlns="http://www.w3.org/2005/Atom">', '<id>', '<title>', '<updated>', '<entry>', '<link rel="self"']) {
      expect(feed.body).toContain(element);
    }
    expect(feed.body).not.toContain('Jo Private');
  });

  it('tells a story and answers it through the API with a token, and refuses bad input with problem details', async () => {
    const authorToken = await apiTokenOf(author.client, 'stories');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: { authorization: `Bearer ${authorToken}` },
      payload: { organisationId, title: '', whatHappened: 'x', happenedMonth: '2026-01', authorRole: 'patient', displayName: 'A patient' },
    });
    expect(bad.statusCode).toBe(422);
    expect(JSON.parse(bad.body).errors).toEqual([{ field: 'title', detail: 'Enter a title for your story' }]);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/stories', payload: { organisationId } });
    expect([400, 401, 403]).toContain(anonymous.statusCode);

    const told = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: { authorization: `Bearer ${authorToken}` },
      payload: {
        organisationId,
        title: 'Told by API',
        whatHappened: 'It went well.',
        happenedMonth: '2026-01',
        authorRole: 'patient',
        displayName: 'A patient',
      },
    });
    expect(told.statusCode).toBe(201);
    expect(JSON.parse(told.body)).toMatchObject({ status: 'awaiting_moderation', reference: expect.stringMatching(/^S-/) });

    const staffToken = await apiTokenOf(staff.client, 'stories');
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/responses`,
      headers: { authorization: `Bearer ${staffToken}` },
      payload: { body: 'We are adding 40 spaces.', signedRole: 'Estates manager', changeStatus: 'planned', changeDescription: '40 more spaces by spring' },
    });
    expect(answered.statusCode).toBe(201);
    const read = JSON.parse((await t.app.inject({ method: 'GET', url: `/api/v1/stories/${storyId}` })).body);
    expect(read.responses).toEqual([
      expect.objectContaining({ from: 'organisation', signedRole: 'Estates manager', change: { status: 'planned', description: '40 more spaces by spring' } }),
    ]);
    // The author cannot answer as the organisation.
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${storyId}/responses`,
      headers: { authorization: `Bearer ${authorToken}` },
      payload: { body: 'I am the hospital', signedRole: 'Chief' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it("sends a reader's report back to the moderation queue", async () => {
    const reader = t.client();
    await reader.get(`/stories/${storyId}/report`);
    const empty = await reader.post(`/stories/${storyId}/report`, { reason: '' });
    expect(summaryErrors(empty.body)).toEqual({ reason: 'Tell us what is wrong with it' });
    expect((await reader.post(`/stories/${storyId}/report`, { reason: 'It names a nurse.' })).statusCode).toBe(303);
    const row = await t.db.selectFrom('story').select(['reported_at', 'status']).where('id', '=', storyId).executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
    expect(row.reported_at).not.toBeNull();
    const moderator = await signedInPerson(t, { name: 'Platform Mod', platformModerator: true });
    const queue = await moderator.client.get('/moderation');
    expect(queue.body).toContain(`/moderation/stories/${storyId}`);
    expect(queue.body).toContain('Reported');
  });

  it('records Friends and Family Test answers from the form and a CSV upload, and refuses a bad file whole', async () => {
    const visitor = t.client();
    await visitor.get(`/organisations/${organisationId}/fft`);
    const none = await visitor.post(`/organisations/${organisationId}/fft`, { answer: '' });
    expect(summaryErrors(none.body)).toEqual({ answer: 'Select how your experience was' });
    expect((await visitor.post(`/organisations/${organisationId}/fft`, { answer: 'very_good', freeText: 'Lovely staff' })).statusCode).toBe(303);

    await staff.client.get(`/organisations/${organisationId}/fft`);
    const badFile = 'date,answer,comment\n2026-10-01,good,fine\n2026-13-01,good,\n2026-10-02,brilliant,\n';
    const refused = await staff.client.postMultipart(
      `/organisations/${organisationId}/fft/upload`,
      {},
      { field: 'file', filename: 'fft.csv', content: badFile },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Line 3: the date');
    expect(refused.body).toContain('Line 4: the answer');
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('fft_answer')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('organisation_id', '=', organisationId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(1);
    const good = "date,answer,service\n2026-10-01,good,Outpatients\n2026-10-02,poor,\n2026-10-03,don't know,\n";
    const uploaded = await staff.client.postMultipart(`/organisations/${organisationId}/fft/upload`, {}, { field: 'file', filename: 'fft.csv', content: good });
    expect(uploaded.statusCode).toBe(303);
    expect(await count()).toBe(4);
    // October: 1 good, 1 poor, 1 don't know → 50% positive, 50% negative.
    const page = await visitor.get(`/organisations/${organisationId}/fft`);
    expect(page.body).toMatch(/October 2026<\/td><td[^>]*>3<\/td><td[^>]*>50%<\/td><td[^>]*>50%/);
    // The comments are for the organisation's staff only.
    expect((await staff.client.get(`/organisations/${organisationId}/fft`)).body).toContain('Lovely staff');
    expect(page.body).not.toContain('Lovely staff');
    // Only the organisation's staff may upload.
    await author.client.get(`/organisations/${organisationId}/fft`);
    expect(
      (await author.client.postMultipart(`/organisations/${organisationId}/fft/upload`, {}, { field: 'file', filename: 'fft.csv', content: good })).statusCode,
    ).toBe(403);
  });

  it('limits how many stories one person sends in an hour, with a clear message', async () => {
    const eager = await signedInPerson(t, { name: 'Eager Teller' });
    await eager.client.get(`/stories/new?organisation=${organisationId}`);
    const form = {
      organisationId: String(organisationId),
      title: 'A story',
      whatHappened: 'It happened.',
      happenedMonth: '2026-01',
      authorRole: 'patient',
      displayName: 'A patient',
    };
    for (let i = 0; i < storiesPerHour; i++) expect((await eager.client.post('/stories/new', form)).statusCode).toBe(303);
    const limited = await eager.client.post('/stories/new', form);
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('which is the most we take');
  });

  it('lets staff enter a story for someone with their consent recorded, and nobody else', async () => {
    const form = onBehalfStoryForm(organisationId, author.email);
    expect((await staff.client.get(`/stories/on-behalf?organisation=${organisationId}`)).statusCode).toBe(200);
    const noConsent = await staff.client.post('/stories/on-behalf', form);
    expect(summaryErrors(noConsent.body)).toEqual({ consent: 'Confirm that the person agreed to you sharing their story for them' });
    // An address with no account is taken like any other: the form never tells whether an address
    // has an account (issue 12, defect 13; onBehalf.test.ts compares the two answers).
    const unknown = await staff.client.post('/stories/on-behalf', {
      ...form,
      title: 'Told on the phone by someone with no account',
      personEmail: 'nobody@example.org',
      consent: 'yes',
    });
    expect(unknown.statusCode).toBe(303);
    expect((await staff.client.post('/stories/on-behalf', { ...form, consent: 'yes' })).statusCode).toBe(303);
    const row = await t.db
      .selectFrom('story')
      .innerJoin('story_version', 'story_version.story_id', 'story.id')
      .select(['story.author_account_id', 'story.entered_by_account_id', 'story.consent_recorded_at'])
      .where('story_version.title', '=', 'Told on the phone')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ author_account_id: author.accountId, entered_by_account_id: staff.accountId });
    expect(row.consent_recorded_at).not.toBeNull();
    expect((await author.client.get('/account/stories')).body).toContain('Told on the phone');
    // Someone who is not staff of the organisation cannot.
    expect((await author.client.get(`/stories/on-behalf?organisation=${organisationId}`)).statusCode).toBe(403);
  });

  it('filters stories by the month the care happened, and names a month that is not one', async () => {
    const march = await insertPublishedStory(t.db, { organisationId, authorAccountId: author.accountId, title: 'Care in March', happenedMonth: '2025-03-01' });
    const june = await insertPublishedStory(t.db, { organisationId, authorAccountId: author.accountId, title: 'Care in June', happenedMonth: '2025-06-01' });
    const page = await t.client().get(`/stories?organisation=${organisationId}&from=2025-02&to=2025-04`);
    expect(page.body).toContain(`/stories/${march}"`);
    expect(page.body).not.toContain(`/stories/${june}"`);
    const api = JSON.parse((await t.client().get(`/api/v1/stories?organisation=${organisationId}&from=2025-05&to=2025-06`)).body);
    expect(api.items.map((i: { id: number }) => i.id)).toEqual([june]);
    expect(summaryErrors((await t.client().get('/stories?from=March')).body)).toEqual({ from: 'The from month must be a year and month, like 2026-03' });
    const bad = await t.client().get('/api/v1/stories?to=2025-13');
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).errors[0].field).toBe('to');
  });

  it('lets a moderator hide a reported response, which is kept but no longer public', async () => {
    const reported = await insertPublishedStory(t.db, { organisationId, authorAccountId: author.accountId, title: 'A reported thread' });
    await t.db
      .insertInto('story_response')
      .values({
        story_id: reported,
        account_id: author.accountId,
        from_kind: 'author',
        organisation_id: null,
        signed_name: 'A patient',
        body: 'Rude words here',
      })
      .execute();
    const response = await t.db.selectFrom('story_response').select('id').where('story_id', '=', reported).executeTakeFirstOrThrow();
    const reader = t.client();
    await reader.get(`/stories/${reported}/report?response=${response.id}`);
    expect((await reader.post(`/stories/${reported}/report`, { reason: 'Abusive', responseId: String(response.id) })).statusCode).toBe(303);
    const moderator = await signedInPerson(t, { platformModerator: true });
    const page = await moderator.client.get(`/moderation/stories/${reported}`);
    expect(page.body).toContain('Reported responses to hide');
    const republished = await moderator.client.post(`/moderation/stories/${reported}/publish`, {
      title: 'A reported thread',
      whatHappened: 'I waited a long time, but the nurse was kind and explained everything.',
      criticality: '1',
      hideResponseIds: String(response.id),
    });
    expect(republished.statusCode).toBe(303);
    expect((await reader.get(`/stories/${reported}`)).body).not.toContain('Rude words here');
    const kept = await t.db.selectFrom('story_response').select(['body', 'hidden_at']).where('id', '=', response.id).executeTakeFirstOrThrow();
    expect(kept.body).toBe('Rude words here');
    expect(kept.hidden_at).not.toBeNull();
    expect((await t.db.selectFrom('story').select('reported_at').where('id', '=', reported).executeTakeFirstOrThrow()).reported_at).toBeNull();
  });

  it("starts a formal complaint from the author's own story, and from nobody else's", async () => {
    await signedInPerson(t, { name: 'Complaints Lead', roles: [{ organisationId, role: 'complaints_manager' }] });
    const own = await author.client.get(`/complaints/new?organisation=${organisationId}&story=${storyId}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Jo Private (07700 900123) could not park.');
    const someoneElse = await staff.client.get(`/complaints/new?organisation=${organisationId}&story=${storyId}`);
    expect(someoneElse.statusCode).toBe(200);
    expect(someoneElse.body).not.toContain('Jo Private');
    expect((await author.client.get(`/account/stories/${storyId}`)).body).toContain(`/complaints/new?organisation=${organisationId}&amp;story=${storyId}`);
  });
});

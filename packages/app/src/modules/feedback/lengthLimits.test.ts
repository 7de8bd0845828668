// Every feedback form field has a maximum length (issue 12, defect 11: a 100,000-character title was
// published by a moderator): one character too many on any form gets 422 with a message naming the
// field, keeps the page, and changes nothing. The API takes the same limits from its schema.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../test/testApp.js';
import { apiTokenOf, insertOrganisation, signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { fieldLimits } from './fieldLimits.js';
import { insertPublishedStory } from './testKit.js';

const over = (max: number) => 'x'.repeat(max + 1);
const n = (max: number) => max.toLocaleString('en-GB');
const tooLong = (label: string, max: number) => `${label} must be ${n(max)} characters or fewer (you have entered ${n(max + 1)})`;

type Person = Awaited<ReturnType<typeof signedInPerson>>;

describeWithTestApp('length limits on the feedback forms', (t) => {
  let organisationId: number;
  let author: Person;
  let moderator: Person;
  let responder: Person;
  let admin: Person;
  let publishedId: number;
  let awaitingId: number;
  let responseId: number;
  let themeId: number;
  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Limits Hospital');
    author = await signedInPerson(t, { name: 'Alex Author' });
    moderator = await signedInPerson(t, { name: 'Mina Moderator', roles: [{ organisationId, role: 'moderator' }] });
    responder = await signedInPerson(t, { name: 'Rob Responder', roles: [{ organisationId, role: 'responder' }] });
    admin = await signedInPerson(t, { name: 'Ada Admin', platformAdmin: true });
    publishedId = await insertPublishedStory(t.db, { organisationId, authorAccountId: author.accountId, title: 'A published story' });
    await author.client.get(`/stories/new?organisation=${organisationId}`);
    const told = await author.client.post('/stories/new', storyForm());
    expect(told.statusCode).toBe(303);
    awaitingId = Number(/\/account\/stories\/(\d+)/.exec(String(told.headers.location))?.[1]);
    await responder.client.get(`/stories/${publishedId}`);
    expect((await responder.client.post(`/stories/${publishedId}/responses`, { body: 'Thank you.', signedRole: 'Matron' })).statusCode).toBe(303);
    responseId = (await t.db.selectFrom('story_response').select('id').where('story_id', '=', publishedId).executeTakeFirstOrThrow()).id;
    themeId = (await t.db.selectFrom('feedback_theme').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });

  function storyForm(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      organisationId: String(organisationId),
      service: 'Outpatients',
      title: 'A long wait',
      whatHappened: 'I waited two hours.',
      whatWasGood: 'The nurse was kind.',
      whatCouldBeBetter: 'Tell people about delays.',
      howFelt: 'Tired.',
      happenedMonth: new Date().toISOString().slice(0, 7),
      authorRole: 'patient',
      displayName: 'A patient',
      ...overrides,
    };
  }

  /** Everything the feedback module stores, to show a refused form changed nothing. */
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all([
        t.db.selectFrom('story').selectAll().orderBy('id').execute(),
        t.db.selectFrom('story_version').selectAll().orderBy('id').execute(),
        t.db.selectFrom('story_event').selectAll().orderBy('id').execute(),
        t.db.selectFrom('story_theme').selectAll().orderBy('story_id').orderBy('theme_id').execute(),
        t.db.selectFrom('story_response').selectAll().orderBy('id').execute(),
        t.db.selectFrom('story_report').selectAll().orderBy('id').execute(),
        t.db.selectFrom('feedback_theme').selectAll().orderBy('id').execute(),
        t.db.selectFrom('story_alert_subscription').selectAll().orderBy('id').execute(),
        t.db.selectFrom('fft_answer').selectAll().orderBy('id').execute(),
        t.db.selectFrom('mail_outbox').select('id').orderBy('id').execute(),
      ]),
    );

  function expectRefused(response: { statusCode: number; body: string }, field: string, message: string) {
    expect(response.statusCode, field).toBe(422);
    const errors = summaryErrors(response.body);
    expect(Object.keys(errors), field).toEqual([field]);
    expect(errors[field], field).toBe(message);
  }

  /** Get the form's page (for its CSRF token), post it, and expect it refused naming the field. */
  async function refuses(client: TestClient, formPage: string, path: string, form: Record<string, string | string[]>, field: string, message: string) {
    await client.get(formPage);
    expectRefused(await client.post(path, form), field, message);
  }

  const storyFields: Array<[string, number, string]> = [
    ['title', fieldLimits.title, 'The title'],
    ['service', fieldLimits.service, 'The service'],
    ['whatHappened', fieldLimits.storyPart, 'What happened'],
    ['whatWasGood', fieldLimits.storyPart, 'What was good'],
    ['whatCouldBeBetter', fieldLimits.storyPart, 'What could be better'],
    ['howFelt', fieldLimits.storyPart, 'How you felt'],
    ['displayName', fieldLimits.displayName, 'The name to show'],
  ];

  it('refuses a too-long value in each field of the story form, naming the field', async () => {
    const before = await snapshot();
    for (const [field, max, label] of storyFields) {
      await refuses(
        author.client,
        `/stories/new?organisation=${organisationId}`,
        '/stories/new',
        storyForm({ [field]: over(max) }),
        field,
        tooLong(label, max),
      );
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses a too-long value in each field of the staff on-behalf form, naming the field', async () => {
    const before = await snapshot();
    const formPage = `/stories/on-behalf?organisation=${organisationId}`;
    const onBehalf = (overrides: Record<string, string>) => ({ ...storyForm(), personEmail: '', consent: 'yes', ...overrides });
    for (const [field, max, label] of storyFields) {
      await refuses(responder.client, formPage, '/stories/on-behalf', onBehalf({ [field]: over(max) }), field, tooLong(label, max));
    }
    const longEmail = `${'x'.repeat(fieldLimits.email - 'example.org'.length)}@example.org`;
    await refuses(
      responder.client,
      formPage,
      '/stories/on-behalf',
      onBehalf({ personEmail: longEmail }),
      'personEmail',
      tooLong('Their email address', fieldLimits.email),
    );
    expect(await snapshot()).toBe(before);
  });

  it('refuses a too-long redacted title or text from the moderator, or reason, naming the field', async () => {
    const before = await snapshot();
    const formPage = `/moderation/stories/${awaitingId}`;
    const publish = (overrides: Record<string, string>) => ({
      title: 'A long wait',
      whatHappened: 'I waited two hours.',
      whatWasGood: 'The nurse was kind.',
      whatCouldBeBetter: 'Tell people about delays.',
      howFelt: 'Tired.',
      criticality: '2',
      ...overrides,
    });
    const fields: Array<[string, number, string]> = [
      ['title', fieldLimits.title, 'The title'],
      ['whatHappened', fieldLimits.storyPart, 'What happened'],
      ['whatWasGood', fieldLimits.storyPart, 'What was good'],
      ['whatCouldBeBetter', fieldLimits.storyPart, 'What could be better'],
      ['howFelt', fieldLimits.storyPart, 'How they felt'],
    ];
    for (const [field, max, label] of fields) {
      await refuses(moderator.client, formPage, `/moderation/stories/${awaitingId}/publish`, publish({ [field]: over(max) }), field, tooLong(label, max));
    }
    // A 100,000-character title, as was published before.
    await moderator.client.get(formPage);
    expect((await moderator.client.post(`/moderation/stories/${awaitingId}/publish`, publish({ title: 'x'.repeat(100_000) }))).statusCode).toBe(422);
    await refuses(
      moderator.client,
      formPage,
      `/moderation/stories/${awaitingId}/reject`,
      { reason: over(fieldLimits.reason) },
      'reason',
      tooLong('The reason', fieldLimits.reason),
    );
    expect(await snapshot()).toBe(before);
  });

  it('refuses a too-long response, change, reply or report, naming the field', async () => {
    const before = await snapshot();
    const storyPage = `/stories/${publishedId}`;
    const respond = (overrides: Record<string, string>) => ({ body: 'Thank you.', signedName: 'Rob Responder', signedRole: 'Matron', ...overrides });
    const responses: Array<[string, Record<string, string>, string]> = [
      ['body', respond({ body: over(fieldLimits.response) }), tooLong('Your response', fieldLimits.response)],
      ['signedName', respond({ signedName: over(fieldLimits.signedName) }), tooLong('Your name', fieldLimits.signedName)],
      ['signedRole', respond({ signedRole: over(fieldLimits.signedRole) }), tooLong('Your role', fieldLimits.signedRole)],
      [
        'changeDescription',
        respond({ changeStatus: 'planned', changeDescription: over(fieldLimits.changeDescription) }),
        tooLong('The description of the change', fieldLimits.changeDescription),
      ],
    ];
    for (const [field, form, message] of responses) await refuses(responder.client, storyPage, `${storyPage}/responses`, form, field, message);
    await refuses(
      responder.client,
      storyPage,
      `${storyPage}/responses/${responseId}/change`,
      { changeStatus: 'made', changeDescription: over(fieldLimits.changeDescription) },
      'changeDescription',
      tooLong('The description of the change', fieldLimits.changeDescription),
    );
    await refuses(
      author.client,
      storyPage,
      `${storyPage}/replies`,
      { replyBody: over(fieldLimits.response) },
      'replyBody',
      tooLong('Your reply', fieldLimits.response),
    );
    await refuses(
      t.client(),
      `${storyPage}/report`,
      `${storyPage}/report`,
      { reason: over(fieldLimits.reason) },
      'reason',
      tooLong('Your reason', fieldLimits.reason),
    );
    expect(await snapshot()).toBe(before);
  });

  it('refuses a too-long theme name, alert setting or Friends and Family Test answer, naming the field', async () => {
    const before = await snapshot();
    await refuses(
      admin.client,
      '/admin/themes',
      '/admin/themes',
      { name: over(fieldLimits.themeName), polarity: 'good' },
      'name',
      tooLong('The name of the theme', fieldLimits.themeName),
    );
    await admin.client.get('/admin/themes');
    const renamed = await admin.client.post(`/admin/themes/${themeId}`, { name: over(fieldLimits.themeName), polarity: 'good', retired: 'no' });
    expect(renamed.statusCode).toBe(422);
    expect(renamed.body).toContain(tooLong('The name of the theme', fieldLimits.themeName));

    const alert = (services: string) => ({ organisationId: String(organisationId), minCriticality: '0', frequency: 'daily', services });
    await refuses(
      responder.client,
      '/account/alerts',
      '/account/alerts',
      alert(over(fieldLimits.alertServices)),
      'services',
      tooLong('The services', fieldLimits.alertServices),
    );
    await refuses(
      responder.client,
      '/account/alerts',
      '/account/alerts',
      alert(`Outpatients, ${over(fieldLimits.service)}`),
      'services',
      `Each service must be ${n(fieldLimits.service)} characters or fewer`,
    );
    await refuses(
      responder.client,
      '/account/alerts',
      '/account/alerts',
      { ...alert(''), themeIds: [String(themeId), '2147483647'] },
      'themeIds',
      'Choose themes from the list',
    );

    const fft = `/organisations/${organisationId}/fft`;
    await refuses(t.client(), fft, fft, { answer: 'good', service: over(fieldLimits.service) }, 'service', tooLong('The service', fieldLimits.service));
    await refuses(
      t.client(),
      fft,
      fft,
      { answer: 'good', freeText: over(fieldLimits.fftComment) },
      'freeText',
      tooLong('Your comments', fieldLimits.fftComment),
    );
    expect(await snapshot()).toBe(before);
  });

  it('refuses a too-long search, naming the box', async () => {
    const anyone = t.client();
    expectRefused(await anyone.get(`/stories?q=${over(fieldLimits.search)}`), 'q', tooLong('The words to search for', fieldLimits.search));
    expectRefused(await anyone.get(`/stories?service=${over(fieldLimits.service)}`), 'service', tooLong('The service', fieldLimits.service));
    expectRefused(await author.client.get(`/stories/new?q=${over(fieldLimits.search)}`), 'q', tooLong('The organisation to search for', fieldLimits.search));
    expect((await anyone.get('/stories?q=wait')).statusCode).toBe(200);
  });

  it('takes the same limits in the API schema, and refuses a too-long field naming it', async () => {
    const openapi = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    const newStory = openapi.paths['/api/v1/stories'].post.requestBody.content['application/json'].schema.properties;
    expect(newStory.title.maxLength).toBe(fieldLimits.title);
    expect(newStory.service.maxLength).toBe(fieldLimits.service);
    expect(newStory.displayName.maxLength).toBe(fieldLimits.displayName);
    for (const part of ['whatHappened', 'whatWasGood', 'whatCouldBeBetter', 'howFelt']) expect(newStory[part].maxLength, part).toBe(fieldLimits.storyPart);
    const newResponse = openapi.paths['/api/v1/stories/{id}/responses'].post.requestBody.content['application/json'].schema.properties;
    expect(newResponse.body.maxLength).toBe(fieldLimits.response);
    expect(newResponse.signedName.maxLength).toBe(fieldLimits.signedName);
    expect(newResponse.signedRole.maxLength).toBe(fieldLimits.signedRole);
    expect(newResponse.changeDescription.maxLength).toBe(fieldLimits.changeDescription);

    const token = await apiTokenOf(author.client, 'limits');
    const before = await snapshot();
    const told = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: { authorization: `Bearer ${token}` },
      payload: { organisationId, title: over(fieldLimits.title), whatHappened: 'x', happenedMonth: '2026-01', authorRole: 'patient', displayName: 'A patient' },
    });
    expect(told.statusCode).toBe(400);
    expect(JSON.parse(told.body).errors).toEqual([expect.objectContaining({ field: 'title' })]);
    expect(await snapshot()).toBe(before);
  });
});

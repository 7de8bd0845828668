// Consultations over HTTP on a real database: an organisation drafts and opens one; a person answers
// without an account, another saves and comes back signed in, staff enter a paper answer; a closed
// consultation refuses answers and keeps what was typed; staff code free text (two coders agree),
// choose a de-identified quote and publish the outcome; everyone who left an email is told; no share
// of fewer than 10 people appears on any page, export or API answer.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson, summaryErrors } from '../accounts/testKit.js';

describeWithTestApp('consultations', (t) => {
  let organisationId: number;
  let admin: TestClient;
  let consultationId: number;
  const questionIds: Record<string, number> = {};
  const today = new Date();
  const parts = (offset: number) => {
    const d = new Date(today.getTime() + offset * 86_400_000);
    return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
  };

  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Consulting Care Board');
    ({ client: admin } = await signedInPerson(t, { roles: [{ organisationId, role: 'admin' }] }));
  });

  async function answer(client: TestClient, form: Record<string, string | string[]>) {
    await client.get(`/consultations/${consultationId}/answer`);
    return client.post(`/consultations/${consultationId}/answer`, { send: '1', ...form });
  }

  it('lets an organisation admin draft a consultation, naming each field that is wrong, then add questions and open it', async () => {
    await admin.get(`/organisations/${organisationId}/consultations/new`);
    const bad = await admin.post(`/organisations/${organisationId}/consultations/new`, { title: '', summary: 'x'.repeat(2001), requiresAccount: 'no' });
    expect(bad.statusCode).toBe(422);
    expect(summaryErrors(bad.body)).toMatchObject({ title: 'Enter a title', summary: 'The summary must be 2,000 characters or fewer' });
    const open = parts(-1);
    const close = parts(10);
    const made = await admin.post(`/organisations/${organisationId}/consultations/new`, {
      title: 'Moving the clinic',
      summary: 'Should the clinic move to the hospital?',
      proposal: 'The clinic would move.',
      requiresAccount: 'no',
      'opensOn-day': open.day,
      'opensOn-month': open.month,
      'opensOn-year': open.year,
      'closesOn-day': close.day,
      'closesOn-month': close.month,
      'closesOn-year': close.year,
    });
    expect(made.statusCode).toBe(303);
    consultationId = Number(/\/consultations\/(\d+)\/manage/.exec(String(made.headers.location))?.[1]);
    // A draft is invisible to the public.
    expect((await t.client().get(`/consultations/${consultationId}`)).statusCode).toBe(404);

    await admin.get(`/consultations/${consultationId}/manage`);
    const noOptions = await admin.post(`/consultations/${consultationId}/questions`, { kind: 'single_choice', text: 'Where?', options: 'Only one' });
    expect(noOptions.statusCode).toBe(422);
    expect(summaryErrors(noOptions.body)).toEqual({ options: 'Enter at least 2 options, one on each line' });
    const add = async (key: string, form: Record<string, string>) => {
      expect((await admin.post(`/consultations/${consultationId}/questions`, form)).statusCode).toBe(303);
      const rows = await t.db
        .selectFrom('consultation_question')
        .select('id')
        .where('consultation_id', '=', consultationId)
        .orderBy('position', 'desc')
        .execute();
      questionIds[key] = rows[0]?.id as number;
    };
    await add('choice', { kind: 'single_choice', text: 'Which site?', options: 'Hospital\nTown centre\nBoth', required: 'yes' });
    await add('ranking', { kind: 'ranking', text: 'What matters most?', options: 'Hours\nTravel\nWaiting' });
    await add('text', { kind: 'free_text', text: 'Anything else?' });
    await add('sex', { kind: 'about_you', text: '', aboutYouKey: 'sex' });
    expect((await admin.post(`/consultations/${consultationId}/phase`, { phase: 'open' })).statusCode).toBe(303);
    const page = await t.client().get(`/consultations/${consultationId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Answer this consultation');
  });

  it('takes answers without an account, names the question that is wrong and keeps what was typed', async () => {
    const visitor = t.client();
    const wrong = await answer(visitor, {
      [`q${questionIds.choice}`]: 'Hospital',
      [`q${questionIds.ranking}_0`]: '1',
      [`q${questionIds.ranking}_1`]: '1',
      [`q${questionIds.text}`]: 'Keep my words',
    });
    expect(wrong.statusCode).toBe(422);
    expect(Object.values(summaryErrors(wrong.body))).toEqual(['Question 2: give each option a different number from 1 to 3']);
    expect(wrong.body).toContain('Keep my words');
    const sent = await answer(visitor, {
      [`q${questionIds.choice}`]: 'Hospital',
      [`q${questionIds.ranking}_0`]: '2',
      [`q${questionIds.ranking}_1`]: '1',
      [`q${questionIds.ranking}_2`]: '3',
      [`q${questionIds.text}`]: 'My NHS number is 943 476 5919 and the bus takes an hour.',
      notifyEmail: 'tell.me@example.org',
    });
    expect(sent.statusCode).toBe(303);
    expect(String(sent.headers.location)).toMatch(/\/answered\?reference=C-[A-Z0-9]{8}$/);
    const responses = await t.db.selectFrom('consultation_response').selectAll().where('consultation_id', '=', consultationId).execute();
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ account_id: null, channel: 'online', status: 'submitted', notify_email: 'tell.me@example.org' });
  });

  it('lets a signed-in person save answers and come back to them, and staff enter a paper answer', async () => {
    const { client } = await signedInPerson(t);
    await client.get(`/consultations/${consultationId}/answer`);
    const saved = await client.post(`/consultations/${consultationId}/answer`, { later: '1', [`q${questionIds.text}`]: 'Half written thought' });
    expect(saved.statusCode).toBe(303);
    const back = await client.get(`/consultations/${consultationId}/answer?saved=1`);
    expect(back.body).toContain('Half written thought');
    expect(back.body).toContain('Your answers are saved');
    const sent = await client.post(`/consultations/${consultationId}/answer`, {
      send: '1',
      [`q${questionIds.choice}`]: 'Both',
      [`q${questionIds.text}`]: 'Half written thought, finished',
    });
    expect(sent.statusCode).toBe(303);

    await admin.get(`/consultations/${consultationId}/enter`);
    const paper = await admin.post(`/consultations/${consultationId}/enter`, { channel: 'paper', [`q${questionIds.choice}`]: 'Town centre' });
    expect(paper.statusCode).toBe(303);
    const rows = await t.db
      .selectFrom('consultation_response')
      .select(['channel', 'entered_by_account_id', 'account_id', 'status'])
      .where('consultation_id', '=', consultationId)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.channel)).toEqual(['online', 'online', 'paper']);
    expect(rows[2]?.entered_by_account_id).not.toBeNull();
    expect(rows[2]?.account_id).toBeNull();
    // Somebody without the role cannot enter answers for others.
    const { client: stranger } = await signedInPerson(t);
    expect((await stranger.get(`/consultations/${consultationId}/enter`)).statusCode).toBe(404);
  });

  it('never shows a share of fewer than 10 people, on the staff page, the CSV or (after the outcome) in public', async () => {
    // 30 more answers: in all Hospital 19, Both 11 and Town centre 3.
    const rows = [];
    for (let i = 0; i < 30; i++) rows.push(i < 2 ? 'Town centre' : i < 20 ? 'Hospital' : 'Both');
    for (const choice of rows)
      expect(
        (await answer(t.client(), { [`q${questionIds.choice}`]: choice, [`q${questionIds.sex}`]: choice === 'Both' ? 'Prefer not to say' : 'Female' }))
          .statusCode,
      ).toBe(303);
    const analysis = await admin.get(`/consultations/${consultationId}/analysis`);
    expect(analysis.statusCode).toBe(200);
    expect(analysis.body).toContain('Fewer than 10');
    // Town centre (3) is hidden, and so is Both (11), or the 3 could be worked out from the total.
    expect(analysis.body).not.toMatch(/Town centre<\/td><td[^>]*>3</);
    expect(analysis.body).toMatch(/Both<\/td><td[^>]*>Fewer than 10</);
    expect(analysis.body).toMatch(/Hospital<\/td><td[^>]*>19</);
    const csv = await admin.get(`/consultations/${consultationId}/figures.csv`);
    expect(csv.body).toContain('fewer than 10');
    for (const line of csv.body.split('\n').slice(1)) {
      const people = line.split(',')[2];
      if (people && /^\d+$/.test(people)) expect(Number(people) === 0 || Number(people) >= 10, line).toBe(true);
    }
    // The public sees no figures before the outcome.
    expect((await t.client().get(`/consultations/${consultationId}/figures.csv`)).statusCode).toBe(403);
  });

  it('refuses answers once closed, with a clear message, keeping what was typed', async () => {
    // Someone opens the form while it is open, and sends it after it closed.
    const visitor = t.client();
    await visitor.get(`/consultations/${consultationId}/answer`);
    expect((await admin.post(`/consultations/${consultationId}/phase`, { phase: 'closed' })).statusCode).toBe(303);
    const late = await visitor.post(`/consultations/${consultationId}/answer`, { send: '1', [`q${questionIds.text}`]: 'I typed all this for nothing?' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('This consultation is not taking answers.');
    expect(late.body).toContain('I typed all this for nothing?');
  });

  it('lets two staff code free text (agreement shown), keeps quotes de-identified, and publishes the outcome to those who asked', async () => {
    const { client: second } = await signedInPerson(t, { roles: [{ organisationId, role: 'admin' }] });
    const page = `/consultations/${consultationId}/analysis/questions/${questionIds.text}`;
    await admin.get(page);
    expect(
      (await admin.post(`/consultations/${consultationId}/codes`, { questionId: String(questionIds.text), label: 'Travel', description: '' })).statusCode,
    ).toBe(303);
    expect(
      (await admin.post(`/consultations/${consultationId}/codes`, { questionId: String(questionIds.text), label: 'Travel', description: '' })).statusCode,
    ).toBe(422);
    await admin.post(`/consultations/${consultationId}/codes`, { questionId: String(questionIds.text), label: 'Hours', description: '' });
    const codes = await t.db.selectFrom('consultation_code').select(['id', 'label']).where('consultation_id', '=', consultationId).execute();
    const travel = String(codes.find((k) => k.label === 'Travel')?.id);
    const answers = await t.db
      .selectFrom('consultation_answer')
      .select('response_id')
      .where('question_id', '=', questionIds.text as number)
      .orderBy('response_id')
      .execute();
    const first = String(answers[0]?.response_id);
    await admin.post(`/consultations/${consultationId}/coding`, { questionId: String(questionIds.text), responseId: first, codes: [travel] });
    await second.get(page);
    await second.post(`/consultations/${consultationId}/coding`, { questionId: String(questionIds.text), responseId: first, codes: [travel] });
    expect((await admin.get(page)).body).toContain('Agreement between coders: 100%');

    const quoted = await admin.post(`/consultations/${consultationId}/quotes`, {
      questionId: String(questionIds.text),
      responseId: first,
      quote: 'My NHS number is 943 476 5919 and the bus takes an hour.',
    });
    expect(quoted.statusCode).toBe(303);
    const quotes = await t.db.selectFrom('consultation_quote').select('text').where('consultation_id', '=', consultationId).execute();
    expect(quotes[0]?.text).not.toContain('943 476 5919');

    await admin.get(`/consultations/${consultationId}/publish`);
    const empty = await admin.post(`/consultations/${consultationId}/publish`, { weAsked: '', youSaid: '', weDid: '' });
    expect(empty.statusCode).toBe(422);
    const published = await admin.post(`/consultations/${consultationId}/publish`, {
      weAsked: 'Where the clinic should be.',
      youSaid: 'Most said the hospital.',
      weDid: 'The clinic moves to the hospital in June.',
      decisionReasons: '',
    });
    expect(published.statusCode).toBe(303);
    const mail = await t.db.selectFrom('mail_outbox').select(['to_address', 'subject']).where('to_address', '=', 'tell.me@example.org').execute();
    expect(mail).toEqual([{ to_address: 'tell.me@example.org', subject: 'What happened after "Moving the clinic"' }]);

    const outcome = await t.client().get(`/consultations/${consultationId}/outcome`);
    expect(outcome.statusCode).toBe(200);
    expect(outcome.body).toContain('The clinic moves to the hospital in June.');
    expect(outcome.body).not.toContain('943 476 5919');
    expect(outcome.body).not.toMatch(/Town centre<\/td><td[^>]*>3</);
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/consultations/${consultationId}` });
    expect(api.statusCode).toBe(200);
    const json = api.json() as { figures: Array<{ counts: Array<{ people: number | null }> }> };
    for (const q of json.figures) for (const c of q.counts) expect(c.people === null || c.people === 0 || c.people >= 10).toBe(true);
  });

  it("keeps a draft's management from other organisations' admins and from the public", async () => {
    const other = await insertOrganisation(t.db, 'Another Board');
    const { client: otherAdmin } = await signedInPerson(t, { roles: [{ organisationId: other, role: 'admin' }] });
    expect((await otherAdmin.get(`/consultations/${consultationId}/manage`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/consultations/${consultationId}/answers.csv`)).statusCode).toBe(404);
    expect((await t.client().get(`/consultations/${consultationId}/analysis`)).statusCode).toBe(303);
    await otherAdmin.get(`/organisations/${other}`);
    const forged = await otherAdmin.post(`/consultations/${consultationId}/phase`, { phase: 'open' });
    expect([403, 404]).toContain(forged.statusCode);
  });
});

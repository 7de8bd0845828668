// Every complaints form field has a maximum length (issue 12, defect 11): one character too many on
// any form gets 422 with a message naming the field, keeps the page, and changes nothing. The API
// schema carries the same limits.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { limits } from './limits.js';
import { type ComplaintsWorld, dateParts, daysFromToday, goodComplaint, makeComplaintThroughForm, organisationWithManager } from './testKit.js';

const over = (max: number) => 'x'.repeat(max + 1);
const n = (max: number) => max.toLocaleString('en-GB');

describeWithTestApp('length limits on the complaints forms', (t) => {
  let world: ComplaintsWorld;
  let complainant: Awaited<ReturnType<typeof signedInPerson>>;
  /** Complaints at each stage, for the manager's forms. */
  let received: number;
  let acknowledged: number;
  let answered: number;
  let late: number;
  beforeAll(async () => {
    world = await organisationWithManager(t, 'Limits Surgery');
    complainant = await signedInPerson(t);
    const { manager } = world;
    received = await makeComplaintThroughForm(complainant.client, world.organisationId);
    acknowledged = await makeComplaintThroughForm(complainant.client, world.organisationId);
    answered = await makeComplaintThroughForm(complainant.client, world.organisationId);
    late = await makeComplaintThroughForm(complainant.client, world.organisationId, dateParts('eventDate', daysFromToday(-400)));
    // A page with a form, for the session's form token.
    await manager.client.get(`/complaints/${acknowledged}/acknowledge`);
    for (const id of [acknowledged, answered]) {
      const ack = await manager.client.post(`/complaints/${id}/acknowledge`, {
        letter: 'Dear {{complainant_name}}',
        ...dateParts('responseDate', daysFromToday(30)),
      });
      expect(ack.statusCode).toBe(303);
    }
    const final = await manager.client.post(`/complaints/${answered}/final-response`, {
      outcome: 'upheld',
      subjects: 'communication',
      letter: 'Dear {{complainant_name}}, we are sorry.',
    });
    expect(final.statusCode).toBe(303);
  });

  /** Everything the complaints module stores, to show a refused form changed nothing. */
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all([
        t.db.selectFrom('complaint').selectAll().orderBy('id').execute(),
        t.db.selectFrom('complaint_event').selectAll().orderBy('id').execute(),
        t.db.selectFrom('complaint_letter').selectAll().orderBy('id').execute(),
        t.db.selectFrom('complaint_subject').selectAll().orderBy('complaint_id').orderBy('subject').execute(),
        t.db.selectFrom('complaint_letter_template').selectAll().orderBy('kind').execute(),
        t.db.selectFrom('complaint_extra_holiday').selectAll().orderBy('holiday').execute(),
      ]),
    );

  async function expectRefused(response: { statusCode: number; body: string }, field: string, message: string | RegExp) {
    expect(response.statusCode, field).toBe(422);
    const errors = summaryErrors(response.body);
    expect(Object.keys(errors), field).toEqual([field]);
    if (typeof message === 'string') expect(errors[field]).toBe(message);
    else expect(errors[field]).toMatch(message);
  }

  it('refuses a too-long value in each field of the complaint form, naming the field', async () => {
    const before = await snapshot();
    const fields: Array<[string, number, string, Record<string, string>?]> = [
      ['whatHappened', limits.whatHappened, 'What happened'],
      ['whereHappened', limits.whereHappened, 'Where it happened'],
      ['peopleInvolved', limits.peopleInvolved, 'Who was involved'],
      ['outcomeWanted', limits.outcomeWanted, 'What you would like to happen'],
      ['complainantName', limits.name, 'Your name'],
      ['personName', limits.name, 'Their name', { forWhom: 'someone_else', consent: 'given' }],
    ];
    for (const [field, max, label, extra] of fields) {
      await complainant.client.get(`/complaints/new?organisation=${world.organisationId}`);
      const response = await complainant.client.post('/complaints/new', goodComplaint(world.organisationId, { ...extra, [field]: over(max) }));
      await expectRefused(response, field, `${label} must be ${n(max)} characters or fewer (you have entered ${n(max + 1)})`);
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses a too-long search for the organisation to complain about', async () => {
    const response = await complainant.client.get(`/complaints/new?q=${over(limits.search)}`);
    await expectRefused(response, 'q', `The organisation to search for must be ${n(limits.search)} characters or fewer`);
    expect((await complainant.client.get('/complaints/new?q=Limits')).statusCode).toBe(200);
  });

  it('refuses a too-long letter, note or reason on each of the manager’s forms, naming the field', async () => {
    const { manager } = world;
    const before = await snapshot();
    const letter = `The letter must be ${n(limits.letter)} characters or fewer`;
    const note = `The note must be ${n(limits.note)} characters or fewer`;
    const forms: Array<[string, Record<string, string>, string, string]> = [
      [`/complaints/${received}/acknowledge`, { letter: over(limits.letter) }, 'letter', letter],
      [`/complaints/${acknowledged}/final-response`, { outcome: 'upheld', subjects: 'communication', letter: over(limits.letter) }, 'letter', letter],
      [`/complaints/${acknowledged}/delay-letter`, { letter: over(limits.letter) }, 'letter', letter],
      [`/complaints/${received}/response-date`, { ...dateParts('responseDate', daysFromToday(20)), note: over(limits.note) }, 'note', note],
      [`/complaints/${acknowledged}/extension`, { ...dateParts('responseDate', daysFromToday(60)), note: over(limits.note) }, 'note', note],
      [`/complaints/${answered}/ombudsman`, { ...dateParts('referredOn', daysFromToday(0)), note: over(limits.note) }, 'note', note],
      [`/complaints/${late}/time-limit`, { waived: 'yes', reason: over(limits.note) }, 'reason', `The reason must be ${n(limits.note)} characters or fewer`],
    ];
    for (const [path, form, field, message] of forms) {
      await manager.client.get(path);
      await expectRefused(await manager.client.post(path, form), field, message);
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses a too-long template or holiday name, naming the field', async () => {
    const { manager, organisationId } = world;
    const before = await snapshot();
    const template = `/complaints/organisations/${organisationId}/letter-templates/acknowledgement`;
    await manager.client.get(template);
    await expectRefused(
      await manager.client.post(template, { body: over(limits.letter) }),
      'body',
      `The template must be ${n(limits.letter)} characters or fewer`,
    );
    const holidays = `/complaints/organisations/${organisationId}/holidays`;
    await manager.client.get(holidays);
    await expectRefused(
      await manager.client.post(holidays, { ...dateParts('date', '2031-01-02'), name: over(limits.holidayName) }),
      'name',
      `The name of the holiday must be ${n(limits.holidayName)} characters or fewer`,
    );
    expect(await snapshot()).toBe(before);
  });

  it('refuses a too-long search for a complaint, on /complaints and the dashboard', async () => {
    const message = `The reference or name to search for must be ${n(limits.search)} characters or fewer`;
    await expectRefused(await world.manager.client.get(`/complaints?q=${over(limits.search)}`), 'q', message);
    await expectRefused(await world.manager.client.get(`/complaints/organisations/${world.organisationId}/dashboard?q=${over(limits.search)}`), 'q', message);
  });

  it('puts the same limits in the API schema', async () => {
    const openapi = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    const complaint = JSON.stringify(openapi.paths['/api/v1/complaints/{id}'].get.responses['200']);
    for (const max of [limits.whatHappened, limits.whereHappened, limits.peopleInvolved, limits.outcomeWanted, limits.name, limits.reference]) {
      expect(complaint).toContain(`"maxLength":${max}`);
    }
  });
});

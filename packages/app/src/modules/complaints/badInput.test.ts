// Bad input gets a clear message by the field, keeps what was typed, and changes nothing: a future
// event date, an empty or over-long complaint, a forged form token, a response date before receipt,
// an extension that is not later, a letter with an unknown placeholder, and steps out of order.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { type ComplaintsWorld, dateParts, daysFromToday, goodComplaint, makeComplaintThroughForm, organisationWithManager } from './testKit.js';

describeWithTestApp('bad input', (t) => {
  let world: ComplaintsWorld;
  let complainant: Awaited<ReturnType<typeof signedInPerson>>;
  beforeAll(async () => {
    world = await organisationWithManager(t, 'Careful Surgery');
    complainant = await signedInPerson(t);
  });

  const complaintCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('complaint')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () => JSON.stringify(await t.db.selectFrom('complaint').selectAll().orderBy('id').execute());

  async function refusedComplaint(overrides: Record<string, string>, status = 422) {
    const before = await complaintCount();
    await complainant.client.get(`/complaints/new?organisation=${world.organisationId}`);
    const response = await complainant.client.post('/complaints/new', goodComplaint(world.organisationId, overrides));
    expect(response.statusCode).toBe(status);
    expect(await complaintCount()).toBe(before);
    return { response, errors: summaryErrors(response.body) };
  }

  it('refuses a complaint about a future date, keeping what was typed', async () => {
    const { response, errors } = await refusedComplaint(dateParts('eventDate', daysFromToday(1)));
    expect(errors).toEqual({ 'eventDate-day': 'The date it happened must be today or in the past' });
    expect(response.body).toContain('Error: ');
    expect(response.body).toContain('QX-41');
    expect(response.body).toContain(`value="${Number(daysFromToday(1).slice(8))}"`);
  });

  it('refuses an empty complaint, one that is too long, and a date that does not exist', async () => {
    expect((await refusedComplaint({ whatHappened: '   ' })).errors).toEqual({ whatHappened: 'Enter what happened' });
    expect((await refusedComplaint({ whatHappened: 'x'.repeat(10_001) })).errors).toEqual({
      whatHappened: 'What happened must be 10,000 characters or fewer (you have entered 10,001)',
    });
    expect((await refusedComplaint({ 'eventDate-day': '31', 'eventDate-month': '2', 'eventDate-year': '2025' })).errors).toEqual({
      'eventDate-day': 'The date it happened must be a real date, like 15 3 2025',
    });
    expect((await refusedComplaint({ 'eventDate-day': '', 'eventDate-month': '', 'eventDate-year': '' })).errors['eventDate-day']).toMatch(
      /^Enter the date it happened/,
    );
  });

  it('asks who the complaint is for, and for the other person’s name and consent', async () => {
    expect((await refusedComplaint({ forWhom: '' })).errors).toEqual({ forWhom: 'Select who the complaint is for' });
    expect((await refusedComplaint({ forWhom: 'someone_else' })).errors).toEqual({
      personName: 'Enter the name of the person the complaint is for',
      consent: 'Select whether they have agreed to you complaining for them, or why their agreement is not needed',
    });
  });

  it('refuses a complaint to an organisation that has no complaints manager', async () => {
    const unmanaged = await insertOrganisation(t.db, 'Unmanaged Clinic');
    const chooser = await complainant.client.get(`/complaints/new?organisation=${unmanaged}`);
    expect(chooser.body).toContain('This organisation does not take complaints through Involve yet');
    const { errors } = await refusedComplaint({ organisation: String(unmanaged) });
    expect(errors).toEqual({ organisation: 'Unmanaged Clinic does not take complaints through Involve yet. Contact them directly to complain' });
  });

  it('refuses a forged form token, for the complaint and for a manager’s step', async () => {
    await complainant.client.get(`/complaints/new?organisation=${world.organisationId}`);
    const before = await complaintCount();
    const forged = await complainant.client.post('/complaints/new', goodComplaint(world.organisationId), { csrf: 'forged-token-forged-token-forged' });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('This form has expired or was sent from another site');
    const missing = await complainant.client.post('/complaints/new', goodComplaint(world.organisationId), { csrf: null });
    expect(missing.statusCode).toBe(403);
    expect(await complaintCount()).toBe(before);

    const id = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const state = await snapshot();
    await world.manager.client.get(`/complaints/${id}`);
    const step = await world.manager.client.post(
      `/complaints/${id}/acknowledge`,
      { letter: 'Dear {{complainant_name}}' },
      { csrf: 'forged-token-forged-token-forged' },
    );
    expect(step.statusCode).toBe(403);
    expect(await snapshot()).toBe(state);
    expect(await t.db.selectFrom('complaint_letter').select('id').where('complaint_id', '=', id).execute()).toEqual([]);
  });

  it('refuses a response date before the complaint was received, and an extension that is not later', async () => {
    const id = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const { manager } = world;
    const received = (await t.db.selectFrom('complaint').select('received_on').where('id', '=', id).executeTakeFirstOrThrow()).received_on;
    const state = await snapshot();

    await manager.client.get(`/complaints/${id}/response-date`);
    const early = await manager.client.post(`/complaints/${id}/response-date`, { ...dateParts('responseDate', daysFromToday(-1)), note: 'Agreed' });
    expect(early.statusCode).toBe(422);
    const expected = `The response date must be on or after the day the complaint was received, ${new Date(`${received}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
    expect(summaryErrors(early.body)).toEqual({ 'responseDate-day': expected });
    expect(early.body).toContain('Agreed');
    // The same rule when acknowledging.
    const ackEarly = await manager.client.post(`/complaints/${id}/acknowledge`, {
      ...dateParts('responseDate', daysFromToday(-1)),
      letter: 'Dear {{complainant_name}}',
    });
    expect(summaryErrors(ackEarly.body)).toEqual({ 'responseDate-day': expected });
    expect(await snapshot()).toBe(state);

    // An agreed date, then an "extension" to the same date, and one without a note.
    await manager.client.post(`/complaints/${id}/acknowledge`, { ...dateParts('responseDate', daysFromToday(20)), letter: 'Dear {{complainant_name}}' });
    const agreed = await snapshot();
    await manager.client.get(`/complaints/${id}/extension`);
    const same = await manager.client.post(`/complaints/${id}/extension`, { ...dateParts('responseDate', daysFromToday(20)), note: 'More time' });
    expect(summaryErrors(same.body)['responseDate-day']).toMatch(/^The new response date must be after the date agreed now, /);
    const noNote = await manager.client.post(`/complaints/${id}/extension`, { ...dateParts('responseDate', daysFromToday(30)), note: '' });
    expect(summaryErrors(noNote.body)).toEqual({ note: 'Enter what you agreed with the complainant, and when' });
    expect(await snapshot()).toBe(agreed);
  });

  it('refuses letters with unknown placeholders, or {{response_date}} before a date is agreed', async () => {
    const id = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const { manager } = world;
    const state = await snapshot();
    await manager.client.get(`/complaints/${id}/acknowledge`);
    const unknown = await manager.client.post(`/complaints/${id}/acknowledge`, { letter: 'Dear {{complainant_name}}, {{nhs_number}}' });
    expect(summaryErrors(unknown.body)).toEqual({
      letter: 'The letter uses {{nhs_number}}, which Involve does not know. Use only the placeholders listed on this page',
    });
    expect(unknown.body).toContain('{{nhs_number}}');
    const noDate = await manager.client.post(`/complaints/${id}/acknowledge`, { letter: 'We will reply by {{response_date}}.' });
    expect(summaryErrors(noDate.body).letter).toMatch(/^The letter uses \{\{response_date\}\}, but no response date has been agreed/);
    const empty = await manager.client.post(`/complaints/${id}/acknowledge`, { letter: ' ' });
    expect(summaryErrors(empty.body)).toEqual({ letter: 'Enter the text of the letter' });
    expect(await snapshot()).toBe(state);
  });

  it('refuses steps out of order with a clear message, changing nothing', async () => {
    const id = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const { manager } = world;
    const state = await snapshot();
    await manager.client.get(`/complaints/${id}`);
    const close = await manager.client.post(`/complaints/${id}/close`, {});
    expect(close.statusCode).toBe(409);
    expect(summaryErrors(close.body)).toEqual({ actions: 'You cannot close a complaint that is not yet acknowledged. Send the final response first.' });
    const final = await manager.client.post(`/complaints/${id}/final-response`, {
      outcome: 'upheld',
      subjects: 'communication',
      letter: 'Dear {{complainant_name}}',
    });
    expect(final.statusCode).toBe(409);
    expect(final.body).toContain('You cannot send the final response to a complaint that is not yet acknowledged.');
    const investigate = await manager.client.post(`/complaints/${id}/investigate`, {});
    expect(investigate.statusCode).toBe(409);
    expect(await snapshot()).toBe(state);

    await manager.client.post(`/complaints/${id}/acknowledge`, { letter: 'Dear {{complainant_name}}' });
    const acknowledged = await snapshot();
    const again = await manager.client.get(`/complaints/${id}/acknowledge`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('You cannot acknowledge a complaint that is acknowledged but not yet under investigation. It has already been acknowledged.');
    const twice = await manager.client.post(`/complaints/${id}/acknowledge`, { letter: 'Dear {{complainant_name}}' });
    expect(twice.statusCode).toBe(409);
    const referral = await manager.client.post(`/complaints/${id}/ombudsman`, dateParts('referredOn', daysFromToday(0)));
    expect(referral.statusCode).toBe(409);
    expect(referral.body).toContain('A referral can be recorded only after the final response.');
    // A decision on a time limit the complaint is not subject to.
    const timeLimit = await manager.client.post(`/complaints/${id}/time-limit`, { waived: 'yes', reason: 'Good reason' });
    expect(summaryErrors(timeLimit.body)).toEqual({ waived: 'This complaint was made within 12 months, so there is no time limit to decide' });
    expect(await snapshot()).toBe(acknowledged);
    expect(await t.db.selectFrom('complaint_letter').select('id').where('complaint_id', '=', id).execute()).toHaveLength(1);
  });

  it('flags a complaint about an event more than 12 months ago, and records the decision on the time limit', async () => {
    const id = await makeComplaintThroughForm(complainant.client, world.organisationId, dateParts('eventDate', daysFromToday(-400)));
    const row = await t.db.selectFrom('complaint').select(['late', 'time_limit_waived']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ late: true, time_limit_waived: null });
    const { manager } = world;
    const page = await manager.client.get(`/complaints/${id}`);
    expect(page.body).toContain('Made more than 12 months after the event');
    const noReason = await manager.client.post(`/complaints/${id}/time-limit`, { waived: 'yes', reason: '' });
    expect(summaryErrors(noReason.body)).toEqual({ reason: 'Enter why, for example the reason the complaint could not be made sooner' });
    const decided = await manager.client.post(`/complaints/${id}/time-limit`, { waived: 'yes', reason: 'They were in hospital for most of the year.' });
    expect(decided.statusCode).toBe(303);
    const after = await t.db.selectFrom('complaint').select(['time_limit_waived', 'time_limit_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual({ time_limit_waived: true, time_limit_reason: 'They were in hospital for most of the year.' });
    expect((await complainant.client.get(`/account/complaints/${id}`)).body).toContain('has agreed to look into it anyway');
  });
});

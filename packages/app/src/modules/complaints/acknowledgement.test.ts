// Acknowledging a complaint without a response date (issue 12, defect 13). Under regulation 13 of
// the NHS complaints regulations (2009) the acknowledgement offers to discuss the handling and the
// response period; the period is agreed only if the complainant accepts, so the date is optional:
// the acknowledgement is recorded with the template letter as it stands, and the date can be
// agreed later. A letter that itself uses {{response_date}} still needs the date.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { type ComplaintsWorld, dateParts, daysFromToday, letterBox, makeComplaintThroughForm, organisationWithManager, today } from './testKit.js';

describeWithTestApp('acknowledging a complaint', (t) => {
  let world: ComplaintsWorld;
  let complainant: Awaited<ReturnType<typeof signedInPerson>>;
  beforeAll(async () => {
    world = await organisationWithManager(t, 'Optional Date Surgery');
    complainant = await signedInPerson(t, { name: 'Cara Complainant' });
  });

  const complaintRow = (id: number) =>
    t.db.selectFrom('complaint').select(['status', 'acknowledged_on', 'response_due']).where('id', '=', id).executeTakeFirstOrThrow();

  it('acknowledges with the template letter and no response date, and the date is agreed later', async () => {
    const id = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const { manager } = world;
    const form = await manager.client.get(`/complaints/${id}/acknowledge`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('(optional)');

    // The letter exactly as the form offers it, and the three date boxes left empty.
    const acknowledged = await manager.client.post(`/complaints/${id}/acknowledge`, {
      letter: letterBox(form.body),
      'responseDate-day': '',
      'responseDate-month': '',
      'responseDate-year': '',
    });
    expect(summaryErrors(acknowledged.body)).toEqual({});
    expect(acknowledged.statusCode).toBe(303);
    expect(acknowledged.headers.location).toBe(`/complaints/${id}?done=acknowledged`);
    expect(await complaintRow(id)).toEqual({ status: 'acknowledged', acknowledged_on: today(), response_due: null });

    // The letter went out with every placeholder filled, saying the date will be agreed.
    const letter = await t.db.selectFrom('complaint_letter').select(['kind', 'body']).where('complaint_id', '=', id).executeTakeFirstOrThrow();
    expect(letter.kind).toBe('acknowledgement');
    expect(letter.body).not.toContain('{{');
    expect(letter.body).toContain('We will agree with you when you can expect our full response');
    const ownPage = await complainant.client.get(`/account/complaints/${id}`);
    expect(ownPage.body).toContain('will agree with you when they will send their full response');

    // The manager's page offers to agree the date, and the date is recorded later.
    const page = await manager.client.get(`/complaints/${id}`);
    expect(page.body).toContain('No date agreed yet');
    expect(page.body).toContain(`href="/complaints/${id}/response-date"`);
    await manager.client.get(`/complaints/${id}/response-date`);
    const due = daysFromToday(30);
    const agreed = await manager.client.post(`/complaints/${id}/response-date`, { ...dateParts('responseDate', due), note: 'Agreed by phone' });
    expect(agreed.statusCode).toBe(303);
    expect(await complaintRow(id)).toEqual({ status: 'acknowledged', acknowledged_on: today(), response_due: due });
    expect((await complainant.client.get(`/account/complaints/${id}`)).body).toContain('has agreed to send you their full response by');
  });

  it('puts the agreed date in the template letter when one is given at acknowledgement', async () => {
    const id = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const { manager } = world;
    const form = await manager.client.get(`/complaints/${id}/acknowledge`);
    const due = daysFromToday(35);
    const acknowledged = await manager.client.post(`/complaints/${id}/acknowledge`, { letter: letterBox(form.body), ...dateParts('responseDate', due) });
    expect(acknowledged.statusCode).toBe(303);
    expect(await complaintRow(id)).toEqual({ status: 'acknowledged', acknowledged_on: today(), response_due: due });
    const letter = await t.db.selectFrom('complaint_letter').select('body').where('complaint_id', '=', id).executeTakeFirstOrThrow();
    const dueText = new Date(`${due}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(letter.body).toContain(`We aim to send you our full response by ${dueText}.`);
  });

  it('still asks for the date when the letter itself uses {{response_date}}, saying how to do without it', async () => {
    const id = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const { manager } = world;
    await manager.client.get(`/complaints/${id}/acknowledge`);
    const refused = await manager.client.post(`/complaints/${id}/acknowledge`, { letter: 'Dear {{complainant_name}}, we will reply by {{response_date}}.' });
    expect(refused.statusCode).toBe(422);
    expect(summaryErrors(refused.body).letter).toMatch(/^The letter uses \{\{response_date\}\}, but no response date has been agreed\./);
    expect(summaryErrors(refused.body).letter).toContain('{{when_we_will_respond}}');
    // The date's hint says the same by the date boxes.
    expect(refused.body).toContain('Your letter uses {{response_date}}, so it needs a date: enter one, or use {{when_we_will_respond}} in the letter instead.');
    expect(await complaintRow(id)).toEqual({ status: 'received', acknowledged_on: null, response_due: null });
  });
});

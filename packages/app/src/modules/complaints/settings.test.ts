// An organisation's complaints settings over HTTP: extra holidays move deadlines (kept by complaints
// managers or platform admins), letter templates start new letters (kept by complaints managers),
// and the dashboard and CSV count what happened.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { quarterOf } from './figures.js';
import { type ComplaintsWorld, dateParts, makeComplaintThroughForm, organisationWithManager, today } from './testKit.js';
import { acknowledgementDue } from './timeline.js';
import { addWorkingDays } from './workingDays.js';

describeWithTestApp('complaints settings and reports', (t) => {
  let world: ComplaintsWorld;
  beforeAll(async () => {
    world = await organisationWithManager(t, 'Settings Surgery');
  });

  it('moves the acknowledgement deadline for an extra holiday, and back when it is removed', async () => {
    const complainant = await signedInPerson(t);
    const id = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const { manager, organisationId } = world;
    const holiday = addWorkingDays(today(), 1);
    const shifted = acknowledgementDue(today(), new Set([holiday]));
    const date = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect((await manager.client.get(`/complaints/${id}`)).body).toContain(`Due by ${date(acknowledgementDue(today()))}`);

    await manager.client.get(`/complaints/organisations/${organisationId}/holidays`);
    const added = await manager.client.post(`/complaints/organisations/${organisationId}/holidays`, {
      ...dateParts('date', holiday),
      name: 'Staff training day',
    });
    expect(added.statusCode).toBe(303);
    expect((await manager.client.get(`/complaints/${id}`)).body).toContain(`Due by ${date(shifted)}`);
    expect((await complainant.client.get(`/account/complaints/${id}`)).body).toContain(`acknowledge your complaint by ${date(shifted)}`);

    // Bad holidays: a weekend or bank holiday, a repeat, no name.
    const christmas = await manager.client.post(`/complaints/organisations/${organisationId}/holidays`, {
      ...dateParts('date', '2026-12-25'),
      name: 'Christmas',
    });
    expect(summaryErrors(christmas.body)).toEqual({ 'date-day': 'That day is already not a working day (Christmas Day)' });
    const repeat = await manager.client.post(`/complaints/organisations/${organisationId}/holidays`, { ...dateParts('date', holiday), name: 'Again' });
    expect(summaryErrors(repeat.body)).toEqual({ 'date-day': 'That date is already one of your holidays' });
    const noName = await manager.client.post(`/complaints/organisations/${organisationId}/holidays`, { ...dateParts('date', '2030-01-02'), name: '' });
    expect(summaryErrors(noName.body)).toEqual({ name: 'Enter a name for the holiday, like Staff training day' });

    // A platform admin may keep the holidays too (they are not private); other staff may not.
    const admin = await signedInPerson(t, { platformAdmin: true });
    const adminPage = await admin.client.get(`/complaints/organisations/${organisationId}/holidays`);
    expect(adminPage.statusCode).toBe(200);
    expect(adminPage.body).toContain('Staff training day');
    expect(adminPage.body).not.toContain('Back to the complaints dashboard');
    const responder = await signedInPerson(t, { roles: [{ organisationId, role: 'responder' }] });
    expect((await responder.client.get(`/complaints/organisations/${organisationId}/holidays`)).statusCode).toBe(403);
    await responder.client.get('/account');
    expect((await responder.client.post(`/complaints/organisations/${organisationId}/holidays/${holiday}/remove`, {})).statusCode).toBe(403);

    const removed = await admin.client.post(`/complaints/organisations/${organisationId}/holidays/${holiday}/remove`, {});
    expect(removed.statusCode).toBe(303);
    expect((await manager.client.get(`/complaints/${id}`)).body).toContain(`Due by ${date(acknowledgementDue(today()))}`);
  });

  it('starts new letters from the organisation’s own template, and goes back to the default', async () => {
    const complainant = await signedInPerson(t);
    const id = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const { manager, organisationId } = world;
    const path = `/complaints/organisations/${organisationId}/letter-templates/acknowledgement`;
    const form = await manager.client.get(path);
    expect(form.statusCode).toBe(200);
    const unknown = await manager.client.post(path, { body: 'Hello {{first_name}}' });
    expect(summaryErrors(unknown.body)).toEqual({
      body: 'The template uses {{first_name}}, which Involve does not know. Use only the placeholders listed on this page',
    });
    const saved = await manager.client.post(path, { body: 'Hello {{complainant_name}}, thank you. Ref {{reference}}.' });
    expect(saved.headers.location).toBe(`/complaints/organisations/${organisationId}/letter-templates?done=template-saved`);
    expect((await manager.client.get(`/complaints/${id}/acknowledge`)).body).toContain('Hello {{complainant_name}}, thank you. Ref {{reference}}.');

    // The final response template page shows the Ombudsman paragraph as fixed, outside the template.
    const finalTemplate = await manager.client.get(`/complaints/organisations/${organisationId}/letter-templates/final_response`);
    expect(finalTemplate.body).toContain('Involve adds this paragraph at the end of every final response');
    expect(/<textarea[^>]*>[\s\S]*?<\/textarea>/.exec(finalTemplate.body)?.[0]).not.toContain('Ombudsman');

    // Only complaints managers (and platform admins, who run the platform) edit templates.
    const orgAdmin = await signedInPerson(t, { roles: [{ organisationId, role: 'admin' }] });
    expect((await orgAdmin.client.get(path)).statusCode).toBe(403);
    expect((await manager.client.get(`/complaints/organisations/${organisationId}/letter-templates/no_such_kind`)).statusCode).toBe(404);

    await manager.client.get(path);
    const reset = await manager.client.post(`${path}/reset`, {});
    expect(reset.statusCode).toBe(303);
    expect((await manager.client.get(`/complaints/${id}/acknowledge`)).body).toContain('Thank you for your complaint, which we received on {{received_date}}.');
  });

  it('shows the dashboard and the quarterly CSV with what happened', async () => {
    const other = await organisationWithManager(t, 'Counted Surgery');
    const complainant = await signedInPerson(t);
    const answered = await makeComplaintThroughForm(complainant.client, other.organisationId);
    const open = await makeComplaintThroughForm(complainant.client, other.organisationId);
    const { manager } = other;
    await manager.client.get(`/complaints/${answered}/acknowledge`);
    await manager.client.post(`/complaints/${answered}/acknowledge`, { letter: 'Dear {{complainant_name}}' });
    const sent = await manager.client.post(`/complaints/${answered}/final-response`, {
      outcome: 'upheld',
      subjects: ['communication', 'waiting_times'],
      letter: 'Dear {{complainant_name}}, we are sorry.',
    });
    expect(sent.statusCode).toBe(303);

    const dashboard = await manager.client.get(`/complaints/organisations/${other.organisationId}/dashboard`);
    expect(dashboard.statusCode).toBe(200);
    const openReference = (await t.db.selectFrom('complaint').select('reference').where('id', '=', open).executeTakeFirstOrThrow()).reference;
    expect(dashboard.body).toContain(`href="/complaints/${open}">${openReference}</a>`);
    expect(dashboard.body).not.toContain(`href="/complaints/${answered}"`);
    expect(dashboard.body).toContain('100% (1 of 1)');
    expect(dashboard.body).toContain('0 days (over 1 final response)');
    // Each chart is an image with a title and a description, with a table of the same figures.
    expect(dashboard.body).toMatch(/<svg class="involve-chart" role="img" aria-labelledby="chart-outcomes-title chart-outcomes-desc"/);
    expect(dashboard.body).toContain('<desc id="chart-outcomes-desc">Upheld: 1. Partly upheld: 0. Not upheld: 0.</desc>');
    expect(dashboard.body).toContain('<desc id="chart-subjects-desc">Communication: 1. Waiting times: 1.</desc>');

    const quarter = quarterOf(today());
    const csv = await manager.client.get(`/complaints/organisations/${other.organisationId}/ko41a.csv?quarter=${quarter.key}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="complaints-${other.organisationId}-${quarter.key}.csv"`);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('organisation,period,period_start,period_end,section,item,count');
    const count = (item: string) => lines.find((l) => l.split(',')[5] === item)?.split(',')[6];
    expect(count('New complaints received')).toBe('2');
    expect(count('Resolved (final response sent)')).toBe('1');
    expect(count('Carried forward')).toBe('1');
    expect(count('Upheld')).toBe('1');
    expect(count('Communication')).toBe('1');
    expect(count('Clinical treatment')).toBe('0');
    expect(csv.body).not.toContain(openReference);
    expect((await manager.client.get(`/complaints/organisations/${other.organisationId}/ko41a.csv?quarter=nonsense`)).statusCode).toBe(404);
    // Downloads are audited (no complaint details in the entry).
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'complaint.export_quarter').execute();
    expect(audit.at(-1)).toMatchObject({ account_id: manager.accountId, subject_id: String(other.organisationId), detail: { quarter: quarter.key } });
  });
});

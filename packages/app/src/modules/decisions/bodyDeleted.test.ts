// A decision outlives the body that made it: the registry may delete the body, and the decision's
// public page still says who decided (the fuzz test found the delete failing instead).
import { expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson } from '../accounts/testKit.js';

describeWithTestApp('a decision whose body is deleted', (t) => {
  it('keeps the body’s name as who decided, and the delete succeeds', async () => {
    const organisationId = await insertOrganisation(t.db, 'Outliving Care Board');
    const body = await t.db
      .insertInto('body')
      .values({ organisation_id: organisationId, name: 'Outliving Board', kind: 'board' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { client: admin } = await signedInPerson(t, { roles: [{ organisationId, role: 'admin' }] });
    await admin.get(`/organisations/${organisationId}/decisions/new`);
    const made = await admin.post(`/organisations/${organisationId}/decisions/new`, {
      title: 'Merging two clinics',
      decided: 'The two clinics merge in June.',
      bodyId: String(body.id),
      'decidedOn-day': '3',
      'decidedOn-month': '3',
      'decidedOn-year': '2026',
    });
    expect(made.statusCode).toBe(303);
    const decisionPath = String(made.headers.location).split('?')[0] as string;

    await admin.get(`/admin/bodies/${body.id}/delete`);
    const deleted = await admin.post(`/admin/bodies/${body.id}/delete`, {});
    expect(deleted.statusCode).toBe(303);
    expect(await t.db.selectFrom('body').select('id').where('id', '=', body.id).executeTakeFirst()).toBeUndefined();

    const page = await t.client().get(decisionPath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Outliving Board');
    expect(page.body).toContain('The two clinics merge in June.');
  });
});

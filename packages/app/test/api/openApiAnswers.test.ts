// Every GET route of the API, asked on the demo health system, answers as the OpenAPI document says
// (issue 14: consultations, meetings and decisions among them): each path in the document is asked
// for, with ids taken from the lists it belongs under, and a signed-in token where the route needs
// one; then a missing one of each kind answers a problem as the document says.
import { expect, it } from 'vitest';
import { apiTokenOf, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { makeComplaintThroughForm } from '../../src/modules/complaints/testKit.js';
import { loadDemoHealthSystem } from '../../src/modules/index.js';
import { type AnswerCheck, type OpenApiDocument, openApiDocument, openApiValidator } from '../openApi.js';
import { describeWithTestApp } from '../testApp.js';

/** The first `id` in the first list of objects found in an answer (depth first). */
function firstId(json: unknown): number | undefined {
  if (Array.isArray(json)) {
    const withId = json.find((x) => x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'number') as { id: number } | undefined;
    if (withId) return withId.id;
  }
  if (json && typeof json === 'object') {
    for (const value of Object.values(json)) {
      const id = firstId(value);
      if (id !== undefined) return id;
    }
  }
  return undefined;
}

/** Where to find an id for a path's {id}: the list it is a member of. */
const idSources: Record<string, string> = {
  '/api/v1/places/{id}': '/api/v1/places',
  '/api/v1/organisations/{id}': '/api/v1/organisations',
  '/api/v1/organisations/{id}/bodies': '/api/v1/organisations',
  '/api/v1/bodies/{id}': '/api/v1/organisations/{organisation}/bodies',
  '/api/v1/bodies/{id}/members': '/api/v1/organisations/{organisation}/bodies',
  '/api/v1/members/{id}': '/api/v1/bodies/{body}/members',
  '/api/v1/stories/{id}': '/api/v1/stories',
  '/api/v1/consultations/{id}': '/api/v1/consultations',
  '/api/v1/decisions/{id}': '/api/v1/decisions',
  '/api/v1/meetings/{id}': '/api/v1/meetings',
  '/api/v1/budgets/{id}': '/api/v1/budgets',
  '/api/v1/budgets/{id}/result': '/api/v1/budgets',
  '/api/v1/elections/{id}': '/api/v1/elections',
  '/api/v1/elections/{id}/count': '/api/v1/elections',
  '/api/v1/assemblies/{id}': '/api/v1/assemblies',
  '/api/v1/timebanks/{id}/listings': '/api/v1/timebanks',
  '/api/v1/timebanks/{id}/balance': '/api/v1/timebanks',
  '/api/v1/timebanks/{id}/statement': '/api/v1/timebanks',
};

describeWithTestApp('the API’s answers against its OpenAPI document', (t) => {
  it('answers every GET path of the document as the document says, on the demo health system', async () => {
    await loadDemoHealthSystem(t.db);
    const doc: OpenApiDocument = await openApiDocument(t.app);
    const check: AnswerCheck = await openApiValidator(t.app);
    const get = async (url: string, token?: string) => {
      const answer = await t.app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: answer.statusCode, json: answer.json() as unknown };
    };
    // A body with members, and its organisation, for the nested paths.
    const member = await t.db
      .selectFrom('body_member')
      .innerJoin('body', 'body.id', 'body_member.body_id')
      .select(['body.id as bodyId', 'body.organisation_id as organisationId'])
      .executeTakeFirstOrThrow();
    const idOf = async (listPath: string): Promise<number> => {
      const url = listPath.replace('{organisation}', String(member.organisationId)).replace('{body}', String(member.bodyId));
      const id = firstId((await get(url)).json);
      if (id === undefined) throw new Error(`the demo has nothing in ${url}`);
      return id;
    };
    // Routes behind a token: the token of someone who made a complaint, and that complaint. They are
    // also a link worker at the demo's social prescribing service, so a referral waiting there and the
    // service's figures are theirs to see.
    const cvs = await t.db.selectFrom('organisation').select('id').where('name', '=', 'Demo: Northvale Community Voluntary Services').executeTakeFirstOrThrow();
    const complainant = await signedInPerson(t, { name: 'Openapi Complainant', roles: [{ organisationId: cvs.id, role: 'link_worker' }] });
    const organisation = await t.db.selectFrom('organisation').select('id').where('name', 'like', '%Northvale Hospitals%').executeTakeFirstOrThrow();
    const waitingReferral = await t.db
      .selectFrom('referral')
      .select('id')
      .where('organisation_id', '=', cvs.id)
      .where('link_worker_account_id', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const fixedIds: Record<string, number> = {
      '/api/v1/complaints/{id}': await makeComplaintThroughForm(complainant.client, organisation.id),
      '/api/v1/referrals/{id}': waitingReferral.id,
      '/api/v1/organisations/{id}/referral-figures': cvs.id,
    };
    const token = await apiTokenOf(complainant.client, 'OpenAPI check');

    const checked: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!operations.get || path.endsWith('openapi.json')) continue;
      const needsToken = JSON.stringify(operations.get).includes('bearerAuth');
      let url = path;
      if (path.includes('{id}')) {
        const source = idSources[path];
        const id = fixedIds[path] ?? (source ? await idOf(source) : undefined);
        expect(id, `an id for ${path}`).toBeDefined();
        url = path.replace('{id}', String(id));
      }
      const answer = await get(url, needsToken ? token : undefined);
      expect(answer.status, `${url}: ${JSON.stringify(answer.json).slice(0, 300)}`).toBe(200);
      expect(check(path, answer.json), url).toEqual([]);
      checked.push(path);

      if (path.includes('{id}')) {
        const missing = await get(path.replace('{id}', '999999999'), needsToken ? token : undefined);
        expect(missing.status, `${path} with a missing id`).toBe(404);
        if (operations.get.responses['404']) expect(check(path, missing.json, { status: 404 }), `${path} 404`).toEqual([]);
      }
    }
    // The check is not vacuous: an empty object is no decision, meeting or consultation.
    for (const path of ['/api/v1/consultations/{id}', '/api/v1/meetings/{id}', '/api/v1/decisions/{id}']) expect(check(path, {}), path).not.toEqual([]);
    // The modules of the decisions round are among them.
    expect(checked).toEqual(expect.arrayContaining(['/api/v1/consultations/{id}', '/api/v1/meetings/{id}', '/api/v1/decisions/{id}', '/api/v1/me']));
  });
});

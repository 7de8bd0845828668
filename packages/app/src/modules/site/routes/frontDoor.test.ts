// The front door over HTTP on a real database (issue 19, item 1): the home page leads with the four
// tasks, the postcode box and every module's take-part entry (from the manifests, not written in the
// site module); /take-part lists the same with their descriptions; the header links to the tasks; the
// postcode finder sends a postcode to its place, names a bad one (422) or an unknown one (404) and
// never answers 5xx; a signed-in person sees their own open stories, complaints and follows under
// "Your things", and never anyone else's.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../../test/testApp.js';
import type { Db } from '../../../platform/database.js';
import { anonymous } from '../../../platform/permissions.js';
import type { PageLink } from '../../../platform/web/types.js';
import { signedInPerson, summaryErrors } from '../../accounts/testKit.js';
import { makeComplaintThroughForm, organisationWithManager } from '../../complaints/testKit.js';
import { insertPublishedStory } from '../../feedback/testKit.js';
import { insertFollow } from '../../following/testKit.js';
import { modules } from '../../index.js';

/** Text as the page escapes it. */
const html = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** The header's navigation links, in order: [href, text]. */
const headerLinksOf = (body: string) => {
  const header = body.slice(body.indexOf('<header'), body.indexOf('</header>'));
  return [...header.matchAll(/class="nhsuk-header__navigation-link" href="([^"]+)"[^>]*>(?:<strong[^>]*>)?\s*([^<]*?)\s*(?:<\/strong>)?<\/a>/g)].map((m) => [
    m[1],
    m[2],
  ]);
};

/** The "Your things" section of the home page ('' when it has none). */
const yourThingsOf = (body: string) => {
  const start = body.indexOf('id="your-things"');
  return start < 0 ? '' : body.slice(start, body.indexOf('</section>', start));
};

/** Every module's take-part entry, as its manifest gives it to anyone. */
async function homeLinks(db: Db): Promise<PageLink[]> {
  const lists = await Promise.all(modules.map((m) => m.links?.home?.({ actor: anonymous, db }) ?? []));
  return lists.flat();
}

describeWithTestApp('the front door', (t) => {
  const places: Record<'system' | 'area' | 'neighbourhood', number> = { system: 0, area: 0, neighbourhood: 0 };

  beforeAll(async () => {
    const place = async (name: string, kind: 'integrated_care_system' | 'local_authority_area' | 'neighbourhood', parent: number | null) =>
      (await t.db.insertInto('place').values({ name, kind, parent_id: parent }).returning('id').executeTakeFirstOrThrow()).id;
    places.system = await place('Front Door System', 'integrated_care_system', null);
    places.area = await place('Front Door Area', 'local_authority_area', places.system);
    places.neighbourhood = await place('Front Door Neighbourhood', 'neighbourhood', places.area);
    const organisation = async (name: string, postcode: string, at: number[]) => {
      const id = (
        await t.db.insertInto('organisation').values({ name, type: 'gp_practice', postcode, takes_nhs_money: true }).returning('id').executeTakeFirstOrThrow()
      ).id;
      for (const placeId of at) await t.db.insertInto('organisation_place').values({ organisation_id: id, place_id: placeId }).execute();
    };
    await organisation('Front Door Practice', 'ZZ1 2AB', [places.neighbourhood]);
    await organisation('Front Door Council', 'ZZ1 1TH', [places.area]);
    await organisation('Front Door Trust', 'ZZ2 3HL', [places.system, places.area]);
  });

  it('leads with the four tasks, the postcode box and every module’s take-part entry', async () => {
    const response = await t.client().get('/');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    for (const [href, heading] of [
      ['/stories/new', 'Tell your story'],
      ['/complaints/new', 'Make a complaint'],
      ['/take-part', 'Find and join what is happening near you'],
      ['/organisations', 'Find who runs your services'],
    ]) {
      expect(body, heading).toMatch(new RegExp(`<a class="nhsuk-card__link" href="${href}">\\s*${heading}\\s*</a>`));
    }
    expect(body).toContain('<form action="/places/find" method="get"');
    expect(body).toMatch(/<label\s+class="nhsuk-label nhsuk-label--s"\s+for="postcode">\s*Enter your postcode\s*<\/label>/);
    expect(body).toContain('Search for an organisation');

    const links = await homeLinks(t.db);
    // The modules that offer something to join, each through its manifest.
    expect(links.map((l) => l.href)).toEqual([
      '/consultations',
      '/meetings',
      '/budgets',
      '/elections',
      '/assemblies',
      '/directory',
      '/timebanks',
      '/social-prescribing',
    ]);
    for (const link of links) {
      expect(body, link.href).toContain(`<a href="${link.href}" class="nhsuk-u-font-weight-bold">${html(link.text)}</a>`);
      expect(link.description, link.href).toBeTruthy();
      expect(body, link.href).toContain(html(link.description as string));
    }
    // Nothing of anyone's own when signed out.
    expect(yourThingsOf(body)).toBe('');
  });

  it('lists everything to join at /take-part with what each is', async () => {
    const response = await t.client().get('/take-part');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Find and join what is happening near you</h1>');
    for (const link of await homeLinks(t.db)) {
      expect(response.body, link.href).toContain(`<a href="${link.href}" class="nhsuk-u-font-weight-bold">${html(link.text)}</a>`);
      expect(response.body, link.href).toContain(html(link.description as string));
    }
    expect(headerLinksOf(response.body).find(([href]) => href === '/take-part')).toBeTruthy();
    expect(response.body).toContain('class="nhsuk-header__navigation-link" href="/take-part" aria-current="page">');
  });

  it('links the header to the tasks; gaps and the API are in the footer only', async () => {
    for (const path of ['/', '/organisations', '/take-part']) {
      const body = (await t.client().get(path)).body;
      expect(headerLinksOf(body), path).toEqual([
        ['/stories/new', 'Tell your story'],
        ['/complaints/new', 'Make a complaint'],
        ['/take-part', 'Take part'],
        ['/directory', 'Find services'],
        ['/organisations', 'Organisations'],
        ['/places', 'Places'],
      ]);
      const footer = body.slice(body.indexOf('<footer'));
      expect(footer).toContain('href="/gaps"');
      expect(footer).toContain('href="/api/docs"');
    }
  });

  it('sends a postcode to its place: the place of an organisation there, else the most local one in its district', async () => {
    const client = t.client();
    const found = async (postcode: string) => {
      const response = await client.get(`/places/find?postcode=${encodeURIComponent(postcode)}`);
      expect(response.statusCode, postcode).toBe(303);
      return response.headers.location;
    };
    expect(await found('zz12ab')).toBe(`/places/${places.neighbourhood}`);
    expect(await found(' ZZ1 1TH ')).toBe(`/places/${places.area}`);
    // No organisation at ZZ1 9XX itself: the district ZZ1 has the neighbourhood and the area.
    expect(await found('ZZ1 9XX')).toBe(`/places/${places.neighbourhood}`);
    expect(await found('ZZ2 3HL')).toBe(`/places/${places.area}`);
    expect((await client.get(`/places/${places.area}`)).statusCode).toBe(200);
  });

  it('names a postcode that is not a full one, and one with no place, with the box again', async () => {
    const client = t.client();
    const empty = await client.get('/places/find?postcode=');
    expect(empty.statusCode).toBe(422);
    expect(summaryErrors(empty.body)).toEqual({ postcode: 'Enter your postcode' });
    const partial = await client.get('/places/find?postcode=ZZ1');
    expect(partial.statusCode).toBe(422);
    expect(summaryErrors(partial.body)).toEqual({ postcode: 'Enter a full postcode, like NV1 2AB' });
    expect(partial.body).toMatch(/<input[^>]*id="postcode"[^>]*value="ZZ1"/);
    const unknown = await client.get('/places/find?postcode=zz9%209zz');
    expect(unknown.statusCode).toBe(404);
    expect(summaryErrors(unknown.body)).toEqual({ postcode: 'We could not find a place for ZZ9 9ZZ' });
    expect(unknown.body).toMatch(/<input[^>]*id="postcode"[^>]*value="ZZ9 9ZZ"/);
    expect(unknown.body).toContain('<h1>Find your area</h1>');
  });

  it('answers any postcode without a server error', async () => {
    const client = t.client();
    const odd = ['', '%', 'ZZ1 %', 'ZZ_ 2AB', "ZZ1 2AB' or '1'='1", 'x'.repeat(5000), '\u0000', '🏥', 'ZZ1%202AB%00'];
    for (const value of odd) {
      const response = await client.get(`/places/find?postcode=${encodeURIComponent(value)}`);
      expect(response.statusCode, value.slice(0, 20)).toBeLessThan(500);
      expect([303, 404, 422], value.slice(0, 20)).toContain(response.statusCode);
    }
    for (const query of ['', '?postcode=ZZ1%202AB&postcode=ZZ9%209ZZ', '?postcode[a]=1', '?other=1']) {
      const response = await client.get(`/places/find${query}`);
      expect([303, 404, 422], query).toContain(response.statusCode);
    }
  });

  it('shows a signed-in person their own open stories, complaints and follows first, and never anyone else’s', async () => {
    const { organisationId } = await organisationWithManager(t, 'Front Door Hospital');
    const author = await signedInPerson(t, { name: 'Aled Author' });
    const other = await signedInPerson(t, { name: 'Olu Other' });

    // A story sent through the form waits for a moderator.
    await author.client.get(`/stories/new?organisation=${organisationId}`);
    const told = await author.client.post('/stories/new', {
      organisationId: String(organisationId),
      service: 'Outpatients',
      title: 'Waiting <room> story',
      whatHappened: 'I waited two hours.',
      happenedMonth: new Date().toISOString().slice(0, 7),
      authorRole: 'patient',
      displayName: 'A patient',
    });
    expect(told.statusCode).toBe(303);
    const awaitingId = Number(/\/account\/stories\/(\d+)/.exec(String(told.headers.location))?.[1]);
    // One published and not yet answered; one published and answered (no longer open).
    const unanswered = await insertPublishedStory(t.db, { organisationId, authorAccountId: author.accountId, title: 'Unanswered story' });
    const answered = await insertPublishedStory(t.db, { organisationId, authorAccountId: author.accountId, title: 'Answered story' });
    const responder = await signedInPerson(t, { name: 'Rhi Responder', roles: [{ organisationId, role: 'responder' }] });
    await responder.client.get(`/stories/${answered}`);
    expect((await responder.client.post(`/stories/${answered}/responses`, { body: 'Thank you.', signedRole: 'Matron' })).statusCode).toBe(303);
    const complaintId = await makeComplaintThroughForm(author.client, organisationId);
    const reference = (await t.db.selectFrom('complaint').select('reference').where('id', '=', complaintId).executeTakeFirstOrThrow()).reference;
    await insertFollow(t.db, { accountId: author.accountId, kind: 'place', id: places.area });

    const mine = yourThingsOf((await author.client.get('/')).body);
    expect(mine).toContain(
      `<a href="/account/stories/${awaitingId}" class="nhsuk-u-font-weight-bold">Your story “Waiting &lt;room&gt; story” about Front Door Hospital</a>`,
    );
    expect(mine).toContain('Waiting for a moderator to read it');
    expect(mine).toContain(`href="/account/stories/${unanswered}"`);
    expect(mine).toContain('Published: waiting for Front Door Hospital to answer');
    expect(mine).not.toContain(`href="/account/stories/${answered}"`);
    expect(mine).toContain(
      `<a href="/account/complaints/${complaintId}" class="nhsuk-u-font-weight-bold">Your complaint ${reference} to Front Door Hospital</a>`,
    );
    expect(mine).toContain(`<a href="/places/${places.area}" class="nhsuk-u-font-weight-bold">You follow Front Door Area</a>`);
    // "Your things" comes before the tasks.
    const page = (await author.client.get('/')).body;
    expect(page.indexOf('id="your-things"')).toBeLessThan(page.indexOf('What do you want to do?'));

    const theirs = yourThingsOf((await other.client.get('/')).body);
    expect(theirs).toContain('You have nothing open');
    for (const id of [awaitingId, unanswered]) expect(theirs).not.toContain(`/account/stories/${id}`);
    expect(theirs).not.toContain(`/account/complaints/${complaintId}`);
    expect(theirs).not.toContain('Front Door Area');
    // Personal, so never kept by a shared cache.
    expect((await author.client.get('/')).headers['cache-control']).toBe('no-store');
  });
});

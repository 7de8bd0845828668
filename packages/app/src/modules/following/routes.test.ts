// Following over HTTP on a real database: the link on an organisation's and a place's page, the form
// (sign in first; at least one topic and a frequency, named in the error summary, what was ticked
// kept), changing and stopping, "What you follow" in the account area, and nobody stopping anyone
// else's follow or posting without the form's token.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../test/testApp.js';
import { signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { insertSmallRegistry, type SmallRegistry } from './testKit.js';

describeWithTestApp('following pages', (t) => {
  let r: SmallRegistry;
  let person: TestClient;
  let followId: number;

  beforeAll(async () => {
    r = await insertSmallRegistry(t.db, 'Pages');
    ({ client: person } = await signedInPerson(t));
  });

  it('offers to follow from the organisation page, and sends a signed-out visitor to sign in first', async () => {
    const visitor = t.client();
    const page = await visitor.get(`/organisations/${r.organisation}`);
    expect(page.body).toContain(`href="/following/organisations/${r.organisation}"`);
    expect(page.body).toContain('Follow Pages Trust: be emailed about its consultations, meetings and decisions');
    const form = await visitor.get(`/following/organisations/${r.organisation}`);
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/following/organisations/${r.organisation}`)}`);
    expect((await visitor.post(`/following/organisations/${r.organisation}`, { topics: 'decisions', frequency: 'weekly' })).statusCode).toBe(303);
    expect(await t.db.selectFrom('follow').select('id').execute()).toEqual([]);
  });

  it('names what is missing, keeps what was ticked, then follows and says so on the organisation page', async () => {
    const form = await person.get(`/following/organisations/${r.organisation}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`href="/following/bodies/${r.board}"`);
    const bad = await person.post(`/following/organisations/${r.organisation}`, { frequency: 'hourly' });
    expect(bad.statusCode).toBe(422);
    expect(summaryErrors(bad.body)).toEqual({ topics: 'Choose at least one thing to hear about', frequency: 'Choose how often you want to hear' });
    const half = await person.post(`/following/organisations/${r.organisation}`, { topics: ['meetings', 'not-a-topic'] });
    expect(half.statusCode).toBe(422);
    expect(summaryErrors(half.body)).toEqual({ frequency: 'Choose how often you want to hear' });
    expect(half.body).toMatch(/value="meetings" checked/);
    expect(half.body).not.toMatch(/value="decisions" checked/);

    const saved = await person.post(`/following/organisations/${r.organisation}`, { topics: ['meetings', 'decisions'], frequency: 'immediate' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/organisations/${r.organisation}?done=following-started`);
    const page = await person.get(String(saved.headers.location));
    expect(page.body).toContain('You follow it now.');
    expect(page.body).toContain('You follow Pages Trust: change what you hear about');
    const rows = await t.db.selectFrom('follow').selectAll().execute();
    expect(rows).toMatchObject([{ organisation_id: r.organisation, consultations: false, meetings: true, decisions: true, frequency: 'immediate' }]);
    followId = rows[0]?.id as number;
  });

  it('changes what one hears about, follows a place and a board, and lists them under What you follow', async () => {
    await person.get(`/following/organisations/${r.organisation}`);
    const changed = await person.post(`/following/organisations/${r.organisation}`, { topics: 'consultations', frequency: 'weekly' });
    expect(changed.headers.location).toBe(`/organisations/${r.organisation}?done=following-changed`);
    expect((await t.db.selectFrom('follow').select('id').execute()).map((f) => f.id)).toEqual([followId]);
    const place = await person.get(`/places/${r.area}`);
    expect(place.body).toContain(`href="/following/places/${r.area}"`);
    await person.get(`/following/places/${r.area}`);
    expect((await person.post(`/following/places/${r.area}`, { topics: 'decisions', frequency: 'weekly' })).headers.location).toBe(
      `/places/${r.area}?done=following-started`,
    );
    await person.get(`/following/bodies/${r.board}`);
    expect((await person.post(`/following/bodies/${r.board}`, { topics: 'meetings', frequency: 'immediate' })).headers.location).toBe(
      `/bodies/${r.board}?done=following-started`,
    );

    const account = await person.get('/account');
    expect(account.body).toContain('href="/following"');
    const list = await person.get('/following');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Pages Area');
    expect(list.body).toContain('Pages Trust Board (Pages Trust)');
    expect(list.body).toContain('New consultations: in a weekly email.');
    expect(list.body).toContain('Meetings and papers: an email each time.');
    expect(list.body.indexOf('Pages Area')).toBeLessThan(list.body.indexOf('Stop following Pages Trust'));
  });

  it("gives 404 for what does not exist, refuses to stop someone else's follow, and refuses a post without the form's token", async () => {
    for (const url of ['/following/councils/1', `/following/organisations/${r.organisation + 1000}`, '/following/bodies/0', '/following/places/x']) {
      expect((await person.get(url)).statusCode, url).toBe(404);
      expect((await person.post(url, { topics: 'decisions', frequency: 'weekly' })).statusCode, url).toBe(404);
    }
    const { client: stranger } = await signedInPerson(t);
    await stranger.get('/following');
    expect((await stranger.post(`/following/${followId}/stop`, {})).statusCode).toBe(404);
    expect((await stranger.post('/following/99999999/stop', {})).statusCode).toBe(404);
    expect((await t.client().post(`/following/${followId}/stop`, {})).statusCode).toBe(303);
    expect((await person.post(`/following/${followId}/stop`, {}, { csrf: null })).statusCode).toBe(403);
    expect(await t.db.selectFrom('follow').select('id').where('id', '=', followId).execute()).toHaveLength(1);

    await person.get('/following');
    const stopped = await person.post(`/following/${followId}/stop`, {});
    expect(stopped.headers.location).toBe('/following?done=following-stopped');
    const list = await person.get('/following?done=following-stopped');
    expect(list.body).toContain('You no longer follow it');
    expect(list.body).not.toContain('Stop following Pages Trust<');
    expect((await person.get(`/organisations/${r.organisation}`)).body).toContain('Follow Pages Trust: be emailed');
  });
});

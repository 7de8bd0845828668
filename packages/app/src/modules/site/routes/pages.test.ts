// The statement and help pages over HTTP on a real database (issue 19, item 2): each page answers
// with its heading; every page's footer links to the statements and help; the cookies page names
// every cookie the server sets; /admin/site sends the signed-out to sign in, refuses anyone but a
// platform admin and saves for one (the contact page and privacy notice then show the details); a
// bad email address is named and changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../../test/testApp.js';
import { goodPassword, signedInPerson, summaryErrors } from '../../accounts/testKit.js';
import { footerLinks, sitePageHeadings } from '../testKit.js';
import { helpTopics } from './help.js';

const h1 = (body: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(body)?.[1]?.trim();

/** The footer's links, in order. */
const footerOf = (body: string) => {
  const footer = body.slice(body.indexOf('<footer'));
  return [...footer.matchAll(/<a class="nhsuk-footer__list-item-link" href="([^"]+)">\s*([^<]*?)\s*<\/a>/g)].map((m) => [m[1], m[2]]);
};

const details = {
  operatorName: 'Northvale Involvement Partnership',
  contactEmail: 'involve@northvale.example.org',
  contactPhone: '0300 123 4567',
  postalAddress: 'Northvale House\n1 High Street\nNorthvale NV1 1AA',
  dpoName: 'Dana Protector',
  dpoEmail: 'dpo@northvale.example.org',
  accessibilityExtra: '',
  privacyExtra: 'We were registered with the ICO in 2026.',
  cookiesExtra: '',
  contactExtra: 'Our office is open 9am to 5pm, Monday to Friday.',
};

describe('the site’s page headings', () => {
  it('has a help page for each main task', () => {
    expect(helpTopics.map((t) => t.slug)).toEqual(['tell-your-story', 'make-a-complaint', 'take-part', 'find-services', 'your-account']);
  });
});

describeWithTestApp('statement, help and site admin pages', (t) => {
  let admin: TestClient;
  let person: TestClient;
  const settingRows = () => t.db.selectFrom('site_setting').selectAll().orderBy('key').execute();

  beforeAll(async () => {
    ({ client: admin } = await signedInPerson(t, { name: 'Pat Platform', platformAdmin: true }));
    ({ client: person } = await signedInPerson(t, { name: 'Nora Nopowers' }));
  });

  it('answers each statement and help page with its heading', async () => {
    for (const [path, heading] of sitePageHeadings) {
      const response = await t.client().get(path);
      expect(response.statusCode, path).toBe(200);
      expect(h1(response.body), path).toBe(heading);
    }
    expect((await t.client().get('/help/no-such-topic')).statusCode).toBe(404);
  });

  it('links every page’s footer to the statements and help, then the API documentation and gaps', async () => {
    for (const path of ['/', '/organisations', '/help/take-part', '/no-such-page', '/sign-in']) {
      expect(footerOf((await t.client().get(path)).body), path).toEqual(footerLinks);
    }
  });

  it('names on the cookies page every cookie the server sets', async () => {
    const set = new Set<string>();
    const visitor = await t.client().get('/');
    for (const c of visitor.cookies) set.add(c.name);
    const signIn = await signedInPerson(t);
    // The session cookie is set by signing in; ask for a page with a fresh client to see it set.
    const again = t.client();
    await again.get('/sign-in');
    const signedIn = await again.post('/sign-in', { email: signIn.email, password: goodPassword });
    for (const c of signedIn.cookies) set.add(c.name);
    expect([...set].sort()).toEqual(['involve_csrf', 'involve_session']);
    const page = (await t.client().get('/cookies')).body;
    for (const name of [...set, 'involve_budget_receipt', 'involve_election_receipt']) expect(page).toContain(`<code>${name}</code>`);
    expect(page).toContain('No analytics or advertising cookies');
  });

  it('shows the defaults until a platform admin saves the details', async () => {
    const contact = (await t.client().get('/contact')).body;
    expect(contact).toContain('This service is run by the organisation that runs this Involve service.');
    expect(contact).toContain('have not been added to this page yet');
    expect(contact).toContain('NHS Complaints Advocacy');
  });

  it('sends the signed-out to sign in and refuses anyone but a platform admin, changing nothing', async () => {
    const signedOut = await t.client().get('/admin/site');
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent('/admin/site')}`);
    expect((await person.get('/admin/site')).statusCode).toBe(403);
    expect((await person.post('/admin/site', details)).statusCode).toBe(403);
    expect(await settingRows()).toEqual([]);
    expect((await person.get('/admin')).body).not.toContain('href="/admin/site"');
  });

  it('names a bad email address and saves nothing', async () => {
    expect((await admin.get('/admin')).body).toContain('href="/admin/site"');
    expect((await admin.get('/admin/site')).statusCode).toBe(200);
    const wrong = await admin.post('/admin/site', { ...details, contactEmail: 'not an email' });
    expect(wrong.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(wrong.body))).toEqual(['contactEmail']);
    expect(wrong.body).toContain('value="Northvale Involvement Partnership"');
    expect(await settingRows()).toEqual([]);
    const tooLong = await admin.post('/admin/site', { ...details, operatorName: '', contactPhone: 'x'.repeat(31) });
    expect(Object.keys(summaryErrors(tooLong.body)).sort()).toEqual(['contactPhone', 'operatorName']);
    expect(await settingRows()).toEqual([]);
  });

  it('saves for a platform admin: the contact page and privacy notice show the details', async () => {
    await admin.get('/admin/site');
    const saved = await admin.post('/admin/site', details);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/site?done=site-saved');
    expect((await admin.get(saved.headers.location as string)).body).toContain('The site’s details are saved.');
    const contact = (await t.client().get('/contact')).body;
    expect(contact).toContain('This service is run by Northvale Involvement Partnership.');
    expect(contact).toContain('<a href="mailto:involve@northvale.example.org">involve@northvale.example.org</a>');
    expect(contact).toContain('call: 0300 123 4567');
    expect(contact).toContain('Northvale House<br>1 High Street<br>Northvale NV1 1AA');
    expect(contact).toContain('Our office is open 9am to 5pm, Monday to Friday.');
    const privacy = (await t.client().get('/privacy')).body;
    expect(privacy).toContain('This service is run by Northvale Involvement Partnership, who is the controller');
    expect(privacy).toContain('the data protection officer, Dana Protector,');
    expect(privacy).toContain('href="mailto:dpo@northvale.example.org"');
    expect(privacy).toContain('We were registered with the ICO in 2026.');
    expect((await t.client().get('/accessibility')).body).toContain('This website is run by Northvale Involvement Partnership.');
    // Empty extras are not stored; the audit log names the keys changed, never their values.
    expect((await settingRows()).map((r) => r.key)).toEqual([
      'contactEmail',
      'contactExtra',
      'contactPhone',
      'dpoEmail',
      'dpoName',
      'operatorName',
      'postalAddress',
      'privacyExtra',
    ]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'site.settings.save').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.detail)).not.toContain('Northvale');
  });

  it('takes a setting back to its default when cleared', async () => {
    await admin.get('/admin/site');
    expect((await admin.post('/admin/site', { ...details, contactExtra: '', postalAddress: '' })).statusCode).toBe(303);
    const keys = (await settingRows()).map((r) => r.key);
    expect(keys).not.toContain('contactExtra');
    expect(keys).not.toContain('postalAddress');
    expect((await t.client().get('/contact')).body).not.toContain('Northvale House');
  });
});

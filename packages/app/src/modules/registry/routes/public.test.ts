// The organisation search pages through its results: 31 organisations show as 1 to 20 with a link
// to page 2, which shows 21 to 31 (issue 12, defect 10: the page links were missing). A page number
// no list could reach is capped, never an error, on the page and in the API.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../../test/testApp.js';
import { systemActor } from '../../../platform/permissions.js';
import { importOrganisationsCsv } from '../service.js';

const names = Array.from({ length: 31 }, (_, i) => `Paged Practice ${String(i + 1).padStart(2, '0')}`);

describeWithTestApp('organisation search pages', (t) => {
  beforeAll(async () => {
    const csv = `name,type,postcode\n${names.map((name) => `${name},GP practice,LS6 1AA`).join('\n')}\n`;
    const report = await importOrganisationsCsv({ db: t.db }, systemActor('test'), Buffer.from(csv));
    expect(report.created).toBe(31);
  });

  const shown = (body: string) => names.filter((name) => body.includes(`>${name}</a>`));

  it('shows 1 to 20 with links to page 2, and page 2 shows 21 to 31 with a link back', async () => {
    const first = await t.client().get('/organisations');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('31 organisations found');
    expect(first.body).toContain('Showing 1 to 20.');
    expect(shown(first.body)).toEqual(names.slice(0, 20));
    expect(first.body).toContain('href="/organisations?page=2"');
    expect(first.body).toMatch(/<a class="nhsuk-pagination__link" href="\/organisations\?page=2" aria-label="Page 2"/);
    expect(first.body).toMatch(/class="nhsuk-pagination__next" rel="next"/);

    const second = await t.client().get('/organisations?page=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Showing 21 to 31.');
    expect(shown(second.body)).toEqual(names.slice(20));
    expect(second.body).toMatch(/<a href="\/organisations\?page=1" class="nhsuk-pagination__previous" rel="prev"/);
    expect(second.body).toContain('aria-current="page"');
  });

  it('keeps the search in the page links', async () => {
    const response = await t.client().get('/organisations?q=paged&postcode=LS6');
    expect(response.body).toContain('31 organisations found');
    expect(response.body).toContain('href="/organisations?q=paged&amp;postcode=LS6&amp;page=2"');
  });

  it('shows no page links when everything fits on one page', async () => {
    const response = await t.client().get('/organisations?q=Paged%20Practice%2031');
    expect(response.body).toContain('1 organisation found');
    expect(response.body).not.toContain('nhsuk-pagination');
  });

  it('caps a page number no list could reach: no error on the page or in the API', async () => {
    for (const page of ['99999999999999999999', '100001', '-3', 'two']) {
      const html = await t.client().get(`/organisations?page=${page}`);
      expect(html.statusCode, page).toBe(200);
      const api = await t.app.inject(`/api/v1/organisations?page=${page === 'two' ? 1 : page.replace('-', '')}`);
      expect(api.statusCode, page).toBe(200);
    }
    const far = await t.client().get('/organisations?page=100001');
    expect(far.body).toContain('There are no more results.');
    const farApi = (await t.app.inject('/api/v1/organisations?page=100001')).json();
    expect(farApi).toMatchObject({ total: 31, page: 100000, items: [], links: { next: null, prev: '/api/v1/organisations?page=2&pageSize=20' } });
  });
});

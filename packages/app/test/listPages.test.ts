// Every list page pages (issue 12, defect 10): the consultations and decisions lists stopped at the
// newest 100 with no way to the rest. With 125 of each, the pages and the API give every one, a page
// at a time, with the total and links either side.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { insertOrganisation, signedInPerson } from '../src/modules/accounts/testKit.js';
import { describeWithTestApp } from './testApp.js';

const howMany = 125;

/** The ids a list page links to, in order. */
const linkedIds = (body: string, kind: 'consultations' | 'decisions') => [...body.matchAll(new RegExp(`href="/${kind}/(\\d+)"`, 'g'))].map((m) => Number(m[1]));

describeWithTestApp('list pages with more than a hundred entries', (t) => {
  let organisationId: number;
  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Busy Listing Trust');
    const { accountId } = await signedInPerson(t);
    // Closed consultations, one a day (newest last), and decisions the same.
    await sql`insert into consultation (organisation_id, title, summary, opens_on, closes_on, phase, created_by_account_id)
      select ${organisationId}, 'Consultation ' || i, 'About ' || i, date '2025-01-01' + i, date '2025-01-01' + i + 30, 'closed', ${accountId}
      from generate_series(1, ${howMany}) as i`.execute(t.db);
    await sql`insert into decision (organisation_id, title, decided, officer, decided_on, created_by_account_id)
      select ${organisationId}, 'Decision ' || i, 'Decided ' || i, 'Chief Executive', date '2025-01-01' + i, ${accountId}
      from generate_series(1, ${howMany}) as i`.execute(t.db);
  });

  it('pages the decisions: every one reachable, 20 a page, the page numbers linked', async () => {
    const first = await t.app.inject(`/decisions?organisation=${organisationId}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(`${howMany} decisions. Showing 1 to 20.`);
    expect(first.body).toContain(`href="/decisions?organisation=${organisationId}&amp;page=7"`);
    const seen = new Set<number>();
    for (let page = 1; page <= 7; page++) {
      const body = (await t.app.inject(`/decisions?organisation=${organisationId}&page=${page}`)).body;
      for (const id of linkedIds(body, 'decisions')) seen.add(id);
    }
    expect(seen.size).toBe(howMany);
    const last = await t.app.inject(`/decisions?organisation=${organisationId}&page=7`);
    expect(last.body).toContain('Showing 121 to 125.');
    expect(last.body).toContain('Decision 1<');
    // A page past the end is a page, not an error.
    expect((await t.app.inject(`/decisions?organisation=${organisationId}&page=99999999999999999999`)).statusCode).toBe(200);
  });

  it('pages the decisions API with the total and links', async () => {
    const ids = new Set<number>();
    let next: string | null = `/api/v1/decisions?organisation=${organisationId}&pageSize=50`;
    let pages = 0;
    while (next) {
      const answer = (await t.app.inject(next)).json() as { items: Array<{ id: number }>; total: number; links: { next: string | null } };
      expect(answer.total).toBe(howMany);
      for (const item of answer.items) ids.add(item.id);
      next = answer.links.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(ids.size).toBe(howMany);
  });

  it('shows the newest ten closed consultations with a link to all, which pages through every one', async () => {
    const overview = await t.app.inject(`/consultations?organisation=${organisationId}`);
    expect(overview.statusCode).toBe(200);
    expect(linkedIds(overview.body, 'consultations')).toHaveLength(10);
    expect(overview.body).toContain(`Closed (${howMany})`);
    expect(overview.body).toContain(`href="/consultations?organisation=${organisationId}&amp;show=closed&amp;page=1"`);
    const seen = new Set<number>();
    for (let page = 1; page <= 7; page++) {
      const body = (await t.app.inject(`/consultations?organisation=${organisationId}&show=closed&page=${page}`)).body;
      expect(body).toContain('Consultations: closed');
      for (const id of linkedIds(body, 'consultations')) seen.add(id);
    }
    expect(seen.size).toBe(howMany);
  });

  it('pages the consultations API with the total and links', async () => {
    const answer = (await t.app.inject(`/api/v1/consultations?organisation=${organisationId}&page=3&pageSize=50`)).json() as {
      items: unknown[];
      total: number;
      page: number;
      links: { next: string | null; prev: string | null };
    };
    expect(answer).toMatchObject({
      total: howMany,
      page: 3,
      links: { next: null, prev: `/api/v1/consultations?organisation=${organisationId}&page=2&pageSize=50` },
    });
    expect(answer.items).toHaveLength(25);
  });
});

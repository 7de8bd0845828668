// Every list page pages (issue 12, defect 10): the consultations and decisions lists stopped at the
// newest 100 with no way to the rest, and the page for coding a question's free-text answers at the
// newest 500 (saying "500 answers"), and the mail outbox at the newest 100. With more than that, the pages and the API give every one, a
// page at a time, with the total and links either side.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { insertOrganisation, signedInPerson } from '../src/modules/accounts/testKit.js';
import { describeWithTestApp } from './testApp.js';

const howMany = 125;

/** The ids a list page links to, in order. */
const linkedIds = (body: string, kind: 'consultations' | 'decisions') => [...body.matchAll(new RegExp(`href="/${kind}/(\\d+)"`, 'g'))].map((m) => Number(m[1]));

describeWithTestApp('list pages with more than a hundred entries', (t) => {
  let organisationId: number;
  let accountId: number;
  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Busy Listing Trust');
    ({ accountId } = await signedInPerson(t));
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

  it('pages the free-text answers staff code, and keeps the page when an answer is coded', async () => {
    const answers = 520;
    const { client: analyst } = await signedInPerson(t, { roles: [{ organisationId, role: 'admin' }] });
    const consultation = await t.db
      .insertInto('consultation')
      .values({
        organisation_id: organisationId,
        title: 'Many answers',
        summary: 'Lots',
        opens_on: '2026-01-01',
        closes_on: '2026-02-01',
        phase: 'closed',
        created_by_account_id: accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const question = await t.db
      .insertInto('consultation_question')
      .values({
        consultation_id: consultation.id,
        position: 1,
        kind: 'free_text',
        text: 'What would help?',
        hint: null,
        options: '[]',
        budget: null,
        about_you_key: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`with responses as (
        insert into consultation_response (consultation_id, reference, status, submitted_at)
        select ${consultation.id}, 'C-LIST' || i, 'submitted', now() from generate_series(1, ${answers}) as i returning id, reference)
      insert into consultation_answer (response_id, question_id, value)
      select id, ${question.id}, jsonb_build_object('text', 'Answer from ' || reference) from responses`.execute(t.db);
    await analyst.post(`/consultations/${consultation.id}/codes`, { questionId: String(question.id), label: 'Transport' });
    const code = await t.db.selectFrom('consultation_code').select('id').where('consultation_id', '=', consultation.id).executeTakeFirstOrThrow();

    const url = `/consultations/${consultation.id}/analysis/questions/${question.id}`;
    const first = await analyst.get(url);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(`${answers} answers, 1 to 50 shown here.`);
    const references = new Set<string>();
    for (let page = 1; page <= 11; page++) {
      const body = (await analyst.get(`${url}?page=${page}`)).body;
      for (const m of body.matchAll(/Answer from (C-LIST\d+)/g)) references.add(m[1] as string);
    }
    expect(references.size).toBe(answers);
    const last = await analyst.get(`${url}?page=11`);
    expect(last.body).toContain('501 to 520 shown here.');

    // Coding an answer on page 4 comes back to page 4, at that answer.
    const page4 = (await analyst.get(`${url}?page=4`)).body;
    const responseId = /name="responseId" value="(\d+)"><input type="hidden" name="page" value="4">/.exec(page4)?.[1];
    expect(responseId).toBeDefined();
    const coded = await analyst.post(`/consultations/${consultation.id}/coding`, {
      questionId: String(question.id),
      responseId: String(responseId),
      page: '4',
      codes: String(code.id),
    });
    expect(coded.statusCode).toBe(303);
    expect(coded.headers.location).toBe(`${url}?page=4&done=answer-coded#answer-${responseId}`);
  });

  it('pages the mail outbox for platform admins: every email reachable, not only the newest hundred', async () => {
    const { client: admin } = await signedInPerson(t, { platformAdmin: true });
    const before = Number(
      (
        await t.db
          .selectFrom('mail_outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await sql`insert into mail_outbox (to_address, subject, body_text, status, sent_at)
      select 'list' || i || '@example.org', 'Listed email ' || i, 'Hello', 'sent', now() from generate_series(1, 230) as i`.execute(t.db);
    const total = before + 230;
    const first = await admin.get('/admin/outbox');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(`Emails, newest first: 1 to 100 of ${total}`);
    const subjects = new Set<string>();
    for (let page = 1; page <= Math.ceil(total / 100); page++) {
      const body = (await admin.get(`/admin/outbox?page=${page}`)).body;
      for (const m of body.matchAll(/>(Listed email \d+)</g)) subjects.add(m[1] as string);
    }
    expect(subjects.size).toBe(230);
    expect((await admin.get('/admin/outbox?page=3')).body).toContain(`201 to ${total} of ${total}`);
  });
});

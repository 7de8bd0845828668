// Finding complaints (issue 12, defect 13): a complaints manager finds a closed complaint by its
// reference or the complainant's name, filters by state, and pages through the list, on /complaints
// and on the organisation's dashboard. Only the organisations they manage are searched: another
// organisation's complaint is never found, by reference, by name or by state.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { type ComplaintsWorld, makeComplaintThroughForm, organisationWithManager, today } from './testKit.js';

describeWithTestApp('finding complaints', (t) => {
  let here: ComplaintsWorld;
  let elsewhere: ComplaintsWorld;
  let closedId: number;
  let closedReference: string;
  let openReference: string;
  let otherReference: string;
  beforeAll(async () => {
    here = await organisationWithManager(t, 'Finding Surgery');
    elsewhere = await organisationWithManager(t, 'Elsewhere Surgery');
    const complainant = await signedInPerson(t, { name: 'Cara Closed' });
    const other = await signedInPerson(t, { name: 'Olly Open' });

    // A complaint taken through to the end, and closed.
    closedId = await makeComplaintThroughForm(complainant.client, here.organisationId, { complainantName: 'Cara Closed' });
    const { manager } = here;
    await manager.client.get(`/complaints/${closedId}/acknowledge`);
    expect((await manager.client.post(`/complaints/${closedId}/acknowledge`, { letter: 'Dear {{complainant_name}}' })).statusCode).toBe(303);
    const final = await manager.client.post(`/complaints/${closedId}/final-response`, {
      outcome: 'upheld',
      subjects: 'communication',
      letter: 'Dear {{complainant_name}}, we are sorry.',
    });
    expect(final.statusCode).toBe(303);
    expect((await manager.client.post(`/complaints/${closedId}/close`, {})).statusCode).toBe(303);
    // An open one here, and one elsewhere by a complainant of the same name.
    const openId = await makeComplaintThroughForm(other.client, here.organisationId, { complainantName: 'Olly Open' });
    const otherId = await makeComplaintThroughForm(complainant.client, elsewhere.organisationId, { complainantName: 'Cara Closed' });
    const referenceOf = async (id: number) => (await t.db.selectFrom('complaint').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;
    closedReference = await referenceOf(closedId);
    openReference = await referenceOf(openId);
    otherReference = await referenceOf(otherId);
  });

  /** Whether a page lists the complaint (a link, not the search box repeating what was typed). */
  const lists = (body: string, reference: string) => body.includes(`>${reference}</a>`);
  const list = async (path: string) => {
    const response = await here.manager.client.get(path);
    expect(response.statusCode, path).toBe(200);
    return response.body;
  };

  it('finds a closed complaint by its reference and by name, and never another organisation’s', async () => {
    const byReference = await list(`/complaints?q=${encodeURIComponent(closedReference)}`);
    expect(byReference).toContain(`href="/complaints/${closedId}"`);
    expect(byReference).toContain('Closed');
    expect(lists(byReference, openReference)).toBe(false);
    // Part of the reference, typed in lower case with a space, is enough.
    expect(lists(await list(`/complaints?q=${encodeURIComponent(closedReference.slice(2).toLowerCase().replace('-', ' '))}`), closedReference)).toBe(true);

    const byName = await list('/complaints?q=cara+closed');
    expect(lists(byName, closedReference)).toBe(true);
    expect(lists(byName, otherReference)).toBe(false);
    expect(lists(byName, openReference)).toBe(false);

    // The other organisation's complaint: not by its reference, nor in any list.
    const theirs = await list(`/complaints?q=${encodeURIComponent(otherReference)}`);
    expect(lists(theirs, otherReference)).toBe(false);
    expect(theirs).toContain('No complaints found');
    for (const state of ['', 'open', 'received', 'closed']) expect(lists(await list(`/complaints?state=${state}`), otherReference)).toBe(false);
    // Its own manager finds it.
    expect(lists((await elsewhere.manager.client.get(`/complaints?q=${encodeURIComponent(otherReference)}`)).body, otherReference)).toBe(true);
  });

  it('filters by state: open, each status, closed', async () => {
    const closed = await list('/complaints?state=closed');
    expect(lists(closed, closedReference)).toBe(true);
    expect(lists(closed, openReference)).toBe(false);
    const open = await list('/complaints?state=open');
    expect(lists(open, openReference)).toBe(true);
    expect(lists(open, closedReference)).toBe(false);
    expect(lists(await list('/complaints?state=received'), openReference)).toBe(true);
    expect(lists(await list('/complaints?state=acknowledged'), closedReference)).toBe(false);
    const all = await list('/complaints');
    expect(lists(all, openReference)).toBe(true);
    expect(lists(all, closedReference)).toBe(true);
    // An unknown state shows everything rather than failing.
    expect(lists(await list('/complaints?state=nonsense'), closedReference)).toBe(true);
  });

  it('searches on the organisation’s dashboard too, only there', async () => {
    const dashboard = `/complaints/organisations/${here.organisationId}/dashboard`;
    const found = await list(`${dashboard}?q=${encodeURIComponent(closedReference)}&state=closed`);
    expect(found).toContain(`href="/complaints/${closedId}"`);
    expect(lists(await list(`${dashboard}?q=${encodeURIComponent(otherReference)}`), otherReference)).toBe(false);
    // The dashboard lists only open complaints until asked; the form sent empty finds them all.
    expect(lists(await list(dashboard), closedReference)).toBe(false);
    expect(lists(await list(`${dashboard}?q=&state=`), closedReference)).toBe(true);
    // Another organisation's dashboard stays not found.
    expect((await here.manager.client.get(`/complaints/organisations/${elsewhere.organisationId}/dashboard?q=cara`)).statusCode).toBe(404);
  });

  it('pages through a long list with the NHS.UK pagination, and a page past the end shows the last', async () => {
    const complainantId = (await t.db.selectFrom('complaint').select('complainant_account_id').where('id', '=', closedId).executeTakeFirstOrThrow())
      .complainant_account_id;
    await t.db
      .insertInto('complaint')
      .values(
        Array.from({ length: 25 }, (_, i) => ({
          reference: `C-PAGE-${String(i).padStart(4, '0')}`,
          organisation_id: here.organisationId,
          complainant_account_id: complainantId,
          complainant_name: `Paged Person ${i}`,
          on_behalf: false,
          what_happened: 'Paged',
          event_date: today(),
          received_on: today(),
          late: false,
        })),
      )
      .execute();
    const first = await list('/complaints?q=paged');
    expect(first).toContain('25 complaints found');
    expect(first.match(/href="\/complaints\/\d+"/g)).toHaveLength(20);
    expect(first).toContain('nhsuk-pagination');
    expect(first).toContain('href="/complaints?q=paged&amp;page=2"');
    const second = await list('/complaints?q=paged&page=2');
    expect(second.match(/href="\/complaints\/\d+"/g)).toHaveLength(5);
    const past = await list('/complaints?q=paged&page=99999999999999999999');
    expect(past.match(/href="\/complaints\/\d+"/g)?.length).toBeGreaterThan(0);
  });

  it('refuses an over-long search with a message naming the box', async () => {
    const response = await here.manager.client.get(`/complaints?q=${'x'.repeat(201)}`);
    expect(response.statusCode).toBe(422);
    expect(summaryErrors(response.body)).toEqual({ q: 'The reference or name to search for must be 200 characters or fewer' });
    // Control characters never reach the database (PostgreSQL refuses a NUL byte).
    expect((await here.manager.client.get('/complaints?q=%00cara%0B')).statusCode).toBeLessThan(500);
  });

  it('shows no list to people who manage no complaints', async () => {
    const person = await signedInPerson(t);
    const page = await person.client.get(`/complaints?q=${encodeURIComponent(closedReference)}`);
    expect(page.statusCode).toBe(200);
    expect(lists(page.body, closedReference)).toBe(false);
    expect(page.body).not.toContain('Find a complaint');
  });
});

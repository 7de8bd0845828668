// Public meetings over HTTP on a real database: an organisation's admin arranges a meeting (naming
// each field that is wrong), builds the agenda, uploads papers that stay hidden until published, and
// publishes them (followers are told); a person sends a question (and after the deadline is refused
// with what they typed kept); staff answer it in public; people register (the room fills; the same
// email twice is refused); after the meeting, minutes and a decision linked to a consultation; the
// calendar feeds; and the API's answers valid against the OpenAPI document.
import ICAL from 'ical.js';
import { beforeAll, expect, it } from 'vitest';
import { openApiValidator } from '../../../test/openApi.js';
import { describeWithTestApp, type TestClient } from '../../../test/testApp.js';
import { signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { deleteBody } from '../registry/service.js';
import { createMeeting } from './service.js';
import { type Board, boardWithAdmin, meetingFields } from './testKit.js';

/** The meeting form as posted: the date in its three boxes. */
function posted(fields: ReturnType<typeof meetingFields>, bodyId?: number): Record<string, string> {
  const [year, month, day] = fields.date.split('-') as [string, string, string];
  const { date: _date, ...rest } = fields;
  return { ...rest, 'date-day': String(Number(day)), 'date-month': String(Number(month)), 'date-year': year, ...(bodyId ? { bodyId: String(bodyId) } : {}) };
}

describeWithTestApp('meetings', (t) => {
  let board: Board;
  let meetingId: number;
  let itemIds: number[] = [];

  beforeAll(async () => {
    board = await boardWithAdmin(t);
  });

  const itemsOf = async (id: number) =>
    (await t.db.selectFrom('meeting_item').select(['id', 'part']).where('meeting_id', '=', id).orderBy('position').execute()).map((i) => i.id);

  it('lets the admin arrange a meeting, naming each field that is wrong, and build its agenda', async () => {
    const { admin, organisationId, bodyId } = board;
    await admin.get(`/organisations/${organisationId}/meetings/new`);
    const bad = await admin.post(`/organisations/${organisationId}/meetings/new`, {
      ...posted(meetingFields(48, { title: '', startTime: '25:00', endTime: 'later', venue: '', onlineUrl: 'http://insecure', capacity: '0' })),
    });
    expect(bad.statusCode).toBe(422);
    expect(summaryErrors(bad.body)).toMatchObject({
      bodyId: 'Choose the board, committee or group that meets',
      title: 'Enter the title of the meeting',
      startTime: 'Enter the time it starts, like 14:00 or 2pm',
      endTime: 'Enter the time it ends, like 16:30 or 4:30pm',
      onlineUrl: 'Enter the link to join online, starting with https://',
      capacity: 'Enter the number of places in the room as a whole number from 1 to 100,000, or leave it empty for no limit',
    });
    // What was typed is kept.
    expect(bad.body).toContain('value="25:00"');
    const made = await admin.post(
      `/organisations/${organisationId}/meetings/new`,
      posted(meetingFields(24 * 10, { capacity: '2', questionWorkingDays: '2' }), bodyId),
    );
    expect(made.statusCode).toBe(303);
    meetingId = Number(/\/meetings\/(\d+)\/manage/.exec(String(made.headers.location))?.[1]);

    await admin.get(`/meetings/${meetingId}/manage`);
    const noPurpose = await admin.post(`/meetings/${meetingId}/items`, { itemTitle: 'Welcome', presenter: '', part: 'public' });
    expect(noPurpose.statusCode).toBe(422);
    expect(summaryErrors(noPurpose.body)).toEqual({ purpose: 'Choose whether the item is for decision, discussion or information' });
    for (const [itemTitle, purpose, part] of [
      ['Welcome and apologies', 'information', 'public'],
      ['Evening GP appointments', 'decision', 'public'],
      ['Estates disposal', 'decision', 'private'],
    ]) {
      expect(
        (
          await admin.post(`/meetings/${meetingId}/items`, {
            itemTitle: itemTitle as string,
            presenter: 'Chair',
            purpose: purpose as string,
            part: part as string,
          })
        ).statusCode,
      ).toBe(303);
    }
    itemIds = await itemsOf(meetingId);
    expect(itemIds).toHaveLength(3);
    // Move the second item up: it becomes the first.
    expect((await admin.post(`/meetings/${meetingId}/items/${itemIds[1]}/up`, {})).statusCode).toBe(303);
    expect(await itemsOf(meetingId)).toEqual([itemIds[1], itemIds[0], itemIds[2]]);
  });

  it('keeps uploaded papers hidden until published, then tells the body’s followers', async () => {
    const { admin } = board;
    await admin.get(`/meetings/${meetingId}/manage`);
    const wrongType = await admin.postMultipart(
      `/meetings/${meetingId}/papers`,
      { paperItem: String(itemIds[1]), paperTitle: 'Script' },
      { field: 'file', filename: 'run.exe', content: 'MZ' },
    );
    expect(wrongType.statusCode).toBe(422);
    expect(summaryErrors(wrongType.body)).toEqual({ file: 'The file must be a PDF, Word, OpenDocument, text, MP3, MP4, PNG or JPEG file' });
    const upload = (itemId: number, paperTitle: string, filename: string) =>
      admin.postMultipart(
        `/meetings/${meetingId}/papers`,
        { paperItem: String(itemId), paperTitle },
        { field: 'file', filename, content: `Paper: ${paperTitle}` },
      );
    expect((await upload(itemIds[1] as number, 'GP access report', 'gp-access.txt')).statusCode).toBe(303);
    expect((await upload(itemIds[2] as number, 'Estates valuation', 'valuation.txt')).statusCode).toBe(303);
    const papers = await t.db.selectFrom('meeting_paper').select(['id', 'title']).where('meeting_id', '=', meetingId).orderBy('id').execute();
    const publicPaper = papers[0]?.id as number;
    const visitor = t.client();
    expect((await visitor.get(`/meetings/${meetingId}`)).body).not.toContain('GP access report');
    expect((await visitor.get(`/meetings/${meetingId}/papers/${publicPaper}`)).statusCode).toBe(404);
    // Staff see it before it is published, marked so.
    expect((await admin.get(`/meetings/${meetingId}`)).body).toContain('Not published yet');

    const { accountId: followerId, email: followerEmail } = await signedInPerson(t);
    await t.db.insertInto('follow').values({ account_id: followerId, body_id: board.bodyId, meetings: true, frequency: 'immediate' }).execute();
    await admin.get(`/meetings/${meetingId}/manage`);
    expect((await admin.post(`/meetings/${meetingId}/publish-papers`, {})).statusCode).toBe(303);
    const page = await visitor.get(`/meetings/${meetingId}`);
    expect(page.body).toContain('GP access report');
    expect(page.body).not.toContain('Estates');
    const file = await visitor.get(`/meetings/${meetingId}/papers/${publicPaper}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="gp-access.txt"');
    expect(file.body).toBe('Paper: GP access report');
    const mail = await t.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', followerEmail).execute();
    expect(mail.map((m) => m.subject)).toEqual([expect.stringMatching(/^Papers published: Board meeting in public/)]);
    // Nothing new to publish: said so, not a silent success.
    const again = await admin.post(`/meetings/${meetingId}/publish-papers`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('There are no new papers of the public part to publish');
  });

  it('takes a question from a person without an account, and staff publish its answer without the email', async () => {
    const visitor = t.client();
    await visitor.get(`/meetings/${meetingId}/question`);
    const bad = await visitor.post(`/meetings/${meetingId}/question`, { name: '', email: 'nope', question: '' });
    expect(bad.statusCode).toBe(422);
    expect(summaryErrors(bad.body)).toEqual({
      name: 'Enter your name',
      email: 'Enter an email address in the correct format, like name@example.com',
      question: 'Enter your question',
    });
    const sent = await visitor.post(`/meetings/${meetingId}/question`, {
      name: 'Ada Patient',
      email: 'ada@example.org',
      question: 'Will evening appointments include Saturdays?',
    });
    expect(sent.statusCode).toBe(303);
    const question = await t.db.selectFrom('meeting_question').select('id').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    expect((await visitor.get(`/meetings/${meetingId}`)).body).not.toContain('Saturdays');

    // A signed-in person finds their name and email filled in.
    const { client: member, email } = await signedInPerson(t, { name: 'Ben Member' });
    const form = await member.get(`/meetings/${meetingId}/question`);
    expect(form.body).toContain('value="Ben Member"');
    expect(form.body).toContain(`value="${email}"`);

    // Nobody but the organisation's staff moderates.
    await member.get(`/meetings/${meetingId}`);
    expect((await member.post(`/meetings/${meetingId}/questions/${question.id}`, { action: 'answer', [`answer-${question.id}`]: 'Hijack' })).statusCode).toBe(
      404,
    );
    expect((await member.get(`/meetings/${meetingId}/questions`)).statusCode).toBe(404);

    const { admin } = board;
    const list = await admin.get(`/meetings/${meetingId}/questions`);
    expect(list.body).toContain('ada@example.org');
    const empty = await admin.post(`/meetings/${meetingId}/questions/${question.id}`, { action: 'answer', [`answer-${question.id}`]: '' });
    expect(empty.statusCode).toBe(422);
    expect(summaryErrors(empty.body)).toEqual({ [`answer-${question.id}`]: 'Enter the answer' });
    const answered = await admin.post(`/meetings/${meetingId}/questions/${question.id}`, {
      action: 'answer',
      [`answer-${question.id}`]: 'Not this year: weekday evenings first.',
    });
    expect(answered.statusCode).toBe(303);
    const page = await t.client().get(`/meetings/${meetingId}`);
    expect(page.body).toContain('Will evening appointments include Saturdays?');
    expect(page.body).toContain('Not this year: weekday evenings first.');
    expect(page.body).toContain('Ada Patient');
    expect(page.body).not.toContain('ada@example.org');
    const mail = await t.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', 'ada@example.org').orderBy('id').execute();
    expect(mail.map((m) => m.subject)).toEqual(['Your question for "Board meeting in public"', 'Your question for "Board meeting in public" is answered']);
  });

  it('refuses a question after the deadline with a clear message, keeping what was typed', async () => {
    const { admin, organisationId, bodyId } = board;
    await admin.get(`/organisations/${organisationId}/meetings/new`);
    // Tomorrow, with questions closing 5 working days before: already closed.
    const made = await admin.post(
      `/organisations/${organisationId}/meetings/new`,
      posted(meetingFields(26, { title: 'Closed for questions', questionWorkingDays: '5' }), bodyId),
    );
    const closedId = Number(/\/meetings\/(\d+)\/manage/.exec(String(made.headers.location))?.[1]);
    const visitor = t.client();
    const form = await visitor.get(`/meetings/${closedId}/question`);
    expect(form.body).toContain('Questions are closed');
    expect(form.body).not.toContain('Send your question');
    const typed = 'What about the car park at the Eastmoor site, which floods?';
    const refused = await visitor.post(`/meetings/${closedId}/question`, { name: 'Cy Late', email: 'cy@example.org', question: typed });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toMatch(/Questions for this meeting closed at \d{1,2}:\d{2}(am|pm) on \w+day \d{1,2} \w+ \d{4}/);
    expect(refused.body).toContain(typed);
    expect(refused.body).toContain('value="Cy Late"');
    expect(await t.db.selectFrom('meeting_question').select('id').where('meeting_id', '=', closedId).execute()).toEqual([]);
  });

  it('registers people to attend until the room is full, once each, and shows who registered only to staff', async () => {
    const register = async (client: TestClient, form: Record<string, string>) => {
      await client.get(`/meetings/${meetingId}/register`);
      return client.post(`/meetings/${meetingId}/register`, form);
    };
    const noMode = await register(t.client(), { name: 'Dee', email: 'dee@example.org', attendance: '', accessNeeds: '' });
    expect(noMode.statusCode).toBe(422);
    expect(summaryErrors(noMode.body)).toEqual({ attendance: 'Choose whether you will come in person or join online' });
    expect((await register(t.client(), { name: 'Dee', email: 'dee@example.org', attendance: 'in_person', accessNeeds: 'Wheelchair space' })).statusCode).toBe(
      303,
    );
    const twice = await register(t.client(), { name: 'Dee', email: 'DEE@example.org', attendance: 'online', accessNeeds: '' });
    expect(twice.statusCode).toBe(409);
    expect(summaryErrors(twice.body)).toEqual({
      email: 'dee@example.org is already registered for this meeting. To change how you attend, email the organisation.',
    });
    expect((await register(t.client(), { name: 'Eve', email: 'eve@example.org', attendance: 'in_person', accessNeeds: '' })).statusCode).toBe(303);
    const full = await register(t.client(), { name: 'Fay', email: 'fay@example.org', attendance: 'in_person', accessNeeds: 'Large print' });
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain('Every place in the room is taken. You can still join online.');
    expect(full.body).toContain('Large print');
    expect((await register(t.client(), { name: 'Fay', email: 'fay@example.org', attendance: 'online', accessNeeds: 'Large print' })).statusCode).toBe(303);

    expect((await t.client().get(`/meetings/${meetingId}/registrations`)).statusCode).toBe(303);
    const { client: someone } = await signedInPerson(t);
    expect((await someone.get(`/meetings/${meetingId}/registrations`)).statusCode).toBe(404);
    expect((await someone.get(`/meetings/${meetingId}/registrations.csv`)).statusCode).toBe(404);
    const list = await board.admin.get(`/meetings/${meetingId}/registrations`);
    expect(list.body).toContain('Wheelchair space');
    const csv = await board.admin.get(`/meetings/${meetingId}/registrations.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.split('\r\n').slice(0, 2)).toEqual([
      'name,email,attending,access needs,registered',
      expect.stringMatching(/^Dee,dee@example.org,in person,Wheelchair space,/),
    ]);
  });

  it('records minutes and a decision linked to a consultation after the meeting, shown once it is held', async () => {
    const { admin, organisationId, bodyId, adminActor } = board;
    const consultation = await t.db
      .insertInto('consultation')
      .values({
        organisation_id: organisationId,
        title: 'Evening appointments consultation',
        summary: 'Should practices open in the evening?',
        opens_on: '2026-01-01',
        closes_on: '2026-02-01',
        phase: 'outcome_published',
        created_by_account_id: adminActor.accountId as number,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await admin.get(`/organisations/${organisationId}/meetings/new`);
    // A meeting that started an hour ago.
    const made = await admin.post(`/organisations/${organisationId}/meetings/new`, posted(meetingFields(-1, { title: 'Last month’s board' }), bodyId));
    const pastId = Number(/\/meetings\/(\d+)\/manage/.exec(String(made.headers.location))?.[1]);
    await admin.post(`/meetings/${pastId}/items`, {
      itemTitle: 'Evening appointments',
      presenter: 'Director of Primary Care',
      purpose: 'decision',
      part: 'public',
    });
    const [item] = await itemsOf(pastId);
    const page = await admin.get(`/meetings/${pastId}/minutes`);
    expect(page.body).toContain('Evening appointments consultation');
    expect(
      (
        await admin.post(`/meetings/${pastId}/items/${item}/minutes`, {
          [`minutes-${item}`]: 'The board heard the consultation’s outcome; 70% supported evenings.',
        })
      ).statusCode,
    ).toBe(303);
    const noDecision = await admin.post(`/meetings/${pastId}/items/${item}/decision`, { [`decided-${item}`]: '', [`reasons-${item}`]: '' });
    expect(noDecision.statusCode).toBe(422);
    expect(summaryErrors(noDecision.body)).toEqual({ [`decided-${item}`]: 'Enter what was decided' });
    const decided = await admin.post(`/meetings/${pastId}/items/${item}/decision`, {
      [`decided-${item}`]: 'Practices open until 8pm two evenings a week.',
      [`reasons-${item}`]: 'Most people who answered wanted it.',
      [`consultations-${item}`]: String(consultation.id),
    });
    expect(decided.statusCode).toBe(303);
    const row = await t.db
      .selectFrom('meeting_item')
      .select('decision_id')
      .where('id', '=', item as number)
      .executeTakeFirstOrThrow();
    const decision = (await t.app.inject(`/api/v1/decisions/${row.decision_id}`)).json() as { links: Array<{ kind: string; url: string }>; decidedBy: string };
    expect(decision.links.map((l) => [l.kind, l.url])).toEqual([
      ['consultation', `/consultations/${consultation.id}`],
      ['meeting', `/meetings/${pastId}`],
    ]);
    expect(decision.decidedBy).toBe('Meeting Care Board board');

    // Minutes are public once the meeting is marked held.
    expect((await t.client().get(`/meetings/${pastId}`)).body).not.toContain('70% supported evenings');
    await admin.get(`/meetings/${pastId}/manage`);
    expect((await admin.post(`/meetings/${pastId}/status`, { status: 'held' })).statusCode).toBe(303);
    const publicPage = await t.client().get(`/meetings/${pastId}`);
    expect(publicPage.body).toContain('70% supported evenings');
    expect(publicPage.body).toContain('Practices open until 8pm');
  });

  it('serves iCalendar feeds for the body, the organisation and a place, and 404 for one that does not exist', async () => {
    for (const url of [`/bodies/${board.bodyId}/meetings.ics`, `/organisations/${board.organisationId}/meetings.ics`]) {
      const response = await t.client().get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const calendar = new ICAL.Component(ICAL.parse(response.body));
      const summaries = calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('summary'));
      expect(summaries).toContain('Meeting Care Board board: Board meeting in public');
      expect(response.body).not.toContain('Estates');
    }
    expect((await t.client().get('/bodies/999999/meetings.ics')).statusCode).toBe(404);
    expect((await t.client().get('/places/999999/meetings.ics')).statusCode).toBe(404);
  });

  it('answers the API with the public agenda, papers and answers, valid against the OpenAPI document', async () => {
    const validate = await openApiValidator(t.app);
    const list = await t.app.inject(`/api/v1/meetings?organisation=${board.organisationId}&pageSize=1`);
    expect(list.statusCode).toBe(200);
    expect(validate('/api/v1/meetings', list.json())).toEqual([]);
    expect(list.json()).toMatchObject({ total: 3, page: 1, pageSize: 1, links: { next: expect.stringContaining('page=2'), prev: null } });
    const past = await t.app.inject(`/api/v1/meetings?organisation=${board.organisationId}&when=past`);
    expect(validate('/api/v1/meetings', past.json())).toEqual([]);
    const detail = await t.app.inject(`/api/v1/meetings/${meetingId}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(validate('/api/v1/meetings/{id}', body)).toEqual([]);
    expect(body.agenda.map((i: { title: string }) => i.title)).toEqual(['Evening GP appointments', 'Welcome and apologies']);
    expect(body.hasPrivatePart).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/Estates|ada@example.org/);
    expect(body.questions).toEqual([expect.objectContaining({ name: 'Ada Patient', answer: 'Not this year: weekday evenings first.' })]);
    expect((await t.app.inject('/api/v1/meetings/0')).statusCode).toBe(400);
    expect((await t.app.inject('/api/v1/meetings/999999')).json()).toMatchObject({ status: 404 });
  });

  it('lets a body be deleted from the registry, its meetings with it', async () => {
    const other = await boardWithAdmin(t, 'Short-lived Board');
    const id = await createMeeting({ db: t.db }, other.adminActor, { ...meetingFields(48), bodyId: other.bodyId });
    await deleteBody({ db: t.db }, other.adminActor, other.bodyId);
    expect(await t.db.selectFrom('meeting').select('id').where('id', '=', id).execute()).toEqual([]);
  });
});

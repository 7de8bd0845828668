// The organisers' pages of citizens' assemblies over HTTP on a real database: an organisation's admin
// convenes an assembly (a wrong form named field by field, nothing made), sets the quotas (proposed
// from the place's population, a bad line named, the population, quota and pool side by side),
// imports addresses (a bad line named and nothing stored; then pasted), draws invitations and prints
// the letters with their codes; volunteers register with those codes and the one with access needs is
// shown to the organiser; an impossible quota is reported with the fix; the draw is asked for, its
// progress page refreshes itself until the job has run, then shows the panel; a decline recorded on a
// member's behalf opens a seat for a replacement; a recommendation is put to the vote, published and
// answered. Every page answers 403 to others and sends the signed-out to sign in.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../../test/testApp.js';
import type { Actor } from '../../../platform/permissions.js';
import { createVerifiedAccount } from '../../accounts/service.js';
import { insertOrganisation, signedInPerson, summaryErrors } from '../../accounts/testKit.js';
import { inProcessRunner, runQueuedSelections } from '../selectionJob.js';
import { draftRecommendation, register } from '../service.js';
import { seatedAssembly } from '../testKit.js';

describeWithTestApp('assembly organisers’ pages', (t) => {
  let organisationId: number;
  let placeId: number;
  let admin: TestClient;
  let adminActor: Actor;
  let stranger: TestClient;
  let assemblyId: number;
  const people: Actor[] = [];

  const manage = (path = '') => `/assemblies/${assemblyId}/manage${path}`;
  const assemblyRow = () => t.db.selectFrom('assembly').selectAll().where('id', '=', assemblyId).executeTakeFirstOrThrow();

  /** A form posted from its page, as a browser would (the page first, for its CSRF token). */
  async function postFrom(client: TestClient, pagePath: string, action: string, form: Record<string, string | string[]>) {
    expect((await client.get(pagePath)).statusCode).toBe(200);
    return client.post(action, form);
  }

  async function moveTo(to: string) {
    const moved = await postFrom(admin, manage(), manage('/phase'), { to });
    expect(moved.statusCode, JSON.stringify(summaryErrors(moved.body))).toBe(303);
    expect((await assemblyRow()).phase).toBe(to);
  }

  const settings = {
    title: 'Urgent care in Eastbrook',
    remit: 'How should urgent care work in Eastbrook?',
    kind: 'jury',
    panelSize: '4',
    termMonths: '',
    involvement: 'Four Saturday sessions in March at the town hall.',
    payment: '£400 for taking part, and travel and childcare paid.',
    openRegistration: 'no',
    algorithm: 'leximin',
    seedSource: 'The National Lottery numbers of 1 March',
    answerDays: '60',
  };
  const quotaLines = ['sex | Sex | Female | 1 | 3 | 52', 'sex | Sex | Male | 1 | 3 | 48', 'age_band | Age | 16-44 | 1 | 3', 'age_band | Age | 45+ | 1 | 3'];

  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Eastbrook Health Partnership');
    placeId = (await t.db.insertInto('place').values({ name: 'Eastbrook', kind: 'neighbourhood', code: null }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db
      .insertInto('place_population')
      .values([
        { place_id: placeId, dimension: 'sex', category: 'Female', people: 5200 },
        { place_id: placeId, dimension: 'sex', category: 'Male', people: 4800 },
      ])
      .execute();
    const signedIn = await signedInPerson(t, { name: 'Ada Admin', roles: [{ organisationId, role: 'admin' }] });
    admin = signedIn.client;
    adminActor = { accountId: signedIn.accountId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
    ({ client: stranger } = await signedInPerson(t));
    for (let i = 0; i < 6; i++) {
      const accountId = await createVerifiedAccount(t.db, {
        email: `volunteer${i}-${Date.now()}@example.org`,
        password: 'correct horse battery',
        name: `Volunteer ${i}`,
      });
      people.push({ accountId, platformAdmin: false, organisationRoles: [] });
    }
  });

  it('convenes an assembly from the form, naming each wrong field, keeping what was typed and making nothing', async () => {
    const newPath = `/organisations/${organisationId}/assemblies/new`;
    const form = await admin.get(newPath);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Convene a citizens’ assembly');
    expect(form.body).toContain('Eastbrook');
    expect((await stranger.get(newPath)).statusCode).toBe(403);
    const signedOut = await t.client().get(newPath);
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent(newPath)}`);

    const notANumber = await admin.post(newPath, { ...settings, title: 'Kept title', panelSize: 'lots', placeIds: String(placeId) });
    expect(notANumber.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(notANumber.body))).toEqual(['panelSize']);
    expect(notANumber.body).toContain('value="Kept title"');
    expect(notANumber.body).toContain('value="lots"');
    const wrong = await admin.post(newPath, {
      ...settings,
      title: '',
      'registrationCloses-day': '31',
      'registrationCloses-month': '2',
      'registrationCloses-year': '2027',
    });
    expect(wrong.statusCode).toBe(422);
    const errors = summaryErrors(wrong.body);
    expect(errors.title).toBe('Enter a title');
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['title', 'registrationCloses-day', 'placeIds']));
    expect(await t.db.selectFrom('assembly').select('id').where('organisation_id', '=', organisationId).execute()).toEqual([]);

    const made = await admin.post(newPath, { ...settings, placeIds: String(placeId) });
    expect(made.statusCode, JSON.stringify(summaryErrors(made.body))).toBe(303);
    const match = /^\/assemblies\/(\d+)\/manage\?done=assembly-created$/.exec(String(made.headers.location));
    expect(match).not.toBeNull();
    assemblyId = Number(match?.[1]);
    expect(await assemblyRow()).toMatchObject({ phase: 'draft', panel_size: 4, answer_days: 60, algorithm: 'leximin', open_registration: false });
    const dashboard = await admin.get(manage());
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('Urgent care in Eastbrook');
    expect(dashboard.body).toContain('Set the selection questions and quotas');
    expect(dashboard.body).toContain('Start recruiting');

    const saved = await postFrom(admin, manage('/settings'), manage('/settings'), { ...settings, panelSize: '5', placeIds: String(placeId) });
    expect(saved.headers.location).toBe(manage('?done=assembly-saved'));
    expect((await assemblyRow()).panel_size).toBe(5);
    expect((await postFrom(admin, manage('/settings'), manage('/settings'), { ...settings, placeIds: String(placeId) })).statusCode).toBe(303);
  });

  it('will not start recruiting without quotas, saying why', async () => {
    const refused = await postFrom(admin, manage(), manage('/phase'), { to: 'recruiting' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('nhsuk-error-summary');
    expect((await assemblyRow()).phase).toBe('draft');
  });

  it('proposes quotas from the population, names a bad line, and shows population, quota and pool side by side', async () => {
    const proposed = await postFrom(admin, manage('/quotas'), manage('/quotas/population'), {});
    expect(proposed.statusCode).toBe(200);
    expect(proposed.body).toContain('proposed from the population profile');
    expect(proposed.body).toMatch(/sex \| Sex \| Female \| \d+ \| \d+ \| 52/);
    expect(await t.db.selectFrom('assembly_quota').select('id').where('assembly_id', '=', assemblyId).execute()).toEqual([]);

    const bad = await admin.post(manage('/quotas'), { quotas: [quotaLines[0], 'sex | Sex | Male | one | 3'].join('\n') });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(bad.body))).toEqual(['quotas']);
    expect(summaryErrors(bad.body).quotas).toContain('Line 2');
    expect(bad.body).toContain('sex | Sex | Male | one | 3');
    expect(await t.db.selectFrom('assembly_quota').select('id').where('assembly_id', '=', assemblyId).execute()).toEqual([]);

    const saved = await admin.post(manage('/quotas'), { quotas: quotaLines.join('\n') });
    expect(saved.headers.location).toBe(manage('/quotas?done=quotas-saved'));
    const page = await admin.get(manage('/quotas'));
    expect(page.body).toContain('Population share');
    expect(page.body).toContain('52%');
    expect(page.body).toContain('1 to 3');
    expect(page.body).toContain('sex | Sex | Female | 1 | 3 | 52');
  });

  let codes: string[] = [];

  it('imports addresses, naming each bad line and storing nothing, then draws invitations and prints their letters with the codes', async () => {
    await admin.get(manage('/addresses'));
    const noFile = await admin.postMultipart(manage('/addresses'), {});
    expect(noFile.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noFile.body))).toEqual(['file']);
    const badFile = 'address_line_1,town,postcode\n1 High Street,Eastbrook,LS1 1AA\n2 High Street,Eastbrook,NOT A CODE\n3 High Street,Eastbrook,\n';
    const bad = await admin.postMultipart(manage('/addresses'), {}, { field: 'file', filename: 'addresses.csv', content: badFile });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(bad.body))).toEqual(['file']);
    expect(bad.body).toContain('Line 3');
    expect(bad.body).toContain('Line 4');
    expect(bad.body).toContain('NOT A CODE');
    const unreadable = await admin.postMultipart(
      manage('/addresses'),
      {},
      { field: 'file', filename: 'addresses.csv', content: 'address,postcode\n"1 High Street,LS1 1AA\n' },
    );
    expect(unreadable.statusCode).toBe(422);
    expect(summaryErrors(unreadable.body).file).toContain('not a CSV file we can read');
    expect(await t.db.selectFrom('assembly_address').select('id').where('assembly_id', '=', assemblyId).execute()).toEqual([]);

    const uploaded = await admin.postMultipart(
      manage('/addresses'),
      {},
      { field: 'file', filename: 'addresses.csv', content: 'address_line_1,town,postcode\n1 High Street,Eastbrook,LS1 1AA\n' },
    );
    expect(uploaded.headers.location).toBe(manage('/addresses?done=addresses-imported'));
    const lines = Array.from({ length: 9 }, (_, i) => `${i + 10} Mill Lane,Eastbrook,LS2 ${i + 1}BB`);
    const badPaste = await postFrom(admin, manage('/addresses'), manage('/addresses/paste'), {
      pasted: `address_line_1,town,postcode\n${lines[0]}\nNowhere,Eastbrook,XYZ\n`,
    });
    expect(badPaste.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(badPaste.body))).toEqual(['pasted']);
    expect(summaryErrors(badPaste.body).pasted).toContain('Line 3');
    const pasted = await postFrom(admin, manage('/addresses'), manage('/addresses/paste'), { pasted: `address_line_1,town,postcode\n${lines.join('\n')}\n` });
    expect(pasted.headers.location).toBe(manage('/addresses?done=addresses-imported'));
    expect(await t.db.selectFrom('assembly_address').select('id').where('assembly_id', '=', assemblyId).execute()).toHaveLength(10);

    const noSeed = await postFrom(admin, manage('/addresses'), manage('/addresses/draw'), { count: 'eight', seed: '' });
    expect(noSeed.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noSeed.body))).toEqual(['count']);
    const drawn = await postFrom(admin, manage('/addresses'), manage('/addresses/draw'), { count: '8', seed: 'lottery 1 2 3' });
    expect(drawn.statusCode).toBe(303);
    const match = new RegExp(`^/assemblies/${assemblyId}/manage/letters/(\\d+)\\?done=invitations-drawn$`).exec(String(drawn.headers.location));
    expect(match).not.toBeNull();
    const letters = await admin.get(String(drawn.headers.location));
    expect(letters.statusCode).toBe(200);
    expect(letters.headers['cache-control']).toBe('no-store');
    const invited = await t.db
      .selectFrom('assembly_address')
      .select(['code', 'postcode'])
      .where('assembly_id', '=', assemblyId)
      .where('draw_id', '=', Number(match?.[1]))
      .execute();
    expect(invited).toHaveLength(8);
    codes = invited.map((a) => a.code as string);
    const printed = [...letters.body.matchAll(/<article class="involve-letter"[\s\S]*?<\/article>/g)].map((m) => m[0]);
    expect(printed).toHaveLength(8);
    for (const code of codes) expect(printed.filter((l) => l.includes(code))).toHaveLength(1);
    expect(printed[0]).toContain(`${t.config.publicUrl}/assemblies/${assemblyId}/register`);
    expect(printed[0]).toContain('How should urgent care work in Eastbrook?');
    expect(printed[0]).toContain('£400 for taking part');
    // Each letter prints on a page of its own (the site's stylesheet).
    const css = await admin.get('/static/involve.css');
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toMatch(/@media print \{[\s\S]*\.involve-letter \{[^}]*page-break-after: always/);
    const summary = await admin.get(manage('/addresses'));
    expect(summary.body).toContain('lottery 1 2 3');
    // A draft is hidden from all but its organisers.
    expect((await stranger.get(String(drawn.headers.location))).statusCode).toBe(404);
  });

  it('lists the volunteers with their contact details and access needs, and those with needs on their own', async () => {
    await moveTo('recruiting');
    const answers = [
      { sex: 'Female', age_band: '16-44' },
      { sex: 'Female', age_band: '45+' },
      { sex: 'Male', age_band: '16-44' },
      { sex: 'Male', age_band: '45+' },
      { sex: 'Male', age_band: '45+' },
    ];
    for (const [i, features] of answers.entries()) {
      await register({ db: t.db, config: t.config }, people[i] as Actor, assemblyId, {
        code: codes[i] as string,
        name: `Volunteer ${i}`,
        email: `volunteer${i}@example.org`,
        phone: i === 0 ? '0113 496 0000' : '',
        features,
        interpreter: i === 0 ? 'Urdu' : '',
        easyRead: false,
        childcare: i === 0,
        travel: false,
        carer: false,
        otherNeeds: '',
        firstTime: i % 2 === 0,
        namePublic: true,
      });
    }
    const all = await admin.get(manage('/volunteers'));
    expect(all.statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect(all.body).toContain(`volunteer${i}@example.org`);
    expect(all.body).toContain('0113 496 0000');
    expect(all.body).toContain('An interpreter (Urdu)');
    expect(all.body).toContain('Childcare');
    const needs = await admin.get(manage('/volunteers?filter=needs'));
    expect(needs.body).toContain('volunteer0@example.org');
    expect(needs.body).not.toContain('volunteer1@example.org');
    expect(needs.body).toContain('1 person with access needs');
    expect((await stranger.get(manage('/volunteers'))).statusCode).toBe(403);
    expect((await admin.get(manage('/volunteers?page=banana'))).statusCode).toBe(200);
  });

  it('reports an impossible quota with which to relax and by how much, in decide’s words', async () => {
    await moveTo('selecting');
    // Two of the pool are under 45 and at most one of the four may be 45 or over: no panel of four.
    const impossible = [...quotaLines.slice(0, 3), 'age_band | Age | 45+ | 1 | 1'];
    expect((await postFrom(admin, manage('/quotas'), manage('/quotas'), { quotas: impossible.join('\n') })).statusCode).toBe(303);
    const report = await admin.get(manage('/selection'));
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('The quotas cannot be met from this pool');
    expect(report.body).toContain('No panel can meet all the quotas.');
    const fix = report.body.slice(report.body.indexOf('The smallest change to the quotas'));
    expect(fix).toContain('45+');
    expect(fix).toContain('1 to 1');
    expect(fix).toContain('1 to 2 (most raised by 1)');
    expect((await postFrom(admin, manage('/quotas'), manage('/quotas'), { quotas: quotaLines.join('\n') })).statusCode).toBe(303);
    const fine = await admin.get(manage('/selection'));
    expect(fine.body).toContain('at least one panel from this pool meets every quota');
    expect(fine.body).toContain('The National Lottery numbers of 1 March');
  });

  it('asks for the draw, shows its progress on a page that refreshes itself, then the panel once the job has run', async () => {
    const noSeed = await postFrom(admin, manage('/selection'), manage('/selection'), { purpose: 'initial', seed: '' });
    expect(noSeed.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noSeed.body))).toEqual(['seed']);
    expect(await t.db.selectFrom('assembly_selection').select('id').where('assembly_id', '=', assemblyId).execute()).toEqual([]);

    const asked = await postFrom(admin, manage('/selection'), manage('/selection'), { purpose: 'initial', seed: '7 14 21 28 35 42' });
    expect(asked.headers.location).toBe(manage('/selection/1?done=selection-requested'));
    const progress = await admin.get(manage('/selection/1?done=selection-requested'));
    expect(progress.statusCode).toBe(200);
    expect(progress.body).toContain('The draw has started');
    expect(progress.body).toMatch(/<progress class="involve-progress" id="progress" max="100" value="\d+">/);
    expect(progress.body).toContain('<label class="nhsuk-label" for="progress">Waiting to start</label>');
    // It reloads by itself only when the organiser asks it to, and says how to stop.
    expect(progress.body).not.toContain('http-equiv="refresh"');
    expect(progress.body).toContain(`href="/assemblies/${assemblyId}/manage/selection/1?watch=1"`);
    const watching = await admin.get(manage('/selection/1?watch=1'));
    expect(watching.body).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect(watching.body).toContain('Stop checking automatically');
    const again = await admin.get(manage('/selection'));
    expect(again.body).toContain('See its progress');

    expect(await runQueuedSelections(t.db, { runner: inProcessRunner })).toBe(1);
    const done = await admin.get(manage('/selection/1?watch=1'));
    expect(done.body).not.toContain('http-equiv="refresh"');
    expect(done.body).toContain('The panel drawn');
    expect(done.body).toContain('4 people were drawn from a pool of 5');
    expect(done.body).toContain(`/assemblies/${assemblyId}/selection/1.json`);
    const members = await t.db.selectFrom('assembly_member').select('status').where('assembly_id', '=', assemblyId).execute();
    expect(members).toHaveLength(4);
    expect((await admin.get(manage('/selection/9'))).statusCode).toBe(404);
    expect((await stranger.get(manage('/selection/1'))).statusCode).toBe(403);
  });

  it('records a confirmation and a decline on a member’s behalf, and offers a replacement draw for the open seat', async () => {
    const [first, second] = await t.db.selectFrom('assembly_member').select('id').where('assembly_id', '=', assemblyId).orderBy('id').execute();
    const page = await admin.get(manage('/members'));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Drawn: waiting for an answer');
    const noAnswer = await admin.post(manage(`/members/${first?.id}`), {});
    expect(noAnswer.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noAnswer.body))).toEqual([`response-${first?.id}`]);
    const confirmed = await postFrom(admin, manage('/members'), manage(`/members/${first?.id}`), { [`response-${first?.id}`]: 'confirm' });
    expect(confirmed.headers.location).toBe(manage(`/members?done=member-confirmed#member-${first?.id}`));
    const declined = await postFrom(admin, manage('/members'), manage(`/members/${second?.id}`), { [`response-${second?.id}`]: 'decline' });
    expect(declined.headers.location).toBe(manage(`/members?done=member-declined#member-${second?.id}`));
    const statuses = await t.db.selectFrom('assembly_member').select(['id', 'status']).where('assembly_id', '=', assemblyId).orderBy('id').execute();
    expect(statuses.slice(0, 2).map((m) => m.status)).toEqual(['confirmed', 'declined']);
    const selection = await admin.get(manage('/selection'));
    expect(selection.body).toContain('1 open seat');
    expect(selection.body).toContain('Draw replacements');
    expect((await admin.get(manage())).body).toContain('Draw replacements for 1 open seat');
    const replacement = await postFrom(admin, manage('/selection'), manage('/selection'), { purpose: 'replacement', seed: 'replacement 99' });
    expect(replacement.headers.location).toBe(manage('/selection/2?done=selection-requested'));
    expect(await runQueuedSelections(t.db, { runner: inProcessRunner })).toBe(1);
    const replaced = await admin.get(manage('/selection/2'));
    expect(replaced.body).toContain('A draw for open seats: round 2');
    expect(replaced.body).toContain('1 person was drawn from a pool of 1');
    expect((await admin.get(manage('/selection'))).body).toContain('No seats are open');
  });

  it('puts a recommendation to the vote, publishes it and answers it, naming a missing answer', async () => {
    await moveTo('sitting');
    const recId = await draftRecommendation({ db: t.db, config: t.config }, adminActor, assemblyId, {
      title: 'A walk-in centre open until 10pm',
      text: 'Keep the walk-in centre open until 10pm every day.',
    });
    const page = await admin.get(manage('/recommendations'));
    expect(page.body).toContain('A walk-in centre open until 10pm');
    const opened = await postFrom(admin, manage('/recommendations'), manage(`/recommendations/${recId}/voting`), {});
    expect(opened.headers.location).toBe(manage(`/recommendations?done=voting-opened#recommendation-${recId}`));
    const published = await postFrom(admin, manage('/recommendations'), manage('/recommendations/publish'), {});
    expect(published.headers.location).toBe(manage('/recommendations?done=recommendations-published'));
    expect((await assemblyRow()).phase).toBe('reported');

    const noAnswer = await postFrom(admin, manage('/recommendations'), manage(`/recommendations/${recId}/answer`), { [`reasons-${recId}`]: 'Kept' });
    expect(noAnswer.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noAnswer.body))).toContain(`answer-${recId}`);
    expect(noAnswer.body).toContain('>Kept</textarea>');
    const answered = await postFrom(admin, manage('/recommendations'), manage(`/recommendations/${recId}/answer`), {
      [`answer-${recId}`]: 'accept_in_part',
      [`reasons-${recId}`]: 'Until 10pm on weekdays; weekends need more staff first.',
      [`actions-${recId}`]: 'Extend weekday opening to 10pm\nRecruit weekend staff',
    });
    expect(answered.headers.location).toBe(manage(`/recommendations?done=recommendation-answered#recommendation-${recId}`));
    const row = await t.db.selectFrom('assembly_recommendation').selectAll().where('id', '=', recId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ answer: 'accept_in_part' });
    expect(row.decision_id).not.toBeNull();
    const shown = await admin.get(manage('/recommendations'));
    expect(shown.body).toContain('Accepted in part');
    expect(shown.body).toContain(`href="/decisions/${row.decision_id}"`);
  });

  it('acts on a member or a recommendation only under its own assembly’s address, even for an organiser of both', async () => {
    const other = await t.db
      .insertInto('assembly')
      .values({
        organisation_id: organisationId,
        title: 'Maternity care in Eastbrook',
        remit: 'How should maternity care work?',
        kind: 'jury',
        panel_size: 4,
        phase: 'sitting',
        created_by_account_id: adminActor.accountId as number,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const otherRec = await draftRecommendation({ db: t.db, config: t.config }, adminActor, other.id, { title: 'A midwife line', text: 'Open a midwife line.' });
    const member = await t.db
      .selectFrom('assembly_member')
      .select(['id', 'status'])
      .where('assembly_id', '=', assemblyId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const wrongMember = await postFrom(admin, manage('/members'), `/assemblies/${other.id}/manage/members/${member.id}`, {
      [`response-${member.id}`]: 'decline',
    });
    expect(wrongMember.statusCode).toBe(404);
    const wrongRec = await postFrom(admin, manage('/recommendations'), manage(`/recommendations/${otherRec}/voting`), {});
    expect(wrongRec.statusCode).toBe(404);
    expect((await t.db.selectFrom('assembly_member').select('status').where('id', '=', member.id).executeTakeFirstOrThrow()).status).toBe(member.status);
    expect((await t.db.selectFrom('assembly_recommendation').select('status').where('id', '=', otherRec).executeTakeFirstOrThrow()).status).toBe('draft');
  });

  describe('who sees the organisers’ pages', () => {
    const pages = ['', '/settings', '/quotas', '/addresses', '/volunteers', '/selection', '/members', '/work', '/recommendations'];
    it('shows each to the organisation’s admin, refuses someone without the role and sends the signed-out to sign in', async () => {
      for (const path of pages) {
        const shown = await admin.get(manage(path));
        expect(shown.statusCode, path).toBe(200);
        expect(shown.body, path).toContain('Urgent care in Eastbrook');
        expect((await stranger.get(manage(path))).statusCode, path).toBe(403);
        const signedOut = await t.client().get(manage(path));
        expect(signedOut.statusCode, path).toBe(303);
        expect(signedOut.headers.location, path).toBe(`/sign-in?next=${encodeURIComponent(manage(path))}`);
      }
      await stranger.get('/');
      expect((await stranger.post(manage('/phase'), { to: 'closed' })).statusCode).toBe(403);
      expect((await stranger.post(manage('/quotas'), { quotas: quotaLines.join('\n') })).statusCode).toBe(403);
      expect((await admin.get('/assemblies/999999/manage')).statusCode).toBe(404);
      expect((await admin.get('/assemblies/banana/manage/quotas')).statusCode).toBe(404);
    });
  });

  it('adds sessions and documents, naming a missing date and title', async () => {
    const noDate = await postFrom(admin, manage('/work'), manage('/work/sessions'), { title: 'Evidence day', startsTime: '10:00', venue: 'Town hall' });
    expect(noDate.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noDate.body))).toEqual(['startsAt']);
    expect(noDate.body).toContain('value="Evidence day"');
    const session = await postFrom(admin, manage('/work'), manage('/work/sessions'), {
      title: 'Evidence day',
      'startsAt-day': '6',
      'startsAt-month': '3',
      'startsAt-year': '2027',
      startsTime: '10:00',
      venue: 'Town hall',
      summary: 'Clinicians and patients speak.',
    });
    expect(session.headers.location).toBe(manage('/work?done=session-added'));
    const noTitle = await postFrom(admin, manage('/work'), manage('/work/documents'), { kind: 'evidence', docTitle: '', body: 'Words' });
    expect(noTitle.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noTitle.body))).toEqual(['docTitle']);
    const evidence = await postFrom(admin, manage('/work'), manage('/work/documents'), {
      kind: 'evidence',
      docTitle: 'Waiting times at the walk-in centre',
      speaker: 'Dr Ruth Okafor, urgent care lead',
      body: 'The figures for the last year.',
    });
    expect(evidence.headers.location).toBe(manage('/work?done=assembly-document-added'));
    const secret = await postFrom(admin, manage('/work'), manage('/work/documents'), {
      kind: 'private',
      docTitle: 'Members’ contact sheet',
      body: 'Phone tree.',
    });
    expect(secret.statusCode).toBe(303);
    const page = await admin.get(manage('/work'));
    expect(page.body).toContain('Evidence day');
    expect(page.body).toContain('6 March 2027');
    expect(page.body).toContain('Waiting times at the walk-in centre');
    expect(page.body).toContain('Members’ contact sheet');
  });

  it('rotates a standing assembly: the member whose term has ended stands down and a draw for the seat starts', async () => {
    const standing = await seatedAssembly(t.db, {
      kind: 'standing',
      members: [{ status: 'confirmed' }, { status: 'confirmed' }, { status: 'confirmed' }, { status: 'confirmed' }, { status: null }, { status: null }],
    });
    const first = standing.members[0]?.memberId as number;
    await t.db.updateTable('assembly_member').set({ term_ends: '2020-01-31' }).where('id', '=', first).execute();
    await t.db
      .updateTable('assembly_member')
      .set({ term_ends: '2099-01-31' })
      .where('assembly_id', '=', standing.assemblyId)
      .where('id', '<>', first)
      .execute();
    const { client: convenor } = await signedInPerson(t, { roles: [{ organisationId: standing.organisationId, role: 'admin' }] });
    const members = `/assemblies/${standing.assemblyId}/manage/members`;
    const page = await convenor.get(members);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rotation');
    expect(page.body).toContain('Term ends 31 January 2020');
    const noSeed = await convenor.post(`${members}/rotate`, { seed: '' });
    expect(noSeed.statusCode).toBe(422);
    expect(Object.keys(summaryErrors(noSeed.body))).toEqual(['seed']);
    expect((await t.db.selectFrom('assembly_member').select('status').where('id', '=', first).executeTakeFirstOrThrow()).status).toBe('confirmed');
    const rotated = await postFrom(convenor, members, `${members}/rotate`, { seed: 'rotation 2027' });
    expect(rotated.headers.location).toBe(`/assemblies/${standing.assemblyId}/manage/selection/2?done=rotated`);
    expect((await t.db.selectFrom('assembly_member').select('status').where('id', '=', first).executeTakeFirstOrThrow()).status).toBe('stood_down');
    const progress = await convenor.get(String(rotated.headers.location));
    expect(progress.body).toContain('A rotation draw: round 2');
    expect(progress.body).toContain('The members whose term ended have stood down');
    expect(await runQueuedSelections(t.db, { runner: inProcessRunner })).toBe(1);
    const done = await convenor.get(`/assemblies/${standing.assemblyId}/manage/selection/2`);
    expect(done.body).toContain('1 person was drawn from a pool of 2');
    expect((await convenor.get(members)).body).toContain('Term ended');
  });

  it('answers odd input on every form with a page naming the problem, never a server error', async () => {
    const odd = {
      to: 'nowhere',
      quotas: '|||\n'.repeat(50),
      count: '99999999999',
      seed: 'x'.repeat(5000),
      purpose: 'banana',
      sessionId: 'abc',
      kind: 'secret',
      pasted: '"unclosed',
      response: 'maybe',
    };
    const forms = [
      '/phase',
      '/settings',
      '/quotas',
      '/quotas/population',
      '/addresses/paste',
      '/addresses/draw',
      '/selection',
      '/members/1',
      '/members/rotate',
      '/work/sessions',
      '/work/documents',
      '/recommendations',
      '/recommendations/publish',
      '/recommendations/1/voting',
      '/recommendations/1/answer',
      '/recommendations/999999/answer',
    ];
    await admin.get(manage());
    for (const path of forms) {
      const answered = await admin.post(manage(path), odd);
      expect(answered.statusCode, path).toBeLessThan(500);
      // Refused with the form again (422, 409), or not there (404); the proposal page shows quotas to check.
      expect(path === '/quotas/population' ? [200] : [404, 409, 422], path).toContain(answered.statusCode);
      if (answered.statusCode === 422 || answered.statusCode === 409) expect(answered.body, path).toContain('nhsuk-error-summary');
    }
    // Addresses are taken only while recruiting.
    expect(
      (await admin.postMultipart(manage('/addresses'), {}, { field: 'file', filename: 'x.csv', content: 'address,postcode\nA,LS1 1AA\n' })).statusCode,
    ).toBe(409);
    expect((await admin.get(manage('/letters/999999'))).statusCode).toBe(404);
    expect((await admin.get(manage('/selection/0'))).statusCode).toBe(404);
  });

  it('shows a published recommendation whose answer date has passed as overdue, with the form to answer it', async () => {
    const reported = await seatedAssembly(t.db, { phase: 'reported' });
    const { id: recId } = await t.db
      .insertInto('assembly_recommendation')
      .values({
        assembly_id: reported.assemblyId,
        number: 1,
        title: 'Evening GP appointments',
        text: 'Offer GP appointments until 8pm.',
        status: 'published',
        published_at: new Date('2020-01-01'),
        answer_due: '2020-03-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { client: convenor } = await signedInPerson(t, { roles: [{ organisationId: reported.organisationId, role: 'admin' }] });
    const page = await convenor.get(`/assemblies/${reported.assemblyId}/manage/recommendations`);
    expect(page.statusCode).toBe(200);
    const card = page.body.slice(page.body.indexOf(`id="recommendation-${recId}"`));
    expect(card).toContain('Answer overdue');
    expect(card).toContain('Answer due by 1 March 2020');
    expect(card).toContain(`name="answer-${recId}"`);
  });
});

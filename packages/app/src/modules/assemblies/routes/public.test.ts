// The public pages of citizens' assemblies over HTTP on a real database: the list and an assembly's
// page (remit, what taking part involves and pays, sessions and evidence, members' public names only,
// the representativeness table and chart with small pool groups suppressed, the "not the usual
// suspects" figure, recommendations with support, answers and the overdue tag); registration with a
// code (the code box, the form naming each wrong field and keeping what was typed, the check step
// with its change buttons, then registered) and by the open route where allowed; my registration
// (chance per round, confirming or declining a place, withdrawing after a confirm step); the
// selection record's page and files; the members' space (private papers, drafting and voting).
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../../test/testApp.js';
import { describeWithTestApp } from '../../../../test/testApp.js';
import { signedInPerson, summaryErrors } from '../../accounts/testKit.js';
import type { SelectionResult } from '../schema.js';
import {
  addDocument,
  addSession,
  answerRecommendation,
  draftRecommendation,
  moveAssemblyPhase,
  openVoting,
  publishRecommendations,
  voteOnRecommendation,
} from '../service.js';
import { type SeatedAssembly, seatedAssembly } from '../testKit.js';
import { clientOf, drawRoundOne, poolOfTwentySeven, type RecruitingAssembly, recruitingAssembly, seat } from './testKit.js';

describeWithTestApp('citizens’ assemblies public pages', (t) => {
  const deps = () => ({ db: t.db });

  describe('the list, an assembly’s page, a recommendation and the members’ space', () => {
    let a: SeatedAssembly;
    let draft: SeatedAssembly;
    let evidenceId: number;
    let recs: { answered: number; overdue: number; awaited: number; voting: number; draft: number };

    beforeAll(async () => {
      a = await seatedAssembly(t.db, poolOfTwentySeven());
      draft = await seatedAssembly(t.db, { phase: 'draft', members: [] });
      await t.db
        .updateTable('assembly')
        .set({ involvement: 'Four Saturdays in spring at Leeds Civic Hall.', payment: '£400 for the four days, with travel and childcare paid.' })
        .where('id', '=', a.assemblyId)
        .execute();
      // The first confirmed member agreed to be named; the second did not.
      await t.db.updateTable('assembly_volunteer').set({ name: 'Ada Named', name_public: true }).where('id', '=', seat(a, 0).volunteerId).execute();
      await t.db.updateTable('assembly_volunteer').set({ name: 'Bob Unnamed' }).where('id', '=', seat(a, 1).volunteerId).execute();
      const session = await addSession(deps(), a.admin, a.assemblyId, {
        title: 'Hearing the evidence',
        startsAt: '2027-06-14T10:00',
        venue: 'Leeds Civic Hall',
        summary: 'Speakers on urgent care.',
      });
      evidenceId = await addDocument(deps(), a.admin, a.assemblyId, {
        kind: 'evidence',
        sessionId: session,
        title: 'Waiting times in A&E',
        speaker: 'Dr Jane Evidence',
        body: 'Four in ten waited over four hours last winter.',
        url: '',
      });
      await addDocument(deps(), a.admin, a.assemblyId, {
        kind: 'private',
        sessionId: null,
        title: 'Members’ contact sheet',
        speaker: '',
        body: 'Ring Sam.',
        url: '',
      });
      const member = seat(a, 0).actor;
      const draftRec = (title: string) => draftRecommendation(deps(), member, a.assemblyId, { title, text: `${title}, for everyone.` });
      const answered = await draftRec('Open a walk-in centre in the east');
      const overdue = await draftRec('Text people their waiting time');
      const awaited = await draftRec('Publish waits every week');
      for (const rec of [answered, overdue, awaited]) {
        await openVoting(deps(), a.admin, rec);
        await voteOnRecommendation(deps(), seat(a, 0).actor, rec, 'support');
        await voteOnRecommendation(deps(), seat(a, 1).actor, rec, rec === awaited ? 'oppose' : 'support');
      }
      await publishRecommendations(deps(), a.admin, a.assemblyId);
      await answerRecommendation(deps(), a.admin, answered, { answer: 'accept', reasons: 'It is what people asked for.', actions: 'Find a site by June' });
      await t.db.updateTable('assembly_recommendation').set({ answer_due: '2020-01-31' }).where('id', '=', overdue).execute();
      const voting = await draftRec('Free parking for carers');
      await openVoting(deps(), a.admin, voting);
      const stillDraft = await draftRec('Longer opening hours');
      recs = { answered, overdue, awaited, voting, draft: stillDraft };
    });

    it('lists assemblies that are not drafts and shows an assembly’s remit, involvement, pay, sessions and evidence', async () => {
      const list = await t.client().get('/assemblies');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`href="/assemblies/${a.assemblyId}"`);
      expect(list.body).not.toContain(`href="/assemblies/${draft.assemblyId}"`);
      const byOrganisation = await t.client().get(`/assemblies?organisation=${a.organisationId}`);
      expect(byOrganisation.body).toContain('Citizens’ assemblies by Assembly Trust');
      expect(byOrganisation.body).toContain(`href="/assemblies/${a.assemblyId}"`);
      expect((await t.client().get(`/assemblies?organisation=${draft.organisationId}`)).body).toContain('No citizens’ assembly matches these filters');
      expect((await t.client().get('/assemblies?page=999&place=x')).statusCode).toBe(200);

      const page = await t.client().get(`/assemblies/${a.assemblyId}`);
      expect(page.statusCode).toBe(200);
      for (const text of [
        'How should urgent care work in Leeds?',
        'Reported: answers due',
        'Four Saturdays in spring at Leeds Civic Hall.',
        '£400 for the four days',
        'Hearing the evidence',
        'Waiting times in A&amp;E',
        'Dr Jane Evidence',
      ]) {
        expect(page.body).toContain(text);
      }
      expect(page.body).not.toContain('Members’ contact sheet');
      expect(evidenceId).toBeGreaterThan(0);
      expect((await t.client().get(`/assemblies/${draft.assemblyId}`)).statusCode).toBe(404);
      expect((await (await clientOf(t, draft.admin)).get(`/assemblies/${draft.assemblyId}`)).body).toContain('Manage this assembly');
      expect((await t.client().get('/assemblies/99999999')).statusCode).toBe(404);
      expect((await t.client().get('/assemblies/abc')).statusCode).toBe(404);
    });

    it('names only members who agreed, and shows the panel against the population and pool with small groups suppressed', async () => {
      const page = await t.client().get(`/assemblies/${a.assemblyId}`);
      expect(page.body).toContain('Ada Named');
      expect(page.body).not.toContain('Bob Unnamed');
      expect(page.body).toContain('1 member chose not to be named');
      // Pool: 27 registered; women 12 of 27 (44%), men 12 (44%), another way 3 (suppressed).
      const words = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      // Women: 50% of the population, 12 of the pool's 27 (44%), 2 of the panel's 3 (67%).
      expect(words).toMatch(/Female Population 50% Pool \(people\) 44% \(12\) Panel \(members\) 67% \(2\)/);
      expect(words).toMatch(/Another way Population 2% Pool \(people\) fewer than 10 Panel \(members\) not shown/);
      expect(page.body).toContain('fewer than 10');
      expect(page.body).toContain('<svg class="involve-chart"');
      expect(page.body).toContain('Sex: the panel’s share beside the population’s, in per cent');
      expect(page.body).not.toContain('Another way: panel');
      // One of the two confirmed members had never taken part before.
      expect(page.body).toContain('Not the usual suspects');
      expect(page.body).toMatch(/50%<\/strong> of the members had never taken part/);
    });

    it('shows published recommendations with their support and answers, the overdue one tagged; drafts only to members', async () => {
      const page = await t.client().get(`/assemblies/${a.assemblyId}`);
      expect(page.body).toContain('Open a walk-in centre in the east');
      expect(page.body).toContain('Accepted');
      expect(page.body).toContain('It is what people asked for.');
      expect(page.body).toContain('Supported by 2 of the 2 members who voted (100%); 0 opposed, 0 abstained.');
      expect(page.body).toContain('Answer overdue');
      expect(page.body).toContain('31 January 2020');
      expect(page.body).toContain('Answer awaited');
      expect(page.body).not.toContain('Free parking for carers');
      expect(page.body).not.toContain('Longer opening hours');
      expect(page.body).toMatch(/href="\/decisions\/\d+"/);

      const one = await t.client().get(`/assemblies/${a.assemblyId}/recommendations/${recs.overdue}`);
      expect(one.statusCode).toBe(200);
      expect(one.body).toContain('Text people their waiting time');
      expect(one.body).toContain('Answer overdue');
      expect((await t.client().get(`/assemblies/${a.assemblyId}/recommendations/${recs.draft}`)).statusCode).toBe(404);
      expect((await (await clientOf(t, seat(a, 0).actor)).get(`/assemblies/${a.assemblyId}/recommendations/${recs.draft}`)).statusCode).toBe(200);
      // A recommendation of another assembly is not found under this one.
      expect((await t.client().get(`/assemblies/${draft.assemblyId}/recommendations/${recs.answered}`)).statusCode).toBe(404);
      expect((await t.client().get(`/assemblies/${a.assemblyId}/recommendations/99999999`)).statusCode).toBe(404);
    });

    it('gives confirmed members their space: private papers, drafting (wrong fields named) and voting, changeable', async () => {
      const path = `/assemblies/${a.assemblyId}/members`;
      const signedOut = await t.client().get(path);
      expect(signedOut.statusCode).toBe(303);
      expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      expect((await (await clientOf(t, a.stranger)).get(path)).statusCode).toBe(403);
      expect((await (await clientOf(t, seat(a, 2).actor)).get(path)).statusCode).toBe(403);

      const member = await clientOf(t, seat(a, 1).actor);
      const space = await member.get(path);
      expect(space.statusCode).toBe(200);
      expect(space.body).toContain('Members’ contact sheet');
      expect(space.body).toContain('Free parking for carers');
      expect(space.body).toContain('Longer opening hours');

      const noTitle = await member.post(`${path}/recommendations`, { title: ' ', text: 'Buses to the hospital at night.' });
      expect(noTitle.statusCode).toBe(422);
      expect(Object.keys(summaryErrors(noTitle.body))).toEqual(['title']);
      expect(noTitle.body).toContain('Buses to the hospital at night.');
      const drafted = await member.post(`${path}/recommendations`, { title: 'Night buses', text: 'Buses to the hospital at night.' });
      expect(drafted.statusCode).toBe(303);
      expect(drafted.headers.location).toBe(`${path}?done=recommendation-drafted#drafts`);
      expect((await member.get(path)).body).toContain('Night buses');

      const vote = `/assemblies/${a.assemblyId}/recommendations/${recs.voting}/vote`;
      const none = await member.post(vote, {});
      expect(none.statusCode).toBe(422);
      expect(summaryErrors(none.body)).toEqual({ [`level-${recs.voting}`]: 'Choose whether you support the recommendation, oppose it or abstain' });
      for (const level of ['oppose', 'support']) {
        const voted = await member.post(vote, { level });
        expect(voted.statusCode).toBe(303);
        expect(voted.headers.location).toBe(`${path}?done=recommendation-voted#recommendation-${recs.voting}`);
      }
      const after = await member.get(path);
      expect(after.body).toMatch(new RegExp(`id="level-${recs.voting}"[^>]*value="support" checked`));
      expect(after.body).toContain('Supported by 1 of the 1 member who voted (100%); 0 opposed, 0 abstained.');
      // Not a member: refused; a recommendation of another assembly: not found.
      expect((await (await clientOf(t, a.stranger)).post(vote, { level: 'support' })).statusCode).toBe(403);
      expect((await member.post(`/assemblies/${draft.assemblyId}/recommendations/${recs.voting}/vote`, { level: 'support' })).statusCode).toBe(404);
    });
  });

  describe('registering with a code, or openly where allowed', () => {
    let r: RecruitingAssembly;
    let open: RecruitingAssembly;
    let person: TestClient;
    beforeAll(async () => {
      r = await recruitingAssembly(t.db);
      open = await recruitingAssembly(t.db, { openRegistration: true });
      ({ client: person } = await signedInPerson(t, { name: 'Priya Volunteer' }));
    });

    /** The answers of a good registration form, after the code step. */
    const goodAnswers = (code: string) => ({
      step: 'details',
      route: 'code',
      code,
      'feature-sex': 'Female',
      'feature-age_band': '16-44',
      name: 'Priya Volunteer',
      email: 'priya@example.org',
      phone: '07700 900123',
      interpreter: 'Polish',
      needs: ['easyRead', 'carer'],
      otherNeeds: 'A quiet room for breaks',
      firstTime: 'yes',
      namePublic: 'no',
    });

    it('shows what taking part involves and pays before anything, and asks a signed-out person to sign in', async () => {
      const path = `/assemblies/${r.assemblyId}/register`;
      const signedOut = await t.client().get(path);
      expect(signedOut.statusCode).toBe(200);
      expect(signedOut.body).toContain('Three evenings in May at the Compton Centre.');
      expect(signedOut.body).toContain('£150 for the three evenings');
      expect(signedOut.body).toContain(`/sign-in?next=${encodeURIComponent(path)}`);
      expect(signedOut.body).not.toContain('name="code"');
      expect((await t.client().get(`/assemblies/${r.assemblyId}`)).body).toContain(`href="${path}"`);
      const posted = await t.client().post(path, { step: 'code', route: 'code', code: r.codes[0] as string });
      expect(posted.statusCode).toBe(303);
      expect(posted.headers.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      // Without the open route, ?route=open shows the code box.
      const noOpen = await person.get(`${path}?route=open`);
      expect(noOpen.body).toContain('name="code"');
      expect(noOpen.body).not.toContain('register without a code');
    });

    it('takes the code, names each wrong answer keeping what was typed, checks the answers with change buttons, and registers', async () => {
      const path = `/assemblies/${r.assemblyId}/register`;
      const code = r.codes[0] as string;
      expect((await person.get(path)).body).toContain('name="code"');
      const empty = await person.post(path, { step: 'code', route: 'code', code: '' });
      expect(empty.statusCode).toBe(422);
      expect(summaryErrors(empty.body)).toEqual({ code: 'Enter the code printed on your letter' });
      const wrong = await person.post(path, { step: 'code', route: 'code', code: 'ABCDE-FGHJK' });
      expect(wrong.statusCode).toBe(422);
      expect(summaryErrors(wrong.body)).toEqual({ code: 'The code ABCDE-FGHJK is not one of the codes for this assembly: check it against your letter' });
      expect(wrong.body).toContain('value="ABCDE-FGHJK"');
      const long = await person.post(path, { step: 'code', route: 'code', code: 'X'.repeat(5000) });
      expect(summaryErrors(long.body)).toEqual({ code: 'That code is not one of the codes for this assembly: check it against your letter' });

      // Typed in lower case without the dash: still the letter's code.
      const form = await person.post(path, { step: 'code', route: 'code', code: code.toLowerCase().replace('-', ' ') });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('<h1>Your details</h1>');
      for (const text of ['Sex', 'Age', 'Female', '45+', 'Priya Volunteer', 'If you need an interpreter']) expect(form.body).toContain(text);

      const bad = await person.post(path, {
        ...goodAnswers(code),
        name: ' ',
        email: 'not an email',
        'feature-sex': '',
        'feature-age_band': 'Old',
        firstTime: '',
        namePublic: '',
      });
      expect(bad.statusCode).toBe(422);
      expect(Object.keys(summaryErrors(bad.body)).sort()).toEqual(['email', 'feature-age_band', 'feature-sex', 'firstTime', 'name', 'namePublic']);
      expect(summaryErrors(bad.body)['feature-sex']).toBe('Answer “Sex”');
      expect(bad.body).toContain('A quiet room for breaks');
      expect(bad.body).toContain('id="feature-sex"');

      const check = await person.post(path, goodAnswers(code));
      expect(check.statusCode).toBe(200);
      expect(check.body).toContain('<h1>Check your answers</h1>');
      expect(check.headers['cache-control']).toBe('no-store');
      for (const text of [
        'Female',
        '16-44',
        'priya@example.org',
        'An interpreter: Polish',
        'Papers in easy read',
        'A carer or supporter coming with me',
        'Other: A quiet room for breaks',
        'Yes, this is the first time',
      ]) {
        expect(check.body).toContain(text);
      }
      expect(check.body).toContain(`formaction="/assemblies/${r.assemblyId}/register#email"`);

      // Change: the form again, as filled in.
      const change = await person.post(path, { ...goodAnswers(code), step: 'confirm', change: 'email' });
      expect(change.statusCode).toBe(200);
      expect(change.body).toContain('<h1>Your details</h1>');
      expect(change.body).toContain('value="priya@example.org"');
      expect(change.body).toMatch(/value="carer" checked/);

      const done = await person.post(path, { ...goodAnswers(code), email: 'priya.v@example.org', step: 'confirm' });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe(`/assemblies/${r.assemblyId}/me?done=registered`);
      const stored = await t.db.selectFrom('assembly_volunteer').selectAll().where('assembly_id', '=', r.assemblyId).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        route: 'code',
        email: 'priya.v@example.org',
        interpreter: 'Polish',
        easy_read: true,
        carer: true,
        childcare: false,
        other_needs: 'A quiet room for breaks',
        first_time: true,
        name_public: false,
        features: { sex: 'Female', age_band: '16-44' },
      });
      const me = await person.get(`/assemblies/${r.assemblyId}/me?done=registered`);
      expect(me.body).toContain('you are registered');
      expect(me.body).toContain(`<code id="pool-id">${stored.pool_id}</code>`);
      expect(me.body).toContain('No draw has been made yet');
      expect((await person.get(path)).body).toContain('You are already registered');

      // The code is single-use; the same person cannot register twice.
      const { client: other } = await signedInPerson(t);
      const reused = await other.post(path, { step: 'code', route: 'code', code });
      expect(reused.statusCode).toBe(422);
      expect(summaryErrors(reused.body)).toEqual({ code: `The code ${code} has already been used to register` });
      const twice = await person.post(path, { ...goodAnswers(r.codes[1] as string), step: 'confirm' });
      expect(twice.statusCode).toBe(409);
      expect(twice.body).toContain('You have already registered for this assembly.');
      expect(await t.db.selectFrom('assembly_volunteer').select('id').where('assembly_id', '=', r.assemblyId).execute()).toHaveLength(1);
    });

    it('registers without a code where the organisation allows it, and lets people withdraw after a confirm step', async () => {
      const path = `/assemblies/${open.assemblyId}/register`;
      const { client } = await signedInPerson(t, { name: 'Olu Open' });
      expect((await client.get(path)).body).toContain('register without a code');
      const form = await client.get(`${path}?route=open`);
      expect(form.body).toContain('<h1>Your details</h1>');
      expect(form.body).toContain('You are registering without a letter');
      const answers = { ...goodAnswers(''), route: 'open', name: 'Olu Open', email: 'olu@example.org', needs: [], interpreter: '', otherNeeds: '' };
      const check = await client.post(path, answers);
      expect(check.statusCode).toBe(200);
      expect(check.body).toContain('Without a letter (the open route)');
      const done = await client.post(path, { ...answers, step: 'confirm' });
      expect(done.statusCode).toBe(303);
      const stored = await t.db
        .selectFrom('assembly_volunteer')
        .select(['route', 'address_id', 'status'])
        .where('assembly_id', '=', open.assemblyId)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ route: 'open', address_id: null, status: 'registered' });

      const me = `/assemblies/${open.assemblyId}/me`;
      const sure = await client.post(`${me}/withdraw`, {});
      expect(sure.statusCode).toBe(200);
      expect(sure.body).toContain('Are you sure you want to withdraw?');
      expect((await t.db.selectFrom('assembly_volunteer').select('status').where('assembly_id', '=', open.assemblyId).executeTakeFirstOrThrow()).status).toBe(
        'registered',
      );
      const gone = await client.post(`${me}/withdraw`, { sure: 'yes' });
      expect(gone.statusCode).toBe(303);
      expect(gone.headers.location).toBe(`${me}?done=withdrawn`);
      expect((await t.db.selectFrom('assembly_volunteer').select('status').where('assembly_id', '=', open.assemblyId).executeTakeFirstOrThrow()).status).toBe(
        'withdrawn',
      );
      const after = await client.get(me);
      expect(after.body).toContain('Withdrawn');
      expect(after.body).not.toContain('>Withdraw<');
    });

    it('closes registration once recruiting ends or its closing date has passed', async () => {
      const closed = await recruitingAssembly(t.db);
      await moveAssemblyPhase({ db: t.db }, closed.admin, closed.assemblyId, 'selecting');
      const path = `/assemblies/${closed.assemblyId}/register`;
      const page = await person.get(path);
      expect(page.body).toContain('Registration has closed');
      expect(page.body).not.toContain('name="code"');
      const posted = await person.post(path, { step: 'code', route: 'code', code: closed.codes[0] as string });
      expect(posted.statusCode).toBe(409);
      expect(await t.db.selectFrom('assembly_volunteer').select('id').where('assembly_id', '=', closed.assemblyId).execute()).toEqual([]);

      // Still recruiting, but past the closing date the organisers set.
      const late = await recruitingAssembly(t.db);
      await t.db.updateTable('assembly').set({ registration_closes: '2020-01-31' }).where('id', '=', late.assemblyId).execute();
      const latePath = `/assemblies/${late.assemblyId}/register`;
      expect((await person.get(latePath)).body).toContain('Registration closed on 31 January 2020.');
      expect((await person.get(`/assemblies/${late.assemblyId}`)).body).not.toContain(`href="/assemblies/${late.assemblyId}/register"`);
      expect((await person.post(latePath, { step: 'code', route: 'code', code: late.codes[0] as string })).statusCode).toBe(409);
      const open = await recruitingAssembly(t.db);
      await t.db.updateTable('assembly').set({ registration_closes: '2099-12-31' }).where('id', '=', open.assemblyId).execute();
      expect((await person.get(`/assemblies/${open.assemblyId}/register`)).body).toContain('Registration closes on 31 December 2099.');
    });
  });

  describe('my registration once drawn, and the published record of the draw', () => {
    let a: SeatedAssembly;
    let result: SelectionResult;
    beforeAll(async () => {
      a = await seatedAssembly(t.db, poolOfTwentySeven());
      result = await drawRoundOne(t.db, a.assemblyId);
    });

    it('shows each volunteer their chance per round, and lets a person drawn confirm or decline their place', async () => {
      const selected = await clientOf(t, seat(a, 2).actor);
      const me = `/assemblies/${a.assemblyId}/me`;
      const page = await selected.get(me);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('You have been chosen');
      const poolId = (await t.db.selectFrom('assembly_volunteer').select('pool_id').where('id', '=', seat(a, 2).volunteerId).executeTakeFirstOrThrow()).pool_id;
      expect(page.body).toContain(`Round 1: ${Math.round((result.probabilities[poolId] ?? 0) * 100)}%`);
      const confirmed = await selected.post(`${me}/confirm`, {});
      expect(confirmed.statusCode).toBe(303);
      expect(confirmed.headers.location).toBe(`${me}?done=member-confirmed`);
      expect(
        (
          await t.db
            .selectFrom('assembly_member')
            .select('status')
            .where('id', '=', seat(a, 2).memberId as number)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('confirmed');
      expect((await selected.get(me)).body).toContain('You are a member');
      // Confirming again, or for someone not drawn, is refused with the page shown again.
      const again = await selected.post(`${me}/confirm`, {});
      expect(again.statusCode).toBe(409);
      const notDrawn = await clientOf(t, seat(a, 5).actor);
      expect((await notDrawn.get(me)).body).toContain('Registered: in the pool');
      expect((await notDrawn.post(`${me}/decline`, {})).statusCode).toBe(409);
      const stranger = await clientOf(t, a.stranger);
      expect((await stranger.get(me)).body).toContain('You have not registered for this assembly.');
      expect((await t.client().get(me)).statusCode).toBe(303);

      const other = await seatedAssembly(t.db, { members: [{ status: 'selected' }] });
      const declining = await clientOf(t, seat(other, 0).actor);
      const declined = await declining.post(`/assemblies/${other.assemblyId}/me/decline`, {});
      expect(declined.headers.location).toBe(`/assemblies/${other.assemblyId}/me?done=member-declined`);
      expect(
        (
          await t.db
            .selectFrom('assembly_member')
            .select('status')
            .where('id', '=', seat(other, 0).memberId as number)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('declined');
    });

    it('publishes each round with how to recount it, the record as JSON and decide’s two CSV files for download', async () => {
      const base = `/assemblies/${a.assemblyId}/selection`;
      const page = await t.client().get(base);
      expect(page.statusCode, page.body.slice(0, 3000)).toBe(200);
      expect(page.body).toContain('Round 1');
      expect(page.body).toContain('decide sortition --categories categories.csv --respondents respondents.csv --panel-size 4 --algorithm leximin --seed 42');
      for (const link of [`${base}.json`, `${base}/categories.csv`, `${base}/respondents.csv`]) expect(page.body).toContain(`href="${link}"`);
      expect((await t.client().get(`/assemblies/${a.assemblyId}`)).body).toContain(`href="${base}"`);

      const json = await t.client().get(`${base}.json`);
      expect(json.statusCode).toBe(200);
      expect(json.json()).toMatchObject({ round: 1, seed: '42', algorithm: 'leximin', panelSize: 4, panel: result.panel, probabilities: result.probabilities });
      expect((await t.client().get(`${base}/1.json`)).json()).toEqual(json.json());

      const categories = await t.client().get(`${base}/categories.csv`);
      expect(categories.statusCode).toBe(200);
      expect(categories.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(categories.headers['content-disposition']).toBe('attachment; filename="categories.csv"');
      expect(categories.body.split(/\r?\n/)[0]).toBe('feature,value,min,max');
      const respondents = await t.client().get(`${base}/respondents.csv`);
      expect(respondents.headers['content-disposition']).toBe('attachment; filename="respondents.csv"');
      expect(respondents.body.split(/\r?\n/)[0]).toBe('id,sex,age_band');
      expect(respondents.body.split(/\r?\n/).filter(Boolean)).toHaveLength(28);
      const roundOne = await t.client().get(`${base}/1/respondents.csv`);
      expect(roundOne.headers['content-disposition']).toBe('attachment; filename="respondents.csv"');
      expect(roundOne.body).toBe(respondents.body);

      for (const missing of [`${base}/2.json`, `${base}/2/categories.csv`, `${base}/x.json`, `${base}/0/respondents.csv`]) {
        expect((await t.client().get(missing)).statusCode, missing).toBe(404);
      }
    });
  });
});

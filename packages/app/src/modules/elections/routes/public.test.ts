// The public pages of elections over HTTP on a real database: the list and an election's page (its
// phase, seats, dates, and candidates with statements once published); nominating oneself (signed in,
// on the electorate by email; wrong fields named with what was typed kept; withdrawing); the ballot
// by code with its check step, refusals beside the field (unknown or used code, a repeated or skipped
// number), the receipt shown once; and after the count the result with its count sheet, the print
// view, the published BLT file, CSV and JSON, the recount page and finding a ballot by its receipt.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../../test/testApp.js';
import { insertOrganisation, signedInPerson, summaryErrors } from '../../accounts/testKit.js';
import { createBody } from '../../registry/service.js';
import { addCandidate, castElectionBallot, checkNomination, createElection, electionDefaults, importElectorate, moveElectionPhase } from '../service.js';
import { electionPerson, electorateCsv, sixBallots, type TestElection, testElection } from '../testKit.js';

/** Text as the page escapes it. */
const asHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The hidden fields of a check step page, as the form would send them. */
function carriedFields(body: string): Record<string, string> {
  return Object.fromEntries(
    [...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].filter((m) => m[1] !== '_csrf').map((m) => [m[1] as string, m[2] as string]),
  );
}

describeWithTestApp('election public pages', (t) => {
  const deps = () => ({ db: t.db, config: t.config });

  describe('the list and an election’s page', () => {
    let voting: TestElection;
    let draft: TestElection;
    beforeAll(async () => {
      voting = await testElection(t.db, {
        settings: { title: 'Public governors of Eastmoor', votingOpenOn: '2027-03-01', votingCloseOn: '2027-03-21' },
      });
      draft = await testElection(t.db, { phase: 'draft', settings: { title: 'A draft election' } });
    });

    it('lists elections that are not drafts and shows one with its phase, seats, dates, candidates and statements', async () => {
      const list = await t.client().get('/elections');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`href="/elections/${voting.electionId}"`);
      expect(list.body).toContain('Voting open');
      expect(list.body).not.toContain(`href="/elections/${draft.electionId}"`);
      const ofOrganisation = await t.client().get(`/elections?organisation=${voting.organisationId}`);
      expect(ofOrganisation.body).toContain('Elections of Election Trust');
      expect(ofOrganisation.body).toContain(`href="/elections/${voting.electionId}"`);
      expect((await t.client().get(`/elections?organisation=${draft.organisationId}`)).body).toContain('This organisation runs no election here yet');
      expect((await t.client().get('/elections?page=999&organisation=x')).statusCode).toBe(200);

      const page = await t.client().get(`/elections/${voting.electionId}`);
      expect(page.statusCode).toBe(200);
      for (const text of [
        'Public governors of Eastmoor',
        'Voting open',
        '2 seats',
        '1 March 2027 to 21 March 2027',
        'Council of Governors',
        'Patient representative',
      ]) {
        expect(page.body).toContain(text);
      }
      // Candidates in ballot order (alphabetical by surname), each with their statement.
      const names = [...page.body.matchAll(/<h3 class="nhsuk-card__heading">([^<]+)<\/h3>/g)].map((m) => m[1]);
      expect(names).toEqual(['Charles Babbage', 'Grace Hopper', 'Ada Lovelace', 'Mary Somerville', 'Alan Turing']);
      expect(page.body).toContain('Grace Hopper will listen.');
      expect(page.body).toContain(`href="/elections/${voting.electionId}/vote"`);
      expect(page.body).not.toContain('Manage this election');
      expect((await t.client().get(`/elections/${draft.electionId}`)).statusCode).toBe(404);
      expect((await t.client().get('/elections/99999999')).statusCode).toBe(404);
      expect((await t.client().get('/elections/abc')).statusCode).toBe(404);
    });

    it('shows no candidates before the statements are published', async () => {
      const nominations = await testElection(t.db, { phase: 'nominations' });
      const page = await t.client().get(`/elections/${nominations.electionId}`);
      expect(page.body).toContain('Taking nominations');
      expect(page.body).toContain('Stand for election');
      expect(page.body).not.toContain('Grace Hopper');
    });
  });

  describe('nominating oneself', () => {
    let election: TestElection;
    let nominee: { client: TestClient; email: string };
    let outsider: TestClient;
    beforeAll(async () => {
      nominee = await signedInPerson(t, { name: 'Nia Nominee' });
      ({ client: outsider } = await signedInPerson(t, { name: 'Otto Outsider' }));
      election = await testElection(t.db, {
        phase: 'nominations',
        voterEmails: [nominee.email.toUpperCase()],
        settings: { wordLimit: 12 },
      });
    });
    const path = () => `/elections/${election.electionId}/nominate`;
    const declarations = ['I am a member of the trust', 'I am not employed by the trust'];

    it('sends a signed-out person to sign in and refuses someone not on the electorate, saying why', async () => {
      const signedOut = await t.client().get(path());
      expect(signedOut.statusCode).toBe(303);
      expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent(path())}`);
      expect((await outsider.get(path())).statusCode).toBe(200);
      const refused = await outsider.post(path(), { name: 'Otto Outsider', statement: 'I would listen.', declarations });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('is not on the electorate of this election');
      expect(refused.body).toContain('You cannot stand in this election');
      expect(Object.keys(summaryErrors(refused.body))).toEqual(['email']);
      expect(refused.body).toContain('id="email"');
    });

    it('names each wrong field beside it, keeping what was typed, counting the words; then takes the nomination, and lets it be withdrawn', async () => {
      const form = await nominee.client.get(path());
      expect(form.body).toContain('Your statement');
      expect(form.body).toContain('data-maxwords="12"');
      expect(form.body).toContain('I am not employed by the trust');
      const long = 'I will listen to patients and carers in every part of the county, always.';
      const wrong = await nominee.client.post(path(), { name: '', statement: long, declarations: [declarations[0] as string] });
      expect(wrong.statusCode).toBe(422);
      expect(Object.keys(summaryErrors(wrong.body)).sort()).toEqual(['declarations', 'name', 'statement']);
      expect(wrong.body).toContain('Your statement has 14 words.');
      expect(wrong.body).toContain(asHtml(long));
      expect(wrong.body).toMatch(/value="I am a member of the trust" checked/);
      const notAPhoto = await nominee.client.postMultipart(
        path(),
        { name: 'Nia Nominee', statement: 'I will listen.', declarations: declarations[0] as string },
        {
          field: 'photo',
          filename: 'me.png',
          content: 'not a picture',
        },
      );
      expect(notAPhoto.statusCode).toBe(422);
      expect(summaryErrors(notAPhoto.body).photo).toBe('The photo must be a PNG or JPEG image');

      const sent = await nominee.client.post(path(), { name: 'Nia Nominee', statement: 'I will listen to patients.', declarations });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe(`${path()}?done=nomination-made`);
      const after = await nominee.client.get(String(sent.headers.location));
      expect(after.body).toContain('your nomination is sent');
      expect(after.body).toContain('Sent: waiting to be checked by the organisers');
      expect(after.body).toContain('Withdraw my nomination');
      const row = await t.db
        .selectFrom('election_candidate')
        .selectAll()
        .where('election_id', '=', election.electionId)
        .where('name', '=', 'Nia Nominee')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'nominated', statement: 'I will listen to patients.' });

      const withdrawn = await nominee.client.post(`${path()}/withdraw`, {});
      expect(withdrawn.statusCode).toBe(303);
      expect((await nominee.client.get(String(withdrawn.headers.location))).body).toContain('Withdrawn');
      expect((await t.db.selectFrom('election_candidate').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status).toBe('withdrawn');
    });

    it('says nominations are closed once they are', async () => {
      const closed = await testElection(t.db, { phase: 'checking' });
      const page = await nominee.client.get(`/elections/${closed.electionId}/nominate`);
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain('Nominations have closed.');
    });

    it('serves a published candidate’s photo to everyone, and no one’s before', async () => {
      const photoElection = await testElection(t.db, { phase: 'nominations', voterEmails: [nominee.email] });
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      const { nominate } = await import('../service.js');
      const actor = {
        accountId: (await t.db.selectFrom('account').select('id').where('email', '=', nominee.email).executeTakeFirstOrThrow()).id,
        platformAdmin: false,
        organisationRoles: [],
      };
      const id = await nominate(deps(), actor, photoElection.electionId, {
        name: 'Nia Nominee',
        statement: 'I will listen.',
        declarations,
        photo: { content: png, fileName: 'nia.png' },
      });
      const photo = `/elections/${photoElection.electionId}/candidates/${id}/photo`;
      expect((await t.client().get(photo)).statusCode).toBe(404);
      await checkNomination(deps(), photoElection.admin.actor, id, { valid: true, reason: '' });
      await moveElectionPhase(deps(), photoElection.admin.actor, photoElection.electionId, 'checking');
      await moveElectionPhase(deps(), photoElection.admin.actor, photoElection.electionId, 'statements');
      const served = await t.client().get(photo);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.rawPayload.equals(png)).toBe(true);
      expect((await t.client().get(`/elections/${photoElection.electionId}`)).body).toContain(`src="${photo}" alt="Photo of Nia Nominee"`);
      expect((await t.client().get(`/elections/${election.electionId}/candidates/${id}/photo`)).statusCode).toBe(404);
    });
  });

  describe('voting with a code', () => {
    let election: TestElection;
    beforeAll(async () => {
      election = await testElection(t.db);
    });
    const vote = (path = '') => `/elections/${election.electionId}/vote${path}`;
    const rank = (name: string) => `rank_${election.candidates.find((c) => c.name === name)?.id}`;

    it('asks for the code, and refuses an unknown one beside the field, keeping what was typed', async () => {
      const client = t.client();
      const start = await client.get(vote());
      expect(start.statusCode).toBe(200);
      expect(start.body).toContain('Your voting code');
      const empty = await client.post(vote('/ballot'), { code: ' ' });
      expect(empty.statusCode).toBe(422);
      expect(summaryErrors(empty.body)).toEqual({ code: 'Enter the voting code from your email or letter' });
      const unknown = await client.post(vote('/ballot'), { code: 'NOTACODE1234' });
      expect(unknown.statusCode).toBe(422);
      expect(summaryErrors(unknown.body)).toEqual({ code: 'We do not recognise this code: check it against your email or letter' });
      expect(unknown.body).toContain('value="NOTACODE1234"');
    });

    it('shows the ballot in ballot order with the instructions; refuses a repeated or skipped number beside the box; checks, changes and casts; shows the receipt once', async () => {
      const client = t.client();
      await client.get(vote());
      const code = election.codes[0] as string;
      const ballot = await client.post(vote('/ballot'), { code: code.toLowerCase() });
      expect(ballot.statusCode).toBe(200);
      expect(ballot.body).toContain('Number the candidates 1, 2, 3… in order of preference; you can stop at any point.');
      const labels = [...ballot.body.matchAll(/<label[^>]*for="rank_\d+"[^>]*>\s*([^<]+?)\s*<\/label>/g)].map((m) => m[1]);
      expect(labels).toEqual(['Charles Babbage', 'Grace Hopper', 'Ada Lovelace', 'Mary Somerville', 'Alan Turing']);

      const twice = await client.post(vote('/check'), { code, [rank('Grace Hopper')]: '1', [rank('Ada Lovelace')]: '1' });
      expect(twice.statusCode).toBe(422);
      expect(summaryErrors(twice.body)).toEqual({ [rank('Ada Lovelace')]: 'You gave 1 to both Grace Hopper and Ada Lovelace: use each number once' });
      expect(twice.body).toMatch(new RegExp(`id="${rank('Grace Hopper')}" name="${rank('Grace Hopper')}" type="text"[^>]*value="1"`));
      const skipped = await client.post(vote('/check'), { code, [rank('Grace Hopper')]: '1', [rank('Ada Lovelace')]: '2', [rank('Alan Turing')]: '4' });
      expect(skipped.statusCode).toBe(422);
      expect(summaryErrors(skipped.body)).toEqual({ [rank('Alan Turing')]: 'You numbered 1, 2 and 4: use 3 before 4' });
      const nothing = await client.post(vote('/check'), { code });
      expect(nothing.statusCode).toBe(422);
      expect(Object.values(summaryErrors(nothing.body))).toEqual(['Put 1 beside the candidate you like most: you have not numbered any candidate']);

      const ranks = { [rank('Grace Hopper')]: '1', [rank('Ada Lovelace')]: '2', [rank('Alan Turing')]: '3' };
      const check = await client.post(vote('/check'), { code, ...ranks });
      expect(check.statusCode).toBe(200);
      expect(check.body).toContain('Check your vote');
      const listed = /<ol class="nhsuk-list nhsuk-list--number" id="preferences">([\s\S]*?)<\/ol>/.exec(check.body)?.[1] ?? '';
      expect([...listed.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1])).toEqual(['Grace Hopper', 'Ada Lovelace', 'Alan Turing']);
      expect(check.body).toContain('You did not number 2 candidates.');
      const carried = carriedFields(check.body);
      expect(carried).toEqual({ code, ...ranks });

      const changed = await client.post(vote(), { ...carried, change: '1' });
      expect(changed.statusCode).toBe(200);
      expect(changed.body).toContain('Your ballot');
      expect(changed.body).toMatch(new RegExp(`name="${rank('Alan Turing')}" type="text"[^>]*value="3"`));

      const cast = await client.post(vote(), { ...carried, cast: '1' });
      expect(cast.statusCode).toBe(303);
      expect(cast.headers.location).toBe(`/elections/${election.electionId}/voted`);
      const voted = await client.get(String(cast.headers.location));
      expect(voted.body).toContain('Your vote is recorded');
      const receipt = /id="receipt-code">([^<]+)</.exec(voted.body)?.[1] ?? '';
      expect(receipt).toMatch(/^[A-Z0-9]{10}$/);
      expect(voted.headers['cache-control']).toBe('no-store');
      const again = await client.get(String(cast.headers.location));
      expect(again.statusCode).toBe(303);

      // The code is used: another try is refused on the code's page, and no second ballot is stored.
      const reused = await t.client().post(vote('/ballot'), { code });
      expect(reused.statusCode).toBe(422);
      expect(summaryErrors(reused.body)).toEqual({ code: 'This code has already been used: each code votes once' });
      const castAgain = await client.post(vote(), { ...carried, cast: '1' });
      expect(castAgain.statusCode).toBe(422);
      expect(castAgain.body).toContain('This code has already been used');
      const ballots = await t.db.selectFrom('election_ballot').selectAll().where('election_id', '=', election.electionId).execute();
      expect(ballots).toHaveLength(1);
      expect(ballots[0]?.receipt).toBe(receipt);
    });

    it('says voting is not open before it opens and after the count', async () => {
      const early = await testElection(t.db, { phase: 'statements' });
      const page = await t.client().get(`/elections/${early.electionId}/vote`);
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain('Voting has not opened yet.');
      expect((await t.client().post(`/elections/${early.electionId}/vote/ballot`, { code: 'ABC' })).statusCode).toBe(409);
    });
  });

  describe('after the count', () => {
    let election: TestElection;
    let receipt: string;
    beforeAll(async () => {
      election = await testElection(t.db, {
        phase: 'counted',
        ballots: sixBallots,
      });
      const blt = await t.db.selectFrom('election_constituency').select('blt_file').where('id', '=', election.constituencyId).executeTakeFirstOrThrow();
      receipt = /\/\* ([A-Z0-9]+) \*\//.exec(blt.blt_file ?? '')?.[1] ?? '';
    });
    const at = (path: string) => `/elections/${election.electionId}${path}`;

    it('shows who was elected, the chart of first preferences and the count sheet of every stage, linked from the election’s page', async () => {
      const row = await t.db.selectFrom('election_constituency').select('result').where('id', '=', election.constituencyId).executeTakeFirstOrThrow();
      const result = row.result as { elected: string[]; quota: string; stages: Array<{ description: string }> };
      const page = await t.client().get(at('/result'));
      expect(page.statusCode).toBe(200);
      const elected = /<ol class="nhsuk-list nhsuk-list--number elected">([\s\S]*?)<\/ol>/.exec(page.body)?.[1] ?? '';
      expect([...elected.matchAll(/<strong>([^<]+)<\/strong>/g)].map((m) => m[1])).toEqual(result.elected);
      expect(page.body).toContain('svg class="involve-chart"');
      expect(page.body).toContain('First preferences for each candidate');
      expect(page.body).toContain(`Quota ${result.quota}.`);
      for (const stage of result.stages) expect(page.body).toContain(asHtml(stage.description));
      expect(page.body).toContain('Non-transferable');
      expect(page.body).toContain('Seed for lots');
      expect(page.body).toContain(`href="/bodies/${election.bodyId}"`);
      const electionPage = await t.client().get(at(''));
      expect(electionPage.body).toContain(`href="${at('/result')}"`);
      expect(electionPage.body).toContain('Counted: result published');
    });

    it('prints the count sheet with print styles the page’s policy allows', async () => {
      const sheet = await t.client().get(at('/count-sheet'));
      expect(sheet.statusCode).toBe(200);
      expect(sheet.body).toContain('@media print');
      const nonce = /<style nonce="([^"]+)">/.exec(sheet.body)?.[1];
      expect(nonce).toBeTruthy();
      expect(String(sheet.headers['content-security-policy'])).toContain(`'nonce-${nonce}'`);
      expect(sheet.body).toContain('Stage 1');
    });

    it('publishes the ballots as BLT, the count sheet as CSV and the result as JSON', async () => {
      const blt = await t.client().get(at('/ballots.blt'));
      expect(blt.statusCode).toBe(200);
      expect(blt.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(blt.headers['content-disposition']).toBe('attachment; filename="ballots.blt"');
      expect(blt.body.split('\n')[0]).toBe('5 2');
      expect(blt.body).toContain('"Grace Hopper"');
      expect(blt.body).toContain(`/* ${receipt} */`);
      const csv = await t.client().get(at('/count.csv'));
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.body.length).toBeGreaterThan(50);
      const json = await t.client().get(at('/result.json'));
      expect(json.json()).toMatchObject({ id: election.electionId, method: 'scottish', constituencies: [{ name: 'Public', seats: 2 }] });
      expect((await t.client().get(at('/ballots.blt?constituency=99999'))).statusCode).toBe(404);
      expect((await t.client().get(at(`/ballots.blt?constituency=${election.constituencyId}`))).statusCode).toBe(200);
    });

    it('explains how to recount with decide and droop, and finds a ballot by its receipt', async () => {
      const seed = (await t.db.selectFrom('election').select('seed').where('id', '=', election.electionId).executeTakeFirstOrThrow()).seed;
      const recount = await t.client().get(at('/recount'));
      expect(recount.statusCode).toBe(200);
      expect(recount.body).toContain(`npx decide stv ballots.blt --rule scottish --seed ${Number(seed)}`);
      expect(recount.body).toContain('python3 Droop.py scotland ballots.blt');

      const form = await t.client().get(at('/receipt'));
      expect(form.body).toContain('Receipt code');
      const missing = await t.client().get(at('/receipt?code=NOSUCHCODE'));
      expect(summaryErrors(missing.body)).toEqual({
        code: 'No ballot with the receipt code NOSUCHCODE is in the published files. Check the code and try again.',
      });
      const found = await t.client().get(at(`/receipt?code=${receipt.toLowerCase()}`));
      expect(found.body).toContain('Your ballot, as published');
      expect(found.body).toMatch(/<ol class="nhsuk-list nhsuk-list--number" id="found-preferences">/);
    });

    it('answers “not found” for the result and files before the count, and the receipt page says to come back', async () => {
      const voting = await testElection(t.db);
      for (const path of ['/result', '/count-sheet', '/ballots.blt', '/count.csv', '/result.json', '/recount'])
        expect((await t.client().get(`/elections/${voting.electionId}${path}`)).statusCode, path).toBe(404);
      expect((await t.client().get(`/elections/${voting.electionId}/receipt?code=ABC`)).body).toContain('The ballots are published after the count.');
    });
  });
  describe('an election of two constituencies', () => {
    let electionId: number;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      const organisationId = await insertOrganisation(t.db, 'Two Towns Trust');
      const admin = await electionPerson(t.db, [{ organisationId, role: 'admin' }]);
      const bodyId = await createBody(deps(), admin.actor, organisationId, { name: 'Council of Governors', kind: 'board' });
      electionId = await createElection(deps(), admin.actor, {
        ...electionDefaults,
        organisationId,
        bodyId,
        title: 'Governors of two towns',
        constituencies: [
          { name: 'North', seats: 1 },
          { name: 'South', seats: 1 },
        ],
      });
      for (const c of await t.db.selectFrom('election_constituency').select(['id', 'name']).where('election_id', '=', electionId).execute()) ids[c.name] = c.id;
      const standing: Array<[string, string]> = [
        ['North', 'Nora North'],
        ['North', 'Ned Northern'],
        ['South', 'Sol South'],
        ['South', 'Sue Southern'],
      ];
      const candidateIds: Record<string, number> = {};
      for (const [constituency, name] of standing)
        candidateIds[name] = await addCandidate(deps(), admin.actor, electionId, { constituencyId: ids[constituency] as number, name, statement: '' });
      const voters = ['North', 'North', 'South'].map((constituency, i) => ({
        memberNumber: `T${i}`,
        name: `Voter ${i}`,
        postalAddress: `${i} Bridge Street`,
        constituency,
      }));
      await importElectorate(deps(), admin.actor, electionId, electorateCsv(voters));
      let letters: Array<{ code: string; constituency: string }> = [];
      for (const phase of ['nominations', 'checking', 'statements', 'voting'] as const)
        letters = (await moveElectionPhase(deps(), admin.actor, electionId, phase))?.letters ?? letters;
      const anyone = { accountId: null, platformAdmin: false, organisationRoles: [] };
      for (const letter of letters) {
        const first = letter.constituency === 'North' ? 'Ned Northern' : 'Sue Southern';
        await castElectionBallot(deps(), anyone, electionId, { code: letter.code, ranks: { [candidateIds[first] as number]: 1 } });
      }
      await moveElectionPhase(deps(), admin.actor, electionId, 'counted');
    });

    it('shows each constituency’s result and count sheet, and publishes each one’s ballots by ?constituency=', async () => {
      const page = await t.client().get(`/elections/${electionId}/result`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`href="#constituency-${ids.North}"`);
      expect(page.body).toContain(`<h2 id="constituency-${ids.South}">South</h2>`);
      expect(page.body).toContain(`/elections/${electionId}/ballots.blt?constituency=${ids.South}`);
      const both = await t.client().get(`/elections/${electionId}/ballots.blt`);
      expect(both.statusCode).toBe(404);
      expect(both.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(both.body).toContain('This election has 2 constituencies');
      expect(both.body).toContain(`/elections/${electionId}/ballots.blt?constituency=${ids.North}  (North)`);
      const south = await t.client().get(`/elections/${electionId}/ballots.blt?constituency=${ids.South}`);
      expect(south.statusCode).toBe(200);
      expect(south.headers['content-disposition']).toBe('attachment; filename="ballots-south.blt"');
      expect(south.body).toContain('"Sue Southern"');
      expect(south.body).not.toContain('Nora North');
      expect(south.body).toContain('"Governors of two towns — South"');
      const csv = await t.client().get(`/elections/${electionId}/count.csv?constituency=${ids.North}`);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="count-north.csv"');
      const recount = await t.client().get(`/elections/${electionId}/recount`);
      expect(recount.body).toContain('ballots-north.blt --rule scottish');
      expect(recount.body).toContain('ballots-south.blt --rule scottish');
      const sheet = await t.client().get(`/elections/${electionId}/count-sheet`);
      expect(sheet.body).toContain('North: elected Ned Northern');
      expect(sheet.body).toContain('South: elected Sue Southern');
    });
  });
});

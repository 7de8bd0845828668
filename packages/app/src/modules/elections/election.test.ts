// An election through the service on a real database: set up (each wrong field named), moved through
// its phases (and refused the moves it may not make), its electorate imported (a bad file refused with
// every line named, nothing imported), codes issued (hashes only; emails through the outbox, letters
// for postal voters), and nominations made, checked and withdrawn.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import { queuedMail } from '../accounts/testKit.js';
import { codeHash } from './codes.js';
import {
  addCandidate,
  checkNomination,
  createElection,
  electionDefaults,
  electorateSummary,
  getElection,
  importElectorate,
  issueVotingCodes,
  listCandidates,
  listElections,
  moveElectionPhase,
  nominate,
  nominationOf,
  updateElection,
  withdrawNomination,
} from './service.js';
import { electionPerson, electorateCsv, fieldErrors, type TestElection, testElection } from './testKit.js';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);

describeWithTestDatabase('elections: setting up, the electorate, codes and nominations', (database) => {
  const deps = () => ({ db: database.db, config: { publicUrl: 'http://involve.test' } });

  it('names each wrong field when an election is set up, and lets only the organisation’s admins set one up', async () => {
    const e = await testElection(database.db, { phase: 'draft' });
    const settings = { ...electionDefaults, organisationId: e.organisationId, bodyId: e.bodyId, title: 'Governors' };
    expect(
      await fieldErrors(
        createElection(deps(), e.admin.actor, {
          ...settings,
          title: ' ',
          bodyId: 999_999,
          role: 'governor',
          constituencies: [
            { name: 'Public', seats: 2 },
            { name: 'public', seats: 1 },
          ],
          votingOpenOn: '2027-03-01',
          votingCloseOn: '2027-02-01',
          termStartOn: '2027-02-30',
          wordLimit: 5,
        }),
      ),
    ).toEqual({
      title: 'Enter a title, like “Public governors 2027”',
      bodyId: 'Choose the board, committee or group the seats are on',
      role: 'Choose the role those elected will hold on the body',
      constituencies: 'public is listed twice: give each constituency once',
      votingCloseOn: 'The date voting closes must be on or after the date voting opens',
      termStartOn: 'Enter the date the term starts as a real date, like 1 3 2027',
      wordLimit: 'Enter the words a statement may have as a whole number from 10 to 2,000',
    });
    const stranger = await electionPerson(database.db);
    await expect(createElection(deps(), stranger.actor, settings)).rejects.toBeInstanceOf(ForbiddenError);
    // Drafts are the managers' alone.
    await expect(getElection(deps(), anonymous, e.electionId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listElections(deps(), anonymous, { organisationId: e.organisationId })).total).toBe(0);
    const mine = await listElections(deps(), e.admin.actor, { organisationId: e.organisationId });
    expect(mine.items.map((i) => [i.id, i.phase, i.seats, i.constituencies.map((c) => c.name), i.body.name])).toEqual([
      [e.electionId, 'draft', 2, ['Public'], 'Council of Governors'],
    ]);
  });

  it('moves through its phases, refusing the moves it may not make and the changes a phase fixes', async () => {
    const e = await testElection(database.db, { phase: 'draft', candidates: ['Ada Lovelace'] });
    const move = (to: Parameters<typeof moveElectionPhase>[3]) => moveElectionPhase(deps(), e.admin.actor, e.electionId, to);
    const refusal = async (to: Parameters<typeof moveElectionPhase>[3]) => ((await rejection(move(to))) as Error).message;
    expect(await refusal('voting')).toBe('An election that is a draft cannot move to open for voting.');
    await move('nominations');
    const settings = { ...electionDefaults, bodyId: e.bodyId, title: 'Changed', constituencies: [{ name: 'Members', seats: 2 }] };
    expect(await fieldErrors(updateElection(deps(), e.admin.actor, e.electionId, settings))).toEqual({
      constituencies: 'The constituencies cannot change once nominations have opened (their seats can, until voting opens)',
    });
    await updateElection(deps(), e.admin.actor, e.electionId, { ...settings, constituencies: [{ name: 'Public', seats: 1 }] });
    expect((await getElection(deps(), anonymous, e.electionId)).constituencies.map((c) => [c.name, c.seats])).toEqual([['Public', 1]]);
    await move('checking');
    await move('statements');
    expect(
      await fieldErrors(
        updateElection(deps(), e.admin.actor, e.electionId, { ...settings, constituencies: [{ name: 'Public', seats: 1 }], ballotOrder: 'random' }),
      ),
    ).toEqual({
      ballotOrder: 'This cannot change now that the election is under way',
    });
    await move('voting');
    expect(await refusal('statements')).toBe('An election that is open for voting cannot move to showing the candidates’ statements.');
    expect(await refusal('counted')).toBe('No ballots have been cast in Public: there is nothing to count yet.');
    expect((await getElection(deps(), anonymous, e.electionId)).phase).toBe('voting');
    const stranger = await electionPerson(database.db);
    await expect(moveElectionPhase(deps(), stranger.actor, e.electionId, 'counted')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('publishes statements only when every nomination is checked and each constituency has candidates for its seats', async () => {
    const e = await testElection(database.db, { phase: 'checking', candidates: ['Ada Lovelace'] });
    const error = await rejection(moveElectionPhase(deps(), e.admin.actor, e.electionId, 'statements'));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe('Public has 1 valid candidate for 2 seats: add candidates or reopen nominations.');
    await addCandidate(deps(), e.admin.actor, e.electionId, { constituencyId: e.constituencyId, name: 'Alan Turing', statement: '' });
    await moveElectionPhase(deps(), e.admin.actor, e.electionId, 'statements');
    // Alphabetical by surname: Lovelace before Turing.
    expect((await listCandidates(deps(), anonymous, e.electionId)).map((c) => [c.name, c.ballotPosition])).toEqual([
      ['Ada Lovelace', 1],
      ['Alan Turing', 2],
    ]);
  });

  it('imports the electorate only from a clean file, naming every bad line; a good file is imported whole', async () => {
    const e = await testElection(database.db, { phase: 'draft', postalVoters: 2 });
    const stranger = await electionPerson(database.db);
    // A draft is not there for those who may not manage it.
    await expect(importElectorate(deps(), stranger.actor, e.electionId, electorateCsv([]))).rejects.toBeInstanceOf(NotFoundError);
    const bad = electorateCsv([
      { memberNumber: 'M1', name: 'Ann Smith', email: 'ann@example.org' },
      { memberNumber: 'P1', name: 'Already There', email: 'there@example.org' },
      { memberNumber: 'M3', name: 'Cat Brown', email: 'cat@' },
      { memberNumber: 'M4', name: 'Dan Green' },
      { memberNumber: 'M5', name: 'Eve White', email: 'eve@example.org', constituency: 'Staff' },
      { memberNumber: 'M1', name: 'Ann Twice', email: 'ann2@example.org' },
    ]);
    expect(await importElectorate(deps(), e.admin.actor, e.electionId, bad)).toEqual({
      imported: 0,
      problems: [
        { line: 3, message: 'Line 3: member number P1 is already on the electorate' },
        { line: 4, message: 'Line 4: “cat@” is not an email address' },
        { line: 5, message: 'Line 5: neither an email address nor a postal address: the voting code must go to one of them' },
        { line: 6, message: 'Line 6: there is no constituency called “Staff”: use “Public”' },
        { line: 7, message: 'Line 7: member number M1 is also on line 2' },
      ],
    });
    const summary = async () => (await electorateSummary(deps(), e.admin.actor, e.electionId))[0];
    expect((await summary())?.voters).toBe(2);
    const good = electorateCsv([
      { memberNumber: 'M1', name: 'Ann Smith', email: 'Ann@Example.org' },
      { memberNumber: 'M2', name: 'Bob Jones', postalAddress: '2 Low Road, Leeds LS6 1AA' },
    ]);
    expect(await importElectorate(deps(), e.admin.actor, e.electionId, good)).toEqual({ imported: 2, problems: [] });
    expect(await summary()).toMatchObject({ voters: 4, withEmail: 1, codesIssued: 0, codesUsed: 0 });
    expect(await fieldErrors(importElectorate(deps(), e.admin.actor, e.electionId, 'name\nAnn\n'))).toEqual({
      file: 'The first line must name the columns member_number, name, email, postal_address, constituency: member_number, email, postal_address are missing',
    });
  });

  it('issues codes when voting opens: only their hashes kept, emails queued to voters with email, letters for postal voters, shown once', async () => {
    const e = await testElection(database.db, { phase: 'statements', postalVoters: 3, voterEmails: ['ann@example.org', 'bob@example.org'] });
    await expect(issueVotingCodes(deps(), anonymous, e.electionId)).rejects.toBeInstanceOf(ForbiddenError);
    const issued = await moveElectionPhase(deps(), e.admin.actor, e.electionId, 'voting');
    expect(issued?.emailed).toBe(2);
    expect(issued?.letters.map((l) => [l.name, l.memberNumber, l.postalAddress, l.constituency])).toEqual([
      ['Postal Voter 1', 'P1', '1 High Street, Leeds', 'Public'],
      ['Postal Voter 2', 'P2', '2 High Street, Leeds', 'Public'],
      ['Postal Voter 3', 'P3', '3 High Street, Leeds', 'Public'],
    ]);
    const codes = (issued?.letters ?? []).map((l) => l.code);
    expect(codes.every((c) => /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/.test(c))).toBe(true);
    const mail = await queuedMail(database.db, 'ann@example.org', 'Your voting code');
    expect(mail).toHaveLength(1);
    const emailed = /Your voting code: ([A-Z0-9-]+)/.exec(mail[0]?.body_text ?? '')?.[1] as string;
    expect(mail[0]?.body_text).toContain(`http://involve.test/elections/${e.electionId}/vote`);
    // Only hashes are stored: no column holds a code as it was sent.
    const voters = await database.db.selectFrom('election_voter').selectAll().where('election_id', '=', e.electionId).execute();
    const stored = JSON.stringify(voters);
    for (const code of [...codes, emailed]) expect(stored).not.toContain(code.replaceAll('-', ''));
    expect(voters.filter((v) => v.code_hash === codeHash(emailed))).toHaveLength(1);
    expect(voters.every((v) => v.code_hash?.length === 64)).toBe(true);
    // Issuing again makes none for voters who have one; `again` replaces the postal voters' unused codes.
    expect(await issueVotingCodes(deps(), e.admin.actor, e.electionId)).toEqual({ emailed: 0, letters: [] });
    const again = await issueVotingCodes(deps(), e.admin.actor, e.electionId, { again: true });
    expect([again.emailed, again.letters.length]).toEqual([0, 3]);
    const hashes = await database.db.selectFrom('election_voter').select('code_hash').where('election_id', '=', e.electionId).execute();
    expect(hashes.some((h) => h.code_hash === codeHash(codes[0] as string))).toBe(false);
    expect(await electorateSummary(deps(), e.admin.actor, e.electionId)).toMatchObject([{ voters: 5, withEmail: 2, codesIssued: 5, codesUsed: 0 }]);
    await expect(electorateSummary(deps(), anonymous, e.electionId)).rejects.toBeInstanceOf(ForbiddenError);
  });

  describeNominations();

  function describeNominations() {
    let e: TestElection;
    let nominee: Awaited<ReturnType<typeof electionPerson>>;
    beforeAll(async () => {
      e = await testElection(database.db, { phase: 'nominations', settings: { wordLimit: 12 }, voterEmails: ['nominee@example.org'] });
      nominee = await electionPerson(database.db, [], 'Nominee@Example.org');
    });

    it('lets a person on the electorate (by their account’s email) nominate themself, within the word limit and with every declaration', async () => {
      const outsider = await electionPerson(database.db);
      expect(await fieldErrors(nominate(deps(), outsider.actor, e.electionId, { name: 'Out Sider', statement: 'Hello', declarations: [] }))).toEqual({
        email: `${outsider.email} is not on the electorate of this election: only its voters may stand. Ask the organisers if you think it should be.`,
      });
      await expect(nominate(deps(), anonymous, e.electionId, { name: 'X', statement: 'Y', declarations: [] })).rejects.toBeInstanceOf(ForbiddenError);
      expect(
        await fieldErrors(
          nominate(deps(), nominee.actor, e.electionId, {
            name: ' ',
            statement: 'one two three four five six seven eight nine ten eleven twelve thirteen',
            declarations: ['I am a member of the trust'],
            photo: { content: Buffer.from('GIF89a') },
          }),
        ),
      ).toEqual({
        name: 'Enter your name as it should appear on the ballot paper',
        statement: 'Your statement has 13 words: it must have 12 or fewer',
        declarations: 'Make every declaration to stand: tick “I am not employed by the trust”',
        photo: 'The photo must be a PNG or JPEG image',
      });
      const id = await nominate(deps(), nominee.actor, e.electionId, {
        name: 'Nia Nominee',
        statement: 'I will  listen\nto patients and carers.',
        declarations: ['I am a member of the trust', 'I am not employed by the trust'],
        photo: { content: png },
      });
      expect(await nominationOf(deps(), nominee.actor, e.electionId)).toMatchObject({ id, name: 'Nia Nominee', status: 'nominated', hasPhoto: true });
      expect(
        (await rejection(
          nominate(deps(), nominee.actor, e.electionId, {
            name: 'Nia',
            statement: 'Again',
            declarations: ['I am a member of the trust', 'I am not employed by the trust'],
          }),
        )) as Error,
      ).toBeInstanceOf(ConflictError);
      // Not published yet: the public sees no candidates, the staff see every nomination.
      expect(await listCandidates(deps(), anonymous, e.electionId)).toEqual([]);
      expect((await listCandidates(deps(), e.admin.actor, e.electionId)).find((c) => c.id === id)?.declarationsMade).toEqual([
        'I am a member of the trust',
        'I am not employed by the trust',
      ]);
    });

    it('lets the nominee withdraw until nominations close, and nominate again', async () => {
      const mine = await nominationOf(deps(), nominee.actor, e.electionId);
      const other = await electionPerson(database.db);
      await expect(withdrawNomination(deps(), other.actor, mine?.id as number)).rejects.toBeInstanceOf(ForbiddenError);
      await withdrawNomination(deps(), nominee.actor, mine?.id as number);
      expect((await nominationOf(deps(), nominee.actor, e.electionId))?.status).toBe('withdrawn');
      const again = await nominate(deps(), nominee.actor, e.electionId, {
        name: 'Nia Nominee',
        statement: 'Back again.',
        declarations: ['I am a member of the trust', 'I am not employed by the trust'],
      });
      expect(again).toBe(mine?.id);
    });

    it('lets staff check nominations, with a reason when not valid, and publishes only the valid ones', async () => {
      const mine = (await nominationOf(deps(), nominee.actor, e.electionId))?.id as number;
      await moveElectionPhase(deps(), e.admin.actor, e.electionId, 'checking');
      await expect(withdrawNomination(deps(), nominee.actor, mine)).rejects.toThrow(
        'You cannot withdraw a nomination while the election is checking nominations.',
      );
      await expect(checkNomination(deps(), nominee.actor, mine, { valid: true, reason: '' })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await fieldErrors(checkNomination(deps(), e.admin.actor, mine, { valid: false, reason: ' ' }))).toEqual({
        reason: 'Say why the nomination is not valid: the nominee is told',
      });
      await checkNomination(deps(), e.admin.actor, mine, { valid: false, reason: 'Not a member on the closing date' });
      expect((await nominationOf(deps(), nominee.actor, e.electionId))?.reason).toBe('Not a member on the closing date');
      await checkNomination(deps(), e.admin.actor, mine, { valid: true, reason: '' });
      await moveElectionPhase(deps(), e.admin.actor, e.electionId, 'statements');
      const published = await listCandidates(deps(), anonymous, e.electionId);
      expect(published.map((c) => c.name)).toEqual(['Charles Babbage', 'Grace Hopper', 'Ada Lovelace', 'Nia Nominee', 'Mary Somerville', 'Alan Turing']);
      expect(published.every((c) => c.reason === '' && c.declarationsMade.length === 0)).toBe(true);
    });
  }

  it('keeps the phases’ rules for nominations: none before they open or after they close', async () => {
    const e = await testElection(database.db, { phase: 'draft', voterEmails: ['early@example.org'] });
    const early = await electionPerson(database.db, [], 'early@example.org');
    await expect(nominate(deps(), early.actor, e.electionId, { name: 'Ed Early', statement: 'Hi', declarations: [] })).rejects.toThrow(NotFoundError);
    const published = await sql<{ n: number }>`select count(*)::int as n from election_candidate where election_id = ${e.electionId}`.execute(database.db);
    expect(published.rows[0]?.n).toBe(5);
  });
});

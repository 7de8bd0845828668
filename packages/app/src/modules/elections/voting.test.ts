// Voting, paper ballots, the count and recounts through the service on a real database: a code votes
// once (also when 50 try it at once), a ballot is checked by the ranking rules, paper ballots count
// when two people's typings match, the count stores each constituency's result, BLT file and count
// sheet and makes those elected members of the body, a recount fills a casual vacancy; and no table
// links a ballot to a voter.
import { countStv, parseBlt } from '@involve/decide';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import { getBody } from '../registry/service.js';
import {
  ballotForCode,
  castElectionBallot,
  enterPaperBallot,
  findBallotReceipt,
  getElection,
  getElectionResult,
  importPaperBallots,
  listCandidates,
  listRecounts,
  paperEntries,
  publishedBlt,
  publishedCountSheet,
  recountWithout,
  removePaperEntry,
} from './service.js';
import { electionPerson, fieldErrors as refusal, testElection } from './testKit.js';

type Candidate = { id: number; name: string };

describeWithTestDatabase('elections: voting, paper ballots, the count and recounts', (database, kind) => {
  const deps = () => ({ db: database.db });
  const ballotsOf = (electionId: number) =>
    database.db.selectFrom('election_ballot').select(['receipt', 'preferences', 'source']).where('election_id', '=', electionId).orderBy('receipt').execute();

  it('opens the ballot of the code’s constituency, and casts one ballot per code: a second time is refused', async () => {
    const e = await testElection(database.db);
    const [ada, grace, alan] = e.candidates as [Candidate, Candidate, Candidate];
    const code = e.codes[0] as string;
    expect(await refusal(ballotForCode(deps(), e.electionId, 'WRONG-CODE-1234'))).toEqual({
      code: 'We do not recognise this code: check it against your email or letter',
    });
    expect(await refusal(ballotForCode(deps(), e.electionId, ' '))).toEqual({ code: 'Enter the voting code from your email or letter' });
    const paper = await ballotForCode(deps(), e.electionId, code.toLowerCase());
    expect(paper.constituency).toMatchObject({ id: e.constituencyId, name: 'Public', seats: 2 });
    expect(paper.candidates.map((c) => c.name)).toEqual(['Charles Babbage', 'Grace Hopper', 'Ada Lovelace', 'Mary Somerville', 'Alan Turing']);
    // A repeated number is refused and the code stays unused.
    const ranks = { [ada.id]: 1, [grace.id]: 2, [alan.id]: 2 };
    expect(await refusal(castElectionBallot(deps(), anonymous, e.electionId, { code, ranks }))).toEqual({
      [`rank_${alan.id}`]: 'You gave 2 to both Grace Hopper and Alan Turing: use each number once',
    });
    const cast = await castElectionBallot(deps(), anonymous, e.electionId, {
      code,
      ranks: { [`rank_${grace.id}`]: '1', [`rank_${ada.id}`]: '2', [`rank_${alan.id}`]: '' },
    });
    expect(cast.receipt).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    expect(await refusal(castElectionBallot(deps(), anonymous, e.electionId, { code, ranks: { [ada.id]: 1 } }))).toEqual({
      code: 'This code has already been used: each code votes once',
    });
    expect(await refusal(ballotForCode(deps(), e.electionId, code))).toEqual({ code: 'This code has already been used: each code votes once' });
    const stored = await database.db
      .selectFrom('election_ballot')
      .select(['preferences', 'source', 'receipt'])
      .where('election_id', '=', e.electionId)
      .execute();
    expect(stored).toEqual([{ preferences: [grace.id, ada.id], source: 'online', receipt: cast.receipt }]);
    // Turnout: staff only while voting, as numbers.
    expect((await getElection(deps(), anonymous, e.electionId)).turnout).toBeNull();
    expect((await getElection(deps(), e.admin.actor, e.electionId)).turnout).toEqual({ electorate: 6, voted: 1, ballots: 1 });
  });

  it(`makes exactly one ballot when 50 try the same code at once (${kind})`, async () => {
    const e = await testElection(database.db, { postalVoters: 2 });
    const code = e.codes[0] as string;
    const [first] = e.candidates as Array<{ id: number }>;
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        castElectionBallot(deps(), anonymous, e.electionId, { code, ranks: { [first?.id as number]: 1 } }).then(
          (cast) => cast.receipt,
          (error: unknown) => error,
        ),
      ),
    );
    const receipts = outcomes.filter((o) => typeof o === 'string');
    expect(receipts).toHaveLength(1);
    expect(outcomes.filter((o) => o instanceof ValidationError && o.fieldErrors.code === 'This code has already been used: each code votes once')).toHaveLength(
      49,
    );
    const { n } = await database.db
      .selectFrom('election_ballot')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('election_id', '=', e.electionId)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
  });

  it('refuses votes outside the voting phase', async () => {
    const e = await testElection(database.db, { phase: 'statements' });
    const error = await rejection(castElectionBallot(deps(), anonymous, e.electionId, { code: 'ABCD-EFGH-JKMN', ranks: {} }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe('You cannot vote while the election is showing the candidates’ statements.');
  });

  it('counts a paper ballot when two different people’s typings match, and lists a mismatch side by side', async () => {
    const e = await testElection(database.db);
    const [ada, grace, alan] = e.candidates as [Candidate, Candidate, Candidate];
    const clerk = await electionPerson(database.db, [{ organisationId: e.organisationId, role: 'member' }]);
    const enter = (actor: typeof clerk.actor, paperRef: string, preferences: number[]) =>
      enterPaperBallot(deps(), actor, e.electionId, { constituencyId: e.constituencyId, paperRef, preferences });
    await expect(enter((await electionPerson(database.db)).actor, 'P-1', [ada?.id as number])).rejects.toBeInstanceOf(ForbiddenError);
    expect(await refusal(enter(clerk.actor, 'P 1', []))).toEqual({
      paperRef: 'The paper ballot number has only letters, digits and hyphens',
      // The first box on the ballot paper: Babbage's (alphabetical by surname).
      [`rank_${e.candidates[4]?.id}`]: 'Put 1 beside the candidate you like most: you have not numbered any candidate',
    });
    expect(await enter(clerk.actor, 'P-1', [ada?.id as number, alan?.id as number])).toEqual({ state: 'awaiting_second' });
    await expect(enter(clerk.actor, 'P-1', [ada?.id as number, alan?.id as number])).rejects.toThrow(
      'You have typed paper ballot P-1 already: someone else must type it the second time.',
    );
    expect(await enter(e.admin.actor, 'P-1', [ada?.id as number, alan?.id as number])).toEqual({ state: 'accepted' });
    await expect(
      enter((await electionPerson(database.db, [{ organisationId: e.organisationId, role: 'admin' }])).actor, 'P-1', [ada?.id as number]),
    ).rejects.toThrow('Paper ballot P-1 has been entered twice already and is counted.');
    expect(await enter(clerk.actor, 'P-2', [grace?.id as number])).toEqual({ state: 'awaiting_second' });
    expect(await enter(e.admin.actor, 'P-2', [alan?.id as number])).toEqual({ state: 'mismatch' });
    const papers = await paperEntries(deps(), clerk.actor, e.electionId);
    expect(papers.map((p) => [p.paperRef, p.state, p.entries.map((x) => x.preferences)])).toEqual([
      [
        'P-1',
        'accepted',
        [
          [ada?.id, alan?.id],
          [ada?.id, alan?.id],
        ],
      ],
      ['P-2', 'mismatch', [[grace?.id], [alan?.id]]],
    ]);
    const wrong = papers[1]?.entries[1]?.id as number;
    await expect(removePaperEntry(deps(), clerk.actor, papers[0]?.entries[0]?.id as number)).rejects.toThrow(/cannot be removed/);
    await removePaperEntry(deps(), clerk.actor, wrong);
    expect(await enter(e.admin.actor, 'P-2', [grace?.id as number])).toEqual({ state: 'accepted' });
    expect(await ballotsOf(e.electionId)).toEqual([
      { receipt: 'paper-P-1', preferences: [ada?.id, alan?.id], source: 'paper' },
      { receipt: 'paper-P-2', preferences: [grace?.id], source: 'paper' },
    ]);
  });

  it('imports scanned paper ballots from a BLT file only when every line is good, naming the bad ones; a batch once', async () => {
    const e = await testElection(database.db, { candidates: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'] });
    const load = (bltText: string, batch = 'scan-1') =>
      importPaperBallots(deps(), e.admin.actor, e.electionId, { constituencyId: e.constituencyId, batch, bltText });
    const names = '"Grace  Hopper"\n"Ada Lovelace"\n"Alan Turing"\n"Scanned"\n';
    expect(await refusal(load(`3 2\n2 1 0\n1 4 0\n0\n${names}`))).toEqual({ file: 'Line 3: candidate 4 does not exist: there are 3 candidates' });
    expect(await refusal(load(`3 2\n1 1 0\n0\n"Grace Hopper"\n"Ada Lovelace"\n"Charles Babbage"\n"Scanned"\n`))).toEqual({
      file: '“Charles Babbage” is not standing in Public',
    });
    expect(await load(`3 2\n2 1 2 0\n1 1=2 0\n1 3 - 1 0\n1 2 2 0\n0\n${names}`)).toEqual({
      imported: 0,
      problems: [
        { line: 3, message: 'Line 3: an equal or skipped preference, or a withdrawn candidate: the ballot paper takes one candidate for each number' },
        { line: 4, message: 'Line 4: an equal or skipped preference, or a withdrawn candidate: the ballot paper takes one candidate for each number' },
        { line: 5, message: 'Line 5: a candidate ranked twice: the ballot paper takes one candidate for each number' },
      ],
    });
    expect(await load(`3 2\n2 1 2 0\n1 3 0\n0\n${names}`)).toEqual({ imported: 3, problems: [] });
    await expect(load(`3 2\n1 1 0\n0\n${names}`)).rejects.toThrow('Batch scan-1 has been imported already.');
    const [grace, ada, alan] = [e.candidates[1]?.id, e.candidates[0]?.id, e.candidates[2]?.id];
    expect(await ballotsOf(e.electionId)).toEqual([
      { receipt: 'paper-scan-1-1', preferences: [grace, ada], source: 'paper' },
      { receipt: 'paper-scan-1-2', preferences: [grace, ada], source: 'paper' },
      { receipt: 'paper-scan-1-3', preferences: [alan], source: 'paper' },
    ]);
    const clerk = await electionPerson(database.db, [{ organisationId: e.organisationId, role: 'member' }]);
    await expect(importPaperBallots(deps(), clerk.actor, e.electionId, { constituencyId: e.constituencyId, batch: 'x', bltText: '' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('counts each constituency, publishes its BLT file and count sheet, and makes those elected members of the body; a recount fills a vacancy', async () => {
    const e = await testElection(database.db, {
      settings: { constituencies: [{ name: 'Public', seats: 2 }], method: 'meek', termStartOn: '2027-04-01', termEndOn: '2030-03-31' },
      postalVoters: 9,
      phase: 'counted',
      // Lovelace 4 firsts, Hopper 3, Turing 2 (to Hopper): Lovelace and Hopper elected.
      ballots: [[2], [2], [2, 3], [2, 4], [1, 2], [1], [1, 0], [4, 1], [4, 1]],
    });
    const detail = await getElection(deps(), anonymous, e.electionId);
    expect(detail.phase).toBe('counted');
    expect(detail.seed).toEqual(expect.any(Number));
    expect(detail.turnout).toEqual({ electorate: 9, voted: 9, ballots: 9 });
    expect(detail.constituencies.map((c) => c.elected)).toEqual([['Alan Turing', 'Grace Hopper']]);
    const [result] = await getElectionResult(deps(), anonymous, e.electionId);
    expect(result?.result.rule).toBe('meek');
    expect(result?.result.title).toBe(`${(await getElection(deps(), anonymous, e.electionId)).title} — Public`);
    // The published file counts to the same result with decide; each ballot found by its receipt.
    const blt = (await publishedBlt(deps(), e.electionId)) as string;
    expect(countStv(parseBlt(blt), { rule: 'meek', lot: { method: 'seeded', seed: detail.seed as number } }).elected).toEqual(result?.elected);
    expect(await publishedCountSheet(deps(), e.electionId, e.constituencyId)).toMatch(/Alan Turing/);
    const receipt = /\/\* ([A-Z0-9]+) \*\//.exec(blt)?.[1] as string;
    const found = await findBallotReceipt(deps(), e.electionId, receipt.toLowerCase());
    expect(found).toMatchObject({ found: true, constituency: 'Public', receipt });
    expect(await findBallotReceipt(deps(), e.electionId, 'NOSUCHCODE')).toEqual({ found: false });
    // Those elected are members of the body, in the election's role and term.
    const body = await getBody(database.db, e.bodyId);
    expect(body?.currentMembers.concat(body.pastMembers).map((m) => [m.personName, m.role, m.termStart, m.termEnd])).toEqual([
      ['Alan Turing', 'patient_representative', '2027-04-01', '2030-03-31'],
      ['Grace Hopper', 'patient_representative', '2027-04-01', '2030-03-31'],
    ]);
    const candidates = await listCandidates(deps(), anonymous, e.electionId);
    expect(candidates.filter((c) => c.elected).map((c) => [c.name, c.memberId !== null])).toEqual([
      ['Grace Hopper', true],
      ['Alan Turing', true],
    ]);
    // A casual vacancy: Turing leaves; the same ballots counted without Turing fill the seat.
    const turing = candidates.find((c) => c.name === 'Alan Turing')?.id as number;
    const babbage = candidates.find((c) => c.name === 'Charles Babbage')?.id as number;
    expect(await refusal(recountWithout(deps(), e.admin.actor, e.constituencyId, babbage, ''))).toEqual({
      reason: 'Say why the seat is vacant, like “resigned on 3 March 2027”',
      candidateId: 'Choose the member who is leaving, from those sitting',
    });
    await expect(recountWithout(deps(), anonymous, e.constituencyId, turing, 'Resigned')).rejects.toBeInstanceOf(ForbiddenError);
    await recountWithout(deps(), e.admin.actor, e.constituencyId, turing, 'Resigned on 3 May 2027');
    const [recount] = await listRecounts(deps(), anonymous, e.electionId);
    expect(recount).toMatchObject({ constituency: 'Public', without: ['Alan Turing'], reason: 'Resigned on 3 May 2027' });
    expect(recount?.result.elected).not.toContain('Alan Turing');
    expect(recount?.fills).toHaveLength(1);
    const direct = parseBlt(blt);
    direct.withdrawn = [direct.candidates.indexOf('Alan Turing') + 1];
    expect(recount?.result.elected).toEqual(countStv(direct, { rule: 'meek', lot: { method: 'seeded', seed: detail.seed as number } }).elected);
  });

  it('has a ballot table with nothing that links a ballot to a voter, a code or a time, and no table that links them', async () => {
    const columns = await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns where table_name = 'election_ballot' order by column_name`.execute(database.db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['constituency_id', 'election_id', 'id', 'preferences', 'receipt', 'source']);
    expect(columns.rows.find((c) => c.column_name === 'id')?.data_type).toBe('uuid');
    expect(columns.rows.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
    // No foreign key into the ballot table, and the ballot's own point only at the election and constituency.
    const references = await sql<{ table_name: string; column_name: string; foreign_table: string }>`
      select tc.table_name, kcu.column_name, ccu.table_name as foreign_table
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
      where tc.constraint_type = 'FOREIGN KEY' and (tc.table_name = 'election_ballot' or ccu.table_name = 'election_ballot')
      order by kcu.column_name`.execute(database.db);
    expect(references.rows).toEqual([
      { table_name: 'election_ballot', column_name: 'constituency_id', foreign_table: 'election_constituency' },
      { table_name: 'election_ballot', column_name: 'election_id', foreign_table: 'election' },
    ]);
    // Nor does any other table of the module hold a ballot's id or receipt (or a uuid, as ballot ids are).
    const ballotish = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_name like 'election%' and table_name <> 'election_ballot'
        and (column_name like '%ballot_id%' or column_name like '%receipt' or data_type = 'uuid')`.execute(database.db);
    expect(ballotish.rows).toEqual([]);
    const voterColumns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'election_voter' order by column_name`.execute(database.db);
    expect(voterColumns.rows.map((c) => c.column_name)).toEqual([
      'code_hash',
      'code_issued_at',
      'code_used_on',
      'constituency_id',
      'election_id',
      'email',
      'id',
      'member_number',
      'name',
      'postal_address',
    ]);
  });
});

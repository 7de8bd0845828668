// Voting through the service on a real database: who may vote (postcode and age, a list, a code;
// the ineligible refused with the reason under the field), one ballot per voter with the last one
// counting, 50 voters at once (none lost, none twice), paper ballots entered twice, the count (result
// and .pb stored, the secret and every voter hash wiped), the ballot table's columns, and delivery.
import { countPb, readPb } from '@involve/decide';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import { getDecision } from '../decisions/service.js';
import type { Actor } from './policy.js';
import {
  ballotFor,
  castBallot,
  createVotingCodes,
  enterPaperBallot,
  findReceipt,
  getBudget,
  getBudgetResult,
  importEligiblePeople,
  listProjects,
  moveBudgetPhase,
  NotEligibleError,
  paperEntries,
  publishedPbFile,
  removePaperEntry,
  votingCodeCounts,
} from './service.js';
import { person, type TestBudget, testBudget } from './testKit.js';

/** The field and reason a voter is refused with. */
async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(NotEligibleError);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as NotEligibleError).fieldErrors;
}

const resident = { postcode: 'ls6 3hn', dateOfBirth: '1980-05-01', source: 'online' as const };

describeWithTestDatabase('participatory budgets: voting', (database) => {
  const deps = () => ({ db: database.db });
  const ballots = (budgetId: number) => database.db.selectFrom('budget_ballot').selectAll().where('budget_id', '=', budgetId).execute();
  const roll = (budgetId: number) => database.db.selectFrom('budget_voter').selectAll().where('budget_id', '=', budgetId).execute();

  describe('by postcode and age', () => {
    let b: TestBudget;
    beforeAll(async () => {
      b = await testBudget(database.db);
    });

    it('refuses the ineligible with the reason beside the field, and anyone not signed in without a code', async () => {
      const voter = (await person(database.db)).actor;
      const choices = { projects: [b.projects[0] as string] };
      expect(await refusal(castBallot(deps(), voter, b.budgetId, { ...resident, choices, postcode: 'M14 5AA' }))).toEqual({
        postcode: 'M14 5AA is not in the area of this budget: people living in postcode districts LS6 or LS7 may vote',
      });
      expect(await refusal(castBallot(deps(), voter, b.budgetId, { ...resident, choices, dateOfBirth: '2015-01-01' }))).toEqual({
        dateOfBirth: 'You must be 16 or over to vote in this budget',
      });
      expect(await refusal(castBallot(deps(), anonymous, b.budgetId, { ...resident, choices }))).toEqual({ code: 'Sign in or enter a voting code' });
      expect(await refusal(castBallot(deps(), voter, b.budgetId, { ...resident, choices, code: 'NOTACODE22' }))).toEqual({
        code: 'That is not a voting code for this vote: check it against the card you were given',
      });
      expect(await ballots(b.budgetId)).toEqual([]);
      expect(await roll(b.budgetId)).toEqual([]);
    });

    it('checks the ballot against its rules', async () => {
      const voter = (await person(database.db)).actor;
      const error = await rejection(castBallot(deps(), voter, b.budgetId, { ...resident, choices: { projects: ['999999'] } }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toEqual({ projects: "There is no project '999999' on this ballot" });
    });

    it('keeps one ballot per voter: a changed ballot replaces the earlier one, and the last one counts', async () => {
      const voter = await person(database.db);
      expect((await ballotFor(deps(), voter.actor, b.budgetId)).voted).toBe(false);
      const first = await castBallot(deps(), voter.actor, b.budgetId, { ...resident, choices: { projects: [b.projects[0] as string] } });
      expect(first.replaced).toBe(false);
      expect(first.receipt).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
      const second = await castBallot(deps(), voter.actor, b.budgetId, {
        ...resident,
        choices: { projects: [b.projects[1] as string, b.projects[2] as string] },
      });
      expect(second.replaced).toBe(true);
      expect(second.receipt).not.toBe(first.receipt);
      const stored = await ballots(b.budgetId);
      expect(stored.map((s) => [s.receipt, s.choices, s.source])).toEqual([[second.receipt, { projects: [b.projects[1], b.projects[2]] }, 'online']]);
      expect((await roll(b.budgetId)).map((r) => r.voter_key)).toEqual([`account:${voter.accountId}`]);
      expect((await ballotFor(deps(), voter.actor, b.budgetId)).voted).toBe(true);
      expect((await getBudget(deps(), anonymous, b.budgetId)).ballots).toBe(1);
    });

    it('takes 50 voters at once, and then the same 50 changing their ballots at once: none lost, none counted twice', async () => {
      const before = (await ballots(b.budgetId)).length;
      const voters = await Promise.all(Array.from({ length: 50 }, () => person(database.db)));
      const cast = (choice: number) =>
        Promise.all(
          voters.map((v, i) =>
            castBallot(deps(), v.actor, b.budgetId, { ...resident, choices: { projects: [b.projects[(i + choice) % b.projects.length] as string] } }),
          ),
        );
      const firsts = await cast(0);
      expect(firsts.filter((r) => r.replaced)).toEqual([]);
      const seconds = await cast(1);
      expect(seconds.every((r) => r.replaced)).toBe(true);
      const stored = await ballots(b.budgetId);
      expect(stored).toHaveLength(before + 50);
      expect(new Set(stored.map((s) => s.voter_hash)).size).toBe(before + 50);
      const receipts = new Set(stored.map((s) => s.receipt));
      expect(seconds.every((r) => receipts.has(r.receipt as string))).toBe(true);
      expect(firsts.some((r) => receipts.has(r.receipt as string))).toBe(false);
      expect(await roll(b.budgetId)).toHaveLength(before + 50);
    });

    it('enters paper ballots twice: a match makes a ballot, a mismatch is flagged, the same person twice is refused', async () => {
      const members = await Promise.all([1, 2, 3].map(() => person(database.db, [{ organisationId: b.organisationId, role: 'member' }])));
      const [a, bb, c] = members.map((m) => m.actor) as [Actor, Actor, Actor];
      const choices = { projects: [b.projects[0] as string, b.projects[2] as string] };
      await expect(enterPaperBallot(deps(), (await person(database.db)).actor, b.budgetId, { paperRef: '101', choices })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect(((await rejection(enterPaperBallot(deps(), a, b.budgetId, { paperRef: 'no 1', choices }))) as ValidationError).fieldErrors).toEqual({
        paperRef: 'The paper ballot number has only letters, digits and hyphens',
      });
      expect(await enterPaperBallot(deps(), a, b.budgetId, { paperRef: '101', choices })).toEqual({ state: 'awaiting_second' });
      const twice = await rejection(enterPaperBallot(deps(), a, b.budgetId, { paperRef: '101', choices }));
      expect(twice).toBeInstanceOf(ConflictError);
      expect((twice as ConflictError).message).toBe('You have entered paper ballot 101 already: someone else must enter it the second time.');
      const before = (await ballots(b.budgetId)).length;
      // The same projects in another order are the same approval ballot.
      expect(await enterPaperBallot(deps(), bb, b.budgetId, { paperRef: '101', choices: { projects: [...choices.projects].reverse() } })).toEqual({
        state: 'accepted',
      });
      const added = (await ballots(b.budgetId)).filter((x) => x.receipt === 'paper-101');
      expect(added.map((x) => [x.source, x.voter_hash, x.choices])).toEqual([['paper', null, choices]]);
      expect((await ballots(b.budgetId)).length).toBe(before + 1);
      expect(((await rejection(enterPaperBallot(deps(), c, b.budgetId, { paperRef: '101', choices }))) as Error).message).toBe(
        'Paper ballot 101 has been entered twice already and is counted.',
      );

      await enterPaperBallot(deps(), a, b.budgetId, { paperRef: '102', choices });
      expect(await enterPaperBallot(deps(), bb, b.budgetId, { paperRef: '102', choices: { projects: [b.projects[1] as string] } })).toEqual({
        state: 'mismatch',
      });
      const listed = await paperEntries(deps(), c, b.budgetId);
      expect(listed.map((p) => [p.paperRef, p.state, p.entries.length])).toEqual([
        ['101', 'accepted', 2],
        ['102', 'mismatch', 2],
      ]);
      const [accepted] = listed[0]?.entries ?? [];
      expect(((await rejection(removePaperEntry(deps(), c, accepted?.id as number))) as Error).message).toBe(
        'This entry matched another and its ballot is counted: it cannot be removed.',
      );
      await removePaperEntry(deps(), c, listed[1]?.entries[1]?.id as number);
      expect(await enterPaperBallot(deps(), c, b.budgetId, { paperRef: '102', choices })).toEqual({ state: 'accepted' });
      expect((await ballots(b.budgetId)).length).toBe(before + 2);
    });

    it('counts: the result and the .pb stored, the secret and every voter hash wiped, and no more voting', async () => {
      const all = await ballots(b.budgetId);
      expect(all.some((x) => x.voter_hash !== null)).toBe(true);
      const nobody = await testBudget(database.db);
      expect(((await rejection(moveBudgetPhase(deps(), nobody.admin.actor, nobody.budgetId, 'counted'))) as Error).message).toBe(
        'No ballots have been cast: there is nothing to count yet.',
      );

      const progress: string[] = [];
      await moveBudgetPhase(deps(), b.admin.actor, b.budgetId, 'counted', { onProgress: (step) => progress.push(step) });
      expect(progress).toEqual(['Reading the ballots', `Counting ${all.length} ballots`, 'Publishing the ballots and the result']);
      const row = await database.db.selectFrom('budget').selectAll().where('id', '=', b.budgetId).executeTakeFirstOrThrow();
      expect(row.ballot_secret).toBeNull();
      expect(row.phase).toBe('counted');
      expect(await database.db.selectFrom('budget_ballot').select('id').where('voter_hash', 'is not', null).execute()).toEqual([]);
      const result = await getBudgetResult(deps(), anonymous, b.budgetId);
      expect(result?.ballots).toBe(all.length);
      expect(result?.projects.every((p) => p.explanation.length > 0)).toBe(true);
      const file = await publishedPbFile(deps(), b.budgetId);
      const election = readPb(file as string);
      expect(election.voters).toHaveLength(all.length);
      expect(election.meta.decide_rule).toBe('mes-cost-add1');
      expect(countPb(election, 'mes-cost-add1').selected).toEqual(result?.selected);
      expect(election.projects.filter((p) => p.fields.selected === '1').map((p) => p.id)).toEqual(result?.selected);

      const voter = (await person(database.db)).actor;
      const closed = await rejection(castBallot(deps(), voter, b.budgetId, { ...resident, choices: { projects: [b.projects[0] as string] } }));
      expect(closed).toBeInstanceOf(ConflictError);
      expect((closed as Error).message).toBe('Voting has closed.');
    });

    it('finds a voter’s ballot, unchanged, in the published file by its receipt', async () => {
      const [one] = await ballots(b.budgetId);
      const found = await findReceipt(deps(), b.budgetId, String(one?.receipt).toLowerCase());
      expect(found).toMatchObject({ found: true, choices: one?.choices });
      expect(await findReceipt(deps(), b.budgetId, 'AAAAAAAAAA')).toEqual({ found: false });
      expect(await findReceipt(deps(), b.budgetId, 'paper-101')).toMatchObject({ found: true, projects: ['Benches in the park', 'Walking group'] });
    });

    it('delivers: each funded project becomes a decision on the trail, linked back to it', async () => {
      await moveBudgetPhase(deps(), b.admin.actor, b.budgetId, 'delivery');
      const result = await getBudgetResult(deps(), anonymous, b.budgetId);
      const projects = await listProjects(deps(), anonymous, b.budgetId);
      const funded = projects.filter((p) => result?.selected.includes(p.pbId));
      expect(funded.length).toBeGreaterThan(0);
      expect(projects.filter((p) => p.decisionId !== null).map((p) => p.id)).toEqual(funded.map((p) => p.id));
      const decision = await getDecision(database.db, anonymous, funded[0]?.decisionId as number);
      expect(decision).toMatchObject({ title: funded[0]?.title, decidedBy: 'Participatory budgeting vote', organisation: { id: b.organisationId } });
      expect(decision.links).toEqual([
        { kind: 'budget', label: 'Participatory budget: Healthy Headingley Fund', url: `/budgets/${b.budgetId}/projects/${funded[0]?.id}` },
      ]);
    });
  });

  it('lets only people on the imported list vote, by their account’s email, reporting bad lines of the file', async () => {
    const b = await testBudget(database.db, { settings: { eligibility: 'list', postcodeDistricts: '', minAge: null }, phase: 'draft' });
    const listed = await person(database.db);
    const unlisted = await person(database.db);
    await expect(importEligiblePeople(deps(), unlisted.actor, b.budgetId, 'email\n')).rejects.toBeInstanceOf(Error);
    expect(((await rejection(importEligiblePeople(deps(), b.admin.actor, b.budgetId, 'name\nJo\n'))) as ValidationError).fieldErrors).toEqual({
      file: 'The first row must name the columns, including one called email',
    });
    const imported = await importEligiblePeople(deps(), b.admin.actor, b.budgetId, `Name,Email\nJo,${listed.email.toUpperCase()}\nSam,not-an-email\nAl,\n`);
    expect(imported).toEqual({
      added: 1,
      problems: [
        { line: 3, message: 'Line 3: “not-an-email” is not an email address' },
        { line: 4, message: 'Line 4: no email address' },
      ],
    });
    expect((await importEligiblePeople(deps(), b.admin.actor, b.budgetId, `email\n${listed.email}\n`)).added).toBe(0);
    await moveBudgetPhase(deps(), b.admin.actor, b.budgetId, 'vote');
    const choices = { projects: [b.projects[0] as string] };
    expect(await refusal(castBallot(deps(), unlisted.actor, b.budgetId, { choices, source: 'online' }))).toEqual({
      email: `${unlisted.email} is not on the list of people who may vote in this budget: ask its organisers, or enter a voting code`,
    });
    expect((await castBallot(deps(), listed.actor, b.budgetId, { choices, source: 'online' })).replaced).toBe(false);
  });

  it('lets holders of voting codes vote, with or without an account, and change their ballot with the same code', async () => {
    const b = await testBudget(database.db, { settings: { eligibility: 'codes', postcodeDistricts: '', receipts: false } });
    expect(((await rejection(createVotingCodes(deps(), b.admin.actor, b.budgetId, { count: 0, batch: '' }))) as ValidationError).fieldErrors).toEqual({
      count: 'Enter how many codes to make, a whole number from 1 to 5,000',
    });
    const codes = await createVotingCodes(deps(), b.admin.actor, b.budgetId, { count: 30, batch: 'Library drop-in' });
    expect(new Set(codes).size).toBe(30);
    expect(codes.every((c) => /^[A-HJKMNP-Z2-9]{10}$/.test(c))).toBe(true);
    expect(await votingCodeCounts(deps(), b.admin.actor, b.budgetId)).toEqual({ total: 30, used: 0 });
    const signedIn = (await person(database.db)).actor;
    expect(await refusal(castBallot(deps(), signedIn, b.budgetId, { choices: { projects: [b.projects[0] as string] }, source: 'online' }))).toEqual({
      code: 'Enter the voting code you were given: this vote is by voting code only',
    });
    const code = codes[0] as string;
    const typed = `${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`;
    expect(await castBallot(deps(), anonymous, b.budgetId, { choices: { projects: [b.projects[0] as string] }, code: typed, source: 'kiosk' })).toEqual({
      receipt: null,
      replaced: false,
    });
    expect(await castBallot(deps(), signedIn, b.budgetId, { choices: { projects: [b.projects[1] as string] }, code, source: 'code' })).toEqual({
      receipt: null,
      replaced: true,
    });
    expect((await ballots(b.budgetId)).map((x) => [x.choices, x.source])).toEqual([[{ projects: [b.projects[1]] }, 'code']]);
    expect(await votingCodeCounts(deps(), b.admin.actor, b.budgetId)).toEqual({ total: 30, used: 1 });
  });

  it('counts every ballot acknowledged as the count starts and refuses the rest: none lost', async () => {
    const b = await testBudget(database.db);
    const voters = await Promise.all(Array.from({ length: 20 }, () => person(database.db)));
    const choices = { projects: [b.projects[0] as string] };
    const early = await castBallot(deps(), (voters[0] as { actor: Actor }).actor, b.budgetId, { ...resident, choices });
    const casts = voters.slice(1).map((v) =>
      castBallot(deps(), v.actor, b.budgetId, { ...resident, choices }).then(
        (cast) => cast.receipt as string,
        (error: unknown) => error,
      ),
    );
    const [outcomes] = await Promise.all([Promise.all(casts), moveBudgetPhase(deps(), b.admin.actor, b.budgetId, 'counted')]);
    const accepted = outcomes.filter((o): o is string => typeof o === 'string');
    const refused = outcomes.filter((o) => o instanceof ConflictError && o.message === 'Voting has closed.');
    expect(accepted.length + refused.length).toBe(19);
    const published = readPb((await publishedPbFile(deps(), b.budgetId)) as string).voters.map((v) => v.id);
    expect(published.sort()).toEqual([early.receipt as string, ...accepted].sort());
  });

  it('refuses votes before the vote opens', async () => {
    const b = await testBudget(database.db, { phase: 'draft' });
    await moveBudgetPhase(deps(), b.admin.actor, b.budgetId, 'ideas');
    const voter = (await person(database.db)).actor;
    const error = await rejection(castBallot(deps(), voter, b.budgetId, { ...resident, choices: { projects: [b.projects[0] as string] } }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe('Voting has not opened.');
  });

  it('has a ballot table with nothing that links a ballot to an account, a code, a voter or a time', async () => {
    const columns = await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns where table_name = 'budget_ballot' order by column_name`.execute(database.db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['budget_id', 'choices', 'id', 'receipt', 'source', 'voter_hash']);
    expect(columns.rows.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
    // The id is random (a uuid), not a sequence that would follow the order people voted in.
    expect(columns.rows.find((c) => c.column_name === 'id')?.data_type).toBe('uuid');
    const references = await sql<{ column_name: string; foreign_table: string }>`
      select kcu.column_name, ccu.table_name as foreign_table
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
      where tc.table_name = 'budget_ballot' and tc.constraint_type = 'FOREIGN KEY'`.execute(database.db);
    expect(references.rows).toEqual([{ column_name: 'budget_id', foreign_table: 'budget' }]);
    // After a count no ballot keeps its voter hash.
    const counted = await database.db.selectFrom('budget').select('id').where('phase', 'in', ['counted', 'delivery']).execute();
    expect(counted.length).toBeGreaterThan(0);
    const hashes = await database.db
      .selectFrom('budget_ballot')
      .select('voter_hash')
      .where(
        'budget_id',
        'in',
        counted.map((c) => c.id),
      )
      .where('voter_hash', 'is not', null)
      .execute();
    expect(hashes).toEqual([]);
  });
});

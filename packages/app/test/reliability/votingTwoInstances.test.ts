// Votes counted once with two app instances on one PostgreSQL database, each with its own connection
// pool: every voting code of a participatory budget sent at the same moment to both instances through
// the kiosk API with different choices (a budget keeps each voter's last ballot: one ballot per code,
// holding one of the two), and every code of an election used at once through both instances (an
// election takes one ballot per code: exactly one of the two is accepted, the other refused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/modules/accounts/apiTokens.js';
import { createVotingCodes } from '../../src/modules/budgets/service.js';
import { person, testBudget } from '../../src/modules/budgets/testKit.js';
import { castElectionBallot } from '../../src/modules/elections/service.js';
import { testElection } from '../../src/modules/elections/testKit.js';
import { buildServer } from '../../src/modules/index.js';
import { loadConfig } from '../../src/platform/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/platform/database.js';
import { anonymous } from '../../src/platform/permissions.js';
import type { App } from '../../src/platform/server.js';
import { sharedPostgresDatabase } from './sharedDatabase.js';

const voters = 40;

describe.runIf(process.env.TEST_DATABASE_URL)('votes with two instances on one PostgreSQL database', () => {
  const instances: Array<{ database: DatabaseHandle; app: App }> = [];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const shared = await sharedPostgresDatabase('votes2');
    drop = shared.drop;
    for (let i = 0; i < 2; i++) {
      const database = await openDatabase({ databaseUrl: shared.url });
      const config = loadConfig({ DATABASE_URL: shared.url, INVOLVE_DEMO: '0', LOG_LEVEL: 'silent' });
      const app = await buildServer({ config, database, logger: false });
      await app.ready();
      instances.push({ database, app });
    }
  });
  afterAll(async () => {
    for (const { app, database } of instances) {
      await app.close();
      await database.close();
    }
    await drop?.();
  });

  it(`keeps one ballot per voting code, the last, when ${voters} codes are each sent to both instances at once`, async () => {
    const [one, two] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const budget = await testBudget(one.database.db, { settings: { eligibility: 'codes' } });
    const codes = await createVotingCodes({ db: one.database.db }, budget.admin.actor, budget.budgetId, { count: voters, batch: 'Two kiosks' });
    const kiosk = await person(one.database.db);
    const { token } = await createApiToken({ db: one.database.db }, kiosk.actor, { label: 'Kiosk' });
    const [first, second] = budget.projects as [string, string];
    const cast = (app: App, code: string, project: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/budgets/${budget.budgetId}/ballots`,
        headers: { authorization: `Bearer ${token}` },
        payload: { projects: [project], code },
      });
    const answers = await Promise.all(codes.flatMap((code) => [cast(one.app, code, first), cast(two.app, code, second)]));
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 201)).toEqual([]);

    const db = two.database.db;
    const ballots = await db.selectFrom('budget_ballot').select('choices').where('budget_id', '=', budget.budgetId).execute();
    expect(ballots).toHaveLength(voters);
    for (const b of ballots) expect([[first], [second]]).toContainEqual(b.choices.projects);
    const roll = await db.selectFrom('budget_voter').select('voter_key').where('budget_id', '=', budget.budgetId).execute();
    expect(roll).toHaveLength(voters);
    const used = await db.selectFrom('budget_voting_code').select('id').where('budget_id', '=', budget.budgetId).where('used_at', 'is not', null).execute();
    expect(used).toHaveLength(voters);
  });

  it(`takes one ballot per election code when each of ${voters} codes is used on both instances at once`, async () => {
    const [one, two] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const election = await testElection(one.database.db, { postalVoters: voters });
    const [a, b] = election.candidates as [{ id: number; name: string }, { id: number; name: string }];
    const vote = (database: DatabaseHandle, code: string, best: number) =>
      castElectionBallot({ db: database.db }, anonymous, election.electionId, { code, ranks: { [best]: 1 } }).then(
        () => 'cast',
        (error: Error) => error.message,
      );
    const results = await Promise.all(election.codes.flatMap((code) => [vote(one.database, code, a.id), vote(two.database, code, b.id)]));
    expect(results.filter((r) => r === 'cast')).toHaveLength(voters);
    expect(new Set(results.filter((r) => r !== 'cast'))).toEqual(new Set(['This code has already been used: each code votes once']));
    const ballots = await two.database.db.selectFrom('election_ballot').select('id').where('election_id', '=', election.electionId).execute();
    expect(ballots).toHaveLength(voters);
  });
});

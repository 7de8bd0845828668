// The demo's elections: one open for voting (statements published, ballots being cast) and one
// counted (4 seats, at least 9 candidates, at least 1,000 ballots whose transfers decide seats, its
// BLT published, those elected members of the body). The real decide command, run through a real pipe
// on the published BLT with the election's rule and seed, elects exactly whom the result names.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBlt } from '@involve/decide';
import { runThroughPipe } from '@involve/decide/cli/throughPipe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { anonymous } from '../../platform/permissions.js';
import { loadDemoHealthSystem } from '../index.js';
import { getBody } from '../registry/service.js';
import { type ElectionSummary, getElection, getElectionResult, listCandidates, listElections, publishedBlt } from './service.js';

const decideCli = fileURLToPath(new URL('../../../../decide/src/cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

describeWithTestDatabase('the demo’s elections', (database) => {
  const deps = () => ({ db: database.db });
  const dir = mkdtempSync(path.join(tmpdir(), 'involve-elections-'));
  let elections: ElectionSummary[];
  beforeAll(async () => {
    await loadDemoHealthSystem(database.db);
    elections = (await listElections(deps(), anonymous, {})).items;
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const inPhase = (phase: string) => elections.find((e) => e.phase === phase) as ElectionSummary;

  it('has one open for voting, its candidates’ statements published and ballots being cast', async () => {
    const open = inPhase('voting');
    expect(open.constituencies.map((c) => [c.name, c.seats])).toEqual([
      ['Eastmoor', 1],
      ['Northvale', 2],
    ]);
    const candidates = await listCandidates(deps(), anonymous, open.id);
    expect(candidates.length).toBeGreaterThanOrEqual(7);
    expect(candidates.some((c) => c.selfNominated && c.name === 'Demo: Pat Member')).toBe(true);
    expect((await getElection(deps(), anonymous, open.id)).turnout).toBeNull();
    const ballots = await database.db.selectFrom('election_ballot').select('id').where('election_id', '=', open.id).execute();
    expect(ballots).toHaveLength(40);
  });

  it('has one counted with 4 seats, at least 9 candidates and 1,000 ballots, whose transfers decide seats; those elected are members of the body', async () => {
    const counted = inPhase('counted');
    expect(counted.seats).toBe(4);
    const [result] = await getElectionResult(deps(), anonymous, counted.id);
    expect(result?.result.candidates.length).toBeGreaterThanOrEqual(9);
    expect(result?.result.validBallots).toBeGreaterThanOrEqual(1_000);
    expect(result?.elected).toHaveLength(4);
    // Transfers matter: the four with most first preferences are not the four elected.
    const first = result?.result.stages[0]?.rows ?? [];
    const topFour = [...first]
      .sort((a, b) => Number(b.votes) - Number(a.votes))
      .slice(0, 4)
      .map((r) => r.name);
    expect([...topFour].sort()).not.toEqual([...(result?.elected ?? [])].sort());
    expect(result?.result.stages.some((s) => s.action === 'surplus')).toBe(true);
    const body = await getBody(database.db, (await getElection(deps(), anonymous, counted.id)).body.id);
    for (const name of result?.elected ?? []) expect(body?.currentMembers.some((m) => m.personName === name && m.role === 'member')).toBe(true);
  });

  it('publishes a BLT file that the decide command, with the election’s rule and seed, counts to exactly the published elected', {
    timeout: 120_000,
  }, async () => {
    const counted = await getElection(deps(), anonymous, inPhase('counted').id);
    const text = (await publishedBlt(deps(), counted.id)) as string;
    expect(parseBlt(text).ballots.length).toBeGreaterThanOrEqual(1_000);
    const file = path.join(dir, 'ballots.blt');
    writeFileSync(file, text);
    const run = await runThroughPipe(decideCli, ['stv', file, '--rule', counted.method, '--seed', String(counted.seed), '--json'], {
      cwd: repoRoot,
      reader: 'cat',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout.toString('utf8')) as { elected: string[] }).elected).toEqual(counted.constituencies[0]?.elected);
  });
});

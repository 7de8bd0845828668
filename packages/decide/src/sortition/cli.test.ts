import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../cli/sortition.js';

const dir = mkdtempSync(path.join(tmpdir(), 'decide-sortition-'));
const file = (name: string, text: string) => {
  const where = path.join(dir, name);
  writeFileSync(where, text);
  return where;
};

const categories = file('categories.csv', 'category,feature,min,max\ngender,female,2,2\ngender,male,2,2\nage,young,1,3\nage,old,1,3\n');
const respondents = file(
  'respondents.csv',
  'id,gender,age,postcode\nann,female,young,A1\nbea,female,old,A2\ncat,female,old,A3\ndan,male,young,A4\ned,male,old,A5\nfin,male,young,A6\ngus,male,old,A6\n',
);

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    out.push(parts.join(' '));
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    err.push(parts.join(' '));
  });
  try {
    const code = await run([...args, '--quiet']);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const base = ['--categories', categories, '--respondents', respondents, '--panel-size', '4'];

describe('decide sortition', () => {
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON the issue asks for, and the same seed draws the same panel', async () => {
    const { code, stdout } = await cli([...base, '--algorithm', 'leximin', '--seed', '7', '--json', '--household', 'postcode']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.algorithm).toBe('leximin');
    expect(result.panelSize).toBe(4);
    expect(Object.keys(result.probabilities)).toEqual(['ann', 'bea', 'cat', 'dan', 'ed', 'fin', 'gus']);
    expect(result.panel).toHaveLength(4);
    expect(result.quotas.every((q: { met: boolean }) => q.met)).toBe(true);
    expect(result.minProbability).toBeCloseTo(Math.min(...(Object.values(result.probabilities) as number[])), 12);
    const total = (Object.values(result.probabilities) as number[]).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(4, 9);
    // fin and gus share a household: never both.
    for (const panel of result.distribution.panels) expect(panel.members.includes('fin') && panel.members.includes('gus')).toBe(false);
    const again = JSON.parse((await cli([...base, '--algorithm', 'leximin', '--seed', '7', '--json', '--household', 'postcode'])).stdout);
    expect(again.panel).toEqual(result.panel);

    // Anyone can repeat the draw from the published distribution and seed.
    const saved = file('published.json', stdout);
    const repeat = JSON.parse((await cli([...base, '--algorithm', 'leximin', '--seed', '7', '--json', '--distribution', saved])).stdout);
    expect(repeat.panel).toEqual(result.panel);
    expect(repeat.ticket).toBe(result.ticket);
  });

  it('prints the panel and how it meets each quota', async () => {
    const { code, stdout } = await cli([...base, '--algorithm', 'maximin', '--seed', 'public']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^MAXIMIN: a panel of 4 from a pool of 7/);
    expect(stdout).toMatch(/Seed "public" drew ticket \d+/);
    expect(stdout).toMatch(/gender = female\s+2 {2}\(min 2, max 2; 3 in the pool\) {2}met/);
  });

  it('estimates LEGACY by sampling and says so', async () => {
    const { code, stdout } = await cli([...base, '--algorithm', 'legacy', '--seed', '1', '--legacy-samples', '300', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.probabilitiesEstimated).toBe(true);
    expect(result.distribution).toBeNull();
    expect(result.panel).toHaveLength(4);
  });

  it('names the file and line of an input problem', async () => {
    const bad = file('bad.csv', 'id,gender,age\nann,female,young\nbob,man,old\n');
    const { code, stderr } = await cli(['--categories', categories, '--respondents', bad, '--panel-size', '2', '--algorithm', 'leximin']);
    expect(code).toBe(1);
    expect(stderr).toContain('bad.csv, line 3: "man" in the column "gender" is not a feature any quota names');
  });

  it('explains infeasible quotas and how far to relax them, as text and as JSON', async () => {
    const tight = file('tight.csv', 'category,feature,min,max\ngender,female,3,3\ngender,male,1,1\nage,young,3,4\nage,old,0,4\n');
    const args = ['--categories', tight, '--respondents', respondents, '--panel-size', '4', '--algorithm', 'leximin'];
    const { code, stderr } = await cli(args);
    expect(code).toBe(1);
    expect(stderr).toMatch(/No panel can meet all the quotas/);
    expect(stderr).toMatch(/age = young \(line 4\): lower its min from 3 to 2 \(by 1\)/);
    const json = JSON.parse((await cli([...args, '--json'])).stdout);
    expect(json.feasible).toBe(false);
    expect(json.relaxations).toEqual([{ category: 'age', feature: 'young', line: 4, min: 3, max: 4, suggestedMin: 2, suggestedMax: 4 }]);
  });

  it('rejects a missing option or an unknown algorithm with usage', async () => {
    expect((await cli(['--categories', categories])).code).toBe(2);
    const unknown = await cli([...base, '--algorithm', 'random']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown algorithm "random"/);
  });
});

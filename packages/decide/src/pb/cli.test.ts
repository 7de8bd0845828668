import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../cli/pb.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decide-pb-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const file = path.join(dir, 'small.pb');
fs.writeFileSync(
  file,
  'META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost;name\nx;4;Benches\ny;3;Mural\nz;2;Lights\nVOTES\nvoter_id;vote\n1;x\n2;x\n3;x,y\n4;y,z\n',
);

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out.push(a.join(' '));
  });
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err.push(a.join(' '));
  });
  const code = await run(args);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('decide pb', () => {
  it('prints one JSON object with the rule, the sorted selection, the cost and the budget', async () => {
    const { code, out } = await capture([file, '--rule', 'mes-cost-add1', '--json', '--quiet']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ rule: 'mes-cost-add1', selected: ['x', 'y', 'z'], cost: '9', budget: '9' });
    expect(json.explanation).toBeUndefined();
  });

  it('adds the explanation to the JSON with --explain', async () => {
    const { out } = await capture([file, '--rule', 'mes-cost', '--json', '--explain', '--quiet']);
    const json = JSON.parse(out);
    expect(json.explanation.kind).toBe('mes');
    expect(json.explanation.rounds.map((r: { project: string }) => r.project)).toEqual(['x', 'y']);
  });

  it('explains in plain text, with project names', async () => {
    const { code, out } = await capture([file, '--rule', 'greedy-cost', '--explain', '--quiet']);
    expect(code).toBe(0);
    expect(out).toContain('x “Benches”: 3 supporters, cost 4 — selected');
    expect(out).toContain('Selected 3 projects costing 9 of a budget of 9');
  });

  it('lists the selection as text by default', async () => {
    const { out } = await capture([file, '--rule', 'phragmen', '--quiet']);
    expect(out).toContain('Selected 3 of 3 projects');
    expect(out).toContain('x  Benches  (cost 4)');
  });

  it('refuses an unknown rule, a missing rule and a missing file with clear messages', async () => {
    expect(await capture([file, '--rule', 'borda'])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown rule "borda"') });
    expect(await capture([file])).toMatchObject({ code: 2, err: expect.stringContaining('Missing --rule') });
    expect(await capture([path.join(dir, 'none.pb'), '--rule', 'mes-cost'])).toMatchObject({ code: 1, err: expect.stringContaining('no such file') });
  });

  it('names the line of a malformed file', async () => {
    const bad = path.join(dir, 'bad.pb');
    fs.writeFileSync(bad, 'META\nkey;value\nbudget;9\nvote_type;approval\nPROJECTS\nproject_id;cost\nx;four\nVOTES\nvoter_id;vote\n');
    const { code, err } = await capture([bad, '--rule', 'mes-cost']);
    expect(code).toBe(1);
    expect(err).toBe(`${bad}: Line 7: the cost of project 'x', 'four' is not a number`);
  });
});

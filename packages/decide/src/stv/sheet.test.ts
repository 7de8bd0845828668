// The count sheet in its three forms, and the "decide stv" command line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../cli/stv.js';
import { parseBlt } from './blt.js';
import { countStv } from './index.js';
import { countSheetCsv, countSheetText } from './sheet.js';

const worked = '4 2\n10 1 2 0\n4 1 3 0\n3 2 0\n5 3 0\n2 4 3 0\n0\n"A"\n"B"\n"C"\n"D"\n"Worked example"\n';

describe('count sheet', () => {
  const result = countStv(parseBlt(worked), { rule: 'scottish', lot: { method: 'seeded', seed: 5 } });

  it('as a plain-text table: every stage, transfers, non-transferable, lost, who was elected or excluded and why', () => {
    const text = countSheetText(result);
    expect(text).toContain('Scottish STV — Worked example');
    expect(text).toContain('Seats: 2   Valid ballot papers: 24   Invalid: 0   Quota: 9');
    expect(text).toContain('Lots: drawn from the SplitMix64 generator with seed 5; no lot was needed.');
    expect(text).toContain('Stage 2: Surplus of A (5.00000) transferred (rule 48); transfer value 0.35714');
    expect(text).toMatch(/ {2}B +3\.57140 +6\.57140 {2}continuing/);
    expect(text).toMatch(/ {2}Lost to truncation +0\.00004 +0\.00004/);
    expect(text).toContain('Excluded: D — fewest votes (2.00000) with no surplus to transfer (rule 50)');
    expect(text).toContain('Elected: C — continuing candidates are no more than the vacancies left (rule 52)');
    expect(text).toContain('Elected, in order:\n  1. A (stage 1)\n  2. C (stage 4)\nNot elected: B, D');
  });

  it('as CSV: one row per candidate per stage, plus non-transferable, lost and total', () => {
    const lines = countSheetCsv(result).trimEnd().split('\r\n');
    expect(lines[0]).toBe('stage,action,description,quota,candidate_id,candidate,transfer,votes,state,keep_factor,event,reason');
    expect(lines).toHaveLength(1 + 4 * (4 + 3));
    expect(lines).toContain('2,surplus,Surplus of A (5.00000) transferred (rule 48); transfer value 0.35714,9.00000,2,B,3.57140,6.57140,continuing,,,');
    expect(lines).toContain('2,surplus,Surplus of A (5.00000) transferred (rule 48); transfer value 0.35714,9.00000,,Lost to truncation,0.00004,0.00004,,,,');
    expect(lines.some((l) => l.startsWith('3,exclusion,') && l.includes(',D,') && l.includes(',excluded,,excluded,fewest votes'))).toBe(true);
  });

  it('as JSON: the result itself, with the seed', () => {
    const json = JSON.parse(JSON.stringify(result));
    expect(json).toMatchObject({ rule: 'scottish', seats: 2, quota: '9', elected: ['A', 'C'], lot: { method: 'seeded', seed: 5 } });
    expect(json.stages).toHaveLength(4);
  });

  it('for Meek shows keep factors', () => {
    const meek = countStv(parseBlt(worked), { rule: 'meek', lot: { method: 'seeded', seed: 5 } });
    expect(countSheetText(meek)).toMatch(/Keep factor/);
    expect(countSheetCsv(meek)).toMatch(/,1\.000000000000000000,/);
  });
});

describe('decide stv', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decide-stv-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'worked.blt');
  fs.writeFileSync(file, worked);
  const broken = path.join(dir, 'broken.blt');
  fs.writeFileSync(broken, '4 2\n10 1 2 0\n4 1 9 0\n0\n"A"\n"B"\n"C"\n"D"\n');

  async function capture(args: string[]) {
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      stdout += `${a.join(' ')}\n`;
    });
    const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
      stderr += `${a.join(' ')}\n`;
    });
    try {
      const code = await run(args);
      return { code, stdout, stderr };
    } finally {
      out.mockRestore();
      log.mockRestore();
      err.mockRestore();
    }
  }

  it('prints JSON with the rule, seats, quota, elected names in order, stages and seed', async () => {
    const { code, stdout } = await capture([file, '--rule', 'scottish', '--json', '--seed', '42']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ rule: 'scottish', seats: 2, quota: '9', elected: ['A', 'C'], lot: { seed: 42 } });
    expect(json.stages[1].transferValue).toBe('0.35714');
  });

  it('prints the text count sheet, with a fresh seed when none is given', async () => {
    const { code, stdout } = await capture([file, '--rule', 'meek']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Meek STV — Worked example/);
    expect(stdout).toMatch(/SplitMix64 generator with seed \d+/);
  });

  it('prints CSV', async () => {
    const { code, stdout } = await capture([file, '--rule', 'scottish', '--csv', '--lot', 'candidate-order']);
    expect(code).toBe(0);
    expect(stdout.startsWith('stage,action,')).toBe(true);
  });

  it('names the line of a malformed file', async () => {
    const { code, stderr } = await capture([broken, '--rule', 'scottish']);
    expect(code).toBe(1);
    expect(stderr).toContain('broken.blt: Line 3: candidate 9 does not exist: there are 4 candidates');
  });

  it('explains bad usage', async () => {
    expect((await capture([file])).stderr).toContain('Choose the rule: --rule scottish or --rule meek.');
    expect((await capture([file, '--rule', 'irv'])).code).toBe(2);
    expect((await capture([file, '--rule', 'meek', '--seed', 'x'])).stderr).toContain('The seed must be a whole number');
    expect((await capture(['--rule', 'meek'])).stderr).toContain('Give the BLT file to count.');
    expect((await capture([path.join(dir, 'missing.blt'), '--rule', 'meek'])).code).toBe(1);
    expect((await capture(['--help'])).code).toBe(0);
  });
});

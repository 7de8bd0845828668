// The decide command run as a child process with its stdout going into a real pipe (bash's `|`) that a
// slow reader empties: all of a count sheet over 1 MB must arrive, with the exit code, although a write
// to a pipe is asynchronous in Node once the pipe's 64 KiB buffer is full (issue 12, defect 14).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type PipeRun, runThroughPipe } from './throughPipe.js';

const cliPath = fileURLToPath(new URL('../cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'decide-pipe-'));

/** Runs `decide ARGS | READER` (by default a reader that starts only once the pipe is full). */
function decideThroughPipe(args: string[], reader?: string): Promise<PipeRun> {
  return runThroughPipe(cliPath, args, { cwd: repoRoot, reader });
}

/** A BLT election of 120 candidates for one seat: Scottish STV excludes one a stage, so the count sheet is long. */
function bigElection(): string {
  const candidates = 120;
  const lines = [`${candidates} 1`];
  let seed = 1;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let ballot = 0; ballot < 2000; ballot++) {
    const preferences = new Set<number>();
    for (let k = 0; k < 5; k++) preferences.add(1 + Math.floor(random() * candidates));
    lines.push(`1 ${[...preferences].join(' ')} 0`);
  }
  lines.push('0');
  for (let c = 1; c <= candidates; c++) lines.push(`"Candidate ${c}"`);
  lines.push('"A long count"');
  const file = path.join(dir, 'big.blt');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const election = bigElection();

// Each test starts decide through tsx: allow for a busy machine.
describe('decide through a pipe', { timeout: 120_000 }, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers all of a JSON count sheet over 1 MB to a slow reader, then exits 0', async () => {
    const { code, stdout, stderr } = await decideThroughPipe(['stv', election, '--rule', 'scottish', '--seed', '1', '--json']);
    expect(stderr).toBe('');
    expect(stdout.length).toBeGreaterThan(1_000_000);
    const result = JSON.parse(stdout.toString('utf8'));
    expect(result.elected).toHaveLength(1);
    expect(result.stages.length).toBeGreaterThan(100);
    expect(code).toBe(0);
  });

  it('delivers all of a CSV count sheet over 1 MB, ending with the last stage', async () => {
    const { code, stdout } = await decideThroughPipe(['stv', election, '--rule', 'scottish', '--seed', '1', '--csv']);
    expect(stdout.length).toBeGreaterThan(1_000_000);
    const text = stdout.toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    // After the header, every stage has the same number of rows, numbered 1 to the last without a gap.
    const [header, ...rows] = text.trimEnd().split('\n');
    expect(header).toMatch(/^stage,/);
    const rowsPerStage = new Map<number, number>();
    for (const row of rows) {
      const stage = Number(row.slice(0, row.indexOf(',')));
      rowsPerStage.set(stage, (rowsPerStage.get(stage) ?? 0) + 1);
    }
    expect([...rowsPerStage.keys()]).toEqual(Array.from({ length: rowsPerStage.size }, (_, i) => i + 1));
    expect(rowsPerStage.size).toBeGreaterThan(100);
    expect(new Set(rowsPerStage.values()).size).toBe(1);
    expect(code).toBe(0);
  });

  it('stops quietly when the reader leaves early, as a command stopped by SIGPIPE does', async () => {
    const { code, stdout, stderr } = await decideThroughPipe(['stv', election, '--rule', 'scottish', '--seed', '1', '--json'], 'head -c 100');
    expect(stdout.toString('utf8')).toMatch(/^\{\n {2}"/);
    expect(stdout.length).toBe(100);
    expect(stderr).toBe('');
    expect(code).toBe(141);
  });

  it('passes on a failing command’s exit code and its whole message', async () => {
    const { code, stdout, stderr } = await decideThroughPipe(['stv', path.join(dir, 'missing.blt'), '--rule', 'scottish', '--seed', '1']);
    expect(stdout.length).toBe(0);
    expect(stderr).toMatch(/^Cannot read .*missing\.blt: /);
    expect(code).toBe(1);
  });
});

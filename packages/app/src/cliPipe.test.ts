// The involve command run as a child process with its stdout going into a real pipe (bash's `|`) that a
// slow reader empties: all of an output over 1 MB must arrive, with the exit code, although a write to a
// pipe is asynchronous in Node once the pipe's 64 KiB buffer is full (issue 12, defect 14).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PipeRun, runThroughPipe } from '@involve/decide/cli/throughPipe';
import { afterAll, describe, expect, it } from 'vitest';

const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'involve-pipe-'));

/**
 * Runs `[cat STDIN |] involve ARGS | { sleep 0.5; cat; }`: the reader starts only after the CLI has
 * filled the pipe. The embedded database lives in `dir`.
 */
function involveThroughPipe(args: string[], options: { stdinFile?: string } = {}): Promise<PipeRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, INVOLVE_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return runThroughPipe(cliPath, args, { cwd: repoRoot, env, stdinFile: options.stdinFile });
}

function file(name: string, text: string): string {
  const where = path.join(dir, name);
  writeFileSync(where, text);
  return where;
}

// Each test starts involve through tsx (and the last makes a database): slow on a busy machine.
describe('involve through a pipe', { timeout: 240_000 }, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('deidentify: reads a large stdin from a pipe and delivers all of its JSON over 1 MB, then exits 0', async () => {
    const stdinFile = file('stories.txt', 'Sister Jones rang 020 7946 0958 about NHS number 943 476 5919.\n'.repeat(12_000));
    const { code, stdout, stderr } = await involveThroughPipe(['deidentify'], { stdinFile });
    expect(stderr).toBe('');
    expect(stdout.length).toBeGreaterThan(1_000_000);
    const { spans } = JSON.parse(stdout.toString('utf8')) as { spans: Array<{ kind: string }> };
    expect(spans).toHaveLength(36_000);
    expect(spans.filter((s) => s.kind === 'nhs_number')).toHaveLength(12_000);
    expect(code).toBe(0);
  });

  it('working-days: answers through a pipe with exit code 0, and a bad date with its message and exit code 2', async () => {
    const answer = await involveThroughPipe(['working-days', '2024-03-22', '3']);
    expect(answer.stdout.toString('utf8')).toBe('2024-03-27\n');
    expect(answer.code).toBe(0);
    const refused = await involveThroughPipe(['working-days', '22/03/2024']);
    expect(refused.stdout.length).toBe(0);
    expect(refused.stderr).toMatch(/^“22\/03\/2024” is not a date\./);
    expect(refused.code).toBe(2);
  });

  it('import organisations: delivers every one of 10,000 row errors (over 1 MB) to a slow reader, then exits 1', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `Row without a type ${i}`);
    const csv = file('organisations.csv', `name,type\n${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await involveThroughPipe(['import', 'organisations', csv]);
    expect(stderr).toMatch(/Imported 10000 of 10000 rows \(100%\)/);
    expect(stdout.length).toBeGreaterThan(1_000_000);
    const lines = stdout.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/: 0 created, 0 updated, 0 unchanged, 10000 rows with errors\.$/);
    expect(lines).toHaveLength(10_001);
    expect(lines[10_000]).toMatch(/^Line 10001: has 1 value but the header has 2 columns/);
    expect(code).toBe(1);
  });
});

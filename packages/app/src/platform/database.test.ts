// One process at a time on an embedded database's data folder (issue 12, defect 7: with the server
// running, `involve import organisations` printed "1 created" into its own copy of the database and
// the row was gone after a restart). A second process, or a second open in this one, is refused
// with a message saying what to do; the lock goes when the database closes; a lock left by a
// process that has ended is taken over.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const heldMessage = (pid: number) => `Involve is running on this data folder (pid ${pid}): stop it first, or use the admin page to import`;

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, pid: child.pid ?? 0 }));
  });
}

describe('an embedded database folder', () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });
  const newFolder = () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-lock-'));
    folders.push(folder);
    return path.join(folder, 'data');
  };

  it('is refused to a second open while one holds it, in this process and in another, and opens again after close', async () => {
    const dataDir = newFolder();
    const first = await openDatabase({ dataDir });
    try {
      await first.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      await expect(openDatabase({ dataDir })).rejects.toThrow(heldMessage(process.pid));

      // `involve migrate` in its own process, as someone would run it beside `npm start`.
      const migrate = await run(process.execPath, ['--import', 'tsx', 'packages/app/src/cli.ts', 'migrate'], { INVOLVE_DATA_DIR: dataDir });
      expect(migrate.stderr).toContain(heldMessage(process.pid));
      expect(migrate.code).toBe(1);
      expect(migrate.stdout).not.toContain('Migrations are up to date');
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir });
    await again.close();
  }, 600_000);

  it('takes over a lock left by a process that has ended', async () => {
    const dataDir = newFolder();
    const made = await openDatabase({ dataDir });
    await made.close();
    expect(fs.readdirSync(dataDir)).not.toContain('involve.lock');
    // A process that held it and died without closing (kill -9, a power cut): its pid is no longer alive.
    const ended = await run(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {});
    expect(ended.code).toBe(0);
    fs.writeFileSync(path.join(dataDir, 'involve.lock'), `${ended.pid}\n`);
    const opened = await openDatabase({ dataDir });
    try {
      expect(fs.readFileSync(path.join(dataDir, 'involve.lock'), 'utf8').trim().split('\n')[0]).toBe(String(process.pid));
    } finally {
      await opened.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'involve.lock'))).toBe(false);
  }, 600_000);
});

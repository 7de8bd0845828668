// `involve create-admin` through the real command line: the web form's password rule holds there
// too (an empty or short INVOLVE_ADMIN_PASSWORD makes no admin), and a good one makes the admin.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-create-admin-'));

function createAdmin(password: string | undefined) {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), INVOLVE_DATA_DIR: dataDir, INVOLVE_DEMO: '0', LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  if (password === undefined) delete env.INVOLVE_ADMIN_PASSWORD;
  else env.INVOLVE_ADMIN_PASSWORD = password;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'create-admin', 'root@example.org'], {
    cwd: appRoot,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('involve create-admin', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses an empty or short INVOLVE_ADMIN_PASSWORD with the web form rule, and accepts a good one', () => {
    for (const password of ['', 'short']) {
      const run = createAdmin(password);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/INVOLVE_ADMIN_PASSWORD: (Enter a password|Password must be at least 10 characters)/);
      expect(run.stderr).toContain('No admin was made.');
    }
    const good = createAdmin('a long enough password');
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('Created platform admin root@example.org with the password from INVOLVE_ADMIN_PASSWORD.');
  }, 240_000);
});

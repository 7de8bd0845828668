// The built command line (npm run build, run by npm ci's prepare step) is what `npm start` serves
// from: run straight from dist/, it answers a command, and serves pages and static files (it finds
// the templates and static folder in src/ from dist/).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtCli = path.join(appRoot, 'dist', 'cli.js');

describe('the built involve command', () => {
  let server: ChildProcess | undefined;
  let url = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'involve-build-test-'));

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['../../scripts/buildCli.mjs', 'src/cli.ts'], { cwd: appRoot, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    server = spawn(process.execPath, [builtCli, 'serve'], {
      env: { ...process.env, DATABASE_URL: '', INVOLVE_DATA_DIR: dataDir, INVOLVE_DEMO: '0', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      server?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /running at (http:\/\/\S+)/.exec(output)?.[1];
        if (found) resolve(found.replace('localhost', '127.0.0.1'));
      });
      server?.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      server?.once('exit', (code) => reject(new Error(`The built server stopped (${code}): ${output}`)));
    });
  }, 200_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a command', () => {
    const result = spawnSync(process.execPath, [builtCli, 'working-days', '2026-12-24', '20'], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('2027-01-26');
  });

  it('serves pages from the templates and the static files', async () => {
    const signIn = await fetch(`${url}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('nhsuk-header');
    const css = await fetch(`${url}/static/involve.css`);
    expect(css.status).toBe(200);
    const assets = await fetch(`${url}/assets/nhsuk-frontend.min.css`);
    expect(assets.status).toBe(200);
  });
});

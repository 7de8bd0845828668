// The built command line (npm run build, run by npm ci's prepare step): bin/decide.js runs it while
// it is fresh, runs the TypeScript (saying so) once a source is newer, and both answer alike.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.join(packageRoot, 'dist', 'inputs.json');

const build = () => spawnSync(process.execPath, ['../../scripts/buildCli.mjs', 'src/cli.ts'], { cwd: packageRoot, encoding: 'utf8' });
const decide = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(packageRoot, 'bin', 'decide.js'), ...args], { cwd: packageRoot, encoding: 'utf8' });

describe('the built decide command', () => {
  // Leave a fresh build behind, as npm ci does.
  afterAll(() => void build());

  it('builds dist/cli.js with a list of the sources bundled into it', () => {
    const result = build();
    expect(result.status, result.stderr).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { builtAt: number; inputs: string[] };
    expect(manifest.inputs).toContain('src/cli.ts');
    expect(manifest.inputs).toContain('src/pb/rules.ts');
    expect(fs.existsSync(path.join(packageRoot, 'dist', 'cli.js'))).toBe(true);
  });

  it('runs the build while it is fresh, and the TypeScript once a source is newer, with the same answers', () => {
    const fresh = decide('--help');
    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toContain('Usage: decide <command>');
    expect(fresh.stderr).toBe('');

    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { builtAt: number };
    fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, builtAt: 0 }));
    const stale = decide('--help');
    expect(stale.status).toBe(0);
    expect(stale.stdout).toBe(fresh.stdout);
    expect(stale.stderr).toContain('sources changed since the last `npm run build`');
    expect(build().status).toBe(0);
  });

  it('counts with the built code as with the TypeScript', () => {
    const instance = [
      'META',
      'key;value',
      'budget;100',
      'vote_type;approval',
      'PROJECTS',
      'project_id;cost',
      'a;60',
      'b;50',
      'c;40',
      'VOTES',
      'voter_id;vote',
      '1;a,c',
      '2;a',
      '3;b,c',
      '',
    ].join('\n');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'decide-build-')), 'small.pb');
    fs.writeFileSync(file, instance);
    try {
      const built = decide('pb', file, '--rule', 'greedy-cost', '--json', '--quiet');
      expect(built.status, built.stderr).toBe(0);
      const typescript = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'pb', file, '--rule', 'greedy-cost', '--json', '--quiet'], {
        cwd: packageRoot,
        encoding: 'utf8',
      });
      expect(JSON.parse(built.stdout)).toEqual(JSON.parse(typescript.stdout));
      expect(JSON.parse(built.stdout).selected.length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

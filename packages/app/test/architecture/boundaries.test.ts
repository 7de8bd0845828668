// The architecture's rules (issue 11), checked over the real source tree, and shown to fail when a
// rule is broken, on small made-up trees.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modules } from '../../src/modules/index.js';
import { platformTables } from '../../src/platform/schema.js';
import { type ArchitectureInput, checkArchitecture, readSources, type SourceFile } from './importGraph.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const tablesByModule = new Map(modules.map((m) => [m.name, m.tables]));

function tree(files: Record<string, string>, tables: Record<string, string[]> = {}): ArchitectureInput {
  const list: SourceFile[] = Object.entries(files).map(([p, text]) => ({ path: p, text }));
  return { files: list, tablesByModule: new Map(Object.entries(tables)), platformTables: ['mail_outbox'] };
}

describe('the architecture of Involve', () => {
  it('holds over the whole source tree: no platform → module import, only public faces across modules, no cycle, own tables only', () => {
    const violations = checkArchitecture({ files: readSources(root), tablesByModule, platformTables });
    expect(violations).toEqual([]);
  });

  it('reads a real tree (so the check above is not vacuous)', () => {
    const files = readSources(root);
    expect(files.length).toBeGreaterThan(150);
    expect(files.some((f) => f.path === 'packages/app/src/platform/server.ts')).toBe(true);
    expect(modules.map((m) => m.name)).toEqual(expect.arrayContaining(['accounts', 'registry', 'complaints', 'feedback']));
  });

  it('gives every module the same shape: a manifest, routes and views; with tables, their schema, migrations and a public service', () => {
    const modulesRoot = path.join(root, 'packages/app/src/modules');
    const folders = fs.readdirSync(modulesRoot, { withFileTypes: true }).filter((d) => d.isDirectory());
    // Every folder is a module the composition root lists, and the other way round.
    expect(folders.map((d) => d.name).sort()).toEqual(modules.map((m) => m.name).sort());
    const missing = modules.flatMap((m) => {
      const needs = ['module.ts', 'routes', 'views', ...(m.tables.length ? ['schema.ts', 'migrations', 'service.ts', 'policy.ts'] : [])];
      return needs.filter((f) => !fs.existsSync(path.join(modulesRoot, m.name, f))).map((f) => `${m.name}/${f}`);
    });
    expect(missing).toEqual([]);
  });
});

describe('the architecture check fails when a rule is broken', () => {
  const m = 'packages/app/src/modules';
  const p = 'packages/app/src/platform';

  it('finds the platform importing a module', () => {
    const v = checkArchitecture(tree({ [`${p}/server.ts`]: `import { x } from '../modules/a/routes/index.js';`, [`${m}/a/routes/index.ts`]: '' }));
    expect(v).toEqual([{ rule: 'platform imports a module', detail: `${p}/server.ts → ${m}/a/routes/index.ts` }]);
  });

  it("finds a module importing another module's private file, and allows its service.ts and (in tests) testKit.ts", () => {
    const v = checkArchitecture(
      tree({
        [`${m}/a/stories.ts`]: `import { y } from '../b/tables.js';\nimport { z } from '../b/service.js';`,
        [`${m}/a/stories.test.ts`]: `import { k } from '../b/testKit.js';`,
        [`${m}/a/other.ts`]: `import { k } from '../b/testKit.js';`,
        [`${m}/b/tables.ts`]: '',
        [`${m}/b/service.ts`]: '',
        [`${m}/b/testKit.ts`]: '',
      }),
    );
    expect(v.map((x) => x.detail)).toEqual([`${m}/a/stories.ts → ${m}/b/tables.ts`, `${m}/a/other.ts → ${m}/b/testKit.ts`]);
    expect(v.every((x) => x.rule === 'private file of another module')).toBe(true);
  });

  it('finds an import cycle, type-only imports included', () => {
    const v = checkArchitecture(
      tree({
        [`${m}/a/one.ts`]: `import type { T } from './two.js';`,
        [`${m}/a/two.ts`]: `import { f } from './three.js';`,
        [`${m}/a/three.ts`]: `export { g } from './one.js';`,
      }),
    );
    expect(v).toEqual([{ rule: 'import cycle', detail: [`${m}/a/one.ts`, `${m}/a/three.ts`, `${m}/a/two.ts`].join(' → ') }]);
  });

  it('finds a pure package importing the app', () => {
    const v = checkArchitecture(tree({ 'packages/decide/src/pb/x.ts': `import { a } from '../../../app/src/platform/csv.js';`, [`${p}/csv.ts`]: '' }));
    expect(v).toEqual([{ rule: 'pure package imports the app', detail: `packages/decide/src/pb/x.ts → ${p}/csv.ts` }]);
  });

  it("finds a module querying another module's table or the platform's, and not its own or in its migrations", () => {
    const v = checkArchitecture(
      tree(
        {
          [`${m}/a/list.ts`]: `db.selectFrom('story').innerJoin('account', 'account.id', 'story.author_id').selectAll()`,
          [`${m}/a/outbox.ts`]: `db.selectFrom('mail_outbox').selectAll()`,
          [`${m}/a/migrations/0001_a.ts`]: `db.selectFrom('account')`,
        },
        { a: ['story'], b: ['account'] },
      ),
    );
    expect(v).toEqual([
      { rule: "another module's table", detail: `${m}/a/list.ts queries account (b's)` },
      { rule: "another module's table", detail: `${m}/a/outbox.ts queries mail_outbox (platform's)` },
    ]);
  });
});

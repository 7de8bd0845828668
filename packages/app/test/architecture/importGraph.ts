// The import graph of Involve's source, and the architecture's rules checked over it (issue 11):
// - the platform never imports a module;
// - a module imports another module only through its public face (service.ts, or service/index.ts);
//   the composition root (modules/index.ts) also reads module.ts; tests also use testKit.ts;
// - the pure packages (decide, deidentify) never import the app;
// - no import cycle anywhere (type-only imports count: a cycle of types is still a knot to untie);
// - a module's queries name only its own tables (and never the platform's).
// Run directly to print the figures: node --import tsx packages/app/test/architecture/importGraph.ts [ROOT]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SourceFile {
  /** Path from the repository root, with forward slashes. */
  path: string;
  text: string;
}

export interface Edge {
  from: string;
  to: string;
}

export interface Violation {
  rule: 'platform imports a module' | 'private file of another module' | 'pure package imports the app' | 'import cycle' | "another module's table";
  detail: string;
}

const sourceRoots = ['packages/app/src', 'packages/decide/src', 'packages/deidentify/src'];

/** Every .ts file under the source roots (tests included: they follow the same rules). */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push({ path: path.relative(root, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
    }
  };
  for (const sourceRoot of sourceRoots) walk(path.join(root, sourceRoot));
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

const importPatterns = [
  /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\s+['"]([^'"]+)['"]/g,
];

/** A pure package's file by its subpath export ("./cli/*": "./src/cli/*.ts"), e.g. @involve/decide/cli/exit. */
const subpathExport = /^@involve\/(decide|deidentify)\/(.+)$/;

/** The relative imports of each file, resolved to files of the list (packages by name are left out, but for the workspace packages). */
export function importEdges(files: readonly SourceFile[]): Edge[] {
  const known = new Set(files.map((f) => f.path));
  const workspace: Record<string, string> = {
    '@involve/decide': 'packages/decide/src/index.ts',
    '@involve/deidentify': 'packages/deidentify/src/index.ts',
  };
  const edges: Edge[] = [];
  for (const file of files) {
    const text = file.text.replace(/^\s*\/\/.*$/gm, '');
    const specifiers = new Set<string>();
    for (const pattern of importPatterns) for (const match of text.matchAll(pattern)) specifiers.add(match[1] as string);
    for (const specifier of specifiers) {
      let target: string | undefined;
      if (specifier.startsWith('.')) {
        const base = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier));
        target = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`].find((candidate) => known.has(candidate));
      } else if (workspace[specifier]) {
        target = workspace[specifier];
      } else if (subpathExport.test(specifier)) {
        target = specifier.replace(subpathExport, 'packages/$1/src/$2.ts');
      } else if (specifier.startsWith('@involve/app')) {
        target = 'packages/app/src/index.ts';
      }
      if (target) edges.push({ from: file.path, to: target });
    }
  }
  return edges;
}

const appSource = 'packages/app/src/';
const modulesRoot = `${appSource}modules/`;

/** The module a file belongs to ('accounts'), or null for the platform and other app files. */
export function moduleOf(file: string): string | null {
  if (!file.startsWith(modulesRoot)) return null;
  const rest = file.slice(modulesRoot.length);
  return rest.includes('/') ? (rest.split('/')[0] as string) : null;
}

const isTest = (file: string) => /(\.test|\/testKit)\.ts$/.test(file) || file.includes('/test/');

/** May `from` import `to`, which is in another module? */
function publicFaceAllows(from: string, to: string): boolean {
  const rest = to.slice(modulesRoot.length).split('/').slice(1).join('/');
  if (rest === 'service.ts' || rest === 'service/index.ts') return true;
  if (rest === 'testKit.ts' && isTest(from)) return true;
  return false;
}

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
export function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (next.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort()) if (!index.has(node)) visit(node);
  return found;
}

const tableCall =
  /\.(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto|replaceInto)\(\s*'([a-z_]+)(?:\s+as\s+\w+)?'/g;

/** Tables each file's queries name (Kysely calls with a table name as the first argument). */
export function tablesQueried(file: SourceFile): string[] {
  return [...new Set([...file.text.matchAll(tableCall)].map((m) => m[1] as string))];
}

export interface ArchitectureInput {
  files: readonly SourceFile[];
  /** Each module's tables, from its manifest. */
  tablesByModule: ReadonlyMap<string, readonly string[]>;
  platformTables: readonly string[];
}

/** Every broken rule, as plain data (empty when the architecture holds). */
export function checkArchitecture(input: ArchitectureInput): Violation[] {
  const edges = importEdges(input.files);
  const violations: Violation[] = [];
  for (const { from, to } of edges) {
    const fromModule = moduleOf(from);
    const toModule = moduleOf(to);
    const fromApp = from.startsWith('packages/app/');
    if (!fromApp && to.startsWith('packages/app/')) violations.push({ rule: 'pure package imports the app', detail: `${from} → ${to}` });
    if (from.startsWith(`${appSource}platform/`) && toModule) violations.push({ rule: 'platform imports a module', detail: `${from} → ${to}` });
    const compositionRoot = from === `${modulesRoot}index.ts`;
    if (toModule && fromModule && fromModule !== toModule && !compositionRoot) {
      if (!publicFaceAllows(from, to)) violations.push({ rule: 'private file of another module', detail: `${from} → ${to}` });
    }
    if (compositionRoot && toModule && !/\/(module|service)\.ts$/.test(to)) {
      violations.push({ rule: 'private file of another module', detail: `${from} → ${to} (the composition root reads module.ts and service.ts)` });
    }
  }
  for (const cycle of cycles(edges)) violations.push({ rule: 'import cycle', detail: cycle.join(' → ') });
  const owner = new Map<string, string>();
  for (const [module, tables] of input.tablesByModule) for (const table of tables) owner.set(table, module);
  for (const table of input.platformTables) owner.set(table, 'platform');
  for (const file of input.files) {
    const module = moduleOf(file.path);
    if (!module || isTest(file.path) || file.path.includes('/migrations/')) continue;
    for (const table of tablesQueried(file)) {
      const tableOwner = owner.get(table);
      if (tableOwner !== module) violations.push({ rule: "another module's table", detail: `${file.path} queries ${table} (${tableOwner ?? 'no module'}'s)` });
    }
  }
  return violations;
}

/** Figures for the closing note: files, imports, imports across modules, platform → module, cycles. */
export function importFigures(files: readonly SourceFile[]) {
  const edges = importEdges(files);
  const crossModule = edges.filter((e) => moduleOf(e.to) && moduleOf(e.from) !== moduleOf(e.to));
  return {
    files: files.length,
    imports: edges.length,
    importsAcrossModules: crossModule.length,
    importsOfPrivateFiles: crossModule.filter((e) => e.from !== `${modulesRoot}index.ts` && !publicFaceAllows(e.from, e.to)).length,
    platformImportsOfModules: edges.filter((e) => e.from.startsWith(`${appSource}platform/`) && moduleOf(e.to)).length,
    cycles: cycles(edges).length,
    filesInCycles: cycles(edges).reduce((n, c) => n + c.length, 0),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../..'));
  console.log(JSON.stringify(importFigures(readSources(root)), null, 2));
}

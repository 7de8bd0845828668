// Builds a package's command line into JavaScript, dist/cli.js and its chunks, with esbuild, so the
// command starts without compiling TypeScript. Run from the package's folder (its `build` script):
//   node ../../scripts/buildCli.mjs src/cli.ts
// Our own workspace packages (@involve/*, which ship TypeScript) are bundled in; every other
// package stays in node_modules. dist/inputs.json lists the sources bundled and when the build
// started: the package's bin runs dist/cli.js only while none of them is newer, and the
// TypeScript through tsx otherwise, so an edit is never run stale.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const entry = process.argv[2];
if (!entry) {
  console.error('Usage: node ../../scripts/buildCli.mjs ENTRY.ts (from a package folder)');
  process.exit(2);
}
const started = Date.now();
const outdir = path.resolve('dist');
fs.rmSync(outdir, { recursive: true, force: true });

/** Bare imports ("fastify", "node:fs") stay imports, except our own workspace packages. */
const packagesStayExternal = {
  name: 'packages-stay-external',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@involve/') ? undefined : { path: args.path, external: true }));
  },
};

const result = await build({
  entryPoints: { cli: entry },
  outdir,
  // What the entry imports dynamically (a subcommand, the modules) becomes a chunk of its own,
  // loaded only when used, with the packages it needs: `decide --help` never loads the LP solver.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  plugins: [packagesStayExternal],
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
const inputs = Object.keys(result.metafile.inputs).sort();
fs.writeFileSync(path.join(outdir, 'inputs.json'), `${JSON.stringify({ builtAt: started, entry, inputs }, null, 1)}\n`);
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`${path.basename(process.cwd())}: built dist/ from ${inputs.length} sources (${Math.round(bytes / 1024)} kB) in ${Date.now() - started} ms`);

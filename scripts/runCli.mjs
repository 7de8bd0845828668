// Runs a package's command line, for its bin (packages/app/bin/involve.js, packages/decide/bin/decide.js):
// the build made by `npm run build` (dist/, made at install by npm ci's prepare step, see
// buildCli.mjs) while no source bundled into it has changed since; otherwise the TypeScript through
// tsx, so an edit is never run stale.
import fs from 'node:fs';

/**
 * Run the command `name` of the package whose bin is at `binUrl` (its import.meta.url).
 * `importTsxApi` imports 'tsx/esm/api' from the bin, so as the package (which depends on tsx) finds it.
 */
export async function runCli(name, binUrl, importTsxApi) {
  const packageRoot = new URL('../', binUrl);
  const state = buildState(packageRoot);
  if (state === 'fresh') {
    await import(new URL('dist/cli.js', packageRoot).href);
    return;
  }
  if (state === 'stale') process.stderr.write(`${name}: sources changed since the last \`npm run build\`; running them through tsx, slower to start.\n`);
  const { register } = await importTsxApi();
  register();
  await import(new URL('src/cli.ts', packageRoot).href);
}

/** 'fresh', 'stale' (a source is newer than the build) or 'absent'. */
function buildState(packageRoot) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(new URL('dist/inputs.json', packageRoot), 'utf8'));
  } catch {
    return 'absent';
  }
  try {
    return manifest.inputs.every((input) => fs.statSync(new URL(input, packageRoot)).mtimeMs <= manifest.builtAt) ? 'fresh' : 'stale';
  } catch {
    return 'stale';
  }
}

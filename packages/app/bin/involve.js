#!/usr/bin/env node
// Runs the command line built by `npm run build` (dist/, made at install by npm ci's prepare step)
// while no source bundled into it has changed since; otherwise the TypeScript through tsx, so an
// edit is never run stale.
import fs from 'node:fs';

const packageRoot = new URL('../', import.meta.url);

/** 'fresh', 'stale' (a source is newer than the build) or 'absent'. */
function buildState() {
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

const state = buildState();
if (state === 'fresh') {
  await import(new URL('dist/cli.js', packageRoot).href);
} else {
  if (state === 'stale') process.stderr.write('involve: sources changed since the last `npm run build`; running them through tsx, slower to start.\n');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}

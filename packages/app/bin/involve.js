#!/usr/bin/env node
// The `involve` command: the built command line while it is fresh, else the TypeScript (scripts/runCli.mjs).
import { runCli } from '../../../scripts/runCli.mjs';

await runCli('involve', import.meta.url, () => import('tsx/esm/api'));

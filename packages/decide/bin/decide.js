#!/usr/bin/env node
// The `decide` command: the built command line while it is fresh, else the TypeScript (scripts/runCli.mjs).
import { runCli } from '../../../scripts/runCli.mjs';

await runCli('decide', import.meta.url, () => import('tsx/esm/api'));

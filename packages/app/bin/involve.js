#!/usr/bin/env -S node --max-semi-space-size=64
// V8's young generation at 64 MB (from 16): rendering a page makes many short-lived objects, and
// with the default the server spent a tenth of its time collecting them (the signed-in account page
// served 607 requests/s at 50 connections, p99 120 ms; with this, 695/s, p99 92 ms). `npm start`
// passes the same; cluster workers inherit it.
// The `involve` command: the built command line while it is fresh, else the TypeScript (scripts/runCli.mjs).
import { runCli } from '../../../scripts/runCli.mjs';

await runCli('involve', import.meta.url, () => import('tsx/esm/api'));

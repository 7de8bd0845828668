// The job that computes queued selection rounds. Each tick claims one round at a time, atomically
// (a queued round, or a running one whose claim has lapsed because its instance died), so that two
// instances of Involve never compute the same round; runs decide in a forked child process
// (selectionWorker.ts) so the server stays responsive; writes its progress to the round at most
// every 500 ms (which also renews the claim); then stores the result and makes the panel members
// ('selected'), or marks the round failed with the reason in words.
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InfeasibleQuotasError, SortitionInputError } from '@involve/decide/sortition';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import type { ModuleJob } from '../../platform/module.js';
import { systemActor } from '../../platform/permissions.js';
import { appSourceRoot } from '../../platform/views.js';
import { todayInEngland } from '../../platform/web/forms.js';
import { assertCan } from './policy.js';
import type { SelectionRow } from './records.js';
import type { SelectionResult } from './schema.js';
import type { SelectionTask, WorkerMessage } from './selectionWorker.js';
import { computeSelection } from './sortition.js';

/** A claim lapses when its instance has not written to the round for this long. */
export const claimLapseMinutes = 5;
/** Progress is written at most this often. */
export const progressEveryMs = 500;

/** This process's name on the rounds it claims. */
export const instanceName = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Claim one round to compute, in one statement: the oldest queued round, or a running one whose
 * claim has lapsed. Two instances claiming at once get different rounds, or one gets none.
 */
export async function claimSelection(db: Db, holder: string, selectionId?: number): Promise<SelectionRow | null> {
  const lapsed = sql<Date>`now() - make_interval(mins => ${claimLapseMinutes})`;
  const waiting = db
    .selectFrom('assembly_selection')
    .select('id')
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('claimed_at', '<', lapsed)])]))
    .$if(selectionId !== undefined, (q) => q.where('id', '=', selectionId as number))
    .orderBy('requested_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked();
  const row = await db
    .updateTable('assembly_selection')
    .set({ status: 'running', claimed_by: holder, claimed_at: sql<Date>`now()`, progress_done: 0, progress_detail: 'starting' })
    .where('id', '=', (eb) => eb.selectFrom(waiting.as('w')).select('w.id'))
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('claimed_at', '<', lapsed)])]))
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** How a round is computed: in a child process (the server) or here (the demo, tests). */
export type SelectionRunner = (task: SelectionTask, onProgress: (done: number, total: number, detail: string) => void) => Promise<WorkerMessage>;

const require = createRequire(import.meta.url);

/** The worker's source, beside this file when run from the TypeScript, or in src/ when run from the build. */
function workerPath(): string {
  const here = path.join(appSourceRoot, 'modules', 'assemblies', 'selectionWorker.ts');
  if (!fs.existsSync(here)) throw new Error(`The selection worker is missing: ${here}`);
  return here;
}

/** Compute a round in a forked child process (node --import tsx selectionWorker.ts). */
export const forkedRunner: SelectionRunner = (task, onProgress) =>
  new Promise((resolve) => {
    let settled: WorkerMessage | null = null;
    let child: ChildProcess;
    try {
      child = fork(workerPath(), [], {
        execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
      });
    } catch (error) {
      resolve({ type: 'failed', kind: 'crash', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.done, message.total, message.detail);
      else settled = message;
    });
    child.on('error', (error) => {
      settled ??= { type: 'failed', kind: 'crash', message: error.message };
    });
    child.on('exit', (code, signal) => {
      resolve(
        settled ?? { type: 'failed', kind: 'crash', message: `The selection stopped unexpectedly (${signal ?? `exit code ${code}`}). ${stderr.trim()}`.trim() },
      );
    });
    child.send(task);
  });

/** Compute a round in this process (the demo, and tests that do not need the fork). */
export const inProcessRunner: SelectionRunner = async (task, onProgress) => {
  try {
    const result = await computeSelection(task.categoriesCsv, task.respondentsCsv, task.seats, task.algorithm, task.seed, (p) =>
      onProgress(p.done, p.total, p.detail),
    );
    return { type: 'done', result };
  } catch (error) {
    const kind = error instanceof InfeasibleQuotasError ? 'infeasible' : error instanceof SortitionInputError ? 'input' : 'crash';
    return { type: 'failed', kind, message: error instanceof Error ? error.message : String(error) };
  }
};

/** Words for the organiser when a round fails. */
function failureText(message: Extract<WorkerMessage, { type: 'failed' }>): string {
  const text =
    message.kind === 'infeasible'
      ? message.message
      : message.kind === 'input'
        ? `The pool and the quotas do not fit together:\n${message.message}`
        : `The draw could not be computed: ${message.message}`;
  return text.slice(0, 5000);
}

/** Compute one claimed round and store what came of it. */
export async function runSelection(db: Db, row: SelectionRow, holder: string, runner: SelectionRunner = forkedRunner): Promise<'done' | 'failed' | 'lost'> {
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const write = (values: { progress_done?: number; progress_total?: number; progress_detail?: string }) => {
    lastWrite = Date.now();
    writing = writing
      .then(() =>
        db
          .updateTable('assembly_selection')
          .set({ ...values, claimed_at: sql<Date>`now()` })
          .where('id', '=', row.id)
          .where('claimed_by', '=', holder)
          .where('status', '=', 'running')
          .execute(),
      )
      .catch(() => {});
  };
  // The claim is renewed even while decide says nothing for a while.
  const heartbeat = setInterval(() => write({}), 60_000);
  heartbeat.unref();
  let outcome: WorkerMessage;
  try {
    outcome = await runner(
      { categoriesCsv: row.categories_csv, respondentsCsv: row.respondents_csv, seats: row.seats, algorithm: row.algorithm, seed: row.seed },
      (done, total, detail) => {
        if (Date.now() - lastWrite >= progressEveryMs)
          write({ progress_done: Math.max(0, Math.round(done)), progress_total: Math.max(1, Math.round(total)), progress_detail: detail.slice(0, 500) });
      },
    );
  } finally {
    clearInterval(heartbeat);
    await writing;
  }
  if (outcome.type === 'done') return (await storeResult(db, row, holder, outcome.result)) ? 'done' : 'lost';
  if (outcome.type === 'progress') return 'lost';
  const failed = await db
    .updateTable('assembly_selection')
    .set({ status: 'failed', error: failureText(outcome), finished_at: new Date(), progress_detail: 'failed' })
    .where('id', '=', row.id)
    .where('claimed_by', '=', holder)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(failed.numUpdatedRows) ? 'failed' : 'lost';
}

/** The day a standing assembly's new member's term ends: today plus its term, in England. */
function termEnds(months: number): string {
  const [y, m, d] = todayInEngland().split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(d, lastDay));
  return end.toISOString().slice(0, 10);
}

/**
 * Store a round's result (only while this instance still holds it) and seat the panel: each drawn
 * volunteer becomes a member, 'selected' (or 'withdrawn' if they withdrew while it was drawn). The
 * result's quota report counts the members kept too, against the assembly's own quotas.
 */
async function storeResult(db: Db, row: SelectionRow, holder: string, result: SelectionResult): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const [assembly, quotas, kept] = await Promise.all([
      trx.selectFrom('assembly').select(['kind', 'term_months']).where('id', '=', row.assembly_id).executeTakeFirstOrThrow(),
      trx.selectFrom('assembly_quota').select(['feature', 'value', 'min', 'max']).where('assembly_id', '=', row.assembly_id).execute(),
      row.fixed_pool_ids.length
        ? trx
            .selectFrom('assembly_volunteer')
            .select('features')
            .where('assembly_id', '=', row.assembly_id)
            .where('pool_id', 'in', row.fixed_pool_ids)
            .execute()
        : Promise.resolve([]),
    ]);
    const limits = new Map(quotas.map((q) => [`${q.feature}\u0000${q.value}`, q]));
    const withKept = {
      ...result,
      quotas: result.quotas.map((q) => {
        const own = limits.get(`${q.feature}\u0000${q.value}`);
        const keptHere = kept.filter((k) => k.features[q.feature] === q.value).length;
        return { ...q, min: own?.min ?? q.min, max: own?.max ?? q.max, selected: q.selected + keptHere };
      }),
    };
    const stored = await trx
      .updateTable('assembly_selection')
      .set({
        status: 'done',
        result: JSON.stringify(withKept),
        progress_done: sql`progress_total`,
        progress_detail: 'done',
        error: null,
        finished_at: new Date(),
      })
      .where('id', '=', row.id)
      .where('claimed_by', '=', holder)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (!Number(stored.numUpdatedRows)) return false;
    const drawn = result.panel.length
      ? await trx
          .selectFrom('assembly_volunteer')
          .select(['id', 'status'])
          .where('assembly_id', '=', row.assembly_id)
          .where('pool_id', 'in', result.panel)
          .execute()
      : [];
    const ends = assembly.kind === 'standing' && assembly.term_months ? termEnds(assembly.term_months) : null;
    if (drawn.length)
      await trx
        .insertInto('assembly_member')
        .values(
          drawn.map((v) => ({
            assembly_id: row.assembly_id,
            volunteer_id: v.id,
            selection_id: row.id,
            status: v.status === 'withdrawn' ? ('withdrawn' as const) : ('selected' as const),
            term_ends: ends,
          })),
        )
        .execute();
    await recordAudit(trx, null, {
      action: 'assembly.selection_done',
      subjectType: 'assembly',
      subjectId: row.assembly_id,
      detail: { round: row.round, drawn: drawn.length },
    });
    return true;
  });
}

/** Claim and compute queued rounds one after another until none is left; the number computed. */
export async function runQueuedSelections(db: Db, options: { holder?: string; runner?: SelectionRunner; limit?: number } = {}): Promise<number> {
  assertCan(systemActor('assemblies.selections'), 'assembly.runSelection');
  const holder = options.holder ?? instanceName;
  let computed = 0;
  for (let i = 0; i < (options.limit ?? 10); i++) {
    const row = await claimSelection(db, holder);
    if (!row) break;
    await runSelection(db, row, holder, options.runner);
    computed++;
  }
  return computed;
}

export const selectionJob: ModuleJob = {
  name: 'assemblies.selections',
  everyMs: 2000,
  runAtStart: true,
  run: ({ db, logger }) =>
    runQueuedSelections(db).then((computed) => {
      if (computed) logger.info({ job: 'assemblies.selections', computed }, 'selection rounds computed');
      return computed;
    }),
};

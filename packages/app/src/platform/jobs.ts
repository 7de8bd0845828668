// Background work that repeats while the server runs (sending mail, the modules' jobs). Each run
// first claims the job's named lease in the database, so across every app instance on that database
// one at a time runs a given job; an instance that finds the lease held skips that run. The lease is
// renewed while the job runs and let go when it ends; one held by an instance that died expires.
// A lease held past its time (a stalled database) can still let two runs overlap, so each job's own
// work must be safe to repeat too. A failure is logged and the job tries again on its next tick.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from './database.js';

export interface RepeatingJob {
  /** Run now (for example right after something was queued), without waiting for the next tick. Resolves when that run ends or is skipped. */
  kick(): Promise<void>;
  stop(): Promise<void>;
}

export interface RepeatingJobOptions {
  /** The database that holds the job's lease. */
  db: Db;
  /** How long a lease lasts unless renewed (it is renewed every third of this while the job runs). Default one minute. */
  leaseMs?: number;
}

/**
 * Take the lease `name` for `holder` until `leaseMs` from now, in one atomic statement: granted when
 * nobody holds it, when it has expired, or when `holder` already holds it (a renewal). Times are the
 * database's, so the instances' clocks need not agree.
 */
export async function claimJobLease(db: Db, name: string, holder: string, leaseMs: number): Promise<boolean> {
  const until = sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`;
  const row = await db
    .insertInto('job_lease')
    .values({ name, holder, until })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder: (eb) => eb.ref('excluded.holder'), until: (eb) => eb.ref('excluded.until') })
        .where((eb) => eb.or([eb('job_lease.until', '<', sql<Date>`now()`), eb('job_lease.holder', '=', eb.ref('excluded.holder'))])),
    )
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}

/** Let the lease go (only if `holder` still holds it). */
export async function releaseJobLease(db: Db, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_lease').where('name', '=', name).where('holder', '=', holder).execute();
}

export function startRepeatingJob(name: string, everyMs: number, work: () => Promise<unknown>, logger: Logger, options: RepeatingJobOptions): RepeatingJob {
  const { db } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const holder = `${os.hostname()}:${process.pid}:${randomUUID()}`;
  const logFailure = (message: string) => (error: unknown) => logger.error({ job: name, err: error instanceof Error ? error.message : String(error) }, message);
  let current: Promise<void> | null = null;
  let stopped = false;

  async function runUnderLease(): Promise<void> {
    if (!(await claimJobLease(db, name, holder, leaseMs))) return; // another instance is running it
    const renewal = setInterval(() => {
      claimJobLease(db, name, holder, leaseMs).then((held) => {
        if (!held) logger.warn({ job: name }, 'job lease lost while running (another instance may run it too)');
      }, logFailure('job lease not renewed'));
    }, leaseMs / 3);
    renewal.unref();
    try {
      await work();
    } finally {
      clearInterval(renewal);
      await releaseJobLease(db, name, holder).catch(logFailure('job lease not released (it will expire)'));
    }
  }

  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    current ??= runUnderLease()
      .catch(logFailure('job failed'))
      .finally(() => {
        current = null;
      });
    return current;
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}

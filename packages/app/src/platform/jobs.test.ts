// A repeating job's lease (issue 12, defect 5): one holder at a time, renewed by its holder, let
// go at the end of a run, and taken over once it has expired (an instance that died holding it).
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../test/testDatabase.js';
import { createPino } from '../../test/testLogger.js';
import { claimJobLease, releaseJobLease, startRepeatingJob } from './jobs.js';

describeWithTestDatabase('job leases', (database) => {
  it('is held by one holder at a time, renewed by it, and free again when let go', async () => {
    const { db } = database;
    expect(await claimJobLease(db, 'digest', 'instance A', 60_000)).toBe(true);
    expect(await claimJobLease(db, 'digest', 'instance B', 60_000)).toBe(false);
    expect(await claimJobLease(db, 'digest', 'instance A', 60_000)).toBe(true);
    // Another job's lease is another matter.
    expect(await claimJobLease(db, 'reminders', 'instance B', 60_000)).toBe(true);
    await releaseJobLease(db, 'digest', 'instance B'); // not B's to let go
    expect(await claimJobLease(db, 'digest', 'instance B', 60_000)).toBe(false);
    await releaseJobLease(db, 'digest', 'instance A');
    expect(await claimJobLease(db, 'digest', 'instance B', 60_000)).toBe(true);
  });

  it('is taken over once it has expired (its holder died)', async () => {
    const { db } = database;
    expect(await claimJobLease(db, 'crashed', 'instance A', 60_000)).toBe(true);
    await db.updateTable('job_lease').set({ until: sql<Date>`now() - interval '1 second'` }).where('name', '=', 'crashed').execute();
    expect(await claimJobLease(db, 'crashed', 'instance B', 60_000)).toBe(true);
    expect(await db.selectFrom('job_lease').select('holder').where('name', '=', 'crashed').executeTakeFirstOrThrow()).toEqual({ holder: 'instance B' });
  });

  it('skips a run while another holds the lease, and runs when it is free', async () => {
    let runs = 0;
    const job = startRepeatingJob('held elsewhere', 60_000, async () => runs++, createPino(), { db: database.db });
    expect(await claimJobLease(database.db, 'held elsewhere', 'another instance', 60_000)).toBe(true);
    await job.kick();
    expect(runs).toBe(0);
    await releaseJobLease(database.db, 'held elsewhere', 'another instance');
    await job.kick();
    expect(runs).toBe(1);
    // Let go after the run: nobody holds it.
    expect(await database.db.selectFrom('job_lease').selectAll().where('name', '=', 'held elsewhere').execute()).toEqual([]);
    await job.stop();
  });

  it('keeps the lease while a run outlasts it, and a failed run lets it go', async () => {
    let release = () => {};
    const job = startRepeatingJob('long', 60_000, () => new Promise<void>((resolve) => (release = resolve)), createPino(), { db: database.db, leaseMs: 300 });
    const running = job.kick();
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await claimJobLease(database.db, 'long', 'another instance', 300)).toBe(false);
    release();
    await running;
    const failing = startRepeatingJob(
      'failing',
      60_000,
      async () => {
        throw new Error('boom');
      },
      createPino(),
      { db: database.db },
    );
    await failing.kick();
    expect(await claimJobLease(database.db, 'failing', 'another instance', 60_000)).toBe(true);
    await job.stop();
    await failing.stop();
  });
});

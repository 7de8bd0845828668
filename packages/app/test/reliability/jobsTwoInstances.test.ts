// Two app instances on one PostgreSQL database run a repeating job once when both start it at the
// same moment (issue 12, defect 5: complaint reminders and story digests ran on every instance).
// Each run first claims the job's named lease in the database; the instance that does not get it
// skips that run.
import { afterAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/platform/database.js';
import { startRepeatingJob } from '../../src/platform/jobs.js';
import { createPino } from '../testLogger.js';
import { sharedPostgresDatabase } from './sharedDatabase.js';

describe.runIf(process.env.TEST_DATABASE_URL)('a repeating job on two instances of one PostgreSQL database', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function twoInstances(): Promise<DatabaseHandle[]> {
    const shared = await sharedPostgresDatabase('jobs2');
    cleanups.push(() => shared.drop());
    const databaseUrl = shared.url;
    const handles = [await openDatabase({ databaseUrl }), await openDatabase({ databaseUrl })];
    for (const handle of handles) cleanups.push(() => handle.close());
    return handles;
  }

  it('runs once when both instances start it at the same moment, ten times over', async () => {
    const handles = await twoInstances();
    for (let round = 0; round < 10; round++) {
      let runs = 0;
      const work = async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 200));
      };
      const jobs = handles.map((handle) => startRepeatingJob(`race ${round}`, 60_000, work, createPino(), { db: handle.db }));
      // Both at once, as two instances starting together would; stop() waits for a run in progress.
      await Promise.all(jobs.map((job) => job.kick()));
      for (const job of jobs) await job.stop();
      expect(runs, `round ${round}`).toBe(1);
    }
  });

  it('lets the other instance run it once the first has finished (runs never overlap)', async () => {
    const handles = await twoInstances();
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const work = async () => {
      running++;
      runs++;
      if (running > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
    };
    const jobs = handles.map((handle) => startRepeatingJob('overlap', 5, work, createPino(), { db: handle.db }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const job of jobs) await job.stop();
    expect(overlapped).toBe(false);
    // Both tick every 5 ms for 1.5 s: the job ran many times, one at a time, from either instance.
    expect(runs).toBeGreaterThan(5);
  });
});

// Background work that repeats while the server runs (sending mail). Each job runs at most once at
// a time; a failure is logged and the job tries again on its next tick.
import type { Logger } from 'pino';

export interface RepeatingJob {
  /** Run now (for example right after something was queued), without waiting for the next tick. */
  kick(): void;
  stop(): Promise<void>;
}

export function startRepeatingJob(name: string, everyMs: number, work: () => Promise<unknown>, logger: Logger): RepeatingJob {
  let current: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped || current) return;
    current = work()
      .then(() => undefined)
      .catch((error: unknown) => logger.error({ job: name, err: error instanceof Error ? error.message : String(error) }, 'job failed'))
      .finally(() => (current = null));
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

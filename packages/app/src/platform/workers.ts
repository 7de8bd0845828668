// Several Node processes serving one Involve (WORKERS above 1, PostgreSQL only): one process renders
// pages on one core, so a machine with more cores serves more by running one worker per core. The
// first process migrates and loads the demo once, then starts the workers, which share the port
// (Node's cluster hands each connection to one of them) and everything else through the database,
// as separate instances do: sessions, limits and job leases already live there. A worker that dies
// is replaced; SIGTERM or SIGINT stops every worker, each finishing its requests in flight.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

export interface WorkerPlan {
  workers: number;
  /** In the first process, before any worker starts: migrations and the demo. */
  prepare(): Promise<void>;
  /** In each worker: serve until told to stop; resolves with the address served. */
  serve(): Promise<{ url: string; stop(): Promise<void> }>;
  logger: Logger;
  /** Told once, when every worker serves. */
  onReady(url: string): void;
  onStopped(code: number): void;
}

/** A worker that dies this soon after starting is not started again, lest a broken build loop forever. */
const startupGraceMs = 10_000;

export function isWorkerProcess(): boolean {
  return cluster.isWorker;
}

export async function serveInWorkers(plan: WorkerPlan): Promise<void> {
  if (cluster.isWorker) return serveAsWorker(plan);
  await plan.prepare();
  let stopping = false;
  let listening = 0;
  const started = new Map<Worker, number>();
  const start = () => started.set(cluster.fork({ INVOLVE_WORKER: '1' }), Date.now());
  cluster.on('message', (worker, message: { type?: string; url?: string }) => {
    if (message?.type !== 'listening' || !message.url) return;
    listening++;
    plan.logger.info({ worker: worker.process.pid, url: message.url }, 'worker serving');
    if (listening === plan.workers) plan.onReady(message.url);
  });
  cluster.on('exit', (worker, code, signal) => {
    const since = started.get(worker) ?? 0;
    started.delete(worker);
    if (stopping) {
      if (started.size === 0) plan.onStopped(0);
      return;
    }
    plan.logger.error({ worker: worker.process.pid, code, signal }, 'a worker stopped');
    if (Date.now() - since < startupGraceMs) {
      plan.logger.error('the worker stopped while starting: stopping Involve');
      stopping = true;
      for (const other of started.keys()) other.process.kill('SIGTERM');
      if (started.size === 0) plan.onStopped(1);
      return;
    }
    start();
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      plan.logger.info({ signal }, 'shutting down the workers');
      stopping = true;
      for (const worker of started.keys()) worker.process.kill('SIGTERM');
      if (started.size === 0) plan.onStopped(0);
    });
  }
  for (let i = 0; i < plan.workers; i++) start();
}

async function serveAsWorker(plan: WorkerPlan): Promise<void> {
  const running = await plan.serve();
  process.send?.({ type: 'listening', url: running.url });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running.stop().then(
        () => plan.onStopped(0),
        () => plan.onStopped(1),
      );
    });
  }
}

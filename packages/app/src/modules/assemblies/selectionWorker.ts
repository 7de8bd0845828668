// The selection worker: a child process the selection job forks for one round, so that decide's
// solver (seconds to minutes of LEXIMIN) never holds up the server. It is sent the round's published
// files, seats, algorithm and seed; it sends back progress (at most every 200 ms) and then the
// result, or why it failed; then it exits.
import { InfeasibleQuotasError, SortitionInputError } from '@involve/decide/sortition';
import type { SelectionAlgorithm, SelectionResult } from './schema.js';
import { computeSelection } from './sortition.js';

export interface SelectionTask {
  categoriesCsv: string;
  respondentsCsv: string;
  seats: number;
  algorithm: SelectionAlgorithm;
  seed: string;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; detail: string }
  | { type: 'done'; result: SelectionResult }
  /** infeasible: no panel meets the quotas; input: the files do not fit together; crash: anything else. */
  | { type: 'failed'; kind: 'infeasible' | 'input' | 'crash'; message: string };

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

process.once('message', async (task: SelectionTask) => {
  let last = 0;
  try {
    const result = await computeSelection(task.categoriesCsv, task.respondentsCsv, task.seats, task.algorithm, task.seed, (p) => {
      const now = Date.now();
      if (now - last < 200 && p.done < p.total) return;
      last = now;
      void send({ type: 'progress', done: p.done, total: p.total, detail: p.detail });
    });
    await send({ type: 'done', result });
  } catch (error) {
    const kind = error instanceof InfeasibleQuotasError ? 'infeasible' : error instanceof SortitionInputError ? 'input' : 'crash';
    await send({ type: 'failed', kind, message: error instanceof Error ? error.message : String(error) });
  }
  process.disconnect?.();
});

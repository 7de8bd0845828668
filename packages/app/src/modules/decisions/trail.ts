// The rules of the accountability trail, as plain functions: which status an action may move to,
// whether it is overdue, and how a decision's actions add up.
import type { ActionStatus } from './schema.js';

export const statusLabels: Record<ActionStatus, string> = { planned: 'Planned', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' };

/** An action is overdue when its due date has passed and it is neither done nor dropped. */
export function isOverdue(action: { status: ActionStatus; dueOn: string }, today: string): boolean {
  return (action.status === 'planned' || action.status === 'in_progress') && action.dueOn < today;
}

/** Moves staff may make: anything but back to planned once work has started; done and dropped are final unless reopened to in progress. */
export function mayMove(from: ActionStatus, to: ActionStatus): boolean {
  if (from === to) return false;
  if (to === 'planned') return false;
  return true;
}

export interface ActionTally {
  total: number;
  done: number;
  inProgress: number;
  planned: number;
  dropped: number;
  overdue: number;
}

export function tally(actions: ReadonlyArray<{ status: ActionStatus; dueOn: string }>, today: string): ActionTally {
  return {
    total: actions.length,
    done: actions.filter((a) => a.status === 'done').length,
    inProgress: actions.filter((a) => a.status === 'in_progress').length,
    planned: actions.filter((a) => a.status === 'planned').length,
    dropped: actions.filter((a) => a.status === 'dropped').length,
    overdue: actions.filter((a) => isOverdue(a, today)).length,
  };
}

// Who may do what in participatory budgeting: anyone reads a process and may try to vote (whether
// they may is the service's eligibility check, not a role); signed-in people propose, support and
// comment on ideas; moderators publish ideas and comments; staff enter paper ballots; the
// organisation's admins run the process (settings, phases, review and costing, codes, count, delivery).
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const budgetsPolicy = definePolicy({
  'budget.read': ['anyone'],
  'budget.manage': [{ orgRole: ['admin'] }],
  'budget.moderate': ['platformModerator', { orgRole: ['admin', 'moderator'] }],
  'budget.enterPaper': [{ orgRole: ['admin', 'member'] }],
  'budget.propose': ['signedIn'],
  'budget.support': ['signedIn'],
  'budget.comment': ['signedIn'],
  'budget.vote': ['anyone'],
});

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof budgetsPolicy, true> {}
}

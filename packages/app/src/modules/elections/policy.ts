// Who may do what in elections: anyone reads an election and may try to vote (the voting code is
// the check, not a role); any signed-in person may try to nominate themself (whether they may is the
// electorate's check); staff of the organisation type in paper ballots; its admins run the election
// (settings, electorate, codes, nominations, phases, the count, recounts) and see the turnout.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const electionsPolicy = definePolicy({
  'election.read': ['anyone'],
  'election.manage': [{ orgRole: ['admin'] }],
  'election.enterPaper': [{ orgRole: ['admin', 'member'] }],
  'election.nominate': ['signedIn'],
  'election.vote': ['anyone'],
  'election.turnout': [{ orgRole: ['admin'] }],
});

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof electionsPolicy, true> {}
}

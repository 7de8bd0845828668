// Who may do what in citizens' assemblies: anyone reads an assembly once it is out of draft and its
// published selection record; signed-in people register (with a code, or openly where the
// organisation allows: the service checks which); members use the members' space (the service checks
// membership); the convening organisation's admins run it: addresses and invitations, the
// registrations with their contact details and access needs, quotas, the draw, the work, and the
// public answers to the recommendations. The system runs the selection rounds.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const assembliesPolicy = definePolicy({
  'assembly.read': ['anyone'],
  'assembly.manage': [{ orgRole: ['admin'] }],
  'assembly.answer': [{ orgRole: ['admin'] }],
  'assembly.register': ['signedIn'],
  'assembly.memberSpace': ['signedIn'],
  'assembly.runSelection': ['system'],
});

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof assembliesPolicy, true> {}
}

// Who may do what in a time bank: anyone reads a time bank's offers and requests; signed-in people
// join and trade as themselves; an organisation's admins act for it as a group member; the time
// bank's organisation's admins (and its coordinators) run it: members, exchanges recorded and
// reversed, listings hidden, every statement. A statement is its member's own and the coordinators'.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const timebankPolicy = definePolicy(
  {
    'timebank.read': ['anyone'],
    /** Start a time bank for an organisation, and coordinate it. */
    'timebank.coordinate': [{ orgRole: ['admin'] }],
    /** Join and trade as oneself (resource: the person's account). */
    'timebank.actAsPerson': ['self'],
    /** Join and trade for a group (resource: the group's organisation). */
    'timebank.actAsGroup': [{ orgRole: ['admin'] }],
  },
  { notForPlatformAdmins: ['timebank.actAsPerson', 'timebank.actAsGroup'] },
);

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof timebankPolicy, true> {}
}

// Who may do what with decisions: anyone reads the trail; an organisation's admins record its
// decisions and move their actions; anyone signed in follows a decision.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const decisionsPolicy = definePolicy({
  'decision.read': ['anyone'],
  'decision.record': [{ orgRole: ['admin'] }],
  'decision.follow': ['signedIn'],
});

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof decisionsPolicy, true> {}
}

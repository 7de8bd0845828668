// Who may do what with following: anyone signed in follows places, organisations and bodies and
// manages their own follows; Involve itself sends the weekly digests.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const followingPolicy = definePolicy(
  {
    'follow.manage': ['self'],
    'follow.digest': ['system'],
  },
  { notForPlatformAdmins: ['follow.manage'] },
);

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof followingPolicy, true> {}
}

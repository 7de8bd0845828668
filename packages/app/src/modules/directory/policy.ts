// Who may do what in the community directory: anyone reads it (the public pages and the Open
// Referral UK API); an organisation's admins keep their own organisation's entries right (add,
// edit, mark checked); platform admins and Involve's own command import exchanged directories.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const directoryPolicy = definePolicy({
  'directory.read': ['anyone'],
  'directory.manage': [{ orgRole: ['admin'] }],
  'directory.import': ['platformAdmin', 'system'],
  'directory.remind': ['system'],
});

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof directoryPolicy, true> {}
}

// Who may do what with accounts and roles. A person's own account is theirs alone: not even a
// platform admin reads "about you" or manages someone's API tokens.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const accountsPolicy = definePolicy(
  {
    'account.read': ['self'],
    'account.update': ['self'],
    'apiToken.manage': ['self'],
    // An organisation admin hands out roles in their own organisation only.
    'role.manage': [{ orgRole: ['admin'] }],
    'platformRole.manage': ['platformAdmin'],
    // `involve create-admin`, run by whoever runs the server.
    'platformRole.grantFromCommandLine': ['system'],
  },
  { notForPlatformAdmins: ['account.read', 'account.update', 'apiToken.manage'] },
);

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof accountsPolicy, true> {}
}

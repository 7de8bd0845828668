// Who may do what in the registry: public reads, admin writes.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const registryPolicy = definePolicy({
  'registry.read': ['anyone'],
  'place.manage': ['platformAdmin'],
  'organisation.create': ['platformAdmin'],
  'organisation.update': [{ orgRole: ['admin'] }],
  'organisation.delete': ['platformAdmin'],
  // `involve import organisations` runs as the system, on the server's own machine.
  'organisation.import': ['platformAdmin', 'system'],
  'relation.manage': [{ orgRole: ['admin'] }],
  'body.manage': [{ orgRole: ['admin'] }],
  'member.manage': [{ orgRole: ['admin'] }],
});

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof registryPolicy, true> {}
}

// Who may do what to the site's own pages: anyone reads the statements and help (they need no gate);
// only a platform admin changes the organisation-specific parts (operator, contact details, DPO).
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const sitePolicy = definePolicy({
  /** Change the operator's details and the statements' extra paragraphs (/admin/site). */
  'site.edit': ['platformAdmin'],
});

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof sitePolicy, true> {}
}

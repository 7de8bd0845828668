// Who may do what with consultations: anyone reads what is open or published and answers (an
// account only when the organisation asks for one); the organisation's admins draft,
// open and close them, enter paper and phone answers, code free text and publish the outcome.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const consultationsPolicy = definePolicy({
  'consultation.read': ['anyone'],
  'consultation.answer': ['anyone'],
  'consultation.manage': [{ orgRole: ['admin'] }],
  'consultation.enterOnBehalf': [{ orgRole: ['admin'] }],
  'consultation.analyse': [{ orgRole: ['admin'] }],
  // The outcome email to everyone who answered and left an address.
  'consultation.tellOutcome': ['system'],
});

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof consultationsPolicy, true> {}
}

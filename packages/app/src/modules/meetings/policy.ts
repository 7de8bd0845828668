// Who may do what with public meetings: anyone reads them, sends a question and registers to attend;
// the body's organisation's admins arrange meetings, their agendas and papers, and alone see the
// papers of the private part and who registered; its admins and moderators moderate questions.
// None of the organisation's powers come with being a platform admin: private papers and
// registrants' details belong to the organisation.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const meetingsPolicy = definePolicy(
  {
    'meeting.read': ['anyone'],
    'meeting.ask': ['anyone'],
    'meeting.register': ['anyone'],
    'meeting.manage': [{ orgRole: ['admin'] }],
    'meeting.readPrivatePapers': [{ orgRole: ['admin'] }],
    'meeting.moderateQuestions': [{ orgRole: ['admin', 'moderator'] }],
    'meeting.readRegistrations': [{ orgRole: ['admin'] }],
  },
  { notForPlatformAdmins: ['meeting.manage', 'meeting.readPrivatePapers', 'meeting.moderateQuestions', 'meeting.readRegistrations'] },
);

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof meetingsPolicy, true> {}
}

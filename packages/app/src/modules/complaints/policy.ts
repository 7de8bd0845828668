// Who may do what with complaints: only the complainant (or their representative, who made it) and
// the organisation's complaints managers; not other staff, and not platform admins.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const complaintsPolicy = definePolicy(
  {
    'complaint.make': ['signedIn'],
    'complaint.read': ['self', { orgRole: ['complaints_manager'] }],
    // The complainant's own view of their complaint (the one who made it, for themselves or another).
    'complaint.readOwn': ['self'],
    'complaint.manage': [{ orgRole: ['complaints_manager'] }],
    'complaint.report': [{ orgRole: ['complaints_manager'] }],
    'complaintTemplate.manage': [{ orgRole: ['complaints_manager'] }],
    'complaintHoliday.manage': ['platformAdmin', { orgRole: ['complaints_manager'] }],
    // The reminder job: reads deadlines and queues reminders, never the complaint's words.
    'complaint.sendReminders': ['system'],
  },
  { notForPlatformAdmins: ['complaint.read', 'complaint.readOwn', 'complaint.manage', 'complaint.report'] },
);

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof complaintsPolicy, true> {}
}

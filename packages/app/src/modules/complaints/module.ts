// Formal complaints under the NHS complaints regulations (2009): making and following a complaint,
// the complaints manager's work, deadlines in working days with reminders, letters and figures.
import type { InvolveModule } from '../../platform/module.js';
import * as m0001 from './migrations/0001_complaints.js';
import { complaintsPolicy } from './policy.js';
import { sendComplaintReminders } from './reminders.js';
import { registerComplaintRoutes } from './routes.js';
import { complaintsTables } from './schema.js';
import { runWorkingDays } from './workingDaysCli.js';

export const complaintsModule: InvolveModule = {
  name: 'complaints',
  tables: complaintsTables,
  migrations: { '0001_complaints': { ...m0001, formerName: '0005_complaints' } },
  routes: registerComplaintRoutes,
  policy: complaintsPolicy,
  jobs: [
    {
      // Deadline reminders go into the outbox; the mail job sends them.
      name: 'complaint reminders',
      everyMs: 10 * 60_000,
      runAtStart: true,
      run: ({ db, config, actor, now }) => sendComplaintReminders({ db, config }, actor, now),
    },
  ],
  commands: [
    {
      name: 'working-days',
      usage: 'DATE [N]',
      summary: 'whether DATE is a working day in England, or the date N working days after it',
      run: ({ args, stdout, stderr }) => runWorkingDays(args, stdout, stderr),
    },
  ],
};

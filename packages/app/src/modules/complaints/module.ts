// Formal complaints under the NHS complaints regulations (2009): making and following a complaint,
// the complaints manager's work, deadlines in working days with reminders, letters and figures.
import type { InvolveModule } from '../../platform/module.js';
import { complaintsDemo } from './demo.js';
import * as m0001 from './migrations/0001_complaints.js';
import * as m0002 from './migrations/0002_casework.js';
import { complaintsRights } from './personalData.js';
import { can, complaintsPolicy } from './policy.js';
import { sendComplaintReminders } from './reminders.js';
import { registerComplaintRoutes } from './routes/index.js';
import { complaintsTables } from './schema.js';
import { listOwnComplaints } from './service.js';
import { isOpen } from './timeline.js';
import { runWorkingDays } from './workingDaysCli.js';

export const complaintsModule: InvolveModule = {
  name: 'complaints',
  tables: complaintsTables,
  ...complaintsRights,
  migrations: { '0001_complaints': { ...m0001, formerName: '0005_complaints' }, '0002_casework': m0002 },
  routes: registerComplaintRoutes,
  policy: complaintsPolicy,
  flash: {
    'complaint-made': 'Your complaint has been sent. The organisation must acknowledge it within 3 working days.',
    acknowledged: 'The complaint is acknowledged and the letter is ready for the complainant.',
    'response-date-agreed': 'The response date is recorded.',
    'extension-agreed': 'The new response date is recorded.',
    'investigation-started': 'The complaint is now under investigation.',
    'final-response-sent': 'The final response is ready for the complainant.',
    'delay-letter-sent': 'The letter about the delay is ready for the complainant.',
    closed: 'The complaint is closed.',
    'ombudsman-recorded': 'The referral to the Ombudsman is recorded.',
    'time-limit-decided': 'The decision on the time limit is recorded.',
    'subjects-recorded': 'The subjects are recorded.',
    'template-saved': 'The template is saved. New letters start from it.',
    'template-reset': 'The template is back to Involve’s default.',
    'holiday-added': 'The holiday is added. Deadlines now skip it.',
    'holiday-removed': 'The holiday is removed.',
    'note-added': 'The case note is added. Only the complaints team can see it.',
    'contact-logged': 'The contact is added to the log.',
    'investigator-assigned': 'The investigator is recorded. Someone newly made the investigator is told by email.',
    'attachment-added': 'The document is attached. Only the complaints team can open it.',
  },
  links: {
    // Shown to everyone: the complaint form sends signed-out visitors to sign in first.
    organisation: (_context, organisation) => [
      { href: `/complaints/new?organisation=${organisation.id}`, text: `Make a complaint about ${organisation.name}` },
    ],
    account: ({ actor }) => (can(actor, 'complaint.make') ? [{ href: '/account/complaints', text: 'Your complaints' }] : []),
    mine: async (deps) =>
      can(deps.actor, 'complaint.make')
        ? (await listOwnComplaints(deps, deps.actor))
            .filter((c) => isOpen(c.status))
            .map((c) => ({ href: `/account/complaints/${c.id}`, text: `Your complaint ${c.reference} to ${c.organisationName}`, description: c.statusLabel }))
        : [],
  },
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
  demo: complaintsDemo,
};

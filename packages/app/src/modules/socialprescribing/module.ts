// Social prescribing: a person is referred (by their GP practice, a link worker, or themself) to a
// link worker's caseload; "what matters to me" conversations and a plan; connections to services in
// the community directory; follow-ups on dates with ONS4 wellbeing scores; closing with a reason.
// The record is the person's: they see it in their account; otherwise only their link worker and
// their referrer do.
import type { InvolveModule } from '../../platform/module.js';
import { socialPrescribingDemo } from './demo.js';
import * as m0001 from './migrations/0001_social_prescribing.js';
import { socialPrescribingRights } from './personalData.js';
import { can, socialPrescribingPolicy } from './policy.js';
import { followUpReminderJob } from './reminders.js';
import { registerSocialPrescribingRoutes } from './routes/index.js';
import { socialPrescribingTables } from './schema.js';
import { myReferrals, stateLabels } from './service.js';

export const socialPrescribingModule: InvolveModule = {
  name: 'socialprescribing',
  tables: socialPrescribingTables,
  ...socialPrescribingRights,
  migrations: { '0001_social_prescribing': m0001 },
  routes: registerSocialPrescribingRoutes,
  policy: socialPrescribingPolicy,
  jobs: [followUpReminderJob],
  flash: {
    'referral-sent': 'The referral is sent. A link worker will be in touch.',
    'referral-taken-on': 'The referral is on your caseload.',
    'referral-contacted': 'First contact recorded.',
    'referral-conversation': 'The conversation is recorded.',
    'referral-plan': 'The plan is saved.',
    'referral-connected': 'The connection is recorded.',
    'referral-connection-status': "The connection's status is saved.",
    'referral-follow-up-scheduled': 'The follow-up is scheduled.',
    'referral-follow-up-recorded': 'The follow-up is recorded.',
    'referral-wellbeing': 'The scores are recorded.',
    'referral-closed': 'The referral is closed.',
  },
  links: {
    organisation: ({ actor }, organisation) => {
      const resource = { organisationId: organisation.id };
      return [
        ...(can(actor, 'referral.caseload', resource)
          ? [{ href: `/organisations/${organisation.id}/social-prescribing`, text: 'Social prescribing caseload' }]
          : []),
        ...(can(actor, 'referral.figures', resource)
          ? [{ href: `/organisations/${organisation.id}/social-prescribing/figures`, text: 'Social prescribing figures' }]
          : []),
        ...(can(actor, 'referral.groupView', resource)
          ? [{ href: `/organisations/${organisation.id}/referrals-received`, text: 'Social prescribing referrals to your services' }]
          : []),
      ];
    },
    account: ({ actor }) =>
      actor.accountId === null
        ? []
        : [
            { href: '/account/social-prescribing', text: 'Your social prescribing record' },
            { href: '/social-prescribing', text: 'Social prescribing: help to find local groups and activities' },
          ],
    home: () => [
      { href: '/social-prescribing', text: 'Social prescribing', description: 'A link worker helps you find local groups and activities that suit you.' },
    ],
    mine: async ({ actor, db, config }) =>
      actor.accountId === null
        ? []
        : (await myReferrals({ db, config }, actor))
            .filter((r) => r.state !== 'closed')
            .map((r) => ({
              href: `/social-prescribing/referrals/${r.id}`,
              text: `Your social prescribing referral to ${r.organisationName}`,
              description: stateLabels[r.state],
            })),
  },
  demo: socialPrescribingDemo,
};

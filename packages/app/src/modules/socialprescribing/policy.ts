// Who may do what in social prescribing. The record belongs to the person: they read it (and add
// their own wellbeing scores); otherwise only the link worker whose caseload holds it and the person
// who referred them see it. A link worker sees the referrals waiting to be taken on in their
// organisation's caseload; an organisation's admins and link workers see its figures (counts under
// 10 suppressed); a group's admins see only that referrals were made to their services, where the
// person agreed. No platform admin reads a person's record by being one.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const socialPrescribingPolicy = definePolicy(
  {
    /** Learn what social prescribing is and which organisations offer it. */
    'referral.about': ['anyone'],
    /** Refer oneself (resource: none). */
    'referral.referSelf': ['signedIn'],
    /** Refer a person on an organisation's behalf, e.g. a GP practice (resource: the referring organisation). */
    'referral.referForOrganisation': [{ orgRole: ['referrer'] }],
    /** Work the organisation's caseload: see referrals waiting, take them on, refer in (resource: the service's organisation). */
    'referral.caseload': [{ orgRole: ['link_worker'] }],
    /** Work one referral as its link worker (resource: the link worker's account; with referral.caseload on its organisation). */
    'referral.work': ['self'],
    /** Read one's own record and add one's own wellbeing scores (resource: the person's account). */
    'referral.readOwn': ['self'],
    /** Read the progress of a referral one made (resource: the referrer's account). */
    'referral.readAsReferrer': ['self'],
    /** The organisation's social prescribing figures (resource: the service's organisation). */
    'referral.figures': [{ orgRole: ['admin', 'link_worker'] }],
    /** That referrals were made to a group's services, where the person agreed (resource: the group's organisation). */
    'referral.groupView': [{ orgRole: ['admin'] }],
    /** The follow-up reminder job. */
    'referral.remind': ['system'],
  },
  {
    notForPlatformAdmins: [
      'referral.referSelf',
      'referral.referForOrganisation',
      'referral.caseload',
      'referral.work',
      'referral.readOwn',
      'referral.readAsReferrer',
    ],
  },
);

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof socialPrescribingPolicy, true> {}
}

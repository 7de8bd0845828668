// Who may do what with feedback: anyone reads what is published; a signed-in person tells a story
// ('self' reads its state and original); moderators of the organisation (or platform moderators)
// moderate; responders answer in public and subscribe to alerts; staff see criticality and export.
import { definePolicy } from '../../platform/permissions.js';

// The module's code asks the gate through this file, so its actions are declared before any is asked.
export * from '../../platform/permissions.js';

export const feedbackPolicy = definePolicy(
  {
    'story.read': ['anyone'],
    'story.tell': ['signedIn'],
    'story.readOwn': ['self'],
    'story.reply': ['self'],
    'story.report': ['anyone'],
    'story.enterOnBehalf': ['platformModerator', { orgRole: ['admin', 'responder', 'moderator'] }],
    'story.moderate': ['platformModerator', { orgRole: ['moderator'] }],
    'story.respond': [{ orgRole: ['responder'] }],
    'story.subscribe': [{ orgRole: ['responder', 'admin', 'moderator'] }],
    'story.staffRead': ['platformModerator', { orgRole: ['admin', 'responder', 'moderator'] }],
    'story.export': [{ orgRole: ['admin', 'responder', 'moderator'] }],
    'theme.manage': ['platformAdmin'],
    'fft.submit': ['anyone'],
    'fft.upload': [{ orgRole: ['admin', 'responder'] }],
    // The digest job: sends each subscriber the stories published since their last digest.
    'story.sendDigests': ['system'],
  },
  // A story's author alone reads their own words in their account and replies as the author; only
  // an organisation's responders answer for it in public.
  { notForPlatformAdmins: ['story.readOwn', 'story.reply', 'story.respond'] },
);

declare module '../../platform/permissions.js' {
  interface PolicyActions extends Record<keyof typeof feedbackPolicy, true> {}
}

// Feedback that gets answered: stories told, de-identified and moderated, answered in public with
// changes made, alerts and digests for staff, the Friends and Family Test, figures and open data.
import type { InvolveModule } from '../../platform/module.js';
import { sendStoryDigests } from './alerts.js';
import { runDeidentify } from './deidentifyCli.js';
import { feedbackDemo } from './demo.js';
import { myDrafts } from './drafts.js';
import * as m0001 from './migrations/0001_feedback.js';
import * as m0002 from './migrations/0002_fft_month_index.js';
import * as m0003 from './migrations/0003_story_without_author_account.js';
import * as m0004 from './migrations/0004_story_organisation_covering.js';
import * as m0005 from './migrations/0005_story_draft.js';
import { feedbackRights } from './personalData.js';
import { can, canAnywhere, feedbackPolicy } from './policy.js';
import { registerFeedbackRoutes } from './routes/index.js';
import { feedbackTables } from './schema.js';
import { storiesAwaiting } from './stories.js';

export const feedbackModule: InvolveModule = {
  name: 'feedback',
  tables: feedbackTables,
  notOnPublicPages: ['story_draft'],
  ...feedbackRights,
  migrations: {
    '0001_feedback': { ...m0001, formerName: '0006_feedback' },
    '0002_fft_month_index': m0002,
    '0003_story_without_author_account': m0003,
    '0004_story_organisation_covering': m0004,
    '0005_story_draft': m0005,
  },
  routes: registerFeedbackRoutes,
  policy: feedbackPolicy,
  flash: {
    'story-sent': 'Thank you. Your story has been sent. A moderator will read it before it is published.',
    'draft-saved': 'Your draft is saved. Only you can see it. Open it below to carry on and send it.',
    'draft-deleted': 'The draft is deleted.',
    'story-published': 'The story is published. Anyone subscribed to the organisation has been told.',
    'story-entered': "The story has been sent for moderation, with the person's consent recorded.",
    'theme-saved': 'The themes are saved.',
    'story-rejected': 'The story was not published. The author has been emailed the reason.',
    'response-published': 'Your response is published under the story. The author has been told.',
    'reply-published': 'Your reply is published under your story.',
    'change-recorded': 'The change is recorded, and shown on the "you said, we did" page.',
    'story-reported': 'Thank you. A moderator will look at it again.',
    'alerts-saved': 'Your alerts are saved.',
    'fft-sent': 'Thank you. Your answer has been recorded.',
  },
  links: {
    // Anyone reads what is published and answers the Friends and Family Test; telling a story sends
    // a signed-out visitor to sign in first, so that link is shown to everyone too.
    organisation: ({ actor }, { id, name }) => [
      ...(can(actor, 'story.tell') || actor.accountId === null ? [{ href: `/stories/new?organisation=${id}`, text: `Tell your story about ${name}` }] : []),
      ...(can(actor, 'story.read')
        ? [
            { href: `/organisations/${id}/stories`, text: `Stories about ${name}` },
            { href: `/organisations/${id}/you-said-we-did`, text: 'You said, we did: changes made because of stories' },
            { href: `/organisations/${id}/feedback`, text: `How ${name} listens: response rates and times` },
          ]
        : []),
      ...(can(actor, 'fft.submit') ? [{ href: `/organisations/${id}/fft`, text: `Friends and Family Test: rate ${name}` }] : []),
    ],
    place: ({ actor }, { id, name }) =>
      can(actor, 'story.read') ? [{ href: `/places/${id}/feedback`, text: `How organisations in ${name} answer patients' stories` }] : [],
    account: async ({ actor, db }) => [
      ...(can(actor, 'story.tell') ? [{ href: '/account/stories', text: 'Your stories' }] : []),
      ...(can(actor, 'story.tell') && (await myDrafts({ db }, actor)).length
        ? [{ href: '/account/stories#drafts', text: 'Your story drafts', description: 'Stories you saved to finish later: only you can see them' }]
        : []),
      ...(canAnywhere(actor, 'story.subscribe') ? [{ href: '/account/alerts', text: 'Story alerts' }] : []),
      ...(canAnywhere(actor, 'story.moderate') ? [{ href: '/moderation', text: 'Stories to moderate' }] : []),
    ],
    mine: async ({ actor, db, config }) =>
      can(actor, 'story.tell')
        ? [
            // Drafts first: they wait on the person themselves.
            ...(await myDrafts({ db }, actor)).map((d) => ({
              href: `/account/stories/drafts/${d.id}`,
              text: `Your draft story “${d.title}”${d.organisationName ? ` about ${d.organisationName}` : ''}`,
              description: 'A draft: not sent yet. Open it to carry on and send it',
            })),
            ...(await storiesAwaiting({ db, config }, actor)).map((s) => ({
              href: `/account/stories/${s.id}`,
              text: `Your story “${s.title}” about ${s.organisationName}`,
              description: s.status === 'awaiting_moderation' ? 'Waiting for a moderator to read it' : `Published: waiting for ${s.organisationName} to answer`,
            })),
          ]
        : [],
  },
  jobs: [
    {
      // Daily story digests: checked hourly; each subscriber gets at most one a day.
      name: 'story digests',
      everyMs: 60 * 60_000,
      run: ({ db, config, actor, now }) => sendStoryDigests({ db, config }, actor, now),
    },
  ],
  commands: [
    {
      name: 'deidentify',
      summary: 'read text on stdin; print the identifiers in it as JSON',
      run: ({ stdin, stdout }) => runDeidentify(stdin, stdout),
    },
  ],
  demo: feedbackDemo,
};

// Following: a person follows a place, an organisation or a body, chooses what to hear about (new
// consultations, meetings and papers, decisions) and how often (at once or a weekly digest); other
// modules tell followers through notifyFollowers in service.ts.
import type { InvolveModule, LinkContext, PageLink } from '../../platform/module.js';
import { followingDemo } from './demo.js';
import { followOf, followPath, listFollows } from './follows.js';
import * as m0001 from './migrations/0001_following.js';
import { followingRights } from './personalData.js';
import { can, followingPolicy } from './policy.js';
import { registerFollowingRoutes } from './routes/index.js';
import { type FollowKind, followingTables } from './schema.js';
import { sendWeeklyDigests } from './service.js';

/** The link on a place's or organisation's page: to follow it, or to change how one follows it. */
async function followLink({ actor, db }: LinkContext, kind: FollowKind, subject: { id: number; name: string }, what: string): Promise<PageLink[]> {
  const following = await followOf(db, actor, kind, subject.id);
  const text = following ? `You follow ${subject.name}: change what you hear about` : `Follow ${subject.name}: be emailed about ${what}`;
  return [{ href: followPath(kind, subject.id), text }];
}

export const followingModule: InvolveModule = {
  name: 'following',
  tables: followingTables,
  notOnPublicPages: ['follow_delivery', 'follow_digest'],
  ...followingRights,
  migrations: { '0001_following': m0001 },
  routes: registerFollowingRoutes,
  policy: followingPolicy,
  flash: {
    'following-started': 'You follow it now. You can change what you hear about at any time.',
    'following-changed': 'What you hear about is changed.',
    'following-stopped': 'You no longer follow it, and will get no more email about it.',
  },
  jobs: [
    {
      name: 'following weekly digest',
      // Hourly: the digests go in the first run after Monday 7am; other runs find nothing due.
      everyMs: 3_600_000,
      runAtStart: true,
      run: ({ db, config, actor, now }) => sendWeeklyDigests({ db, config }, actor, now),
    },
  ],
  links: {
    organisation: (context, organisation) => followLink(context, 'organisation', organisation, 'its consultations, meetings and decisions'),
    place: (context, place) => followLink(context, 'place', place, 'consultations, meetings and decisions there'),
    account: ({ actor }) => (actor.accountId === null ? [] : [{ href: '/following', text: 'What you follow' }]),
    mine: async ({ actor, db }) =>
      actor.accountId !== null && can(actor, 'follow.manage', { accountId: actor.accountId })
        ? (await listFollows(db, actor)).map((f) => ({ href: f.href, text: `You follow ${f.name}`, description: 'See what is happening there' }))
        : [],
  },
  demo: followingDemo,
};

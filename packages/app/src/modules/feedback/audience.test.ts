// Who is told about a story comes from the policy's rules, not a hand-written list of roles: the
// moderators of a new story, and the subscribers of a published one while they may still subscribe.
// And the links feedback adds to the pages of other modules, each only for whoever may follow it.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import type { Config } from '../../platform/config.js';
import { type Actor, anonymous, systemActor } from '../../platform/permissions.js';
import { createVerifiedAccount, grantRoleDirect } from '../accounts/service.js';
import { goodPassword, insertOrganisation } from '../accounts/testKit.js';
import { queueStoryAlerts, sendStoryDigests, subscribe } from './alerts.js';
import { contactsWhoMay, rolesBehind } from './audience.js';
import { feedbackModule } from './module.js';
import { insertPublishedStory } from './testKit.js';

const config = { publicUrl: 'http://involve.test' } as Config;

describe('the roles behind an action', () => {
  it('are read from the policy table', () => {
    expect(rolesBehind('story.moderate')).toEqual({ organisationRoles: ['moderator'], platformRoles: ['platform_moderator'] });
    expect(rolesBehind('story.subscribe').organisationRoles.sort()).toEqual(['admin', 'moderator', 'responder']);
    expect(rolesBehind('story.subscribe').platformRoles).toEqual([]);
  });
});

describeWithTestDatabase('who is told about a story', (database, kind) => {
  let organisationId: number;
  let otherOrganisationId: number;
  const people: Record<string, number> = {};
  const email = (who: string) => `${who.toLowerCase()}-${kind}@example.org`;

  beforeAll(async () => {
    organisationId = await insertOrganisation(database.db, 'Audience Hospital');
    otherOrganisationId = await insertOrganisation(database.db, 'Elsewhere Surgery');
    for (const who of ['author', 'moderator', 'otherModerator', 'platformModerator', 'platformAdmin', 'responder', 'leaver', 'dailyResponder', 'dailyLeaver']) {
      people[who] = await createVerifiedAccount(database.db, { email: email(who), password: goodPassword, name: who });
    }
    const grants: Array<[string, Parameters<typeof grantRoleDirect>[2], number | null]> = [
      ['moderator', 'moderator', organisationId],
      ['otherModerator', 'moderator', otherOrganisationId],
      ['platformModerator', 'platform_moderator', null],
      ['platformAdmin', 'platform_admin', null],
      ['responder', 'responder', organisationId],
      ['leaver', 'responder', organisationId],
      ['dailyResponder', 'admin', organisationId],
      ['dailyLeaver', 'responder', organisationId],
    ];
    for (const [who, role, organisation] of grants) await grantRoleDirect(database.db, people[who] as number, role, organisation);
  });

  const responderActor = (who: string, role: 'responder' | 'admin' | 'moderator'): Actor => ({
    accountId: people[who] as number,
    platformAdmin: false,
    organisationRoles: [{ organisationId, role }],
  });

  it('tells a new story to the moderators the policy names, and nobody else', async () => {
    const told = (await contactsWhoMay(database.db, 'story.moderate', organisationId)).map((c) => c.email).sort();
    expect(told).toEqual([email('moderator'), email('platformModerator')].sort());
  });

  it('counts platform admins among those who may subscribe only when asked', async () => {
    const withAdmins = (await contactsWhoMay(database.db, 'story.subscribe', organisationId, { platformAdmins: true })).map((c) => c.email);
    expect(withAdmins).toContain(email('platformAdmin'));
    expect(withAdmins).toEqual(expect.arrayContaining([email('responder'), email('leaver'), email('dailyResponder'), email('dailyLeaver')]));
    expect(withAdmins).not.toContain(email('otherModerator'));
    expect((await contactsWhoMay(database.db, 'story.subscribe', organisationId)).map((c) => c.email)).not.toContain(email('platformAdmin'));
  });

  it('alerts subscribers while they may subscribe, and no longer after their role is taken away', async () => {
    const deps = { db: database.db };
    for (const who of ['responder', 'leaver']) {
      await subscribe(deps, responderActor(who, 'responder'), { organisationId: String(organisationId), minCriticality: '0', frequency: 'immediate' });
    }
    await subscribe(deps, responderActor('dailyResponder', 'admin'), { organisationId: String(organisationId), minCriticality: '0', frequency: 'daily' });
    await subscribe(deps, responderActor('dailyLeaver', 'responder'), { organisationId: String(organisationId), minCriticality: '0', frequency: 'daily' });
    await database.db
      .deleteFrom('role_grant')
      .where('account_id', 'in', [people.leaver as number, people.dailyLeaver as number])
      .execute();

    const storyId = await insertPublishedStory(database.db, { organisationId, authorAccountId: people.author as number, title: 'Told to those who may hear' });
    expect(await queueStoryAlerts(database.db, config, storyId)).toBe(1);
    expect(await sendStoryDigests({ db: database.db, config }, systemActor('story digests'), new Date(Date.now() + 60_000))).toBe(1);

    const mail = await database.db.selectFrom('mail_outbox').select(['to_address', 'subject']).where('subject', 'like', '%Audience Hospital%').execute();
    expect(mail.map((m) => m.to_address).sort()).toEqual([email('dailyResponder'), email('responder')].sort());
    expect(mail.find((m) => m.to_address === email('responder'))?.subject).toBe('New story about Audience Hospital: Told to those who may hear');
  });
});

// On a database: the account page's links look for the person's story drafts.
describeWithTestDatabase('the links feedback adds to other pages', (database) => {
  const links = feedbackModule.links;
  const organisation = { id: 7, name: 'Riverside' };
  const context = (actor: Actor) => ({ actor, db: database.db });
  const member: Actor = { accountId: 1, platformAdmin: false, organisationRoles: [] };
  const responder: Actor = { accountId: 2, platformAdmin: false, organisationRoles: [{ organisationId: 7, role: 'responder' }] };
  const moderator: Actor = { accountId: 3, platformAdmin: false, organisationRoles: [{ organisationId: 7, role: 'moderator' }] };
  const platformModerator: Actor = { accountId: 4, platformAdmin: false, platformModerator: true, organisationRoles: [] };

  it("shows an organisation's and a place's feedback pages to everyone, with the texts the registry's pages showed", async () => {
    expect(await links?.organisation?.(context(anonymous), organisation)).toEqual([
      { href: '/stories/new?organisation=7', text: 'Tell your story about Riverside' },
      { href: '/organisations/7/stories', text: 'Stories about Riverside' },
      { href: '/organisations/7/you-said-we-did', text: 'You said, we did: changes made because of stories' },
      { href: '/organisations/7/feedback', text: 'How Riverside listens: response rates and times' },
      { href: '/organisations/7/fft', text: 'Friends and Family Test: rate Riverside' },
    ]);
    expect(await links?.place?.(context(anonymous), { id: 3, name: 'Leeds' })).toEqual([
      { href: '/places/3/feedback', text: "How organisations in Leeds answer patients' stories" },
    ]);
  });

  it('shows alerts and moderation on the account page only to those the policy lets subscribe or moderate', async () => {
    const texts = async (actor: Actor) => ((await links?.account?.(context(actor))) ?? []).map((l) => l.text);
    expect(await texts(anonymous)).toEqual([]);
    expect(await texts(member)).toEqual(['Your stories']);
    expect(await texts(responder)).toEqual(['Your stories', 'Story alerts']);
    expect(await texts(moderator)).toEqual(['Your stories', 'Story alerts', 'Stories to moderate']);
    expect(await texts(platformModerator)).toEqual(['Your stories', 'Stories to moderate']);
  });
});

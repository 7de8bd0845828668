// The feedback tables keep their promises in the database itself, on PGlite and PostgreSQL alike:
// nothing is published without its text, a rejection has its reason, a story keeps its organisation
// from deletion, and platform moderators hold no organisation.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { anonymous } from '../../platform/permissions.js';
import { createVerifiedAccount, grantRoleDirect } from '../accounts/service.js';
import { goodPassword, insertOrganisation } from '../accounts/testKit.js';
import { deleteOrganisation } from '../registry/service.js';
import { insertPublishedStory, themeId } from './testKit.js';

describeWithTestDatabase('feedback tables', (database, kind) => {
  let organisationId: number;
  let authorId: number;
  beforeAll(async () => {
    organisationId = await insertOrganisation(database.db, 'Schema Surgery');
    authorId = await createVerifiedAccount(database.db, { email: `author-${kind}@example.org`, password: goodPassword, name: 'Ann Author' });
  });

  it('starts with the 22 themes, each name good and could be better', async () => {
    const themes = await database.db.selectFrom('feedback_theme').select(['name', 'polarity']).execute();
    expect(themes).toHaveLength(22);
    expect(themes.filter((t) => t.polarity === 'good')).toHaveLength(11);
    expect(await themeId(database.db, 'Parking', 'could_be_better')).toBeGreaterThan(0);
  });

  it('refuses a published story without its text, and a rejected one without a reason', async () => {
    const base = {
      reference: `ST-X-${kind}`,
      organisation_id: organisationId,
      author_account_id: authorId,
      author_role: 'patient' as const,
      display_name: 'A patient',
      happened_month: '2026-10-01',
    };
    await expect(
      database.db
        .insertInto('story')
        .values({ ...base, status: 'published', published_at: new Date() })
        .execute(),
    ).rejects.toThrow();
    await expect(
      database.db
        .insertInto('story')
        .values({ ...base, status: 'rejected' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      database.db
        .insertInto('story')
        .values({ ...base, happened_month: '2026-10-15' })
        .execute(),
    ).rejects.toThrow();
    expect(await database.db.selectFrom('story').select('id').where('reference', '=', base.reference).execute()).toEqual([]);
  });

  it('keeps an organisation with stories from being deleted, with a clear message', async () => {
    const doomed = await insertOrganisation(database.db, 'Surgery With Stories');
    await insertPublishedStory(database.db, { organisationId: doomed, authorAccountId: authorId });
    const admin = { ...anonymous, accountId: authorId, platformAdmin: true };
    await expect(deleteOrganisation({ db: database.db }, admin, doomed)).rejects.toThrow(/records on file that must be kept/);
    expect(await database.db.selectFrom('organisation').select('id').where('id', '=', doomed).executeTakeFirst()).toEqual({ id: doomed });
  });

  it('gives platform moderators no organisation, and refuses one with an organisation', async () => {
    await grantRoleDirect(database.db, authorId, 'platform_moderator', organisationId);
    const grant = await database.db.selectFrom('role_grant').select('organisation_id').where('role', '=', 'platform_moderator').executeTakeFirstOrThrow();
    expect(grant.organisation_id).toBeNull();
    await expect(
      database.db.insertInto('role_grant').values({ account_id: authorId, role: 'platform_moderator', organisation_id: organisationId }).execute(),
    ).rejects.toThrow();
  });
});

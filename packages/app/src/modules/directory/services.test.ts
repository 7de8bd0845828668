// The directory's services through the service functions on a real database.
import { expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { insertOrganisation } from '../accounts/testKit.js';

describeWithTestDatabase('directory: tables', (database) => {
  it('holds a service with its search vector', async () => {
    const db = database.db;
    const organisationId = await insertOrganisation(db, 'Directory Group');
    const { id } = await db
      .insertInto('directory_service')
      .values({ organisation_id: organisationId, name: 'Walking group', description: 'Gentle walks in the park' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await db.selectFrom('directory_service').select(['id', 'last_checked', 'search_vector']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.search_vector).toContain('walk');
  });
});

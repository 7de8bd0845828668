// A place reached from the front door's postcode box, for the browser walks: an area, a
// neighbourhood in it, and a GP practice at a postcode serving the neighbourhood.
import type { Db } from '../../src/platform/database.js';

export async function insertPlaceWithPractice(
  db: Db,
  names: { area: string; place: string; practice: string; postcode: string },
): Promise<{ placeId: number; practiceId: number }> {
  const area = (
    await db.insertInto('place').values({ name: names.area, kind: 'local_authority_area', parent_id: null }).returning('id').executeTakeFirstOrThrow()
  ).id;
  const placeId = (await db.insertInto('place').values({ name: names.place, kind: 'neighbourhood', parent_id: area }).returning('id').executeTakeFirstOrThrow())
    .id;
  const practiceId = (
    await db
      .insertInto('organisation')
      .values({ name: names.practice, type: 'gp_practice', postcode: names.postcode, takes_nhs_money: true })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto('organisation_place').values({ organisation_id: practiceId, place_id: placeId }).execute();
  return { placeId, practiceId };
}

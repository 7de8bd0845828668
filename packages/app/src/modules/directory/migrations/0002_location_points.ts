// Distance search finds the locations inside a box around the postcode with a GiST index on their
// points: a B-tree on (latitude, longitude) can narrow only the latitude, a band across the country.
import type { Kysely } from 'kysely';
import { executeScript } from '../../../platform/sqlScript.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create index directory_location_point on directory_location using gist (point(longitude, latitude));
    drop index directory_location_coordinates;
    `,
  );
}

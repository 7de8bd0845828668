// Finding services: by words (PostgreSQL full text on a generated tsvector with a GIN index), by
// category (a taxonomy term attached as an attribute), and by distance from a postcode (haversine
// in SQL, after a bounding box on the indexed latitude and longitude narrows the locations).
import type { Db } from '../../platform/database.js';
import type { Actor } from './policy.js';
import type { Category, SearchQuery, SearchResult } from './types.js';

export async function searchServices(db: Db, actor: Actor, query: SearchQuery): Promise<SearchResult> {
  throw new Error(`TODO searchServices ${db && actor && query}`);
}

/** Every category (taxonomy term) services can carry, by name, with how many active services carry each. */
export async function listCategories(db: Db): Promise<Category[]> {
  throw new Error(`TODO listCategories ${db}`);
}

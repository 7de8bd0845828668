// The place a postcode is in, for the home page's "Enter your postcode". Places have no postcodes of
// their own; the organisations serving them do. So a postcode finds the places of the organisations
// at that postcode, or failing those, in the same postcode district (the part before the space), and
// the most local of them wins: a neighbourhood over its area, an area over its system.
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { type Actor, assertCan } from './policy.js';
import type { PlaceKind } from './schema.js';
import { normalisePostcode } from './validation.js';

const placeRank: Record<PlaceKind, number> = { integrated_care_system: 0, local_authority_area: 1, neighbourhood: 2 };

/** A place the organisations at or near a postcode serve. */
export interface PostcodePlaceCandidate {
  id: number;
  name: string;
  kind: PlaceKind;
  /** How many of those organisations serve it. */
  organisations: number;
  /** Whether one of them is at the postcode itself (not only in its district). */
  exact: boolean;
}

/**
 * The best of the candidates: those at the postcode itself before those only in its district, then
 * the most local kind of place, then the one serving most of the organisations, then by name.
 */
export function bestPlaceFor(candidates: readonly PostcodePlaceCandidate[]): { id: number; name: string } | null {
  const anyExact = candidates.some((c) => c.exact);
  const [best] = candidates
    .filter((c) => c.exact || !anyExact)
    .toSorted((a, b) => placeRank[b.kind] - placeRank[a.kind] || b.organisations - a.organisations || a.name.localeCompare(b.name) || a.id - b.id);
  return best ? { id: best.id, name: best.name } : null;
}

/**
 * The place for a postcode as typed, with the postcode as written back ("NV1 2AB"); place is null
 * when no organisation is at or near it. A postcode that is not a full UK one is a ValidationError
 * naming `postcode`.
 */
export async function findPlaceByPostcode(db: Db, actor: Actor, typed: string): Promise<{ postcode: string; place: { id: number; name: string } | null }> {
  assertCan(actor, 'registry.read');
  const postcode = typed.length <= 20 ? normalisePostcode(typed.trim()) : null;
  if (!postcode) throw new ValidationError({ postcode: typed.trim() ? 'Enter a full postcode, like NV1 2AB' : 'Enter your postcode' });
  const district = postcode.slice(0, postcode.indexOf(' '));
  const rows = await db
    .selectFrom('organisation as o')
    .innerJoin('organisation_place as op', 'op.organisation_id', 'o.id')
    .innerJoin('place as p', 'p.id', 'op.place_id')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.kind',
      eb.fn.countAll<number>().as('organisations'),
      eb.fn.max(eb.case().when('o.postcode', '=', postcode).then(1).else(0).end()).as('exact'),
    ])
    .where((eb) => eb.or([eb('o.postcode', '=', postcode), eb('o.postcode', 'like', `${district} %`)]))
    .groupBy(['p.id', 'p.name', 'p.kind'])
    .execute();
  const place = bestPlaceFor(rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, organisations: Number(r.organisations), exact: Number(r.exact) === 1 })));
  return { postcode, place };
}

// Choosing the place for a postcode, without a database: the places of organisations at the postcode
// itself beat those only in its district; then the most local kind of place; then the one most of
// them serve; then by name.
import { describe, expect, it } from 'vitest';
import { bestPlaceFor, type PostcodePlaceCandidate } from './placeByPostcode.js';

const candidate = (id: number, kind: PostcodePlaceCandidate['kind'], organisations = 1, exact = false): PostcodePlaceCandidate => ({
  id,
  name: `Place ${id}`,
  kind,
  organisations,
  exact,
});

describe('the place for a postcode', () => {
  it('is none when no organisation is at or near it', () => {
    expect(bestPlaceFor([])).toBeNull();
  });

  it('prefers a place of an organisation at the postcode itself to a more local one in its district', () => {
    expect(bestPlaceFor([candidate(1, 'neighbourhood', 5), candidate(2, 'local_authority_area', 1, true)])).toEqual({ id: 2, name: 'Place 2' });
  });

  it('takes the most local kind of place, then the one most organisations serve, then by name', () => {
    expect(bestPlaceFor([candidate(1, 'integrated_care_system', 9), candidate(2, 'local_authority_area', 3), candidate(3, 'neighbourhood')])?.id).toBe(3);
    expect(bestPlaceFor([candidate(1, 'neighbourhood', 1), candidate(2, 'neighbourhood', 2)])?.id).toBe(2);
    expect(bestPlaceFor([candidate(2, 'neighbourhood'), candidate(1, 'neighbourhood')])?.id).toBe(1);
  });
});

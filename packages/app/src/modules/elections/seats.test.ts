// Who sits after recounts for casual vacancies: the members already sitting keep their seats, and
// each vacancy is filled by the first the recount elects who does not sit already, even when a
// recount from scratch would elect others; a member who filled a seat may leave in turn.
import { describe, expect, it } from 'vitest';
import { seatsAfterRecounts } from './results.js';

describe('seats after recounts', () => {
  it('fills one vacancy with one person, though the recount from scratch unseats another member', () => {
    // Three seats: Ada, Bea and Cy elected. Ada leaves; counted again without her, the ballots elect
    // Bea, Dee and Eve: Cy keeps his seat, and only Dee (elected first of those not sitting) joins.
    const { sitting, fills } = seatsAfterRecounts(3, ['Ada', 'Bea', 'Cy'], [{ withdrawn: ['Ada'], elected: ['Bea', 'Dee', 'Eve'] }]);
    expect(fills).toEqual([['Dee']]);
    expect(sitting).toEqual(['Bea', 'Cy', 'Dee']);
  });

  it('lets a member who filled a seat leave in turn, with everyone withdrawn so far left out', () => {
    const { sitting, fills } = seatsAfterRecounts(
      2,
      ['Ada', 'Bea'],
      [
        { withdrawn: ['Ada'], elected: ['Bea', 'Cy'] },
        { withdrawn: ['Ada', 'Cy'], elected: ['Dee', 'Bea'] },
      ],
    );
    expect(fills).toEqual([['Cy'], ['Dee']]);
    expect(sitting).toEqual(['Bea', 'Dee']);
  });

  it('fills nothing when the recount elects nobody new (the seat waits for a by-election)', () => {
    expect(seatsAfterRecounts(2, ['Ada', 'Bea'], [{ withdrawn: ['Ada'], elected: ['Bea'] }])).toEqual({ sitting: ['Bea'], fills: [[]] });
  });
});

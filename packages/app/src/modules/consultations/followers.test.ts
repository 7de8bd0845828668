// Opening a consultation tells the followers of its organisations and places (through the following
// module): once, when it first opens, not when it is opened again after closing.
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/testDatabase.js';
import type { Actor } from '../../platform/permissions.js';
import { insertFollow, mailTo, person, withSmallRegistry } from '../following/testKit.js';
import { addPartner, addQuestion, createConsultation, setPhase } from './service.js';

describe.each(databaseKinds)('followers told of a new consultation on %s', (kind) => {
  it('emails followers of the organisation, a partner and a place once each, when it first opens', () =>
    withSmallRegistry(kind, 'Consulting', async (db, r) => {
      const staff = await person(db, 'Consulting staff');
      const actor: Actor = { accountId: staff.id, platformAdmin: false, organisationRoles: [{ organisationId: r.organisation, role: 'admin' }] };
      const [trustAndPlace, partner, decisionsOnly] = [await person(db, 'Trust and place'), await person(db, 'Partner'), await person(db, 'Decisions only')];
      await insertFollow(db, { accountId: trustAndPlace.id, kind: 'organisation', id: r.organisation, frequency: 'immediate' });
      await insertFollow(db, { accountId: trustAndPlace.id, kind: 'place', id: r.neighbourhood, frequency: 'immediate' });
      await insertFollow(db, { accountId: partner.id, kind: 'organisation', id: r.other, topics: ['consultations'], frequency: 'immediate' });
      await insertFollow(db, { accountId: decisionsOnly.id, kind: 'organisation', id: r.organisation, topics: ['decisions'], frequency: 'immediate' });

      const deps = { db, config: { publicUrl: 'https://involve.example' } };
      const id = await createConsultation(deps, actor, {
        organisationId: r.organisation,
        title: 'Parking at the surgery',
        summary: 'Should the car park be for patients only?',
        proposal: '',
        audience: '',
        opensOn: '2027-01-04',
        closesOn: '2099-02-01',
        requiresAccount: false,
        placeIds: [r.neighbourhood],
      });
      await addPartner(deps, actor, id, r.other);
      await addQuestion(deps, actor, id, { kind: 'free_text', text: 'Why?', hint: '', required: false, options: [], budget: '', aboutYouKey: '' });
      await setPhase(deps, actor, id, 'open');
      await setPhase(deps, actor, id, 'closed');
      await setPhase(deps, actor, id, 'open');

      for (const who of [trustAndPlace, partner]) {
        const mail = await mailTo(db, who.email);
        expect(mail.map((m) => m.subject)).toEqual(['New consultation: Parking at the surgery']);
        expect(mail[0]?.body).toContain('Should the car park be for patients only?');
        expect(mail[0]?.body).toContain('from 4 January 2027');
        expect(mail[0]?.body).toContain(`https://involve.example/consultations/${id}`);
      }
      expect(await mailTo(db, decisionsOnly.email)).toEqual([]);
    }));
});

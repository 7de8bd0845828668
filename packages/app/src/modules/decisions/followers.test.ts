// Recording a decision tells the followers of the organisation and of the body that decided (through
// the following module), once each however many of those they follow.
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/testDatabase.js';
import type { Actor } from '../../platform/permissions.js';
import { insertFollow, mailTo, person, withSmallRegistry } from '../following/testKit.js';
import { recordDecision } from './service.js';

describe.each(databaseKinds)('followers told of a decision on %s', (kind) => {
  it('emails a follower of the organisation and its board once, and leaves a weekly follower to the digest', () =>
    withSmallRegistry(kind, 'Deciding', async (db, r) => {
      const [staff, both, weekly] = [await person(db, 'Deciding staff'), await person(db, 'Both'), await person(db, 'Weekly')];
      const actor: Actor = { accountId: staff.id, platformAdmin: false, organisationRoles: [{ organisationId: r.organisation, role: 'admin' }] };
      await insertFollow(db, { accountId: both.id, kind: 'organisation', id: r.organisation, topics: ['decisions'], frequency: 'immediate' });
      await insertFollow(db, { accountId: both.id, kind: 'body', id: r.board, topics: ['decisions'], frequency: 'immediate' });
      await insertFollow(db, { accountId: weekly.id, kind: 'body', id: r.board, topics: ['decisions'], frequency: 'weekly' });

      const id = await recordDecision({ db, config: { publicUrl: 'https://involve.example' } }, actor, {
        organisationId: r.organisation,
        title: 'The clinic moves to the hospital',
        decided: 'The clinic moves in June.',
        reasons: '',
        bodyId: r.board,
        officer: '',
        decidedOn: '2026-01-05',
        consultationIds: [],
      });
      const mail = await mailTo(db, both.email);
      expect(mail.map((m) => m.subject)).toEqual(['Decision: The clinic moves to the hospital']);
      expect(mail[0]?.body).toContain('Deciding Trust Board decided on 5 January 2026: The clinic moves in June.');
      expect(mail[0]?.body).toContain(`https://involve.example/decisions/${id}`);
      expect(await mailTo(db, weekly.email)).toEqual([]);
    }));
});

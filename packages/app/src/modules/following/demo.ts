// The following module's part of the demo: the demo PPG member follows their area weekly, the care
// board at once and the board's meetings weekly; the demo responder follows their trust at once.
// So "What you follow" has something to show, with both frequencies.
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { placeOptions } from '../registry/service.js';

async function loadFollows({ db, id }: DemoContext): Promise<void> {
  const northvale = (await placeOptions(db)).find((p) => p.name === 'Demo: Northvale');
  const none = { place_id: null, organisation_id: null, body_id: null };
  const all = { consultations: true, meetings: true, decisions: true };
  await db
    .insertInto('follow')
    .values([
      ...(northvale ? [{ ...none, account_id: id('account:member'), place_id: northvale.id, ...all, frequency: 'weekly' as const }] : []),
      {
        ...none,
        account_id: id('account:member'),
        organisation_id: id('organisation:icb'),
        consultations: true,
        meetings: false,
        decisions: true,
        frequency: 'immediate' as const,
      },
      {
        ...none,
        account_id: id('account:member'),
        body_id: id('body:icbBoard'),
        consultations: false,
        meetings: true,
        decisions: true,
        frequency: 'weekly' as const,
      },
      { ...none, account_id: id('account:responder'), organisation_id: id('organisation:acute'), ...all, frequency: 'immediate' as const },
    ])
    .execute();
}

export const followingDemo: DemoStep[] = [{ stage: 3, load: loadFollows }];

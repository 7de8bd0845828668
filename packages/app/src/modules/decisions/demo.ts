// The decisions module's part of the demo: the board's decision on evening GP appointments,
// informed by the demo consultation, with actions in every status (one overdue), and an officer's
// decision about the minor injuries unit's interim hours.
import type { DemoContext, DemoStep } from '../../platform/module.js';
import { listConsultations } from '../consultations/service.js';
import { listBodies } from '../registry/service.js';

async function loadDecisions({ db, id }: DemoContext): Promise<void> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const board = (await listBodies(db, id('organisation:icb')))[0];
  const gp = await db
    .insertInto('decision')
    .values({
      organisation_id: id('organisation:icb'),
      title: 'Demo: Evening GP appointments in every practice',
      decided: 'Every practice in Northvale offers appointments until 8pm on Tuesdays and Thursdays from April.',
      reasons: 'Most people who answered the consultation would use them; two evenings fit the staff practices have.',
      body_id: board?.id ?? null,
      body_name: board?.name ?? null,
      officer: board ? null : 'Chief Executive',
      decided_on: day(-50),
      created_by_account_id: id('account:orgAdmin'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const consultation = (await listConsultations(db, { organisationId: id('organisation:icb'), pageSize: 100 })).items.find(
    (c) => c.title === 'Demo: Evening GP appointments',
  );
  if (consultation) {
    await db
      .insertInto('decision_link')
      .values({
        decision_id: gp.id,
        kind: 'consultation',
        ref_id: consultation.id,
        url: `/consultations/${consultation.id}`,
        label: `Consultation: ${consultation.title}`,
      })
      .execute();
  }
  const actions = [
    { description: 'Agree evening rotas with every practice', owner: 'Primary care team', due_on: day(-30), status: 'done' as const },
    { description: 'Tell patients through practice websites and texts', owner: 'Communications lead', due_on: day(20), status: 'in_progress' as const },
    { description: 'Review use of evening appointments after three months', owner: 'Primary care team', due_on: day(90), status: 'planned' as const },
    { description: 'Publish the evening rota for every practice', owner: 'Primary care team', due_on: day(-10), status: 'planned' as const },
    {
      description: 'Open on Saturday mornings as well',
      owner: 'Primary care team',
      due_on: day(-5),
      status: 'dropped' as const,
      dropped_reason: 'Too few staff for weekends this year.',
    },
  ];
  for (const a of actions) {
    const row = await db
      .insertInto('decision_action')
      .values({
        decision_id: gp.id,
        description: a.description,
        owner: a.owner,
        due_on: a.due_on,
        status: a.status,
        dropped_reason: 'dropped_reason' in a ? a.dropped_reason : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (a.status !== 'planned') {
      await db
        .insertInto('decision_action_note')
        .values({
          action_id: row.id,
          note: a.status === 'done' ? 'All 6 practices have agreed rotas.' : a.status === 'dropped' ? 'Dropped at the March board.' : 'Texts go out next week.',
          status: a.status,
          account_id: id('account:orgAdmin'),
        })
        .execute();
    }
  }
  await db
    .insertInto('decision')
    .values({
      organisation_id: id('organisation:icb'),
      title: 'Demo: Interim hours at the minor injuries unit',
      decided: 'The Eastmoor unit stays open until 8pm while the consultation on its future runs.',
      officer: 'Director of Urgent Care',
      decided_on: day(-35),
      created_by_account_id: id('account:orgAdmin'),
    })
    .execute();
}

export const decisionsDemo: DemoStep[] = [{ stage: 3, load: loadDecisions }];

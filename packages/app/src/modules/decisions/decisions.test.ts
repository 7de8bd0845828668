// The accountability trail over HTTP on a real database: an organisation's admin records a decision
// (by a body or an officer) informed by a consultation, adds actions and moves them on; followers
// are emailed; overdue actions show as overdue; nobody else records or moves anything.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithTestApp, type TestClient } from '../../../test/testApp.js';
import { insertOrganisation, signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { isOverdue, mayMove, tally } from './trail.js';

describe('the rules of the trail', () => {
  it('calls an action overdue only when due before today and neither done nor dropped', () => {
    expect(isOverdue({ status: 'planned', dueOn: '2026-01-01' }, '2026-01-02')).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueOn: '2026-01-02' }, '2026-01-02')).toBe(false);
    expect(isOverdue({ status: 'done', dueOn: '2025-01-01' }, '2026-01-02')).toBe(false);
    expect(isOverdue({ status: 'dropped', dueOn: '2025-01-01' }, '2026-01-02')).toBe(false);
    expect(mayMove('in_progress', 'planned')).toBe(false);
    expect(mayMove('planned', 'done')).toBe(true);
    expect(
      tally(
        [
          { status: 'done', dueOn: '2025-01-01' },
          { status: 'planned', dueOn: '2025-01-01' },
        ],
        '2026-01-01',
      ),
    ).toMatchObject({ total: 2, done: 1, overdue: 1 });
  });
});

describeWithTestApp('decisions', (t) => {
  let organisationId: number;
  let admin: TestClient;
  let decisionId: number;
  beforeAll(async () => {
    organisationId = await insertOrganisation(t.db, 'Deciding Care Board');
    ({ client: admin } = await signedInPerson(t, { roles: [{ organisationId, role: 'admin' }] }));
  });

  it('records a decision, naming each field that is wrong, and shows it in public', async () => {
    await admin.get(`/organisations/${organisationId}/decisions/new`);
    const bad = await admin.post(`/organisations/${organisationId}/decisions/new`, {
      title: '',
      decided: '',
      'decidedOn-day': '40',
      'decidedOn-month': '1',
      'decidedOn-year': '2026',
    });
    expect(bad.statusCode).toBe(422);
    expect(summaryErrors(bad.body)).toMatchObject({
      title: 'Enter what the decision is about',
      decided: 'Enter what was decided',
      officer: 'Choose the body that decided, or name the officer who did',
    });
    const made = await admin.post(`/organisations/${organisationId}/decisions/new`, {
      title: 'Closing the old clinic',
      decided: 'The old clinic closes when the new one opens.',
      officer: 'Chief Executive',
      'decidedOn-day': '1',
      'decidedOn-month': '2',
      'decidedOn-year': '2026',
    });
    expect(made.statusCode).toBe(303);
    decisionId = Number(/\/decisions\/(\d+)/.exec(String(made.headers.location))?.[1]);
    const page = await t.client().get(`/decisions/${decisionId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The old clinic closes when the new one opens.');
    expect(page.body).toContain('Chief Executive');
    expect(page.body).not.toContain('Add an action');
  });

  it('adds actions, moves them with notes, emails followers, and shows overdue ones', async () => {
    await admin.get(`/decisions/${decisionId}`);
    const noDate = await admin.post(`/decisions/${decisionId}/actions`, { description: 'Move the staff', owner: 'Operations' });
    expect(noDate.statusCode).toBe(422);
    expect(summaryErrors(noDate.body)).toEqual({ 'dueOn-day': 'Enter the date it is due, like 30 6 2027' });
    for (const [description, day] of [
      ['Move the staff', '1'],
      ['Tell the patients', '1'],
    ] as const) {
      expect(
        (await admin.post(`/decisions/${decisionId}/actions`, { description, owner: 'Operations', 'dueOn-day': day, 'dueOn-month': '1', 'dueOn-year': '2020' }))
          .statusCode,
      ).toBe(303);
    }
    const { client: follower, email } = await signedInPerson(t);
    await follower.get(`/decisions/${decisionId}`);
    expect((await follower.post(`/decisions/${decisionId}/follow`, { follow: 'yes' })).statusCode).toBe(303);

    const actions = await t.db.selectFrom('decision_action').select(['id', 'description']).where('decision_id', '=', decisionId).orderBy('id').execute();
    const first = actions[0]?.id as number;
    await admin.get(`/decisions/${decisionId}`);
    const noReason = await admin.post(`/decisions/${decisionId}/actions/${first}/move`, { status: 'dropped', note: 'Not needed', droppedReason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(summaryErrors(noReason.body)).toEqual({ droppedReason: 'Enter why the action was dropped' });
    expect(
      (await admin.post(`/decisions/${decisionId}/actions/${first}/move`, { status: 'done', note: 'Everyone moved.', droppedReason: '' })).statusCode,
    ).toBe(303);
    const mail = await t.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', email).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('Update on "Closing the old clinic": done');
    expect(mail[0]?.body_text).toContain('Everyone moved.');

    const page = await t.client().get(`/decisions/${decisionId}`);
    expect(page.body).toContain('Overdue');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/decisions/${decisionId}` });
    expect(api.statusCode).toBe(200);
    const json = api.json() as { actions: Array<{ description: string; status: string; overdue: boolean }> };
    expect(json.actions.map((a) => [a.status, a.overdue])).toEqual([
      ['done', false],
      ['planned', true],
    ]);
  });

  it('lets nobody else record a decision or move an action', async () => {
    const { client: someone } = await signedInPerson(t);
    await someone.get(`/decisions/${decisionId}`);
    const actions = await t.db.selectFrom('decision_action').select('id').where('decision_id', '=', decisionId).execute();
    const moved = await someone.post(`/decisions/${decisionId}/actions/${actions[1]?.id}/move`, { status: 'done', note: 'Sneaky', droppedReason: '' });
    expect(moved.statusCode).toBe(403);
    const recorded = await someone.post(`/organisations/${organisationId}/decisions/new`, {
      title: 'x',
      decided: 'y',
      officer: 'z',
      'decidedOn-day': '1',
      'decidedOn-month': '1',
      'decidedOn-year': '2026',
    });
    expect(recorded.statusCode).toBe(403);
    const notes = await t.db.selectFrom('decision_action_note').select('note').execute();
    expect(notes.map((n) => n.note)).not.toContain('Sneaky');
  });
});

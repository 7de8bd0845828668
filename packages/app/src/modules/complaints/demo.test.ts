// The demo's complaints: the demo complaints manager finds complaints in every status at both demo
// trusts (at Northvale Hospitals one just received, one overdue, one answered, one closed, one taken
// to the Ombudsman, one made for someone else), each with the timeline and letters the module's
// steps write, shown on the manager's and the complainant's pages; and the reminder job's first
// run has exactly one thing to say: the missed response date.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import { type Actor, systemActor } from '../../platform/permissions.js';
import { accountIdByEmail, demoPassword } from '../accounts/service.js';
import { createSession } from '../accounts/testKit.js';
import { loadDemoHealthSystem, modules } from '../index.js';
import { findComplaints } from './finding.js';
import { ombudsmanParagraph } from './letters.js';
import { sendComplaintReminders } from './reminders.js';
import { complaintsDashboard } from './reports.js';
import { complaintStatuses } from './schema.js';
import { type ComplaintDetail, type ComplaintsDeps, viewComplaint, viewLetter } from './service.js';
import { ukDate } from './timeline.js';

describeWithTestApp('the demo complaints', (t) => {
  let deps: ComplaintsDeps;
  let manager: Actor;
  let organisationId: number;
  let complaints: ComplaintDetail[];
  const today = ukDate(new Date());
  const northvale = 'Demo: Northvale Hospitals NHS Foundation Trust';
  const eastmoor = 'Demo: Eastmoor Community and Mental Health NHS Trust';

  beforeAll(async () => {
    deps = { db: t.db, config: t.config };
    await loadDemoHealthSystem(t.db);
    // The manager as Involve sees them when they sign in: their roles from the demo's grants.
    const accountId = (await accountIdByEmail(t.db, 'complaints@demo.involve.test')) as number;
    const identity = modules.find((m) => m.identity)?.identity;
    manager = (await identity?.fromSession(t.db, await createSession(t.db, accountId)))?.actor as Actor;
    const found = await findComplaints(deps, manager, { q: '', state: '', page: 1 });
    // Northvale's complaints are looked at one by one below; Eastmoor's by status and figures.
    complaints = [];
    organisationId = (await t.db.selectFrom('organisation').select('id').where('name', '=', northvale).executeTakeFirstOrThrow()).id;
    for (const item of found.items.filter((c) => c.organisationName === northvale)) {
      const viewed = await viewComplaint(deps, manager, item.id, { viewerName: 'Demo Complaints Manager', what: 'complaint_page' });
      if ('complaint' in viewed) complaints.push(viewed.complaint);
    }
  }, 120_000);

  const byStatus = (status: ComplaintDetail['status']) => complaints.filter((c) => c.status === status);

  it('the demo complaints manager finds complaints in every status at both trusts, seven open and one of them overdue', async () => {
    const found = await findComplaints(deps, manager, { q: '', state: '', page: 1 });
    expect(found.total).toBe(13);
    const labelsAt = (name: string) =>
      found.items
        .filter((c) => c.organisationName === name)
        .map((c) => c.statusLabel)
        .sort();
    expect(labelsAt(northvale)).toEqual([
      'Acknowledged',
      'Closed',
      'Final response sent',
      'Received',
      'Referred to the Ombudsman',
      'Under investigation',
      'Under investigation',
    ]);
    expect(labelsAt(eastmoor)).toEqual(['Acknowledged', 'Closed', 'Final response sent', 'Received', 'Referred to the Ombudsman', 'Under investigation']);
    const statusesAt = async (name: string) => {
      const rows = await t.db
        .selectFrom('complaint')
        .innerJoin('organisation', 'organisation.id', 'complaint.organisation_id')
        .select('complaint.status')
        .where('organisation.name', '=', name)
        .execute();
      return new Set(rows.map((r) => r.status));
    };
    expect(await statusesAt(northvale)).toEqual(new Set(complaintStatuses));
    expect(await statusesAt(eastmoor)).toEqual(new Set(complaintStatuses));
    expect((await findComplaints(deps, manager, { q: '', state: 'open', page: 1 })).total).toBe(7);
    expect(found.items.filter((c) => c.overdue).map((c) => c.organisationName)).toEqual([northvale]);

    const { figures } = await complaintsDashboard(deps, manager, organisationId, '');
    expect(figures.open).toHaveLength(4);
    expect(figures.open.filter((c) => c.overdue).map((c) => c.deadline)).toEqual(['response']);
    const toAcknowledge = figures.open.find((c) => c.deadline === 'acknowledgement');
    expect(toAcknowledge && toAcknowledge.receivedOn < today && (toAcknowledge.due as string) > today).toBe(true);
    expect(figures.responses).toBe(3);
    const eastmoorId = (await t.db.selectFrom('organisation').select('id').where('name', '=', eastmoor).executeTakeFirstOrThrow()).id;
    const atEastmoor = (await complaintsDashboard(deps, manager, eastmoorId, '')).figures;
    expect(atEastmoor.open).toHaveLength(3);
    expect(atEastmoor.open.filter((c) => c.overdue)).toEqual([]);
    expect(atEastmoor.responses).toBe(3);
  });

  it('dates every complaint from today, as the steps would have: received, acknowledged, investigated, answered, closed', () => {
    for (const c of complaints) {
      expect(c.receivedOn < today, c.reference).toBe(true);
      expect(c.events[0]?.kind).toBe('received');
      const times = c.events.map((e) => e.at.getTime());
      expect(times, c.reference).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThan(Date.now());
      expect(c.whatHappened.startsWith('Demo complaint')).toBe(true);
    }
    const [received] = byStatus('received');
    expect(received?.events.map((e) => e.kind)).toEqual(['received']);
    expect(received?.nextDeadline).toEqual({ kind: 'acknowledgement', due: received?.acknowledgementDue });

    const investigated = byStatus('under_investigation');
    const overdue = investigated.find((c) => c.responseDue !== null && c.responseDue < today);
    const current = investigated.find((c) => c !== overdue);
    expect(current?.subjects.map((s) => s.code)).toEqual(['appointments', 'communication', 'waiting_times']);
    expect(current?.events.map((e) => e.kind)).toEqual(['received', 'response_date_agreed', 'acknowledged', 'investigation_started', 'subjects_recorded']);
    expect(current?.acknowledgedOn && current.acknowledgedOn <= current.acknowledgementDue).toBe(true);
    expect(overdue?.letters.map((l) => l.kind)).toEqual(['acknowledgement', 'delay']);
    expect(overdue?.letters[1]?.sentOn && overdue.letters[1].sentOn > (overdue.responseDue as string)).toBe(true);

    const [answered] = byStatus('response_sent');
    expect(answered?.outcome).toBe('upheld');
    expect(answered?.letters.map((l) => l.kind)).toEqual(['acknowledgement', 'final_response']);

    const [referred] = byStatus('referred_to_ombudsman');
    expect(referred?.events.map((e) => e.kind)).toEqual([
      'received',
      'response_date_agreed',
      'acknowledged',
      'investigation_started',
      'response_sent',
      'closed',
      'referred_to_ombudsman',
    ]);
    expect(referred?.ombudsmanReferredOn && referred.ombudsmanReferredOn > (referred.closedOn as string)).toBe(true);

    const [closed] = byStatus('closed');
    expect(closed?.outcome).toBe('partly_upheld');
    expect(closed?.letters.map((l) => l.kind)).toEqual(['acknowledgement', 'final_response']);
    expect(closed?.events.map((e) => e.kind)).toEqual(['received', 'response_date_agreed', 'acknowledged', 'investigation_started', 'response_sent', 'closed']);
    expect(closed?.closedOn && closed.closedOn > (closed.responseSentOn as string)).toBe(true);

    const [forSomeoneElse] = byStatus('acknowledged');
    expect(forSomeoneElse).toMatchObject({ onBehalf: true, personName: 'Edith Morris', consentBasis: 'given', responseDue: null });
  });

  it('sends letters that are filled in, with no guidance left, and the Ombudsman paragraph on the final response', async () => {
    const letters = complaints.flatMap((c) => c.letters.map((l) => ({ complaint: c, id: l.id })));
    // Northvale's: acknowledgements for six, a delay letter, three final responses.
    expect(letters).toHaveLength(10);
    for (const { complaint, id } of letters) {
      const viewed = await viewLetter(deps, manager, complaint.id, id, { viewerName: 'Demo Complaints Manager' });
      if (!('letter' in viewed)) throw new Error('no letter');
      expect(viewed.letter.body).not.toMatch(/\{\{|\[/);
      expect(viewed.letter.body).toContain(complaint.reference);
      expect(viewed.letter.body.endsWith(ombudsmanParagraph)).toBe(viewed.letter.kind === 'final_response');
    }
  });

  it('shows them on the manager’s pages and the complainant’s, and the reminder job’s first run sends one reminder: the missed response date', async () => {
    const client = t.client();
    await client.get('/sign-in');
    expect((await client.post('/sign-in', { email: 'complaints@demo.involve.test', password: demoPassword })).statusCode).toBe(303);
    const list = await client.get('/complaints');
    expect(list.statusCode).toBe(200);
    for (const c of complaints) {
      expect(list.body).toContain(c.reference);
      expect((await client.get(`/complaints/${c.id}`)).statusCode).toBe(200);
    }
    const dashboard = await client.get(`/complaints/organisations/${organisationId}/dashboard`);
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body.match(/>\s*Overdue\s*</g)).toHaveLength(1);

    const member = t.client();
    await member.get('/sign-in');
    expect((await member.post('/sign-in', { email: 'member@demo.involve.test', password: demoPassword })).statusCode).toBe(303);
    const own = await member.get('/account/complaints');
    expect(own.statusCode).toBe(200);
    expect(complaints.filter((c) => own.body.includes(c.reference))).toHaveLength(2);

    expect(await sendComplaintReminders(deps, systemActor('complaint reminders'), new Date())).toBe(1);
    // Other modules' demos queue mail of their own: only the complaints' counts here.
    const sent = await t.db.selectFrom('mail_outbox').select('subject').where('subject', 'like', 'Complaint %').execute();
    expect(sent.map((m) => m.subject)).toEqual([expect.stringContaining('final response overdue since')]);
  });
});

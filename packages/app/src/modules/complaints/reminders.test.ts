// Reminders on a fixed calendar: a complaint received on Monday 14 July 2025 must be acknowledged by
// Thursday 17 July; every complaints manager is reminded on Wednesday 16 July, once, with nothing
// but the reference and a link; an extra holiday moves the deadline and its reminders.
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import type { Actor } from '../../platform/permissions.js';
import { systemActor } from '../../platform/permissions.js';
import { createVerifiedAccount, grantRoleDirect } from '../accounts/service.js';
import { insertOrganisation } from '../accounts/testKit.js';
import { makeComplaint } from './making.js';
import { sendComplaintReminders } from './reminders.js';
import type { ComplaintsDeps } from './service.js';
import { addExtraHoliday } from './settings.js';

const monday = new Date('2025-07-14T09:00:00Z');
const at = (date: string) => new Date(`${date}T12:00:00Z`);

describeWithTestDatabase('complaint reminders', (database) => {
  let deps: ComplaintsDeps;
  let organisationId: number;
  let managerActor: Actor;
  let complainantActor: Actor;
  beforeAll(async () => {
    deps = { db: database.db, config: { publicUrl: 'https://involve.example' }, now: () => monday };
    organisationId = await insertOrganisation(database.db, 'Reminder Surgery');
    for (const email of ['first@example.org', 'second@example.org']) {
      const id = await createVerifiedAccount(database.db, { email, password: 'correct horse battery', name: email });
      await grantRoleDirect(database.db, id, 'complaints_manager', organisationId);
      managerActor = { accountId: id, platformAdmin: false, organisationRoles: [{ organisationId, role: 'complaints_manager' }] };
    }
    const complainant = await createVerifiedAccount(database.db, { email: 'cara@example.org', password: 'correct horse battery', name: 'Cara' });
    complainantActor = { accountId: complainant, platformAdmin: false, organisationRoles: [] };
  });

  const outbox = () => database.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body_text']).orderBy('id').execute();

  it('reminds every complaints manager once, the working day before, and holds no details', async () => {
    const made = await makeComplaint(deps, complainantActor, {
      organisationId: String(organisationId),
      whatHappened: 'Secret details QX-99',
      eventDate: '2025-07-01',
      whereHappened: 'Ward 9',
      peopleInvolved: '',
      outcomeWanted: '',
      complainantName: 'Cara',
      forWhom: 'myself',
      personName: '',
      consent: '',
    });
    const row = await database.db.selectFrom('complaint').select(['received_on', 'late']).where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ received_on: '2025-07-14', late: false });
    const before = (await outbox()).length;

    expect(await sendComplaintReminders(deps, systemActor('complaint reminders'), at('2025-07-15'))).toBe(0);
    expect(await sendComplaintReminders(deps, systemActor('complaint reminders'), at('2025-07-16'))).toBe(1);
    expect(await sendComplaintReminders(deps, systemActor('complaint reminders'), at('2025-07-16'))).toBe(0);
    const reminders = (await outbox()).slice(before);
    expect(reminders.map((m) => m.to_address).sort()).toEqual(['first@example.org', 'second@example.org']);
    expect(reminders[0]?.subject).toBe(`Complaint ${made.reference}: acknowledgement due by 17 July 2025`);
    expect(reminders[0]?.body_text).toContain(`https://involve.example/complaints/${made.id}`);
    for (const mail of reminders) {
      for (const secret of ['QX-99', 'Ward 9', 'Cara', 'Reminder Surgery']) expect(mail.body_text + mail.subject).not.toContain(secret);
    }

    // The organisation closes on Thursday 17th: the deadline moves to Friday 18th, with its own reminder.
    await addExtraHoliday(deps, managerActor, organisationId, { date: '2025-07-17', name: 'Staff training day' });
    expect(await sendComplaintReminders(deps, systemActor('complaint reminders'), at('2025-07-17'))).toBe(1);
    expect((await outbox()).at(-1)?.subject).toBe(`Complaint ${made.reference}: acknowledgement due by 18 July 2025`);
    expect(await sendComplaintReminders(deps, systemActor('complaint reminders'), at('2025-07-18'))).toBe(0);
    expect(await sendComplaintReminders(deps, systemActor('complaint reminders'), at('2025-07-21'))).toBe(1);
    expect((await outbox()).at(-1)?.subject).toBe(`Complaint ${made.reference}: acknowledgement overdue since 18 July 2025`);
    const recorded = await database.db
      .selectFrom('complaint_reminder')
      .select(['kind', 'due_on'])
      .where('complaint_id', '=', made.id)
      .orderBy('sent_at')
      .execute();
    expect(recorded).toEqual([
      { kind: 'acknowledgement_due', due_on: '2025-07-17' },
      { kind: 'acknowledgement_due', due_on: '2025-07-18' },
      { kind: 'acknowledgement_missed', due_on: '2025-07-18' },
    ]);
  });
});

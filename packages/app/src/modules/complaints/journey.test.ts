// A complaint from start to end over HTTP, with a real SMTP server receiving every email: made by a
// new user, acknowledged with a letter, reminders before and after each deadline, an extension,
// the investigation, the final response with the Ombudsman paragraph, closing and a referral.
import { describe, expect, it } from 'vitest';
import { type ReceivedMail, TestMailServer } from '../../../test/mailServer.js';
import { useTestApp } from '../../../test/testApp.js';
import { databaseKinds } from '../../../test/testDatabase.js';
import { systemActor } from '../../platform/permissions.js';
import { linkIn, pathOf, signedInPerson, summaryErrors } from '../accounts/testKit.js';
import { sendComplaintReminders } from './reminders.js';
import {
  addWorkingDays,
  type ComplaintsWorld,
  dateParts,
  daysFromToday,
  letterBox,
  makeComplaintThroughForm,
  noonOn,
  organisationWithManager,
  today,
  whatHappened,
} from './testKit.js';

describe.each(databaseKinds)('a complaint from start to end on %s', (kind) => {
  const mailServer = new TestMailServer();
  const t = useTestApp(kind, { mailServer });

  const deps = () => ({ db: t.db, config: t.config });
  const send = () => t.mail?.sendDue();
  /** Every email to this address (after waiting for at least `count`). */
  async function mailsTo(email: string, count: number): Promise<ReceivedMail[]> {
    for (let i = 0; i < 100; i++) {
      const found = mailServer.received.filter((m) => m.to.includes(email));
      if (found.length >= count) return found;
      await send();
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`fewer than ${count} emails to ${email}: ${mailServer.received.filter((m) => m.to.includes(email)).map((m) => m.subject)}`);
  }

  let world: ComplaintsWorld;
  let complainant: Awaited<ReturnType<typeof signedInPerson>>;

  it('walks a complaint through every step, with emails and reminders arriving by SMTP', async () => {
    world = await organisationWithManager(t, 'Journey Surgery');
    const { manager, organisationId } = world;
    complainant = await signedInPerson(t, { name: 'Cara Complainant' });

    // ---- made by a new user ----
    const id = await makeComplaintThroughForm(complainant.client, organisationId);
    const made = await complainant.client.get(`/account/complaints/${id}?done=complaint-made`);
    expect(made.statusCode).toBe(200);
    expect(made.body).toContain('Your complaint has been sent');
    const reference = /Your complaint (C-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(made.body)?.[1] as string;
    expect(reference).toBeTruthy();
    const ackDue = addWorkingDays(today(), 3);
    expect(made.body).toContain('must acknowledge your complaint by');

    const [confirmation] = await mailsTo(complainant.email, 1);
    expect(confirmation?.subject).toBe(`Your complaint ${reference} has been sent`);
    const [newComplaint] = await mailsTo(manager.email, 1);
    expect(newComplaint?.subject).toBe(`New complaint ${reference}`);
    expect(pathOf(linkIn(newComplaint?.text ?? '', '/complaints/'))).toBe(`/complaints/${id}`);

    // ---- reminders about the acknowledgement: 1 working day before, once; then when missed ----
    const dayBeforeAck = addWorkingDays(ackDue, -1);
    expect(await sendComplaintReminders(deps(), systemActor('complaint reminders'), noonOn(dayBeforeAck))).toBe(1);
    expect(await sendComplaintReminders(deps(), systemActor('complaint reminders'), noonOn(dayBeforeAck))).toBe(0);
    let managerMail = await mailsTo(manager.email, 2);
    expect(managerMail[1]?.subject).toMatch(new RegExp(`^Complaint ${reference}: acknowledgement due by `));
    expect(await sendComplaintReminders(deps(), systemActor('complaint reminders'), noonOn(addWorkingDays(ackDue, 1)))).toBe(1);
    managerMail = await mailsTo(manager.email, 3);
    expect(managerMail[2]?.subject).toMatch(/acknowledgement overdue since/);

    // ---- acknowledged, with a letter from the template and an agreed response date ----
    const ackForm = await manager.client.get(`/complaints/${id}/acknowledge`);
    expect(ackForm.statusCode).toBe(200);
    const responseDue = daysFromToday(40);
    const acknowledged = await manager.client.post(`/complaints/${id}/acknowledge`, {
      letter: letterBox(ackForm.body),
      ...dateParts('responseDate', responseDue),
    });
    expect(acknowledged.statusCode).toBe(303);
    expect(acknowledged.headers.location).toBe(`/complaints/${id}?done=acknowledged`);

    // The complainant is told a letter is ready, and reads it through the link.
    const [, ackReady] = await mailsTo(complainant.email, 2);
    expect(ackReady?.subject).toBe(`A letter about your complaint ${reference} is ready`);
    const ackLetter = await complainant.client.get(pathOf(linkIn(ackReady?.text ?? '', '/account/complaints/')));
    expect(ackLetter.statusCode).toBe(200);
    expect(ackLetter.body).toContain('Dear Cara Complainant,');
    expect(ackLetter.body).toContain(`Your complaint, reference ${reference}`);
    expect(ackLetter.body).toContain('Journey Surgery');
    expect(ackLetter.body).not.toContain('{{');

    // ---- the response date: a reminder the working day before, then more time agreed ----
    expect(await sendComplaintReminders(deps(), systemActor('complaint reminders'), noonOn(addWorkingDays(responseDue, -1)))).toBe(1);
    managerMail = await mailsTo(manager.email, 4);
    expect(managerMail[3]?.subject).toMatch(/final response due by/);
    const newDue = daysFromToday(70);
    await manager.client.get(`/complaints/${id}/extension`);
    const extended = await manager.client.post(`/complaints/${id}/extension`, {
      ...dateParts('responseDate', newDue),
      note: 'Agreed by phone with Cara: the ward manager is away until next month.',
    });
    expect(extended.statusCode).toBe(303);
    // The old date passing is no longer a missed deadline; the new date gets its own reminders.
    expect(await sendComplaintReminders(deps(), systemActor('complaint reminders'), noonOn(addWorkingDays(responseDue, 1)))).toBe(0);
    expect(await sendComplaintReminders(deps(), systemActor('complaint reminders'), noonOn(addWorkingDays(newDue, 1)))).toBe(1);
    managerMail = await mailsTo(manager.email, 5);
    expect(managerMail[4]?.subject).toMatch(/final response overdue since/);

    // ---- investigation and the final response ----
    expect((await manager.client.post(`/complaints/${id}/investigate`, {})).statusCode).toBe(303);
    const finalForm = await manager.client.get(`/complaints/${id}/final-response`);
    expect(finalForm.body).toContain('0345 015 4033');
    // The template's guidance in square brackets must be replaced first.
    const template = letterBox(finalForm.body);
    const unchanged = await manager.client.post(`/complaints/${id}/final-response`, {
      outcome: 'partly_upheld',
      subjects: ['communication'],
      letter: template,
    });
    expect(unchanged.statusCode).toBe(422);
    expect(summaryErrors(unchanged.body).letter).toMatch(/Replace the guidance in square brackets/);
    const written = template
      .replace("[Summarise the complaint in the complainant's words.]", 'You told us your call bell was not answered.')
      .replace('[Explain how the complaint was looked into and what was found.]', 'We spoke to the staff on duty.')
      .replace(
        '[Say what has been done, or will be done, as a result, and apologise where things went wrong.]',
        'We are sorry. Call bells are now checked hourly.',
      );
    const sent = await manager.client.post(`/complaints/${id}/final-response`, {
      outcome: 'partly_upheld',
      subjects: ['communication', 'patient_care'],
      letter: written,
    });
    expect(sent.statusCode).toBe(303);
    const [, , finalReady] = await mailsTo(complainant.email, 3);
    const finalLetter = await complainant.client.get(pathOf(linkIn(finalReady?.text ?? '', '/account/complaints/')));
    expect(finalLetter.body).toContain('We are sorry. Call bells are now checked hourly.');
    // The Ombudsman paragraph, added by Involve after the manager's text.
    expect(finalLetter.body).toContain('Parliamentary and Health Service Ombudsman');
    expect(finalLetter.body).toContain('0345 015 4033');
    expect(finalLetter.body).toContain('www.ombudsman.org.uk');
    expect(finalLetter.body.indexOf('Call bells are now checked hourly')).toBeLessThan(finalLetter.body.indexOf('0345 015 4033'));

    // ---- closed, then referred to the Ombudsman ----
    expect((await manager.client.post(`/complaints/${id}/close`, {})).headers.location).toBe(`/complaints/${id}?done=closed`);
    await manager.client.get(`/complaints/${id}/ombudsman`);
    const referred = await manager.client.post(`/complaints/${id}/ombudsman`, { ...dateParts('referredOn', today()), note: 'The complainant told us.' });
    expect(referred.statusCode).toBe(303);
    // Nothing is open, so no more reminders.
    expect(await sendComplaintReminders(deps(), systemActor('complaint reminders'), noonOn(daysFromToday(200)))).toBe(0);

    // ---- the complainant's page tells the whole story ----
    const page = await complainant.client.get(`/account/complaints/${id}`);
    expect(page.body).toContain('Referred to the Ombudsman');
    for (const text of ['Complaint acknowledged', 'More time agreed for the response', 'the ward manager is away', 'Final response sent', 'Complaint closed']) {
      expect(page.body).toContain(text);
    }
    expect(page.body).toContain('Outcome: partly upheld');
    const row = await t.db.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'referred_to_ombudsman',
      acknowledged_on: today(),
      response_due: newDue,
      response_sent_on: today(),
      outcome: 'partly_upheld',
      closed_on: today(),
      ombudsman_referred_on: today(),
    });

    // ---- no email held anything of the complaint but its reference and a link ----
    // (Each greets the person it goes to by name, the complainant too; nobody else's name is in it.)
    for (const mail of mailServer.received) {
      expect(mail.text).toMatch(/^Dear [^\n,]+,\r?\n/);
      const afterGreeting = mail.text.replace(/^Dear [^\n]*\n/, '');
      for (const secret of [whatHappened, 'QX-41', 'Cara Complainant', 'Ward 7', 'Call bells', 'Journey Surgery']) {
        expect(afterGreeting.includes(secret) || mail.subject.includes(secret), `"${secret}" in "${mail.subject}"`).toBe(false);
      }
    }
  });

  it('sends the six-month prompt once when there is no final response', async () => {
    const id = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const before = mailServer.received.filter((m) => m.to.includes(world.manager.email)).length;
    const sixMonths = (await t.db.selectFrom('complaint').select('received_on').where('id', '=', id).executeTakeFirstOrThrow()).received_on;
    const at = new Date(`${sixMonths}T12:00:00Z`);
    at.setUTCMonth(at.getUTCMonth() + 6);
    // The acknowledgement was missed long ago, and six months have passed: two reminders, once each.
    expect(await sendComplaintReminders(deps(), systemActor('complaint reminders'), at)).toBe(2);
    expect(await sendComplaintReminders(deps(), systemActor('complaint reminders'), at)).toBe(0);
    const mails = await mailsTo(world.manager.email, before + 3);
    expect(mails.map((m) => m.subject).some((s) => /six months without a final response/.test(s))).toBe(true);
  });
});

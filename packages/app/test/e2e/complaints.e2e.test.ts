// A formal complaint walked in Chromium: a new person starts from the organisation's public page and
// makes a complaint; the complaints manager acknowledges it with the template letter, records more
// time agreed with the complainant, starts the investigation, sends the final response (with the
// Ombudsman paragraph Involve adds), and closes it. The complainant reads each letter. Reminder
// emails about the deadlines reach a real SMTP server; axe-core checks every page on the way.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createVerifiedAccount, grantRoleDirect } from '../../src/modules/accounts/service.js';
import { goodPassword, insertOrganisation, linkIn } from '../../src/modules/accounts/testKit.js';
import { sendComplaintReminders } from '../../src/modules/complaints/reminders.js';
import { addWorkingDays, daysFromToday, noonOn, today } from '../../src/modules/complaints/testKit.js';
import { systemActor } from '../../src/platform/permissions.js';
import { type ReceivedMail, TestMailServer } from '../mailServer.js';
import { describeBrowser, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 15_000, interval: 100 };
const organisationName = 'Riverside Walk-in Centre';

async function fillDate(page: Page, field: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-') as [string, string, string];
  await page.locator(`[name="${field}-day"]`).fill(String(Number(day)));
  await page.locator(`[name="${field}-month"]`).fill(String(Number(month)));
  await page.locator(`[name="${field}-year"]`).fill(year);
}

describeBrowser('a complaint in Chromium', () => {
  const mailServer = new TestMailServer();
  const served = useBrowserTestApp({ mailServer });
  let organisationId: number;
  const managerEmail = 'complaints-lead@riverside.example.org';
  beforeAll(async () => {
    organisationId = await insertOrganisation(served.db, organisationName);
    const managerId = await createVerifiedAccount(served.db, { email: managerEmail, password: goodPassword, name: 'Morgan Lead' });
    await grantRoleDirect(served.db, managerId, 'complaints_manager', organisationId);
  });

  const signIn = (page: Page, email: string) => signInThroughForm(page, served.url, email, goodPassword);

  const mailsTo = (email: string) => mailServer.received.filter((m) => m.to.includes(email));
  const mailMatching = (email: string, matches: (mail: ReceivedMail) => boolean) => mailServer.waitForMatching(email, matches, () => served.mail?.sendDue());
  const reminders = (now: string) => sendComplaintReminders({ db: served.db, config: served.config }, systemActor('complaint reminders'), noonOn(now));

  it('goes from a new person to a closed complaint, with reminders by email and axe clean on every page', async () => {
    const complainantEmail = 'dev.new@example.org';
    const complainant = await served.newPage({ javaScript: true });
    const manager = await served.newPage({ javaScript: true });
    const checkComplainant = (what: string) => expectNoAxeViolations(complainant, `complainant: ${what}`);
    const checkManager = (what: string) => expectNoAxeViolations(manager, `manager: ${what}`);
    try {
      // ---- a new person signs up and confirms their email ----
      await complainant.goto(`${served.url}/sign-up`);
      await complainant.getByLabel('Full name').fill('Dev Patel');
      await complainant.getByLabel('Email address').fill(complainantEmail);
      await complainant.getByLabel('Create a password').fill(goodPassword);
      await complainant.getByLabel('Confirm your password').fill(goodPassword);
      await complainant.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => heading(complainant), until).toBe('Check your email');
      const verify = await mailServer.waitFor(complainantEmail, () => served.mail?.sendDue());
      await complainant.goto(`${served.url}${new URL(linkIn(verify.text, '/verify-email/')).pathname}`);
      await expect.poll(() => heading(complainant), until).toBe('Your account');

      // ---- from the organisation's public page to the complaint form ----
      await complainant.goto(`${served.url}/organisations/${organisationId}`);
      await expect.poll(() => heading(complainant), until).toBe(organisationName);
      await checkComplainant('the organisation page');
      await complainant.getByRole('link', { name: `Make a complaint about ${organisationName}` }).click();
      await expect.poll(() => complainant.getByLabel('What happened?').count(), until).toBe(1);
      await checkComplainant('the complaint form');

      // An empty complaint is refused with the field named, and nothing is made.
      await complainant.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => complainant.locator('.nhsuk-error-summary').count(), until).toBe(1);
      expect(await complainant.locator('.nhsuk-error-summary').textContent()).toMatch(/what happened/i);
      await checkComplainant('the complaint form with errors');
      expect(await served.db.selectFrom('complaint').select('id').execute()).toEqual([]);

      await complainant.getByLabel('What happened?').fill('I waited four hours with a broken wrist and nobody told me why.');
      await fillDate(complainant, 'eventDate', daysFromToday(-10));
      await complainant.getByLabel('Where did it happen? (optional)').fill('The waiting room');
      await complainant.getByLabel('Your name').fill('Dev Patel');
      await complainant.getByRole('radio', { name: 'Myself' }).check();
      await complainant.getByRole('button', { name: 'Continue' }).click();
      // Check your answers, then send.
      await expect.poll(() => heading(complainant), until).toBe('Check your complaint before sending it');
      await checkComplainant('checking the complaint');
      await complainant.getByRole('button', { name: 'Send the complaint' }).click();
      await expect.poll(() => heading(complainant), until).toMatch(/^Your complaint C-/);
      expect(await complainant.locator('main').textContent()).toContain('must acknowledge your complaint by');
      await checkComplainant('the complaint just made');
      const reference = (await heading(complainant))?.replace('Your complaint ', '') as string;
      const complaint = await served.db.selectFrom('complaint').select(['id', 'status']).where('reference', '=', reference).executeTakeFirstOrThrow();
      expect(complaint.status).toBe('received');

      // The complainant and the complaints manager are told by email.
      expect((await mailMatching(complainantEmail, (m) => m.subject.includes(reference))).subject).toBe(`Your complaint ${reference} has been sent`);
      expect((await mailServer.waitFor(managerEmail, () => served.mail?.sendDue())).subject).toBe(`New complaint ${reference}`);

      // ---- a reminder the working day before the acknowledgement is due ----
      const ackDue = addWorkingDays(today(), 3);
      expect(await reminders(addWorkingDays(ackDue, -1))).toBe(1);
      const ackReminder = await mailMatching(managerEmail, (m) => m.subject.includes('acknowledgement due'));
      expect(ackReminder.subject).toMatch(new RegExp(`^Complaint ${reference}: acknowledgement due by `));

      // ---- the manager acknowledges it with the template letter and an agreed response date ----
      await signIn(manager, managerEmail);
      await manager.goto(`${served.url}${new URL(linkIn(ackReminder.text, '/complaints/')).pathname}`);
      await expect.poll(() => heading(manager), until).toBe(`Complaint ${reference}`);
      await checkManager('the complaint');
      await manager.getByRole('link', { name: 'Acknowledge the complaint' }).click();
      await expect.poll(() => heading(manager), until).toBe('Acknowledge the complaint');
      // The template's placeholders are filled in when the letter is sent.
      expect(await manager.getByLabel('The letter').inputValue()).toContain('Your complaint, reference {{reference}}');
      await checkManager('the acknowledgement form');
      const firstDue = daysFromToday(40);
      await fillDate(manager, 'responseDate', firstDue);
      await manager.getByRole('button', { name: 'Acknowledge and send the letter' }).click();
      await expect.poll(() => heading(manager), until).toBe(`Complaint ${reference}`);
      await checkManager('the complaint after acknowledging');

      // ---- more time, agreed with the complainant ----
      expect(await reminders(addWorkingDays(firstDue, -1))).toBe(1);
      await mailMatching(managerEmail, (m) => m.subject.includes('final response due by'));
      await manager.getByRole('link', { name: 'Record more time agreed with the complainant' }).click();
      await expect.poll(() => heading(manager), until).toBe('Record more time agreed with the complainant');
      await checkManager('the extension form');
      const newDue = daysFromToday(70);
      await fillDate(manager, 'responseDate', newDue);
      await manager.locator('[name="note"]').fill('Agreed with Dev by phone: the department lead is away.');
      await manager.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => heading(manager), until).toBe(`Complaint ${reference}`);
      // The old date passing is no longer a missed deadline.
      expect(await reminders(addWorkingDays(firstDue, 1))).toBe(0);

      // ---- the investigation and the final response ----
      await manager.getByRole('button', { name: 'Start the investigation' }).click();
      await expect.poll(() => manager.getByRole('link', { name: 'Send the final response' }).count(), until).toBe(1);
      await manager.getByRole('link', { name: 'Send the final response' }).click();
      await expect.poll(() => heading(manager), until).toBe('Send the final response');
      await checkManager('the final response form');
      const letter = manager.getByLabel('The letter');
      const template = await letter.inputValue();
      await letter.fill(
        template
          .replace("[Summarise the complaint in the complainant's words.]", 'You told us you waited four hours without being told why.')
          .replace('[Explain how the complaint was looked into and what was found.]', 'We looked at the waiting room records for that evening.')
          .replace(
            '[Say what has been done, or will be done, as a result, and apologise where things went wrong.]',
            'We are sorry. Waiting times are now shown on a screen.',
          ),
      );
      await manager.getByRole('radio', { name: 'Partly upheld' }).check();
      await manager.getByRole('checkbox', { name: 'Waiting times' }).check();
      await manager.getByRole('button', { name: 'Send the final response' }).click();
      await expect.poll(() => heading(manager), until).toBe(`Complaint ${reference}`);

      // ---- closed ----
      await manager.getByRole('button', { name: 'Close the complaint' }).click();
      await expect.poll(async () => (await manager.locator('main').textContent()) ?? '', until).toMatch(/closed/i);
      await checkManager('the closed complaint');
      const closed = await served.db.selectFrom('complaint').selectAll().where('id', '=', complaint.id).executeTakeFirstOrThrow();
      expect(closed).toMatchObject({ status: 'closed', response_due: newDue, outcome: 'partly_upheld', closed_on: today() });
      // Nothing is open, so no more reminders.
      expect(await reminders(daysFromToday(200))).toBe(0);

      // ---- the complainant reads the final response, with the Ombudsman paragraph ----
      // The second "letter is ready" email is the final response (the first was the acknowledgement).
      const letterReady = (m: ReceivedMail) => m.subject === `A letter about your complaint ${reference} is ready`;
      await mailMatching(complainantEmail, (m) => letterReady(m) && mailsTo(complainantEmail).filter(letterReady).length >= 2);
      const finalReady = mailsTo(complainantEmail).filter(letterReady)[1] as ReceivedMail;
      await complainant.goto(`${served.url}${new URL(linkIn(finalReady.text, '/account/complaints/')).pathname}`);
      await expect.poll(async () => (await complainant.locator('main').textContent()) ?? '', until).toContain('Waiting times are now shown on a screen');
      const finalText = (await complainant.locator('main').textContent()) ?? '';
      expect(finalText).toContain('Parliamentary and Health Service Ombudsman');
      expect(finalText).toContain('0345 015 4033');
      expect(finalText).not.toContain('{{');
      await checkComplainant('the final response letter');

      await complainant.goto(`${served.url}/account`);
      await complainant.getByRole('link', { name: 'Your complaints' }).click();
      await expect.poll(() => heading(complainant), until).toBe('Your complaints');
      await checkComplainant('the list of complaints');
      await complainant.getByRole('link', { name: new RegExp(reference) }).click();
      await expect.poll(() => heading(complainant), until).toBe(`Your complaint ${reference}`);
      const timeline = (await complainant.locator('main').textContent()) ?? '';
      for (const step of ['Complaint acknowledged', 'More time agreed for the response', 'Final response sent', 'Complaint closed']) {
        expect(timeline).toContain(step);
      }
      // The manager's views are listed for the complainant.
      expect(timeline).toContain('Morgan Lead');
      await checkComplainant('the closed complaint');
    } finally {
      await complainant.context().close();
      await manager.context().close();
    }
  });
});

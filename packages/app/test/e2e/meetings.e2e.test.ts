// A public meeting walked in Chromium, in steps that share one served Involve with the demo health
// system: staff (JavaScript on) arrange a board meeting with an agenda in a public and a private part,
// upload a paper and publish the papers; a visitor (JavaScript off) reads it, sends a question after
// correcting a mistake, and another (JavaScript on) too; staff answer a question, which then shows in
// public; a visitor registers with access needs; staff read who registered, and record minutes and a
// decision on the demo board's last meeting. axe-core checks every page type of the module, with
// JavaScript on and off.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demoPassword } from '../../src/modules/accounts/service.js';
import { loadDemoHealthSystem } from '../../src/modules/index.js';
import { describeBrowser, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

const banner = (page: Page) => page.locator('.nhsuk-notification-banner').textContent();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary').textContent();

describeBrowser('a public meeting in Chromium', () => {
  const served = useBrowserTestApp({ env: { INVOLVE_DEMO: '1' } }, stepTimeout);
  let staff: Page;
  let visitor: Page;
  let visitorWithScript: Page;
  let meetingUrl = '';
  beforeAll(async () => {
    await loadDemoHealthSystem(served.db);
    staff = await served.newPage({ javaScript: true });
    visitor = await served.newPage({ javaScript: false });
    visitorWithScript = await served.newPage({ javaScript: true });
  }, stepTimeout);

  it(
    'lets staff arrange a meeting from their organisation’s page, build its agenda, upload a paper and publish the papers',
    async () => {
      await signInThroughForm(staff, served.url, 'icb-admin@demo.involve.test', demoPassword);
      const icb = await served.db.selectFrom('organisation').select('id').where('name', 'like', '%Integrated Care Board%').executeTakeFirstOrThrow();
      await staff.goto(`${served.url}/organisations/${icb.id}`);
      await staff.getByRole('link', { name: /Arrange a public meeting/ }).click();
      await expect.poll(() => heading(staff), until).toBe('Arrange a public meeting');
      await expectNoAxeViolations(staff, 'the new meeting form');
      await staff.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => errorSummary(staff), until).toContain('Enter the title of the meeting');
      await expectNoAxeViolations(staff, 'the new meeting form with errors');
      await staff.getByLabel('Who meets').selectOption({ label: 'Integrated Care Board' });
      await staff.getByLabel('Title').fill('Extraordinary board meeting in public');
      const day = new Date(Date.now() + 12 * 86_400_000);
      const date = staff.getByRole('group', { name: 'Date' });
      await date.getByLabel('Day').fill(String(day.getUTCDate()));
      await date.getByLabel('Month').fill(String(day.getUTCMonth() + 1));
      await date.getByLabel('Year').fill(String(day.getUTCFullYear()));
      await staff.getByLabel('Starts at').fill('2pm');
      await staff.getByLabel('Ends at').fill('4:30pm');
      await staff.getByLabel('Where (optional if it is online only)').fill('Council Chamber, Northvale Town Hall');
      await staff.getByLabel('Access arrangements').fill('Step-free access; hearing loop');
      await staff.getByLabel(/Places in the room/).fill('30');
      await staff.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => heading(staff), until).toBe('Manage the meeting');
      await expectNoAxeViolations(staff, 'the manage page');
      meetingUrl = staff.url().replace(/\/manage.*$/, '');

      const addItem = async (title: string, purpose: string, part: string) => {
        await staff.getByLabel('Item title').fill(title);
        await staff.getByLabel(purpose).check();
        await staff.getByLabel(part).check();
        await staff.getByRole('button', { name: 'Add the item' }).click();
        await expect.poll(() => banner(staff), until).toContain('The item is added to the agenda.');
      };
      await addItem('Stroke services: the case for change', 'For decision', 'Public part');
      await addItem('Land purchase for the new stroke unit', 'For decision', 'Private part (confidential)');

      await staff.getByLabel('For which item').selectOption({ label: '1. Stroke services: the case for change' });
      await staff.getByLabel('Paper title').fill('Stroke case for change');
      await staff
        .getByLabel('File', { exact: true })
        .setInputFiles({ name: 'stroke.txt', mimeType: 'text/plain', buffer: Buffer.from('The case for one specialist stroke unit.') });
      await staff.getByRole('button', { name: 'Upload the paper' }).click();
      await expect.poll(() => banner(staff), until).toContain('The paper is uploaded.');
      await staff.getByRole('button', { name: 'Publish the papers' }).click();
      await expect.poll(() => banner(staff), until).toContain('The papers of the public part are published');
    },
    stepTimeout,
  );

  it(
    'lets a visitor with JavaScript off read the meeting and send a question after correcting a mistake',
    async () => {
      await visitor.goto(`${served.url}/meetings`);
      await expect.poll(() => heading(visitor), until).toBe('Upcoming public meetings');
      await expectNoAxeViolations(visitor, 'the list of meetings');
      await visitor.getByRole('link', { name: 'Extraordinary board meeting in public' }).click();
      await expect.poll(() => heading(visitor), until).toBe('Extraordinary board meeting in public');
      await expectNoAxeViolations(visitor, 'a meeting page');
      expect(await visitor.locator('main').textContent()).toContain('Stroke case for change');
      expect(await visitor.locator('main').textContent()).not.toContain('Land purchase');
      await visitor.getByRole('link', { name: 'Send a question to the meeting' }).click();
      await expect.poll(() => heading(visitor), until).toBe('Send a question to the meeting');
      await expectNoAxeViolations(visitor, 'the question form');
      await visitor.getByLabel('Your name').fill('Rosa Visitor');
      await visitor.getByLabel('Your email address').fill('not an email');
      await visitor.getByLabel('Your question').fill('Where will the new stroke unit be?');
      await visitor.getByRole('button', { name: 'Send your question' }).click();
      await expect.poll(() => errorSummary(visitor), until).toContain('Enter an email address in the correct format');
      await expectNoAxeViolations(visitor, 'the question form with errors');
      expect(await visitor.getByLabel('Your question').inputValue()).toBe('Where will the new stroke unit be?');
      await visitor.getByLabel('Your email address').fill('rosa@example.org');
      await visitor.getByRole('button', { name: 'Send your question' }).click();
      await expect.poll(() => heading(visitor), until).toBe('Your question is sent');
      await expectNoAxeViolations(visitor, 'the question sent page');

      await visitorWithScript.goto(`${meetingUrl}/question`);
      await visitorWithScript.getByLabel('Your name').fill('Omar Scripted');
      await visitorWithScript.getByLabel('Your email address').fill('omar@example.org');
      await visitorWithScript.getByLabel('Your question').fill('Will there be parking for visitors?');
      await visitorWithScript.getByRole('button', { name: 'Send your question' }).click();
      await expect.poll(() => heading(visitorWithScript), until).toBe('Your question is sent');
      await visitorWithScript.goto(meetingUrl);
      await expectNoAxeViolations(visitorWithScript, 'a meeting page with JavaScript on');
    },
    stepTimeout,
  );

  it(
    'lets staff answer a question, which then shows in public without the email address',
    async () => {
      await staff.goto(`${meetingUrl}/questions`);
      await expect.poll(() => heading(staff), until).toBe('Questions from the public');
      await expectNoAxeViolations(staff, 'the questions page');
      const card = staff.locator('.nhsuk-card', { hasText: 'Where will the new stroke unit be?' });
      await card.getByLabel('Answer').fill('At Northvale General Hospital, next to the emergency department.');
      await card.getByRole('button', { name: 'Publish the answer' }).click();
      await expect.poll(() => banner(staff), until).toContain('The answer is published');
      await visitor.goto(meetingUrl);
      const main = await visitor.locator('main').textContent();
      expect(main).toContain('At Northvale General Hospital, next to the emergency department.');
      expect(main).toContain('Rosa Visitor');
      expect(main).not.toContain('rosa@example.org');
    },
    stepTimeout,
  );

  it(
    'lets a visitor register to attend with access needs, and staff see who registered',
    async () => {
      await visitor.goto(meetingUrl);
      await visitor.getByRole('button', { name: 'Register to attend' }).click();
      await expect.poll(() => heading(visitor), until).toBe('Register to attend');
      await expectNoAxeViolations(visitor, 'the registration form');
      await visitor.getByLabel('Your name').fill('Rosa Visitor');
      await visitor.getByLabel('Your email address').fill('rosa@example.org');
      await visitor.getByRole('button', { name: 'Register' }).click();
      await expect.poll(() => errorSummary(visitor), until).toContain('Choose how you will attend');
      await expectNoAxeViolations(visitor, 'the registration form with errors');
      await visitor.getByLabel('In person').check();
      await visitor.getByLabel(/Your access needs/).fill('A seat near the hearing loop');
      await visitor.getByRole('button', { name: 'Register' }).click();
      await expect.poll(() => heading(visitor), until).toBe('You are registered');
      await expectNoAxeViolations(visitor, 'the registered page');

      await staff.goto(`${meetingUrl}/registrations`);
      await expect.poll(() => heading(staff), until).toBe('Who registered to attend');
      expect(await staff.locator('main').textContent()).toContain('A seat near the hearing loop');
      await expectNoAxeViolations(staff, 'the registrations page');
    },
    stepTimeout,
  );

  it(
    'lets staff record minutes and a decision on the board’s last meeting, shown in public with the decision’s page',
    async () => {
      const last = await served.db
        .selectFrom('meeting')
        .select('id')
        .where('status', '=', 'held')
        .where('title', '=', 'Board meeting in public')
        .executeTakeFirstOrThrow();
      await staff.goto(`${served.url}/meetings/${last.id}/minutes`);
      await expect.poll(() => heading(staff), until).toBe('Minutes and decisions');
      await expectNoAxeViolations(staff, 'the minutes page');
      await staff.getByLabel('Minutes of item 1').fill('The chair welcomed 23 members of the public and thanked the patient panel.');
      await staff
        .locator(`#item-${await itemId(last.id, 1)}`)
        .getByRole('button', { name: 'Save the minutes' })
        .click();
      await expect.poll(() => banner(staff), until).toContain('The minutes of the item are saved.');
      await staff.getByLabel(/What was decided on item 1/).fill('The board thanks the patient panel and asks it to review next year’s winter plan.');
      await staff
        .locator(`#item-${await itemId(last.id, 1)}`)
        .getByRole('button', { name: 'Record the decision' })
        .click();
      await expect.poll(() => banner(staff), until).toContain('The decision is recorded in the accountability trail.');

      await visitor.goto(`${served.url}/meetings/${last.id}`);
      const main = await visitor.locator('main').textContent();
      expect(main).toContain('thanked the patient panel');
      expect(main).toContain('asks it to review next year’s winter plan');
      // The demo's decision informed by the consultation, through the decisions service.
      expect(main).toContain('practices open until 8pm on Tuesdays and Thursdays');
      expect(main).not.toContain('Pay award');
      await expectNoAxeViolations(visitor, 'a held meeting’s page with minutes and decisions');
      const informed = await served.db
        .selectFrom('meeting_item')
        .select('decision_id')
        .where('meeting_id', '=', last.id)
        .where('position', '=', 2)
        .executeTakeFirstOrThrow();
      await visitor.locator(`main a[href="/decisions/${informed.decision_id}"]`).click();
      await expect.poll(() => visitor.locator('main').textContent(), until).toContain('Consultation: Demo: Evening GP appointments');
    },
    stepTimeout,
  );

  async function itemId(meetingId: number, position: number): Promise<number> {
    const row = await served.db
      .selectFrom('meeting_item')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('position', '=', position)
      .executeTakeFirstOrThrow();
    return row.id;
  }
});

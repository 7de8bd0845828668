// The trail from what people said to what was done, walked in Chromium in steps that share one
// served Involve with the demo health system and a real SMTP server (issue 14): staff (JavaScript on)
// draft a consultation, add questions and open it; a person without an account (JavaScript off)
// answers it, first with a mistake; staff enter a paper answer, read the analysis of the demo's
// consultation with 320 answers, code the walk's free text, choose a quote, close it and publish its
// outcome; the public read it. Then the board's meeting takes a public question (JavaScript off) and
// answers it; its minutes record a decision informed by that outcome; a person follows the decision,
// staff move its action to done, and the follower is emailed. axe-core checks every page type on the way.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demoPassword } from '../../src/modules/accounts/service.js';
import { loadDemoHealthSystem } from '../../src/modules/index.js';
import { TestMailServer } from '../mailServer.js';
import { describeBrowser, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

describeBrowser('a consultation in Chromium', () => {
  const mailServer = new TestMailServer();
  const served = useBrowserTestApp({ env: { INVOLVE_DEMO: '1' }, mailServer }, stepTimeout);
  let staff: Page;
  let visitor: Page;
  let consultationUrl = '';
  beforeAll(async () => {
    await loadDemoHealthSystem(served.db);
    staff = await served.newPage({ javaScript: true });
    visitor = await served.newPage({ javaScript: false });
  }, stepTimeout);

  it(
    'lets staff draft a consultation from their organisation’s page, add questions and open it',
    async () => {
      await signInThroughForm(staff, served.url, 'icb-admin@demo.involve.test', demoPassword);
      const icb = await served.db.selectFrom('organisation').select('id').where('name', 'like', '%Integrated Care Board%').executeTakeFirstOrThrow();
      await staff.goto(`${served.url}/organisations/${icb.id}/consultations/new`);
      await expect.poll(() => heading(staff), until).toBe('Start a consultation');
      await expectNoAxeViolations(staff, 'the new consultation form');
      await staff.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => staff.locator('.nhsuk-error-summary').textContent(), until).toContain('Enter a title');
      await expectNoAxeViolations(staff, 'the new consultation form with errors');
      await staff.getByLabel('Title').fill('Changing the stroke ward');
      await staff.getByLabel('Summary').fill('Should stroke care move to one specialist ward?');
      const closes = new Date(Date.now() + 20 * 86_400_000);
      const group = staff.getByRole('group', { name: 'Closes' });
      await group.getByLabel('Day').fill(String(closes.getUTCDate()));
      await group.getByLabel('Month').fill(String(closes.getUTCMonth() + 1));
      await group.getByLabel('Year').fill(String(closes.getUTCFullYear()));
      await staff.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => heading(staff), until).toBe('Changing the stroke ward');
      await expectNoAxeViolations(staff, 'the manage page');
      await staff.getByLabel('Kind of question').selectOption('single_choice');
      await staff.getByLabel('The question').fill('Do you support one specialist ward?');
      await staff.getByLabel('Options, one on each line').fill('Yes\nNo\nNot sure');
      await staff.getByRole('button', { name: 'Add the question' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('The question is added.');
      await staff.getByLabel('Kind of question').selectOption('free_text');
      await staff.getByLabel('The question').fill('Tell us why');
      await staff.getByRole('button', { name: 'Add the question' }).click();
      await expect.poll(() => staff.locator('#questions + ol li').count(), until).toBe(2);
      await staff.getByRole('button', { name: 'Open it for answers' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('The consultation has moved on.');
      consultationUrl = staff.url().replace(/\/manage.*$/, '');
    },
    stepTimeout,
  );

  it(
    'lets a person without an account answer, with JavaScript off, after correcting a mistake',
    async () => {
      await visitor.goto(`${served.url}/consultations`);
      await expect.poll(() => heading(visitor), until).toBe('Consultations');
      await expectNoAxeViolations(visitor, 'the list of consultations');
      await visitor.getByRole('link', { name: 'Changing the stroke ward' }).click();
      await expectNoAxeViolations(visitor, 'a consultation page');
      await visitor.getByRole('button', { name: 'Answer this consultation' }).click();
      await expect.poll(() => heading(visitor), until).toBe('Changing the stroke ward');
      await expectNoAxeViolations(visitor, 'the answer form');
      await visitor.getByLabel(/Tell us why/).fill('One ward means the specialists are always there.');
      await visitor.getByLabel('Your email address (optional)').fill('not an email');
      await visitor.getByRole('button', { name: 'Send your answers' }).click();
      await expect.poll(() => visitor.locator('.nhsuk-error-summary').textContent(), until).toContain('Enter an email address in the correct format');
      await expectNoAxeViolations(visitor, 'the answer form with errors');
      expect(await visitor.getByLabel(/Tell us why/).inputValue()).toBe('One ward means the specialists are always there.');
      await visitor.getByLabel('Your email address (optional)').fill('');
      await visitor.getByLabel('Yes').check();
      await visitor.getByRole('button', { name: 'Send your answers' }).click();
      await expect.poll(() => heading(visitor), until).toBe('Your answers are sent');
      await expectNoAxeViolations(visitor, 'the thank-you page');
    },
    stepTimeout,
  );

  it(
    'lets staff enter a paper answer, read the analysis, code the free text, close the consultation and publish its outcome',
    async () => {
      await staff.goto(`${consultationUrl}/enter`);
      await expectNoAxeViolations(staff, 'the paper answer form');
      await staff.getByLabel('No', { exact: true }).check();
      await staff.getByLabel(/Tell us why/).fill('The bus to the specialist ward takes an hour from Eastmoor.');
      await staff.getByRole('button', { name: 'Save these answers' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('Answers saved with the reference');

      // The charts, on the demo's consultation with 320 answers.
      const demo = await served.db
        .selectFrom('consultation')
        .select('id')
        .where('title', '=', 'Demo: Moving the minor injuries unit')
        .executeTakeFirstOrThrow();
      await staff.goto(`${served.url}/consultations/${demo.id}/analysis`);
      await expect.poll(() => staff.locator('svg.involve-chart').count(), until).toBeGreaterThan(2);
      await expectNoAxeViolations(staff, 'the analysis page');

      // The walk's own consultation: code its free text and choose a quote.
      await staff.goto(`${consultationUrl}/analysis`);
      await staff.getByRole('link', { name: /Read and code the answers/ }).click();
      await expect.poll(() => heading(staff), until).toBe('Tell us why');
      for (const code of ['Specialists', 'Travel']) {
        await staff.getByLabel('New code').fill(code);
        await staff.getByRole('button', { name: 'Add the code' }).click();
        await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('The code is added');
      }
      const answer = (words: string) => staff.locator('.nhsuk-card', { hasText: words });
      const saved = () =>
        expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('Your codes for that answer are saved.');
      await answer('the specialists are always there').getByLabel('Specialists').check();
      await answer('the specialists are always there').getByRole('button', { name: 'Save the codes' }).click();
      await saved();
      await answer('takes an hour from Eastmoor').getByLabel('Travel').check();
      await answer('takes an hour from Eastmoor').getByRole('button', { name: 'Save the codes' }).click();
      await saved();
      await answer('the specialists are always there')
        .getByRole('button', { name: /Use as a quote/ })
        .click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('The quote is added');
      await expectNoAxeViolations(staff, 'the coding page');

      await staff.goto(`${consultationUrl}/manage`);
      await staff.getByRole('button', { name: 'Close it' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('The consultation has moved on.');
      await staff.getByRole('link', { name: /Publish the outcome/ }).click();
      await expectNoAxeViolations(staff, 'the publish form');
      await staff.getByLabel('We asked').fill('Whether stroke care should move to one specialist ward.');
      await staff.getByLabel('You said').fill('Most wanted the specialists together; some worried about the journey.');
      await staff.getByLabel('We did').fill('One specialist stroke ward opens at Northvale General, with a shuttle bus from Eastmoor.');
      await staff.getByRole('button', { name: 'Publish the outcome' }).click();
      await expect.poll(() => heading(staff), until).toBe('Changing the stroke ward');

      await visitor.goto(`${consultationUrl}/outcome`);
      await expect.poll(() => visitor.locator('main').textContent(), until).toContain('a shuttle bus from Eastmoor');
      await expectNoAxeViolations(visitor, 'the outcome page');
    },
    stepTimeout,
  );

  it(
    'lets the board’s meeting take a public question with JavaScript off, and staff answer it in public',
    async () => {
      const meeting = await served.db
        .selectFrom('meeting')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('starts_at', '>', new Date())
        .orderBy('starts_at')
        .executeTakeFirstOrThrow();
      await visitor.goto(`${served.url}/meetings/${meeting.id}`);
      await visitor.getByRole('link', { name: 'Send a question to the meeting' }).click();
      await visitor.getByLabel('Your name').fill('Mo Trail');
      await visitor.getByLabel('Your email address').fill('mo.trail@example.org');
      await visitor.getByLabel('Your question').fill('Will the stroke ward keep its evening visiting hours after the move?');
      await visitor.getByRole('button', { name: 'Send your question' }).click();
      await expect.poll(() => heading(visitor), until).toBe('Your question is sent');

      await staff.goto(`${served.url}/meetings/${meeting.id}/questions`);
      const card = staff.locator('.nhsuk-card', { hasText: 'evening visiting hours' });
      await card.getByLabel('Answer').fill('Yes: visiting stays open until 8pm every day.');
      await card.getByRole('button', { name: 'Publish the answer' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('The answer is published');
      await visitor.goto(`${served.url}/meetings/${meeting.id}`);
      await expect.poll(() => visitor.locator('main').textContent(), until).toContain('Yes: visiting stays open until 8pm every day.');
      await expectNoAxeViolations(visitor, 'the meeting page with a published answer');
    },
    stepTimeout,
  );

  let decisionUrl = '';
  it(
    'lets staff record in the minutes a decision informed by the outcome, shown on the decision’s public page',
    async () => {
      const held = await served.db
        .selectFrom('meeting')
        .select('id')
        .where('status', '=', 'held')
        .where('title', '=', 'Board meeting in public')
        .executeTakeFirstOrThrow();
      await staff.goto(`${served.url}/meetings/${held.id}/minutes`);
      const item = staff.locator('section', { has: staff.getByRole('button', { name: 'Record the decision' }) }).first();
      const itemId = await item.getAttribute('id');
      await item.getByLabel(/What was decided on item/).fill('Open one specialist stroke ward at Northvale General in spring, with a shuttle bus.');
      await item.getByLabel('Changing the stroke ward').check();
      await item.getByRole('button', { name: 'Record the decision' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('decision');
      await staff.locator(`#${itemId} a[href^="/decisions/"]`).click();
      await expect.poll(() => staff.locator('main').textContent(), until).toContain('Open one specialist stroke ward at Northvale General');
      decisionUrl = staff.url().replace(/[?#].*$/, '');

      await visitor.goto(decisionUrl);
      await expect.poll(() => visitor.locator('main').textContent(), until).toContain('Open one specialist stroke ward at Northvale General');
      const informedBy = visitor.locator(`main a[href*="${new URL(consultationUrl).pathname}"]`);
      await expect.poll(() => informedBy.count(), until).toBeGreaterThan(0);
      await expectNoAxeViolations(visitor, 'a decision page recorded in the minutes');
      await informedBy.first().click();
      await expect.poll(() => visitor.url(), until).toContain(new URL(consultationUrl).pathname);
    },
    stepTimeout,
  );

  it(
    'emails a follower of the decision when staff move its action to done',
    async () => {
      await staff.goto(decisionUrl);
      await staff.getByLabel('What will be done').fill('Run the shuttle bus from Eastmoor');
      await staff.getByLabel('Who is responsible').fill('Director of Transport');
      const due = new Date(Date.now() + 60 * 86_400_000);
      const group = staff.getByRole('group', { name: 'Due' });
      await group.getByLabel('Day').fill(String(due.getUTCDate()));
      await group.getByLabel('Month').fill(String(due.getUTCMonth() + 1));
      await group.getByLabel('Year').fill(String(due.getUTCFullYear()));
      await staff.getByRole('button', { name: 'Add the action' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('The action is added.');

      const follower = await served.newPage({ javaScript: true });
      await signInThroughForm(follower, served.url, 'member@demo.involve.test', demoPassword);
      await follower.goto(decisionUrl);
      await follower.getByRole('button', { name: /Follow this decision/ }).click();
      await expect.poll(() => follower.locator('.nhsuk-notification-banner').textContent(), until).toContain('You follow this decision');
      await expectNoAxeViolations(follower, 'a decision page, followed');

      const action = staff.locator('.nhsuk-card', { hasText: 'Run the shuttle bus from Eastmoor' });
      await action.getByLabel('Where it has got to').selectOption({ label: 'Done' });
      await action.getByLabel('Note on the progress').fill('The first shuttle bus ran on Monday.');
      await action.getByRole('button', { name: 'Record the progress' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('The progress is recorded');
      await expectNoAxeViolations(staff, 'a decision page with an action done');

      const mail = await mailServer.waitForMatching(
        'member@demo.involve.test',
        (m) => m.text.includes('The first shuttle bus ran on Monday.'),
        () => served.mail?.sendDue(),
      );
      expect(mail.text).toContain('Now: Done');
      expect(mail.text).toContain(new URL(decisionUrl).pathname);
      await follower.close();

      // The trail's other pages: the list (JavaScript off) and the form to record a decision, with its errors.
      await visitor.goto(`${served.url}/decisions`);
      await expect.poll(() => heading(visitor), until).toBe('Decisions and what followed');
      await expectNoAxeViolations(visitor, 'the list of decisions');
      const icb = await served.db.selectFrom('organisation').select('id').where('name', 'like', '%Integrated Care Board%').executeTakeFirstOrThrow();
      await staff.goto(`${served.url}/organisations/${icb.id}/decisions/new`);
      await staff.getByRole('button', { name: 'Record the decision' }).click();
      await expect.poll(() => staff.locator('.nhsuk-error-summary').textContent(), until).toContain('Enter what was decided');
      await expectNoAxeViolations(staff, 'the decision form with errors');
    },
    stepTimeout,
  );
});

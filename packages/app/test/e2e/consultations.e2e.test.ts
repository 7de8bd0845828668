// A consultation walked in Chromium, in steps that share one served Involve with the demo health
// system: staff (JavaScript on) draft one, add questions and open it; a person without an account
// (JavaScript off) answers it, first with a mistake; staff enter a paper answer, read the analysis of
// the demo's consultation with 320 answers, code its free text, close it and publish the outcome; the
// public read it. axe-core checks every page type of the module on the way.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPassword } from '../../src/modules/accounts/service.js';
import { loadDemoHealthSystem } from '../../src/modules/index.js';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, type ServedApp, signInThroughForm, startServedApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

async function heading(page: Page): Promise<string | undefined> {
  return (await page.locator('h1').first().textContent())?.trim();
}

describeBrowser('a consultation in Chromium', () => {
  let served: ServedApp;
  let browser: Browser;
  let staff: Page;
  let visitor: Page;
  let consultationUrl = '';
  beforeAll(async () => {
    [served, browser] = await Promise.all([startServedApp('pglite', { env: { INVOLVE_DEMO: '1' } }), launchBrowser()]);
    await loadDemoHealthSystem(served.db);
    staff = await newPage(browser, { javaScript: true });
    visitor = await newPage(browser, { javaScript: false });
  }, stepTimeout);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

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
    'lets staff enter a paper answer, read the analysis, code free text, close a consultation and publish its outcome',
    async () => {
      await staff.goto(`${consultationUrl}/enter`);
      await expectNoAxeViolations(staff, 'the paper answer form');
      await staff.getByLabel('No', { exact: true }).check();
      await staff.getByRole('button', { name: 'Save these answers' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('Answers saved with the reference');

      const demo = await served.db
        .selectFrom('consultation')
        .select('id')
        .where('title', '=', 'Demo: Moving the minor injuries unit')
        .executeTakeFirstOrThrow();
      await staff.goto(`${served.url}/consultations/${demo.id}/analysis`);
      await expect.poll(() => staff.locator('svg.involve-chart').count(), until).toBeGreaterThan(2);
      await expectNoAxeViolations(staff, 'the analysis page');
      await staff.getByRole('link', { name: /Read and code the answers/ }).click();
      await expect.poll(() => heading(staff), until).toBe('Is there anything else you want us to know?');
      await staff.getByLabel('New code').fill('Travel');
      await staff.getByRole('button', { name: 'Add the code' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('The code is added');
      await expectNoAxeViolations(staff, 'the coding page');

      await staff.goto(`${served.url}/consultations/${demo.id}/manage`);
      await staff.getByRole('button', { name: 'Close it' }).click();
      await expect.poll(() => staff.locator('.nhsuk-notification-banner').textContent(), until).toContain('The consultation has moved on.');
      await staff.getByRole('link', { name: /Publish the outcome/ }).click();
      await expectNoAxeViolations(staff, 'the publish form');
      await staff.getByLabel('We asked').fill('Whether the minor injuries unit should move.');
      await staff.getByLabel('You said').fill('Many worried about travel; most wanted longer hours.');
      await staff.getByLabel('We did').fill('The unit moves in spring, with a new bus from Eastmoor.');
      await staff.getByRole('button', { name: 'Publish the outcome' }).click();
      await expect.poll(() => heading(staff), until).toBe('Demo: Moving the minor injuries unit');

      await visitor.goto(`${served.url}/consultations/${demo.id}/outcome`);
      await expect.poll(() => visitor.locator('main').textContent(), until).toContain('The unit moves in spring');
      await expectNoAxeViolations(visitor, 'the outcome page');
    },
    stepTimeout,
  );
});

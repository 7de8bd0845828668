// Following an organisation walked in Chromium, with JavaScript on and off: from the organisation's
// page (signing in on the way), a form sent with nothing ticked and then corrected; a decision of the
// organisation arrives by email through a real SMTP server; its link to manage what one follows opens
// "What you follow", where the person stops following. axe-core checks every page of the module.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedAccount } from '../../src/modules/accounts/service.js';
import { recordDecision } from '../../src/modules/decisions/service.js';
import { insertSmallRegistry, type SmallRegistry } from '../../src/modules/following/testKit.js';
import type { Actor } from '../../src/platform/permissions.js';
import { TestMailServer } from '../mailServer.js';
import { describeBrowser, expectNoAxeViolations, launchBrowser, newPage, type ServedApp, startServedApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const password = 'correct horse battery';

const heading = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
const banner = async (page: Page) => (await page.locator('.nhsuk-notification-banner').textContent()) ?? '';

describeBrowser('following an organisation in Chromium', () => {
  let served: ServedApp;
  let browser: Browser;
  let mailServer: TestMailServer;
  let r: SmallRegistry;
  let staff: Actor;
  beforeAll(async () => {
    mailServer = new TestMailServer();
    const smtpUrl = await mailServer.start();
    [served, browser] = await Promise.all([startServedApp('pglite', { env: { SMTP_URL: smtpUrl } }), launchBrowser()]);
    r = await insertSmallRegistry(served.db, 'Walk');
    const staffId = await createVerifiedAccount(served.db, { email: 'walk-staff@follow.example', password, name: 'Walk Staff' });
    staff = { accountId: staffId, platformAdmin: false, organisationRoles: [{ organisationId: r.organisation, role: 'admin' }] };
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await mailServer?.stop();
  });

  describe.each([
    ['on', true],
    ['off', false],
  ] as const)('with JavaScript %s', (label, javaScript) => {
    it('follows from the organisation page, hears of a decision by email and stops following from the email’s link', async () => {
      const email = `walker-js-${label}@follow.example`;
      await createVerifiedAccount(served.db, { email, password, name: `Walker ${label}` });
      const page = await newPage(browser, { javaScript });

      await page.goto(`${served.url}/organisations/${r.organisation}`);
      await page.getByRole('link', { name: 'Follow Walk Trust: be emailed about its consultations, meetings and decisions' }).click();
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => heading(page), until).toBe('Follow Walk Trust');
      await expectNoAxeViolations(page, 'the follow form');

      for (const topic of ['New consultations', 'Meetings and papers', 'Decisions']) await page.getByLabel(topic).uncheck();
      await page.getByRole('button', { name: 'Follow Walk Trust' }).click();
      await expect.poll(() => page.locator('.nhsuk-error-summary').textContent(), until).toContain('Choose at least one thing to hear about');
      await expectNoAxeViolations(page, 'the follow form with an error');
      await page.getByLabel('Decisions').check();
      await page.getByLabel('At once').check();
      await page.getByRole('button', { name: 'Follow Walk Trust' }).click();
      await expect.poll(() => banner(page), until).toContain('You follow it now.');
      await expect.poll(() => page.getByRole('link', { name: 'You follow Walk Trust: change what you hear about' }).isVisible(), until).toBe(true);

      const before = mailServer.received.length;
      await recordDecision({ db: served.db, config: { publicUrl: served.url } }, staff, {
        organisationId: r.organisation,
        title: `Longer opening hours (${label})`,
        decided: 'The clinic opens until 8pm.',
        reasons: '',
        bodyId: r.board,
        officer: '',
        decidedOn: '2026-01-05',
        consultationIds: [],
      });
      await served.mail?.sendDue();
      const mail = mailServer.received.slice(before).find((m) => m.to.includes(email));
      expect(mail?.subject).toBe(`Decision: Longer opening hours (${label})`);
      const manage = /(http:\/\/127\.0\.0\.1:\d+\/following)\s*$/.exec(mail?.text.trim() ?? '')?.[1];
      expect(manage).toBe(`${served.url}/following`);

      await page.goto(manage as string);
      await expect.poll(() => heading(page), until).toBe('What you follow');
      await expect.poll(() => page.getByText('Decisions: an email each time.').isVisible(), until).toBe(true);
      await expectNoAxeViolations(page, 'What you follow');
      await page.getByRole('button', { name: 'Stop following Walk Trust' }).click();
      await expect.poll(() => banner(page), until).toContain('You no longer follow it');
      await expect.poll(() => page.getByText('You do not follow anything yet.').isVisible(), until).toBe(true);
      await expectNoAxeViolations(page, 'What you follow, after stopping');
      await page.context().close();
    });
  });
});

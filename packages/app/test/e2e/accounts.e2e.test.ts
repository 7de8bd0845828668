// The accounts pages in Chromium, with JavaScript on and off: a person signs up, confirms by the
// emailed link, fills in their account; an admin uses the admin pages. axe-core checks every page
// type, with and without errors, against WCAG 2.2 AA.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createVerifiedAccount, grantRoleDirect } from '../../src/modules/accounts/service.js';
import { goodPassword, insertOrganisation, linkIn } from '../../src/modules/accounts/testKit.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, useBrowserTestApp } from './browser.js';

describeBrowser('accounts pages in Chromium', () => {
  const served = useBrowserTestApp();
  let organisationId: number;
  beforeAll(async () => {
    organisationId = await insertOrganisation(served.db, 'Browser Practice');
    const adminId = await createVerifiedAccount(served.db, { email: 'admin@example.org', password: goodPassword, name: 'Ada Admin' });
    await grantRoleDirect(served.db, adminId, 'platform_admin', null);
  });

  async function signIn(page: Page, email: string) {
    await page.goto(`${served.url}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(goodPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  describeWithJavaScriptOnAndOff((label, javaScript) => {
    it('signs up, confirms the email address, and fills in the account pages', async () => {
      const page = await served.newPage({ javaScript });
      const check = (what: string) => expectNoAxeViolations(page, `${what} (JavaScript ${label})`);
      const email = `walker-${label}@example.org`;
      try {
        await page.goto(`${served.url}/sign-up`);
        await check('the sign-up page');
        await page.getByRole('button', { name: 'Create account' }).click();
        await expect.poll(() => page.locator('.nhsuk-error-summary').count()).toBe(1);
        await check('the sign-up page with errors');

        await page.getByLabel('Full name').fill('Walker Person');
        await page.getByLabel('Email address').fill(email);
        await page.getByLabel('Create a password').fill(goodPassword);
        await page.getByLabel('Confirm your password').fill(goodPassword);
        await page.getByRole('button', { name: 'Create account' }).click();
        await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');
        await check('the check-your-email page');

        await signIn(page, email);
        await expect.poll(() => page.locator('h1').textContent()).toBe('Confirm your email address first');
        await check('the confirm-first page');

        // Without SMTP the mail stays in the outbox: read the link from there.
        const mail = await served.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', email).executeTakeFirstOrThrow();
        await page.goto(linkIn(mail.body_text, '/verify-email/').replace(/^https?:\/\/[^/]+/, served.url));
        await expect.poll(() => page.locator('h1').textContent()).toBe('Your account');
        await check('the account page');

        await page.goto(`${served.url}/account/about-you`);
        await page.getByLabel('Postcode district').fill('not a district');
        await page.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => page.locator('.nhsuk-error-summary').count()).toBe(1);
        await check('the about-you page with an error');
        await page.getByLabel('Postcode district').fill('LS6');
        await page.getByLabel('What is your ethnic group?').selectOption('white_irish');
        await page.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => page.locator('h1').textContent()).toBe('Your account');

        await page.goto(`${served.url}/account/communication-needs`);
        await check('the communication needs page');
        await page.getByLabel('An interpreter').check();
        await page.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => page.locator('.nhsuk-error-summary').count()).toBe(1);
        await check('the communication needs page with an error');
        await page.getByLabel('Which language?').fill('Polish');
        await page.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => page.locator('h1').textContent()).toBe('Your account');
        expect(await page.locator('main').textContent()).toContain('An interpreter: Polish');

        for (const path of ['/account/details', '/account/password']) {
          await page.goto(`${served.url}${path}`);
          await check(`the ${path} page`);
        }
        await page.goto(`${served.url}/account/api-tokens`);
        await page.getByLabel('Name of the token').fill('Browser token');
        await page.getByRole('button', { name: 'Create token' }).click();
        await expect.poll(() => page.locator('#new-token').count()).toBe(1);
        await check('the API tokens page with a new token');

        await page.locator('header').getByRole('link', { name: 'Sign out' }).click();
        await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
        await expect.poll(() => page.locator('.nhsuk-notification-banner').textContent()).toContain('You have signed out');
      } finally {
        await page.context().close();
      }
    });
  });

  // Checked with JavaScript on only: axe without JavaScript is slow, and these pages have nothing
  // that JavaScript changes.
  it('shows the sign-in, password reset and link problem pages', async () => {
    const page = await served.newPage({ javaScript: true });
    const check = (what: string) => expectNoAxeViolations(page, what);
    try {
      await page.goto(`${served.url}/sign-in`);
      await page.getByLabel('Email address').fill('nobody@example.org');
      await page.getByLabel('Password', { exact: true }).fill('wrong password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.locator('.nhsuk-error-summary').textContent()).toContain('Enter a correct email address and password');
      await check('the sign-in page with an error');
      for (const path of [
        '/forgot-password',
        '/forgot-password/sent?email=a%40example.org',
        '/resend-verification',
        '/verify-email/unknown-link-xxxxxxxxxxxxxxxxxxxxxxxx',
      ]) {
        await page.goto(`${served.url}${path}`);
        await check(`the ${path} page`);
      }
      await page.goto(`${served.url}/forgot-password`);
      await page.getByLabel('Email address').fill('admin@example.org');
      await page.getByRole('button', { name: 'Send the link' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');
      const mail = await served.db
        .selectFrom('mail_outbox')
        .select('body_text')
        .where('to_address', '=', 'admin@example.org')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      await page.goto(linkIn(mail.body_text, '/reset-password/').replace(/^https?:\/\/[^/]+/, served.url));
      await check('the reset-password page');
    } finally {
      await page.context().close();
    }
  });

  it('shows the admin pages', async () => {
    const page = await served.newPage({ javaScript: true });
    const check = (what: string) => expectNoAxeViolations(page, what);
    try {
      await signIn(page, 'admin@example.org');
      await page.goto(`${served.url}/admin/organisations/${organisationId}/roles`);
      await page.getByLabel('Email address of their Involve account').fill('admin@example.org');
      await page.getByLabel('Responder').check();
      await page.getByRole('button', { name: 'Give role' }).click();
      await expect.poll(() => page.locator('.nhsuk-notification-banner').count()).toBe(1);
      await check('the roles page');
      await page.getByRole('button', { name: 'Give role' }).click();
      await expect.poll(() => page.locator('.nhsuk-error-summary').count()).toBe(1);
      await check('the roles page with errors');
      for (const path of ['/admin/platform-admins', '/admin/outbox']) {
        await page.goto(`${served.url}${path}`);
        await check(`the ${path} page`);
      }
      // The newest email is a password reset: its link is for the recipient only, never shown here.
      await page.locator('table a').first().click();
      await expect.poll(() => page.locator('.involve-mail-body').textContent()).toContain('[link hidden: it is for the recipient only]');
      await check('an email in the outbox');
    } finally {
      await page.context().close();
    }
  });
});

// The walk a new person and an organisation admin take through Involve, in Chromium with JavaScript
// on and off: sign up, confirm by an email read from a real SMTP server, sign out and in, search,
// open an organisation and its bodies; then an admin adds a member (after a refused empty name) and
// sees them on the public page. axe-core checks every page on the way against WCAG 2.2 AA.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createVerifiedAccount, grantRoleDirect } from '../../src/modules/accounts/service.js';
import { goodPassword, linkIn } from '../../src/modules/accounts/testKit.js';
import { loadDemoHealthSystem } from '../../src/modules/index.js';
import { TestMailServer } from '../mailServer.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, heading, useBrowserTestApp } from './browser.js';

// Pages answer in milliseconds, but argon2 and a loaded machine can take longer than poll's 1 s default.
const until = { timeout: 10_000, interval: 100 };

const practice = 'Demo: Castle Hill Surgery';
const practicePpg = 'Castle Hill Surgery Patient Participation Group';

describeBrowser('the walk through Involve in Chromium', () => {
  const mailServer = new TestMailServer();
  const served = useBrowserTestApp({ mailServer });
  let practiceId: number;
  beforeAll(async () => {
    await loadDemoHealthSystem(served.db);
    practiceId = (await served.db.selectFrom('organisation').select('id').where('name', '=', practice).executeTakeFirstOrThrow()).id;
  });

  async function signInWithForm(page: Page, email: string) {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(goodPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => heading(page), until).toBe('Your account');
  }

  async function membersOfPpg(): Promise<number> {
    const row = await served.db
      .selectFrom('body_member')
      .innerJoin('body', 'body.id', 'body_member.body_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('body.name', '=', practicePpg)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  describeWithJavaScriptOnAndOff((label, javaScript) => {
    it('a new person signs up, confirms by email, signs out and in, searches and opens an organisation and its body', async () => {
      const page = await served.newPage({ javaScript });
      const check = (what: string) => expectNoAxeViolations(page, `${what} (JavaScript ${label})`);
      const email = `new-person-${label}@example.org`;
      try {
        await page.goto(`${served.url}/`);
        await page.locator('header').getByRole('link', { name: 'Create an account' }).click();
        await expect.poll(() => heading(page), until).toBe('Create an account');
        await check('the sign-up page');
        await page.getByLabel('Full name').fill(`Nia Walker ${label}`);
        await page.getByLabel('Email address').fill(email);
        await page.getByLabel('Create a password').fill(goodPassword);
        await page.getByLabel('Confirm your password').fill(goodPassword);
        await page.getByRole('button', { name: 'Create account' }).click();
        await expect.poll(() => heading(page), until).toBe('Check your email');
        await check('the check-your-email page');

        // The email comes through a real SMTP server; its link names Involve's public address.
        const mail = await mailServer.waitFor(email, () => served.mail?.sendDue());
        const link = new URL(linkIn(mail.text, '/verify-email/'));
        await page.goto(`${served.url}${link.pathname}`);
        await expect.poll(() => heading(page), until).toBe('Your account');
        expect(await page.locator('.nhsuk-notification-banner').count()).toBe(1);
        await check('the account page after confirming');
        const header = page.locator('header');
        expect(await header.getByRole('link', { name: 'Sign out' }).count()).toBe(1);
        // A new person has no powers: no way into the admin pages.
        expect(await header.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);

        await header.getByRole('link', { name: 'Sign out' }).click();
        await expect.poll(() => heading(page), until).toBe('Sign out');
        await check('the sign-out page');
        await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
        await expect.poll(() => page.locator('.nhsuk-notification-banner').textContent(), until).toContain('You have signed out');
        await check('the home page after signing out');
        expect(await header.getByRole('link', { name: 'Sign out' }).count()).toBe(0);

        await header.getByRole('link', { name: 'Sign in' }).click();
        await expect.poll(() => heading(page), until).toBe('Sign in');
        await check('the sign-in page');
        await signInWithForm(page, email);
        await check('the account page after signing in');

        await header.getByRole('link', { name: 'Involve home page' }).click();
        await expect.poll(() => heading(page), until).toBe('Involve');
        await check('the home page signed in');
        await page.getByLabel('Search for an organisation').fill('Castle Hill');
        await page.locator('main').getByRole('button', { name: 'Search' }).click();
        await expect.poll(() => page.locator('#results-heading').textContent(), until).toMatch(/organisations? found/);
        expect(await page.getByLabel('Name, ODS code or words').inputValue()).toBe('Castle Hill');
        await check('the search results');

        await page.getByRole('link', { name: practice, exact: true }).click();
        await expect.poll(() => heading(page), until).toBe(practice);
        const bodies = page.getByRole('table', { name: `Bodies of ${practice}` });
        expect(await bodies.getByRole('link', { name: practicePpg }).count()).toBe(1);
        await check('the organisation page');

        await bodies.getByRole('link', { name: practicePpg }).click();
        await expect.poll(() => heading(page), until).toBe(practicePpg);
        expect(
          await page
            .getByRole('table', { name: `Current members of ${practicePpg}` })
            .locator('tbody tr')
            .count(),
        ).toBeGreaterThan(0);
        await check('the body page');
      } finally {
        await page.context().close();
      }
    });

    it('an organisation admin adds a member through the form, after an empty name is refused, and sees them in public', async () => {
      const email = `practice-admin-${label}@example.org`;
      const accountId = await createVerifiedAccount(served.db, { email, password: goodPassword, name: `Practice Admin ${label}` });
      await grantRoleDirect(served.db, accountId, 'admin', practiceId);
      const memberName = `Olu Mensah ${label}`;
      const page = await served.newPage({ javaScript });
      const check = (what: string) => expectNoAxeViolations(page, `${what} (JavaScript ${label})`);
      try {
        await page.goto(`${served.url}/sign-in`);
        await signInWithForm(page, email);

        await page.locator('header').getByRole('link', { name: 'Admin', exact: true }).click();
        await expect.poll(() => heading(page), until).toBe('Admin');
        // Their own organisation only; the platform sections are not theirs.
        expect(await page.getByRole('link', { name: /^Manage / }).allTextContents()).toEqual([`Manage ${practice}`]);
        expect(await page.getByRole('link', { name: 'Create an organisation' }).count()).toBe(0);
        await check('the admin page of an organisation admin');

        await page.getByRole('link', { name: `Manage ${practice}` }).click();
        await expect.poll(() => heading(page), until).toBe(`Manage ${practice}`);
        await check('the organisation admin page');
        await page.getByRole('link', { name: practicePpg }).click();
        await expect.poll(() => heading(page), until).toBe(`Manage ${practicePpg}`);
        await check('the body admin page');

        await page.getByRole('link', { name: 'Add a member' }).click();
        await expect.poll(() => heading(page), until).toBe(`Add a member to ${practicePpg}`);
        await check('the add-a-member form');

        // Everything but the name: refused, with the summary and the field's message, keeping the rest.
        const membersBefore = await membersOfPpg();
        await page.getByLabel('Name', { exact: true }).fill('');
        await page.getByLabel('Role').selectOption({ label: 'Patient representative' });
        const start = page.getByRole('group', { name: 'Term starts' });
        await start.getByLabel('Day').fill('1');
        await start.getByLabel('Month').fill('4');
        await start.getByLabel('Year').fill('2025');
        await page.getByRole('button', { name: 'Add member' }).click();
        const summary = page.locator('.nhsuk-error-summary');
        await expect.poll(() => summary.count(), until).toBe(1);
        expect(await summary.getByRole('link', { name: "Enter the person's name" }).getAttribute('href')).toBe('#personName');
        expect(await page.locator('#personName-error').textContent()).toContain("Enter the person's name");
        expect(await page.title()).toMatch(/^Error: /);
        expect(await page.getByLabel('Role').inputValue()).toBe('patient_representative');
        expect(await start.getByLabel('Day').inputValue()).toBe('1');
        expect(await start.getByLabel('Month').inputValue()).toBe('4');
        expect(await start.getByLabel('Year').inputValue()).toBe('2025');
        await check('the add-a-member form with an error');
        expect(await membersOfPpg()).toBe(membersBefore);

        await page.getByLabel('Name', { exact: true }).fill(memberName);
        await page.getByRole('button', { name: 'Add member' }).click();
        await expect.poll(() => page.locator('.nhsuk-notification-banner').textContent(), until).toContain('Member added');
        expect(await membersOfPpg()).toBe(membersBefore + 1);
        expect(await heading(page)).toBe(`Manage ${practicePpg}`);
        expect(
          await page
            .getByRole('table', { name: 'Current members' })
            .getByRole('row', { name: new RegExp(memberName) })
            .count(),
        ).toBe(1);
        await check('the body admin page after adding a member');

        await page.getByRole('link', { name: 'See the public page' }).click();
        await expect.poll(() => heading(page), until).toBe(practicePpg);
        const row = page.getByRole('table', { name: `Current members of ${practicePpg}` }).getByRole('row', { name: new RegExp(memberName) });
        expect(await row.count()).toBe(1);
        expect(await row.textContent()).toContain('Patient representative');
        expect(await row.textContent()).toContain('Since 1 April 2025');
        await check('the public body page with the new member');
      } finally {
        await page.context().close();
      }
    });
  });
});

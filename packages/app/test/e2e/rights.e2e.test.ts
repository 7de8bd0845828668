// A person's rights in Chromium (issue 19, item 3), with JavaScript on and off: from the account
// page, change the email address (a blank form named field by field, then the link from the email
// followed), see everything held and the JSON download link, and close the account after a wrong
// password is named, withdrawing their stories. axe-core on every page, errors showing included.
import { expect, it } from 'vitest';
import { goodPassword, insertOrganisation, linkIn, pathOf, queuedMail, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { insertPublishedStory } from '../../src/modules/feedback/testKit.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

describeBrowser("a person's rights in Chromium", () => {
  const served = useBrowserTestApp({}, stepTimeout);

  describeWithJavaScriptOnAndOff((label, javaScript) => {
    it(
      `changes the email address, shows the data and closes the account, with no axe violations (JavaScript ${label})`,
      async () => {
        const { accountId, email } = await signedInPerson(served, { name: `Rita Rights ${label}` });
        const organisationId = await insertOrganisation(served.db, `Rights surgery ${label}`);
        await insertPublishedStory(served.db, { organisationId, authorAccountId: accountId, displayName: 'Rita' });
        const page = await served.newPage({ javaScript });
        await signInThroughForm(page, served.url, email, goodPassword);

        // Change the email address.
        await page.getByRole('link', { name: 'Change your email address' }).click();
        await expect.poll(() => heading(page), until).toBe('Change your email address');
        await expectNoAxeViolations(page, `/account/email (JavaScript ${label})`);
        await page.getByRole('button', { name: 'Send the link' }).click();
        await expect.poll(() => page.locator('.nhsuk-error-summary').textContent(), until).toContain('Enter your new email address');
        await expect.poll(() => page.locator('.nhsuk-error-summary').textContent(), until).toContain('Enter your password');
        await expectNoAxeViolations(page, `/account/email with errors (JavaScript ${label})`);
        const newEmail = `rita.${label}.${Date.now()}@example.org`;
        await page.getByLabel('New email address').fill(newEmail);
        await page.getByLabel('Your password').fill(goodPassword);
        await page.getByRole('button', { name: 'Send the link' }).click();
        await expect.poll(() => heading(page), until).toBe('Check your new email address');
        await expectNoAxeViolations(page, `change email sent (JavaScript ${label})`);
        const [mail] = await queuedMail(served.db, newEmail, 'Confirm your new email address');
        await page.goto(`${served.url}${pathOf(linkIn(mail?.body_text ?? '', '/account/email/confirm/'))}`);
        await expect.poll(() => heading(page), until).toBe('Your email address has been changed');
        await expectNoAxeViolations(page, `email changed (JavaScript ${label})`);
        expect(await queuedMail(served.db, email, 'Your Involve email address has been changed')).toHaveLength(1);

        // See everything held.
        await page.goto(`${served.url}/account`);
        await page.getByRole('link', { name: 'See or download everything we hold about you' }).click();
        await expect.poll(() => heading(page), until).toBe('Your data');
        expect(await page.locator('main').textContent()).toContain(newEmail);
        expect(await page.getByRole('link', { name: 'Download as JSON' }).getAttribute('href')).toBe('/account/data.json');
        await expectNoAxeViolations(page, `/account/data (JavaScript ${label})`);

        // Close the account, withdrawing the story.
        await page.goto(`${served.url}/account`);
        await page.getByRole('link', { name: 'Close your account' }).click();
        await expect.poll(() => heading(page), until).toBe('Close your account');
        await expectNoAxeViolations(page, `/account/close (JavaScript ${label})`);
        await page.getByLabel('Your password').fill('not my password');
        await page.getByRole('button', { name: 'Close my account' }).click();
        await expect.poll(() => page.locator('.nhsuk-error-summary').textContent(), until).toContain('Your password is not correct');
        await expectNoAxeViolations(page, `/account/close with an error (JavaScript ${label})`);
        await page.getByLabel('Withdraw my published stories').check();
        await page.getByLabel('Your password').fill(goodPassword);
        await page.getByRole('button', { name: 'Close my account' }).click();
        await expect.poll(() => heading(page), until).toBe('Your account is closed');
        await expectNoAxeViolations(page, `account closed (JavaScript ${label})`);
        expect(await served.db.selectFrom('story').select('id').where('author_account_id', '=', accountId).execute()).toEqual([]);
        await page.goto(`${served.url}/account`);
        await expect.poll(() => heading(page), until).toBe('Sign in');
        await page.context().close();
      },
      stepTimeout,
    );
  });
});

// The statement and help pages and /admin/site in Chromium (issue 19, item 2): every page visited
// with JavaScript on and off, its heading and footer links checked and axe-core run on it; the
// accessibility statement reached from the footer using only the keyboard; a platform admin saves
// the site's details after a bad email address (the form checked by axe with its error showing),
// and the contact page shows them.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { goodPassword, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { footerLinks, sitePageHeadings } from '../../src/modules/site/testKit.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

describeBrowser('the statement, help and site admin pages in Chromium', () => {
  const served = useBrowserTestApp({}, stepTimeout);
  let adminEmail = '';

  beforeAll(async () => {
    adminEmail = (await signedInPerson(served, { name: 'Pat Platform', platformAdmin: true })).email;
  }, stepTimeout);

  describeWithJavaScriptOnAndOff((label, javaScript) => {
    it(
      `shows every statement and help page with its footer links, with no axe violations (JavaScript ${label})`,
      async () => {
        const page = await served.newPage({ javaScript });
        const problems: string[] = [];
        for (const [path, h1] of sitePageHeadings) {
          const response = await page.goto(`${served.url}${path}`);
          expect(response?.status(), path).toBe(200);
          expect(await heading(page), path).toBe(h1);
          expect(await page.locator('footer .nhsuk-footer__list-item-link').allTextContents(), path).toEqual(footerLinks.map(([, text]) => text));
          try {
            await expectNoAxeViolations(page, `${path} (JavaScript ${label})`);
          } catch (error) {
            problems.push((error as Error).message);
          }
        }
        expect(problems, problems.join('\n\n')).toEqual([]);
        await page.context().close();
      },
      stepTimeout,
    );
  });

  it(
    'reaches the accessibility statement from the footer using only the keyboard',
    async () => {
      const page = await served.newPage({ javaScript: true });
      await page.goto(`${served.url}/`);
      let focused = '';
      for (let presses = 0; presses < 80 && focused !== 'Accessibility statement'; presses++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      }
      expect(focused).toBe('Accessibility statement');
      await page.keyboard.press('Enter');
      await expect.poll(() => heading(page), until).toBe('Accessibility statement for Involve');
      await page.context().close();
    },
    stepTimeout,
  );

  async function adminWalk(page: Page, label: string): Promise<void> {
    await signInThroughForm(page, served.url, adminEmail, goodPassword);
    await page.goto(`${served.url}/admin`);
    await page.getByRole('link', { name: /The site’s details/ }).click();
    await expect.poll(() => heading(page), until).toBe('The site’s details');
    await expectNoAxeViolations(page, `/admin/site (JavaScript ${label})`);
    await page.getByLabel('Name of the organisation that runs this service').fill(`Northvale Involvement Partnership (${label})`);
    await page.getByLabel('Contact email address').fill('not an email');
    await page.getByLabel('Contact phone number').fill('0300 123 4567');
    await page.getByRole('button', { name: 'Save the details' }).click();
    await expect.poll(() => page.locator('.nhsuk-error-summary').textContent(), until).toContain('Enter the contact email address in the correct format');
    await expectNoAxeViolations(page, `/admin/site with an error (JavaScript ${label})`);
    await page.getByLabel('Contact email address').fill('involve@northvale.example.org');
    // Saved with the keyboard: Enter in a text box sends the form.
    await page.getByLabel('Contact email address').press('Enter');
    await expect.poll(() => page.locator('.nhsuk-notification-banner').textContent(), until).toContain('The site’s details are saved.');
    await page.goto(`${served.url}/contact`);
    expect(await page.locator('main').textContent()).toContain(`This service is run by Northvale Involvement Partnership (${label}).`);
    expect(await page.locator('main').textContent()).toContain('involve@northvale.example.org');
    await expectNoAxeViolations(page, `/contact with the details (JavaScript ${label})`);
  }

  describeWithJavaScriptOnAndOff((label, javaScript) => {
    it(
      `lets a platform admin save the site’s details after a bad email address (JavaScript ${label})`,
      async () => {
        const page = await served.newPage({ javaScript });
        await adminWalk(page, label);
        await page.context().close();
      },
      stepTimeout,
    );
  });
});

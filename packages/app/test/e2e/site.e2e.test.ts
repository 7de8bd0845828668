// The statement and help pages and /admin/site in Chromium (issue 19, item 2): every page visited
// with JavaScript on and off, its heading and footer links checked and axe-core run on it; the
// accessibility statement reached from the footer using only the keyboard; a platform admin saves
// the site's details after a bad email address (the form checked by axe with its error showing),
// and the contact page shows them. And the front door (item 1), on and off: the home page's tasks,
// its postcode box naming an unknown and a partial postcode and then finding the place, the header's
// "Take part", and a signed-in person's own things first; axe-core on every page.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { insertFollow } from '../../src/modules/following/testKit.js';
import { footerLinks, sitePageHeadings } from '../../src/modules/site/testKit.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';
import { insertPlaceWithPractice } from './frontDoorFixture.js';

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

  describe('the front door', () => {
    const place = { id: 0, name: 'Demo: Front Door Neighbourhood' };
    let followerEmail = '';

    beforeAll(async () => {
      place.id = (
        await insertPlaceWithPractice(served.db, {
          area: 'Demo: Front Door Area',
          place: place.name,
          practice: 'Demo: Front Door Practice',
          postcode: 'ZZ1 2AB',
        })
      ).placeId;
      const follower = await signedInPerson(served, { name: 'Fen Follower' });
      followerEmail = follower.email;
      await insertFollow(served.db, { accountId: follower.accountId, kind: 'place', id: place.id });
    }, stepTimeout);

    async function findArea(page: Page, postcode: string): Promise<void> {
      await page.getByLabel('Enter your postcode').fill(postcode);
      await page.getByRole('button', { name: 'Find your area' }).click();
    }

    describeWithJavaScriptOnAndOff((label, javaScript) => {
      it(
        `walks from the home page by postcode to the place, naming a postcode it cannot use (JavaScript ${label})`,
        async () => {
          const page = await served.newPage({ javaScript });
          const check = (what: string) => expectNoAxeViolations(page, `${what} (JavaScript ${label})`);
          await page.goto(`${served.url}/`);
          expect(await heading(page)).toBe('Involve');
          const main = page.getByRole('main');
          for (const task of ['Tell your story', 'Make a complaint', 'Find and join what is happening near you', 'Find who runs your services']) {
            expect(await main.getByRole('link', { name: task, exact: true }).count(), task).toBe(1);
          }
          expect(await main.getByRole('link', { name: 'Public meetings', exact: true }).count()).toBe(1);
          expect(await page.getByRole('heading', { name: 'Your things' }).count()).toBe(0);
          await check('the home page');

          await findArea(page, 'ZZ9 9ZZ');
          await expect.poll(() => page.locator('.nhsuk-error-summary').textContent(), until).toContain('We could not find a place for ZZ9 9ZZ');
          expect(await heading(page)).toBe('Find your area');
          expect(await page.getByLabel('Enter your postcode').inputValue()).toBe('ZZ9 9ZZ');
          await check('the postcode finder with an unknown postcode');

          await findArea(page, 'ZZ1');
          await expect.poll(() => page.locator('.nhsuk-error-summary').textContent(), until).toContain('Enter a full postcode, like NV1 2AB');
          await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Enter a full postcode, like NV1 2AB' }).click();
          if (javaScript) await expect.poll(() => page.evaluate(() => document.activeElement?.id), until).toBe('postcode');
          await check('the postcode finder with a partial postcode');

          await findArea(page, 'zz1 2ab');
          await expect.poll(() => heading(page), until).toBe(place.name);
          expect(new URL(page.url()).pathname).toBe(`/places/${place.id}`);
          await check('the place found by postcode');

          await page.locator('header').getByRole('link', { name: 'Take part', exact: true }).click();
          await expect.poll(() => heading(page), until).toBe('Find and join what is happening near you');
          expect(await page.getByRole('main').getByRole('link', { name: 'Citizens’ assemblies', exact: true }).count()).toBe(1);
          await check('the take-part page');
          await page.context().close();
        },
        stepTimeout,
      );

      it(
        `shows a signed-in person their own things first (JavaScript ${label})`,
        async () => {
          const page = await served.newPage({ javaScript });
          await signInThroughForm(page, served.url, followerEmail, goodPassword);
          await page.goto(`${served.url}/`);
          const yourThings = page.getByRole('region', { name: 'Your things' });
          expect(await yourThings.getByRole('link', { name: `You follow ${place.name}` }).count()).toBe(1);
          await expectNoAxeViolations(page, `the home page signed in (JavaScript ${label})`);
          await yourThings.getByRole('link', { name: `You follow ${place.name}` }).click();
          await expect.poll(() => heading(page), until).toBe(place.name);
          await page.context().close();
        },
        stepTimeout,
      );
    });
  });
});

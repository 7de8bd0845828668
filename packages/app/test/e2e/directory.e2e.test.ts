// The community directory in Chromium, with JavaScript on and off (issue 18): a person searches near
// their postcode, sees the nearest group first with how far it is, and opens its page, which says
// how far and which way from their postcode; an organisation's admin reaches their services from the
// organisation's page, edits one (a wrong age named beside the field, what was typed kept), saves
// it and marks another as checked. axe-core checks every page on the way.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { goodPassword, insertOrganisation, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { emptyServiceInput, saveService } from '../../src/modules/directory/service.js';
import type { Actor } from '../../src/platform/permissions.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

const banner = (page: Page) => page.locator('.nhsuk-notification-banner').textContent();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary').textContent();

describeBrowser('the community directory in Chromium', () => {
  const served = useBrowserTestApp({}, stepTimeout);
  let organisationId: number;
  let adminEmail = '';
  let walkingId = '';
  let gardenId = '';

  beforeAll(async () => {
    organisationId = await insertOrganisation(served.db, 'Northvale Community Action');
    const otherId = await insertOrganisation(served.db, 'Eastmoor Carers Together');
    const admin = await signedInPerson(served, { name: 'Nia Admin', roles: [{ organisationId, role: 'admin' }] });
    adminEmail = admin.email;
    const actor: Actor = { accountId: admin.accountId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
    const platform: Actor = { accountId: null, platformAdmin: true, organisationRoles: [] };
    await served.db
      .insertInto('directory_postcode')
      .values([
        { postcode: 'NV1 1AA', latitude: 53.8, longitude: -1.55 },
        { postcode: 'NV1 2BB', latitude: 53.80724, longitude: -1.55 },
        { postcode: 'NV1 3CC', latitude: 53.8, longitude: -1.58 },
        { postcode: 'NV9 9ZZ', latitude: 54.0, longitude: -1.2 },
      ])
      .execute();
    const terms = await served.db
      .insertInto('directory_taxonomy_term')
      .values(['Physical activity', 'Carers', 'Gardening'].map((name) => ({ name, description: `${name} groups`, taxonomy: 'Involve community categories' })))
      .returning(['id', 'name'])
      .execute();
    const term = (name: string) => terms.find((t) => t.name === name)?.id as string;
    const deps = { db: served.db };
    walkingId = await saveService(deps, actor, {
      ...emptyServiceInput(organisationId),
      name: 'Thursday walking group',
      description: 'Gentle walks of about an hour round the park, then tea.',
      categoryIds: [term('Physical activity')],
      locationName: 'St Mary’s church hall',
      address1: '1 Church Lane',
      city: 'Northvale',
      postcode: 'NV1 2BB',
      accessibility: 'Step-free entrance',
      openingTimes: [{ days: ['TH'], opensAt: '10:00', closesAt: '12:00' }],
      contactName: 'Jo Walker',
      contactPhone: '01632 960001',
    });
    gardenId = await saveService(deps, actor, {
      ...emptyServiceInput(organisationId),
      name: 'Community garden',
      description: 'Grow vegetables together.',
      categoryIds: [term('Gardening'), term('Physical activity')],
      address1: '2 Allotment Road',
      city: 'Northvale',
      postcode: 'NV1 3CC',
    });
    await saveService(deps, platform, {
      ...emptyServiceInput(otherId),
      name: 'Carers’ coffee morning',
      description: 'A chat for people who look after someone.',
      categoryIds: [term('Carers')],
      address1: '5 Market Street',
      city: 'Eastmoor',
      postcode: 'NV9 9ZZ',
    });
    // The garden was last checked long ago: its page says so, and its admin confirms it.
    await served.db.updateTable('directory_service').set({ last_checked: '2025-01-10' }).where('id', '=', gardenId).execute();
  }, stepTimeout);

  describeWithJavaScriptOnAndOff((label, javaScript) => {
    it(
      'a person finds a group near their postcode and opens its page',
      async () => {
        const page = await served.newPage({ javaScript });
        const check = (what: string) => expectNoAxeViolations(page, `${what} (JavaScript ${label})`);
        try {
          await page.goto(`${served.url}/directory`);
          await expect.poll(() => heading(page), until).toBe('Find community services');
          await check('the directory search');
          await page.getByLabel('Postcode (optional)').fill('nv1 1aa');
          await page.getByLabel('How far from the postcode').selectOption('5');
          await page.getByLabel('Category').selectOption({ label: 'Physical activity' });
          await page.getByRole('button', { name: 'Search' }).click();
          await expect.poll(() => page.locator('main').textContent(), until).toContain('within 5 miles of NV1 1AA, nearest first');
          await check('the search results near a postcode');
          const results = page.locator('.involve-directory-result h3');
          expect(await results.allTextContents()).toEqual(['Thursday walking group', 'Community garden']);
          expect(await page.locator('.involve-directory-result').first().textContent()).toContain('0.5 miles away');

          await page.getByRole('link', { name: 'Thursday walking group' }).click();
          await expect.poll(() => heading(page), until).toBe('Thursday walking group');
          await check('a service’s page');
          const main = (await page.locator('main').textContent()) ?? '';
          for (const shown of ['Northvale Community Action', '1 Church Lane', 'About 0.5 miles north of NV1 1AA', 'Jo Walker', 'Step-free entrance']) {
            expect(main).toContain(shown);
          }
          expect(main).toMatch(/Last checked on \d{1,2} \w+ \d{4}/);
          // Thursdays (and Saturdays too once the admin's test below has run with JavaScript on).
          expect(main).toMatch(/Thursday(, Saturday)?, 10:00 to 12:00/);

          // A mistyped postcode is named beside its field.
          await page.goto(`${served.url}/directory`);
          await page.getByLabel('Postcode (optional)').fill('not a postcode');
          await page.getByRole('button', { name: 'Search' }).click();
          await expect.poll(() => errorSummary(page), until).toContain('postcode');
          await check('the search with a wrong postcode');

          await page.goto(`${served.url}/directory/services/${gardenId}`);
          await expect.poll(() => page.locator('main').textContent(), until).toContain('last checked more than 6 months ago');
          await check('a service last checked long ago');
        } finally {
          await page.context().close();
        }
      },
      stepTimeout,
    );

    it(
      'an organisation admin edits a service, after a mistake, and marks another as checked',
      async () => {
        const page = await served.newPage({ javaScript });
        const check = (what: string) => expectNoAxeViolations(page, `${what} (JavaScript ${label})`);
        try {
          await signInThroughForm(page, served.url, adminEmail, goodPassword);
          await page.goto(`${served.url}/organisations/${organisationId}`);
          await page.getByRole('link', { name: 'Keep your services in the directory up to date' }).click();
          await expect.poll(() => heading(page), until).toBe('Your services in the directory');
          await check('the organisation’s directory entries');

          await page.getByRole('link', { name: 'Edit Thursday walking group' }).click();
          await expect.poll(() => heading(page), until).toBe('Edit Thursday walking group');
          await check('the service form');
          const description = `Gentle walks round the park, then tea (JavaScript ${label}).`;
          await page.getByLabel('What it is and what happens there').fill(description);
          await page.getByLabel('Youngest age (optional)').fill('sixteen');
          await page.getByRole('group', { name: 'Opening time 1' }).getByLabel('Saturday').check();
          await page.getByRole('button', { name: 'Save the service' }).click();
          await expect.poll(() => errorSummary(page), until).toContain('age');
          await check('the service form with a mistake');
          expect(await page.getByLabel('What it is and what happens there').inputValue()).toBe(description);
          expect(await page.getByRole('group', { name: 'Opening time 1' }).getByLabel('Saturday').isChecked()).toBe(true);
          await page.getByLabel('Youngest age (optional)').fill('16');
          await page.getByRole('button', { name: 'Save the service' }).click();
          await expect.poll(() => banner(page), until).toContain('The service is saved');
          await check('the service’s page after saving');
          expect(await heading(page)).toBe('Thursday walking group');
          const main = (await page.locator('main').textContent()) ?? '';
          expect(main).toContain(description);
          expect(main).toContain('Thursday, Saturday, 10:00 to 12:00');
          expect(main).toContain('Aged 16 and over');

          await page.goto(`${served.url}/organisations/${organisationId}/directory`);
          await page.getByRole('button', { name: /^Mark as checked\W+Community garden$/ }).click();
          await expect.poll(() => banner(page), until).toContain('Marked as checked today');
          await check('the entries after marking one checked');
          expect(await page.locator('main').textContent()).not.toContain('Check due');
          // For the next run (JavaScript off after on), the garden is overdue again.
          await served.db.updateTable('directory_service').set({ last_checked: '2025-01-10' }).where('id', '=', gardenId).execute();
        } finally {
          await page.context().close();
        }
      },
      stepTimeout,
    );
  });

  it('shows the walking group in its category for anyone (the edits above kept it there)', async () => {
    const answer = await served.app.inject(`/directory/services/${walkingId}`);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('Physical activity');
  });
});

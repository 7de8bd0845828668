// A time bank walked in Chromium (issue 18): a coordinator (JavaScript on) starts a time bank after
// a mistake; two neighbours join, one with JavaScript off (Ann), one with it on (Bob); Ann offers a
// skill and records two hours given to Bob (after a mistake in the hours); Bob confirms, and both
// balances change on their pages; Ann reads her statement; then Bob proposes and Ann confirms; the coordinator sees every balance and
// exchange and reverses the newest with a reason. axe-core checks every page of the module on the way.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { goodPassword, insertOrganisation, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { describeBrowser, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

const banner = (page: Page) => page.locator('.nhsuk-notification-banner').textContent();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary').textContent();
const balance = (page: Page) => page.locator('#balance').textContent();

describeBrowser('a time bank in Chromium', () => {
  const served = useBrowserTestApp({}, stepTimeout);
  const emails = { coordinator: '', ann: '', bob: '' };
  let organisationId = 0;
  let coordinator: Page;
  let ann: Page;
  let bob: Page;
  let visitor: Page;
  let bankUrl = '';

  beforeAll(async () => {
    organisationId = await insertOrganisation(served.db, 'Riverside Neighbours Trust');
    emails.coordinator = (await signedInPerson(served, { name: 'Cora Coordinator', roles: [{ organisationId, role: 'admin' }] })).email;
    emails.ann = (await signedInPerson(served, { name: 'Ann Giver' })).email;
    emails.bob = (await signedInPerson(served, { name: 'Bob Receiver' })).email;
    [coordinator, ann, bob, visitor] = await Promise.all([
      served.newPage({ javaScript: true }),
      served.newPage({ javaScript: false }),
      served.newPage({ javaScript: true }),
      served.newPage({ javaScript: false }),
    ]);
  }, stepTimeout);

  it(
    'lets the coordinator start a time bank after a mistake',
    async () => {
      for (const [page, email] of [
        [coordinator, emails.coordinator],
        [ann, emails.ann],
        [bob, emails.bob],
      ] as const) {
        await signInThroughForm(page, served.url, email, goodPassword);
      }
      await coordinator.goto(`${served.url}/organisations/${organisationId}/timebanks/new`);
      await expect.poll(() => heading(coordinator), until).toBe('Start a time bank');
      await expectNoAxeViolations(coordinator, 'the new time bank form');
      await coordinator.getByLabel('Name').fill('Riverside Time Bank');
      await coordinator.getByLabel('Overdraft, in hours').fill('a few');
      await coordinator.getByRole('button', { name: 'Start the time bank' }).click();
      await expect.poll(() => errorSummary(coordinator), until).toContain('Enter the hours as a number');
      await expectNoAxeViolations(coordinator, 'the new time bank form with an error');
      await coordinator.getByLabel('Overdraft, in hours').fill('5');
      await coordinator.getByRole('button', { name: 'Start the time bank' }).click();
      await expect.poll(() => banner(coordinator), until).toContain('The time bank is set up');
      bankUrl = coordinator.url().replace(/\?.*$/, '');
      await expectNoAxeViolations(coordinator, 'a time bank’s page for its coordinator');
      await visitor.goto(`${served.url}/timebanks`);
      await expect.poll(() => heading(visitor), until).toBe('Time banks');
      await expectNoAxeViolations(visitor, 'the list of time banks');
      await visitor.getByRole('link', { name: 'Riverside Time Bank' }).click();
      await expect.poll(() => heading(visitor), until).toBe('Riverside Time Bank');
      await expectNoAxeViolations(visitor, 'a time bank’s page, signed out');
    },
    stepTimeout,
  );

  it(
    'lets two members join and exchange two hours, proposed by one (JavaScript off) and confirmed by the other (on), both balances change; then half an hour the other way round',
    async () => {
      for (const page of [ann, bob]) {
        await page.goto(bankUrl);
        await page.getByRole('button', { name: 'Join as myself' }).click();
        await expect.poll(() => banner(page), until).toContain('You have joined the time bank');
        await expect.poll(() => balance(page), until).toBe('0 hours');
      }
      await expectNoAxeViolations(ann, 'my time bank, new member');

      await ann.getByLabel('I offer this').check();
      await ann.getByLabel('The skill').fill('Gardening');
      await ann.getByRole('button', { name: 'List it' }).click();
      await expect.poll(() => banner(ann), until).toContain('Your offer or request is listed');

      await ann.getByLabel('Gave it').check();
      await ann.getByLabel('The other member').selectOption({ label: 'Bob Receiver' });
      await ann.getByLabel('Hours').fill('two');
      await ann.getByLabel('What the time was for').fill('Weeding the front garden');
      await ann.getByRole('button', { name: 'Send to the other member' }).click();
      await expect.poll(() => errorSummary(ann), until).toContain('Enter the hours as a number');
      await expectNoAxeViolations(ann, 'proposing an exchange, with an error');
      expect(await ann.getByLabel('What the time was for').inputValue()).toBe('Weeding the front garden');
      await ann.getByLabel('Hours').fill('2');
      await ann.getByRole('button', { name: 'Send to the other member' }).click();
      await expect.poll(() => banner(ann), until).toContain('The exchange is proposed');
      await expect.poll(() => balance(ann), until).toBe('0 hours');

      await bob.goto(`${bankUrl}/mine`);
      await expect.poll(() => bob.locator('main').textContent(), until).toContain('Ann Giver gave 2 hours to Bob Receiver');
      await expectNoAxeViolations(bob, 'my time bank with an exchange to confirm');
      await bob.getByRole('button', { name: /^Confirm/ }).click();
      await expect.poll(() => banner(bob), until).toContain('both balances have changed');
      await expect.poll(() => balance(bob), until).toBe('−2 hours');
      await ann.goto(`${bankUrl}/mine`);
      await expect.poll(() => balance(ann), until).toBe('2 hours');

      await ann.getByRole('link', { name: 'The whole statement' }).click();
      await expect.poll(() => heading(ann), until).toBe('Statement: Ann Giver');
      await expect.poll(() => ann.locator('table').textContent(), until).toContain('Weeding the front garden');
      await expectNoAxeViolations(ann, 'a member’s statement');
      await visitor.goto(bankUrl);
      await expect.poll(() => visitor.locator('main').textContent(), until).toContain('Gardening');

      // The other way round: Bob (JavaScript on) proposes half an hour he gave; Ann (off) confirms.
      await bob.getByLabel('Gave it').check();
      await bob.getByLabel('The other member').selectOption({ label: 'Ann Giver' });
      await bob.getByLabel('Hours').fill('0.5');
      await bob.getByLabel('What the time was for').fill('Fixing a bike');
      await bob.getByRole('button', { name: 'Send to the other member' }).click();
      await expect.poll(() => banner(bob), until).toContain('The exchange is proposed');
      await ann.goto(`${bankUrl}/mine`);
      await ann.getByRole('button', { name: /^Confirm/ }).click();
      await expect.poll(() => banner(ann), until).toContain('both balances have changed');
      await expect.poll(() => balance(ann), until).toBe('1.5 hours');
      await bob.goto(`${bankUrl}/mine`);
      await expect.poll(() => balance(bob), until).toBe('−1.5 hours');
    },
    stepTimeout,
  );

  it(
    'shows the coordinator every balance and exchange, and reverses one with a reason',
    async () => {
      await coordinator.goto(`${bankUrl}/manage`);
      await expect.poll(() => coordinator.locator('table').textContent(), until).toContain('−1.5 hours');
      await expectNoAxeViolations(coordinator, 'members and balances');
      await coordinator.getByRole('link', { name: /^Exchanges/ }).click();
      await expect.poll(() => heading(coordinator), until).toBe('Exchanges');
      await expectNoAxeViolations(coordinator, 'the exchanges');
      await coordinator.getByRole('link', { name: /^Reverse.*Fixing a bike/ }).click();
      await expect.poll(() => heading(coordinator), until).toBe('Reverse an exchange');
      await expectNoAxeViolations(coordinator, 'reversing an exchange');
      await coordinator.getByRole('button', { name: 'Reverse the exchange' }).click();
      await expect.poll(() => errorSummary(coordinator), until).toContain('Enter the reason');
      await expectNoAxeViolations(coordinator, 'reversing an exchange, with an error');
      await coordinator.getByLabel('Reason').fill('Recorded in the wrong week');
      await coordinator.getByRole('button', { name: 'Reverse the exchange' }).click();
      await expect.poll(() => banner(coordinator), until).toContain('The exchange is reversed');
      await bob.goto(`${bankUrl}/mine`);
      await expect.poll(() => balance(bob), until).toBe('−2 hours');
      await expect.poll(() => bob.locator('table').textContent(), until).toContain('reversed: Recorded in the wrong week');
      await expectNoAxeViolations(bob, 'my time bank after a reversal');
    },
    stepTimeout,
  );
});

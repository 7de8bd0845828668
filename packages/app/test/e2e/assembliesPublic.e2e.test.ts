// The public side of citizens' assemblies in Chromium, with JavaScript on and off, on one served
// Involve with the demo health system: the list, the demo's jury (its representativeness table and
// chart, the "not the usual suspects" figure, recommendations with their support and answers), its
// selection record with the recount command and files, a recommendation's page, and the standing
// assembly with its overdue answer; then a person registers with the code from their letter (a
// wrong code, answers left out, the check step and a change, registered), sees their registration
// and withdraws after the confirm step; a member opens the members' space and votes. axe-core
// checks every page on the way.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { goodPassword, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { type RecruitingAssembly, recruitingAssembly } from '../../src/modules/assemblies/routes/testKit.js';
import { draftRecommendation, openVoting } from '../../src/modules/assemblies/service.js';
import { type SeatedAssembly, seatedAssembly } from '../../src/modules/assemblies/testKit.js';
import { loadDemoHealthSystem } from '../../src/modules/index.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

const banner = (page: Page) => page.locator('.nhsuk-notification-banner').textContent();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary').textContent();

describeBrowser('citizens’ assemblies’ public pages in Chromium', () => {
  const served = useBrowserTestApp({ env: { INVOLVE_DEMO: '1' } }, stepTimeout);
  const demo = { jury: 0, standing: 0, recommendation: 0 };
  let recruiting: RecruitingAssembly;
  let seated: SeatedAssembly;
  const memberEmails = { on: '', off: '' };
  let codesUsed = 0;

  beforeAll(async () => {
    await loadDemoHealthSystem(served.db);
    const demoAssembly = async (kind: 'jury' | 'standing') =>
      (await served.db.selectFrom('assembly').select('id').where('kind', '=', kind).where('phase', '!=', 'draft').orderBy('id').executeTakeFirstOrThrow()).id;
    demo.jury = await demoAssembly('jury');
    demo.standing = await demoAssembly('standing');
    demo.recommendation = (
      await served.db
        .selectFrom('assembly_recommendation')
        .select('id')
        .where('assembly_id', '=', demo.jury)
        .where('status', '=', 'published')
        .orderBy('number')
        .executeTakeFirstOrThrow()
    ).id;
    recruiting = await recruitingAssembly(served.db, { codes: 4 });
    seated = await seatedAssembly(served.db);
    const recommendation = await draftRecommendation({ db: served.db }, seated.admin, seated.assemblyId, {
      title: 'Free parking for carers',
      text: 'At every hospital in the city.',
    });
    await openVoting({ db: served.db }, seated.admin, recommendation);
    // Two confirmed members: one votes with JavaScript on, the other with it off.
    for (const [label, index] of [
      ['on', 0],
      ['off', 1],
    ] as const) {
      const member = seated.members[index];
      if (!member) throw new Error('the seated assembly has too few members');
      memberEmails[label] = (
        await served.db
          .selectFrom('account')
          .select('email')
          .where('id', '=', member.actor.accountId as number)
          .executeTakeFirstOrThrow()
      ).email;
    }
  }, stepTimeout);

  describeWithJavaScriptOnAndOff((label, javaScript) => {
    it(
      `shows the demo’s assemblies, the representativeness figures, the selection record and a recommendation (JavaScript ${label})`,
      async () => {
        const page = await served.newPage({ javaScript });
        await page.goto(`${served.url}/assemblies`);
        await expect.poll(() => heading(page), until).toBe('Citizens’ assemblies');
        await expectNoAxeViolations(page, 'the list of assemblies');

        await page.goto(`${served.url}/assemblies/${demo.jury}`);
        await expect.poll(() => page.locator('#representation').count(), until).toBe(1);
        expect(await page.locator('svg.involve-chart').count()).toBeGreaterThan(0);
        expect(await page.getByRole('table').count()).toBeGreaterThanOrEqual(4);
        expect(await page.locator('main').textContent()).toContain('Not the usual suspects');
        expect(await page.locator('main').textContent()).toMatch(/Supported by \d+ of the \d+ members who voted/);
        await expectNoAxeViolations(page, 'the demo jury’s page');

        await page.getByRole('link', { name: /How the members were chosen/ }).click();
        await expect.poll(() => heading(page), until).toBe('How the members were chosen');
        expect(await page.locator('pre').first().textContent()).toMatch(/^decide sortition --categories categories\.csv --respondents respondents\.csv/);
        await expectNoAxeViolations(page, 'the demo jury’s selection record');
        const csv = await page.request.get(`${served.url}/assemblies/${demo.jury}/selection/respondents.csv`);
        expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
        expect((await csv.text()).split(/\r?\n/)[0]).toMatch(/^id,/);

        await page.goto(`${served.url}/assemblies/${demo.jury}/recommendations/${demo.recommendation}`);
        await expect.poll(() => heading(page), until).toMatch(/^Recommendation 1: /);
        await expectNoAxeViolations(page, 'a recommendation with its answer');

        await page.goto(`${served.url}/assemblies/${demo.standing}`);
        await expect.poll(() => heading(page), until).toMatch(/Civil Society Assembly/);
        expect(await page.locator('main').textContent()).toContain('Answer overdue');
        await expectNoAxeViolations(page, 'the standing assembly’s page, with an overdue answer');
        await page.context().close();
      },
      stepTimeout,
    );

    it(
      `registers a person with the code on their letter, after mistakes, then lets them withdraw (JavaScript ${label})`,
      async () => {
        const code = recruiting.codes[codesUsed++] as string;
        const { email } = await signedInPerson(served, { name: `Rosa Register ${label}` });
        const page = await served.newPage({ javaScript });
        await signInThroughForm(page, served.url, email, goodPassword);
        await page.goto(`${served.url}/assemblies/${recruiting.assemblyId}`);
        await expect.poll(() => heading(page), until).toMatch(/^Mental health in Harehills/);
        await expectNoAxeViolations(page, 'an assembly recruiting');
        await page.getByRole('button', { name: 'Take part' }).click();
        await expect.poll(() => heading(page), until).toBe('Take part in the citizens’ assembly');
        expect(await page.locator('main').textContent()).toContain('£150 for the three evenings');
        await expectNoAxeViolations(page, 'the code box');

        await page.getByLabel('Your code').fill('ABCDE-FGHJK');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect.poll(() => errorSummary(page), until).toContain('is not one of the codes for this assembly');
        await expectNoAxeViolations(page, 'the code box with an error');
        await page.getByLabel('Your code').fill(code.toLowerCase());
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect.poll(() => heading(page), until).toBe('Your details');
        await expectNoAxeViolations(page, 'the registration form');

        await page.getByLabel('Email address').fill('');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect.poll(() => errorSummary(page), until).toContain('Answer “Sex”');
        expect(await errorSummary(page)).toContain('Say whether this is the first time you have taken part');
        await expectNoAxeViolations(page, 'the registration form with errors');
        await page.getByRole('group', { name: 'Sex' }).getByLabel('Female').check();
        await page.getByRole('group', { name: 'Age' }).getByLabel('45+').check();
        await page.getByLabel('Email address').fill(`rosa-${label}@example.org`);
        await page.getByLabel(/interpreter/).fill('Urdu');
        await page.getByLabel('A carer or supporter coming with me').check();
        await page.getByLabel('Yes, this is the first time').check();
        await page.getByLabel('No, do not show my name').check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect.poll(() => heading(page), until).toBe('Check your answers');
        expect(await page.locator('main').textContent()).toContain('An interpreter: Urdu');
        await expectNoAxeViolations(page, 'the check step');

        await page.getByRole('button', { name: 'Change email' }).click();
        await expect.poll(() => heading(page), until).toBe('Your details');
        expect(await page.getByLabel('Email address').inputValue()).toBe(`rosa-${label}@example.org`);
        await page.getByLabel('Email address').fill(`rosa.r-${label}@example.org`);
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect.poll(() => heading(page), until).toBe('Check your answers');
        await page.getByRole('button', { name: 'Register' }).click();
        await expect.poll(() => banner(page), until).toContain('you are registered');
        expect(await heading(page)).toBe('Your registration');
        expect(await page.locator('#pool-id').textContent()).toMatch(/^P-[0-9A-Z]{8}$/);
        await expectNoAxeViolations(page, 'my registration');
        const stored = await served.db
          .selectFrom('assembly_volunteer')
          .select(['email', 'interpreter', 'carer'])
          .where('email', '=', `rosa.r-${label}@example.org`)
          .executeTakeFirstOrThrow();
        expect(stored).toEqual({ email: `rosa.r-${label}@example.org`, interpreter: 'Urdu', carer: true });

        await page.getByRole('button', { name: 'Withdraw' }).click();
        await expect.poll(() => heading(page), until).toBe('Are you sure you want to withdraw?');
        await expectNoAxeViolations(page, 'the withdraw confirm step');
        await page.getByRole('button', { name: 'Yes, withdraw' }).click();
        await expect.poll(() => banner(page), until).toContain('You have withdrawn');
        await page.context().close();
      },
      stepTimeout,
    );

    it(
      `opens the members’ space to a member, who votes on a recommendation (JavaScript ${label})`,
      async () => {
        const page = await served.newPage({ javaScript });
        await signInThroughForm(page, served.url, memberEmails[label], goodPassword);
        await page.goto(`${served.url}/assemblies/${seated.assemblyId}/members`);
        await expect.poll(() => heading(page), until).toBe('Members’ space');
        await expectNoAxeViolations(page, 'the members’ space');
        await page.getByRole('button', { name: 'Record my view' }).click();
        await expect.poll(() => errorSummary(page), until).toContain('Choose whether you support the recommendation');
        await expectNoAxeViolations(page, 'the members’ space with an error');
        await page.getByLabel('I support it').check();
        await page.getByRole('button', { name: 'Record my view' }).click();
        await expect.poll(() => banner(page), until).toContain('Your view on the recommendation is recorded');
        expect(await page.getByLabel('I support it').isChecked()).toBe(true);
        await page.context().close();
      },
      stepTimeout,
    );
  });
});

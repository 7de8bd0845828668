// A participatory budget walked in Chromium, in steps that share one served Involve (issue 15): staff
// (JavaScript on) open a budget for ideas; a resident (JavaScript off) proposes an idea after a
// mistake; staff publish it, another resident (JavaScript on) supports it and comments; staff review
// and cost it onto the shortlist and open the vote. Two eligible residents vote, one with JavaScript
// off who checks, changes and casts, then votes again (the new ballot replaces the old), one with
// JavaScript on who sees the running total; a resident outside the area is refused with the reason
// beside the field. Two staff enter a paper ballot twice; staff count; the result page explains every
// project; a resident finds their ballot, unchanged, in the published file by their receipt. axe-core
// checks every page of the module on the way.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { goodPassword, insertOrganisation, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { addProject, createBudget } from '../../src/modules/budgets/service.js';
import { budgetSettings, testBudget } from '../../src/modules/budgets/testKit.js';
import type { Actor } from '../../src/platform/permissions.js';
import { describeBrowser, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

const banner = (page: Page) => page.locator('.nhsuk-notification-banner').textContent();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary').textContent();

describeBrowser('a participatory budget in Chromium', () => {
  const served = useBrowserTestApp({}, stepTimeout);
  const emails: Record<'admin' | 'member' | 'proposer' | 'supporter' | 'outsider', string> = {
    admin: '',
    member: '',
    proposer: '',
    supporter: '',
    outsider: '',
  };
  let staff: Page;
  let member: Page;
  let proposer: Page;
  let supporter: Page;
  let outsider: Page;
  let visitor: Page;
  let budgetUrl = '';
  let receipt = '';

  beforeAll(async () => {
    const organisationId = await insertOrganisation(served.db, 'Headingley Health Partnership');
    const placeId = (
      await served.db.insertInto('place').values({ name: 'Headingley', kind: 'neighbourhood', code: null }).returning('id').executeTakeFirstOrThrow()
    ).id;
    for (const [who, roles] of [
      ['admin', [{ organisationId, role: 'admin' as const }]],
      ['member', [{ organisationId, role: 'member' as const }]],
      ['proposer', []],
      ['supporter', []],
      ['outsider', []],
    ] as const) {
      emails[who] = (await signedInPerson(served, { name: `Budget ${who}`, roles: [...roles] })).email;
    }
    // Set up as a draft through the service (the settings form has its own tests), with two projects of staff's own.
    const admin = await served.db.selectFrom('account').select('id').where('email', '=', emails.admin).executeTakeFirstOrThrow();
    const actor: Actor = { accountId: admin.id, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
    const deps = { db: served.db, config: served.config };
    const budgetId = await createBudget(deps, actor, budgetSettings(organisationId, [placeId], { title: 'Healthy Headingley Fund', limitToBudget: true }));
    for (const [title, cost] of [
      ['Benches in the park', 20_000],
      ['Community garden', 35_000],
      ['Youth counselling', 60_000],
    ] as const) {
      await addProject(deps, actor, budgetId, { title, description: `${title}, for everyone in Headingley.`, location: '', whoBenefits: '', cost });
    }
    budgetUrl = `${served.url}/budgets/${budgetId}`;
    [staff, member, proposer, supporter, outsider, visitor] = await Promise.all([
      served.newPage({ javaScript: true }),
      served.newPage({ javaScript: false }),
      served.newPage({ javaScript: false }),
      served.newPage({ javaScript: true }),
      served.newPage({ javaScript: false }),
      served.newPage({ javaScript: false }),
    ]);
  }, stepTimeout);

  /** Staff move the budget on from its dashboard. */
  async function move(button: string) {
    await staff.goto(`${budgetUrl}/manage`);
    await staff.getByRole('button', { name: button }).click();
    await expect.poll(() => banner(staff), until).toContain('The budget has moved on');
  }

  it(
    'lets a resident propose an idea with JavaScript off, after a mistake, once staff (signed in, as everyone) open the budget for ideas',
    async () => {
      const people: Array<[Page, string]> = [
        [staff, emails.admin],
        [member, emails.member],
        [proposer, emails.proposer],
        [supporter, emails.supporter],
        [outsider, emails.outsider],
      ];
      for (const [page, email] of people) await signInThroughForm(page, served.url, email, goodPassword);
      await move('Open it for ideas');
      await proposer.goto(`${served.url}/budgets`);
      await expect.poll(() => heading(proposer), until).toBe('Participatory budgets');
      await expectNoAxeViolations(proposer, 'the list of budgets');
      await proposer.getByRole('link', { name: 'Healthy Headingley Fund' }).click();
      await expect.poll(() => heading(proposer), until).toBe('Healthy Headingley Fund');
      await expectNoAxeViolations(proposer, 'a budget taking ideas');
      await proposer.getByRole('button', { name: 'Propose an idea' }).click();
      await expect.poll(() => heading(proposer), until).toBe('Propose an idea');
      await expectNoAxeViolations(proposer, 'the idea form');
      await proposer.getByLabel('What is your idea?').fill('Sun cream dispensers at the lido, free to use.');
      await proposer.getByLabel('Rough cost (optional)').fill('about 10k');
      await proposer.getByRole('button', { name: 'Send your idea' }).click();
      await expect.poll(() => errorSummary(proposer), until).toContain('Enter the rough cost in whole pounds');
      await expectNoAxeViolations(proposer, 'the idea form with an error');
      expect(await proposer.getByLabel('What is your idea?').inputValue()).toBe('Sun cream dispensers at the lido, free to use.');
      await proposer.getByLabel('Title of your idea').fill('Free sun cream at the lido');
      await proposer.getByLabel('Rough cost (optional)').fill('10000');
      await proposer.getByLabel('Who would benefit?').fill('Swimmers and families');
      await proposer.getByRole('button', { name: 'Send your idea' }).click();
      await expect.poll(() => banner(proposer), until).toContain('your idea is sent');
    },
    stepTimeout,
  );

  it(
    'lets staff publish the idea, a resident with JavaScript on support it and comment, and staff cost it onto the shortlist and open the vote',
    async () => {
      await staff.goto(`${budgetUrl}/manage/moderation`);
      await expectNoAxeViolations(staff, 'the moderation page');
      await staff.getByRole('button', { name: 'Publish the idea Free sun cream at the lido' }).click();
      await expect.poll(() => banner(staff), until).toContain('The idea is moderated');

      await supporter.goto(budgetUrl);
      await supporter.getByRole('link', { name: 'Free sun cream at the lido' }).click();
      await expect.poll(() => heading(supporter), until).toBe('Free sun cream at the lido');
      await expectNoAxeViolations(supporter, 'an idea’s page');
      await supporter.getByRole('button', { name: 'Support this idea' }).click();
      await expect.poll(() => banner(supporter), until).toContain('You support this idea');
      await supporter.getByLabel('Add a comment').fill('The lido gets very sunny in August.');
      await supporter.getByRole('button', { name: 'Send your comment' }).click();
      await expect.poll(() => banner(supporter), until).toContain('your comment is sent');
      await expectNoAxeViolations(supporter, 'an idea’s page after commenting');
      await staff.goto(`${budgetUrl}/manage/moderation`);
      await staff.getByRole('button', { name: 'Publish the comment on Free sun cream at the lido' }).click();
      await expect.poll(() => banner(staff), until).toContain('The comment is moderated');
      await supporter.reload();
      await expect.poll(() => supporter.locator('#comments ~ .nhsuk-card').first().textContent(), until).toContain('very sunny in August');

      await move('Close ideas and start the review');
      await staff.goto(`${budgetUrl}/manage/projects`);
      const card = staff.locator('.nhsuk-card', { has: staff.getByRole('heading', { name: 'Free sun cream at the lido' }) });
      await card.getByLabel('Shortlist it for the vote').check();
      await card.getByLabel('Cost (to shortlist)').fill('15000');
      await card.getByRole('button', { name: /Save the review/ }).click();
      await expect.poll(() => banner(staff), until).toContain('The review is saved');
      await move('Open the vote');
      await visitor.goto(budgetUrl);
      await expect.poll(() => visitor.locator('main').textContent(), until).toContain('Projects on the ballot');
      await expectNoAxeViolations(visitor, 'a budget open for voting');
    },
    stepTimeout,
  );

  /** The voter's details: a postcode and an adult's date of birth. */
  async function aboutMe(page: Page, postcode: string) {
    await page.getByLabel('Your postcode').fill(postcode);
    const born = page.getByRole('group', { name: 'Your date of birth' });
    await born.getByLabel('Day').fill('14');
    await born.getByLabel('Month').fill('7');
    await born.getByLabel('Year').fill('1986');
  }

  it(
    'lets a resident with JavaScript off check their choices, change them, vote, and vote again: the new ballot replaces the old',
    async () => {
      await proposer.goto(`${budgetUrl}/vote`);
      await expect.poll(() => heading(proposer), until).toBe('Vote');
      await expectNoAxeViolations(proposer, 'the ballot');
      await proposer.getByLabel('Benches in the park').check();
      await proposer.getByLabel('Community garden').check();
      await aboutMe(proposer, 'ls6 3hn');
      await proposer.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => heading(proposer), until).toBe('Check your vote');
      await expect.poll(() => proposer.locator('main').textContent(), until).toContain('You chose 2 projects costing £55,000 together');
      await expectNoAxeViolations(proposer, 'the check step');
      await proposer.getByRole('button', { name: 'Change my choices' }).click();
      await expect.poll(() => heading(proposer), until).toBe('Vote');
      expect(await proposer.getByLabel('Community garden').isChecked()).toBe(true);
      expect(await proposer.getByLabel('Your postcode').inputValue()).toBe('ls6 3hn');
      await proposer.getByLabel('Youth counselling').check();
      await proposer.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => errorSummary(proposer), until).toContain('The projects you chose cost £115,000, more than the £100,000 budget');
      await expectNoAxeViolations(proposer, 'the ballot over the budget');
      await proposer.getByLabel('Youth counselling').uncheck();
      await proposer.getByRole('button', { name: 'Continue' }).click();
      await proposer.getByRole('button', { name: 'Cast my vote' }).click();
      await expect.poll(() => heading(proposer), until).toBe('Your vote is recorded');
      await expectNoAxeViolations(proposer, 'the voted page');
      const first = (await proposer.locator('#receipt-code').textContent())?.trim() ?? '';
      expect(first).toMatch(/^[A-Z0-9]{10}$/);

      await proposer.goto(`${budgetUrl}/vote`);
      await expect.poll(() => proposer.locator('main').textContent(), until).toContain('You have already voted: a new vote replaces your earlier one.');
      await proposer.getByLabel('Community garden').check();
      await proposer.getByLabel('Free sun cream at the lido').check();
      await aboutMe(proposer, 'LS6 3HN');
      await proposer.getByRole('button', { name: 'Continue' }).click();
      await proposer.getByRole('button', { name: 'Cast my vote' }).click();
      await expect.poll(() => proposer.locator('main').textContent(), until).toContain('It replaces your earlier vote');
      receipt = (await proposer.locator('#receipt-code').textContent())?.trim() ?? '';
      expect(receipt).not.toBe(first);
    },
    stepTimeout,
  );

  it(
    'shows a resident with JavaScript on the running total, and refuses a resident outside the area with the reason beside the field',
    async () => {
      await supporter.goto(`${budgetUrl}/vote`);
      const total = () => supporter.locator('#running-total').textContent();
      await expect.poll(total, until).toContain('You have chosen 0 projects costing £0 together, against the £100,000 budget.');
      await supporter.getByLabel('Benches in the park').check();
      await supporter.getByLabel('Youth counselling').check();
      await expect.poll(total, until).toContain('You have chosen 2 projects costing £80,000 together');
      await supporter.getByLabel('Community garden').check();
      await expect.poll(total, until).toContain('That is £15,000 more than the budget.');
      await expectNoAxeViolations(supporter, 'the ballot with its running total');
      await supporter.getByLabel('Community garden').uncheck();
      await supporter.getByLabel('Free sun cream at the lido').check();
      await aboutMe(supporter, 'LS7 2AB');
      await supporter.getByRole('button', { name: 'Continue' }).click();
      await supporter.getByRole('button', { name: 'Cast my vote' }).click();
      await expect.poll(() => heading(supporter), until).toBe('Your vote is recorded');

      await outsider.goto(`${budgetUrl}/vote`);
      await outsider.getByLabel('Benches in the park').check();
      await aboutMe(outsider, 'M14 5AB');
      await outsider.getByRole('button', { name: 'Continue' }).click();
      await outsider.getByRole('button', { name: 'Cast my vote' }).click();
      await expect.poll(() => errorSummary(outsider), until).toContain('M14 5AB is not in the area of this budget');
      await expect.poll(() => outsider.locator('#postcode-error').textContent(), until).toContain('people living in postcode districts LS6 or LS7 may vote');
      expect(await outsider.getByLabel('Benches in the park').isChecked()).toBe(true);
      await expectNoAxeViolations(outsider, 'the ballot refused');
    },
    stepTimeout,
  );

  it(
    'shows ballots of points and of ranks accessibly, with JavaScript on and off, naming the box at fault',
    async () => {
      const points = await testBudget(served.db, {
        settings: { ballotType: 'cumulative', points: 10, eligibility: 'codes', minAge: null, postcodeDistricts: '' },
      });
      const ranks = await testBudget(served.db, { settings: { ballotType: 'ordinal', maxChoices: 3 } });
      for (const page of [visitor, supporter]) {
        const javaScript = page === supporter ? 'on' : 'off';
        await page.goto(`${served.url}/budgets/${points.budgetId}/vote`);
        await page.getByLabel('Points for Benches in the park').fill('7');
        await page.getByLabel('Points for Community garden').fill('5');
        if (page === supporter) await expect.poll(() => page.locator('#running-total').textContent(), until).toContain('That is more points than you have.');
        await page.getByLabel('Voting code').fill('NOTACODE22');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect.poll(() => errorSummary(page), until).toContain('You have 10 points: you used 12');
        await expectNoAxeViolations(page, `a ballot of points with an error, JavaScript ${javaScript}`);

        await page.goto(`${served.url}/budgets/${ranks.budgetId}/vote`);
        await page.getByLabel('Rank for Benches in the park').fill('1');
        await page.getByLabel('Rank for Youth counselling').fill('one');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect.poll(() => errorSummary(page), until).toContain('Rank for Youth counselling must be a whole number');
        await expectNoAxeViolations(page, `a ranked ballot with an error, JavaScript ${javaScript}`);
      }
    },
    stepTimeout,
  );

  it(
    'lets two staff enter a paper ballot twice, then counts: the result explains every project, with a chart',
    async () => {
      for (const page of [staff, member]) {
        await page.goto(`${budgetUrl}/manage/paper`);
        await page.getByLabel('Paper number').fill('P-0001');
        await page.getByLabel(/Benches in the park/).check();
        await page.getByLabel(/Community garden/).check();
        await page.getByRole('button', { name: 'Enter the ballot' }).click();
        await expect.poll(() => banner(page), until).toContain('The paper ballot entry is saved');
      }
      await expect.poll(() => member.locator('#paper-P-0001').textContent(), until).toContain('Accepted');
      await expectNoAxeViolations(member, 'the paper ballots page');

      await staff.goto(`${budgetUrl}/manage`);
      await staff.getByRole('button', { name: 'Close the vote and count' }).click();
      await expect.poll(() => heading(staff), until).toBe('The votes are counted');
      await staff.getByRole('link', { name: 'See the result' }).click();
      await expect.poll(() => heading(staff), until).toBe('The result');
      await expect.poll(() => staff.locator('main').textContent(), until).toContain('3 ballots were counted');
      await expectNoAxeViolations(staff, 'the result page');

      await visitor.goto(`${budgetUrl}/result`);
      const main = (await visitor.locator('main').textContent()) ?? '';
      for (const title of ['Benches in the park', 'Community garden', 'Youth counselling', 'Free sun cream at the lido']) expect(main).toContain(title);
      expect(await visitor.locator('svg.involve-chart').count()).toBe(1);
      expect(await visitor.locator('table tbody tr').count()).toBe(4);
      for (const row of await visitor.locator('table tbody tr td:last-child').allTextContents()) expect(row.trim().length).toBeGreaterThan(10);
      await expectNoAxeViolations(visitor, 'the result page without JavaScript');
    },
    stepTimeout,
  );

  it(
    'publishes the ballots for recounting and finds a resident’s ballot, unchanged, by its receipt',
    async () => {
      const file = await visitor.request.get(`${budgetUrl}/ballots.pb`);
      expect(file.headers()['content-type']).toBe('text/plain; charset=utf-8');
      expect(await file.text()).toContain(`${receipt};`);
      await visitor.goto(`${budgetUrl}/recount`);
      await expect.poll(() => heading(visitor), until).toBe('Recount the vote yourself');
      await expect.poll(() => visitor.locator('main').textContent(), until).toContain('npx decide pb ballots.pb --rule mes-cost-add1 --json');
      await expectNoAxeViolations(visitor, 'the recount page');

      await proposer.goto(budgetUrl);
      await proposer.getByRole('link', { name: 'Find your ballot with your receipt code' }).click();
      await expect.poll(() => heading(proposer), until).toBe('Find your ballot');
      await expectNoAxeViolations(proposer, 'the receipt form');
      await proposer.getByLabel('Receipt code').fill('NOSUCHCODE');
      await proposer.getByRole('button', { name: 'Find my ballot' }).click();
      await expect.poll(() => errorSummary(proposer), until).toContain('No ballot with the receipt code NOSUCHCODE');
      await expectNoAxeViolations(proposer, 'the receipt form with nothing found');
      await proposer.getByLabel('Receipt code').fill(receipt.toLowerCase());
      await proposer.getByRole('button', { name: 'Find my ballot' }).click();
      await expect.poll(() => proposer.locator('main').textContent(), until).toContain('Your ballot, as published');
      const ballot = (await proposer.locator('#your-ballot + p + ol').textContent()) ?? '';
      expect(ballot).toContain('Community garden');
      expect(ballot).toContain('Free sun cream at the lido');
      expect(ballot).not.toContain('Benches in the park');
      await expectNoAxeViolations(proposer, 'the receipt found');
    },
    stepTimeout,
  );
});

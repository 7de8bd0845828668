// Social prescribing walked in Chromium (issue 18): a GP practice's referrer (JavaScript off) refers a
// person to a social prescribing service, after forgetting to confirm the person agreed; the
// service's link worker (JavaScript on) sees it waiting on the caseload, takes it on, records first
// contact, a "what matters to me" conversation with a plan, a connection to a directory service,
// start ONS4 scores (after a score of 11 is named), a follow-up scheduled and recorded with scores;
// the person (JavaScript off), whose account has the email the referrer gave, reads their record
// with the chart and the table of scores; the referrer sees the progress but not the conversation
// notes; anyone else gets "not found". axe-core checks every page on the way.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { goodPassword, insertOrganisation, queuedMail, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { saveService } from '../../src/modules/directory/service.js';
import { testCategories, testServiceInput } from '../../src/modules/directory/testKit.js';
import type { Actor } from '../../src/platform/permissions.js';
import { describeBrowser, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

const banner = (page: Page) => page.locator('.nhsuk-notification-banner').textContent();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary').textContent();
const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

const gpName = 'Millbrook Medical Centre';
const serviceOrgName = 'Northvale Community Voluntary Services';
const otherServiceOrgName = 'Eastmoor Wellbeing Hub';
const personName = 'Rowan Patel';
const reason = 'Lonely since her husband died; would like to get out of the house and meet people.';
const whatMatters = 'Being outdoors, and having someone to talk to about gardening.';
const conversationNotes = 'Finds mornings hardest; her daughter visits on Sundays.';
const plan = 'Try the walking group on Tuesday; ring back in two weeks.';
const followUpNotes = 'Has been to three walks and enjoys the tea afterwards.';
const walkingGroup = 'Headingley walking group';

const questions = {
  lifeSatisfaction: 'Overall, how satisfied are you with your life nowadays?',
  worthwhile: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
  happiness: 'Overall, how happy did you feel yesterday?',
  anxiety: 'On a scale where 0 is not at all anxious and 10 is completely anxious, overall, how anxious did you feel yesterday?',
} as const;
type Scores = Record<keyof typeof questions, string>;
const startScores: Scores = { lifeSatisfaction: '4', worthwhile: '5', happiness: '3', anxiety: '8' };
const followUpScores: Scores = { lifeSatisfaction: '7', worthwhile: '7', happiness: '6', anxiety: '4' };

/** Today in England, as the pages count days. */
function todayInEngland(): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/London' }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** Fill a date's Day, Month and Year in the fieldset with this legend. */
async function fillDate(page: Page, legend: string): Promise<void> {
  const date = todayInEngland();
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day').fill(date.day);
  await group.getByLabel('Month').fill(date.month);
  await group.getByLabel('Year').fill(date.year);
}

async function fillScores(page: Page, scores: Scores): Promise<void> {
  for (const [field, question] of Object.entries(questions)) await page.getByLabel(question, { exact: true }).fill(scores[field as keyof Scores]);
}

describeBrowser('social prescribing in Chromium', () => {
  const served = useBrowserTestApp({}, stepTimeout);
  const emails = { referrer: '', linkWorker: '', stranger: '', person: `rowan.patel-${Date.now()}@example.org` };
  let serviceOrgId = 0;
  let referrer: Page;
  let linkWorker: Page;
  let person: Page;
  let stranger: Page;
  let recordUrl = '';

  beforeAll(async () => {
    const gpId = await insertOrganisation(served.db, gpName);
    serviceOrgId = await insertOrganisation(served.db, serviceOrgName);
    const otherServiceOrgId = await insertOrganisation(served.db, otherServiceOrgName);
    const groupId = await insertOrganisation(served.db, 'Headingley Walkers');
    emails.referrer = (await signedInPerson(served, { name: 'Dr Gita Referrer', roles: [{ organisationId: gpId, role: 'referrer' }] })).email;
    emails.linkWorker = (await signedInPerson(served, { name: 'Lee Linkworker', roles: [{ organisationId: serviceOrgId, role: 'link_worker' }] })).email;
    // A second service, so the referrer chooses which one.
    await signedInPerson(served, { name: 'Eve Elsewhere', roles: [{ organisationId: otherServiceOrgId, role: 'link_worker' }] });
    emails.stranger = (await signedInPerson(served, { name: 'Sid Stranger' })).email;

    // Directory services to connect the person to, found on the connect page by words.
    const categories = await testCategories(served.db);
    const platform: Actor = { accountId: null, platformAdmin: true, organisationRoles: [] };
    await saveService({ db: served.db }, platform, testServiceInput(groupId, { name: walkingGroup, categoryIds: [categories.walking] }));
    await saveService(
      { db: served.db },
      platform,
      testServiceInput(groupId, {
        name: 'Money advice drop-in',
        description: 'Help with benefits and debts.',
        categoryIds: [categories.money],
        postcode: 'LS1 4AP',
      }),
    );

    [referrer, linkWorker, person, stranger] = await Promise.all([
      served.newPage({ javaScript: false }),
      served.newPage({ javaScript: true }),
      served.newPage({ javaScript: false }),
      served.newPage({ javaScript: false }),
    ]);
  }, stepTimeout);

  it(
    'lets a GP practice’s referrer (JavaScript off) refer a person, after a mistake',
    async () => {
      const check = (what: string) => expectNoAxeViolations(referrer, `referrer: ${what}`);
      await signInThroughForm(referrer, served.url, emails.referrer, goodPassword);
      await referrer.goto(`${served.url}/social-prescribing`);
      await expect.poll(() => heading(referrer), until).toBe('Social prescribing');
      await expect.poll(() => main(referrer), until).toContain(serviceOrgName);
      await check('what social prescribing is');
      await referrer.getByRole('link', { name: 'Refer a patient', exact: true }).click();
      await expect.poll(() => heading(referrer), until).toBe('Refer to social prescribing');
      await check('the referral form');
      // "Refer a patient" is for the one practice they refer for, so the form does not ask who is referring.
      expect(await referrer.getByRole('group', { name: 'Who is making this referral?' }).count()).toBe(0);

      await referrer.getByLabel('Social prescribing service').selectOption({ label: serviceOrgName });
      await referrer.getByLabel('Full name').fill(personName);
      await referrer.getByLabel('Email address').fill(emails.person);
      await referrer.getByLabel('Why are they being referred?').fill(reason);
      await referrer.getByLabel('They agree that a group they are connected to may see that a referral was made').check();
      await referrer.getByRole('button', { name: 'Send the referral' }).click();
      await expect.poll(() => errorSummary(referrer), until).toContain('Confirm the person agreed to be referred');
      await check('the referral form with an error');
      expect(await referrer.getByLabel('Full name').inputValue()).toBe(personName);
      expect(await referrer.getByLabel('Why are they being referred?').inputValue()).toBe(reason);

      await referrer.getByLabel('The person agreed to be referred').check();
      await referrer.getByRole('button', { name: 'Send the referral' }).click();
      await expect.poll(() => banner(referrer), until).toContain('The referral is sent. A link worker will be in touch.');
      await expect.poll(() => heading(referrer), until).toBe(`Referral for ${personName}`);
      recordUrl = referrer.url().replace(/[?#].*$/, '');
      expect(recordUrl).toMatch(/\/social-prescribing\/referrals\/\d+$/);
      await check('the referral just sent');

      // The person is told by email where to see their record (they have no account yet).
      await expect
        .poll(async () => (await queuedMail(served.db, emails.person)).map((m) => m.body_text).join('\n'), until)
        .toContain('/account/social-prescribing');
    },
    stepTimeout,
  );

  it(
    'lets the link worker (JavaScript on) take it on from the caseload and work it: first contact, a conversation, a connection, scores (after a mistake), a follow-up',
    async () => {
      const check = (what: string) => expectNoAxeViolations(linkWorker, `link worker: ${what}`);
      const backToRecord = async () => {
        await expect.poll(() => linkWorker.url().replace(/[?#].*$/, ''), until).toBe(recordUrl);
      };
      await signInThroughForm(linkWorker, served.url, emails.linkWorker, goodPassword);
      await linkWorker.goto(`${served.url}/organisations/${serviceOrgId}`);
      await linkWorker.getByRole('link', { name: 'Social prescribing caseload', exact: true }).click();
      await expect.poll(() => heading(linkWorker), until).toBe('Social prescribing caseload');
      // Those waiting to be taken on are shown first.
      await expect.poll(() => main(linkWorker), until).toContain('Waiting (1)');
      await expect.poll(() => linkWorker.locator('table').textContent(), until).toContain(personName);
      await check('the caseload, one waiting');
      await linkWorker.getByRole('link', { name: personName }).click();
      await expect.poll(() => heading(linkWorker), until).toBe(`Referral for ${personName}`);
      expect(await main(linkWorker)).toContain(reason);
      await check('a referral waiting to be taken on');

      await linkWorker.getByRole('button', { name: 'Take this referral on' }).click();
      await expect.poll(() => banner(linkWorker), until).toContain('The referral is on your caseload.');
      await check('a referral just taken on');

      await linkWorker.getByRole('link', { name: 'Record first contact' }).click();
      await expect.poll(() => linkWorker.getByRole('group', { name: 'Date of first contact' }).count(), until).toBe(1);
      await check('recording first contact');
      await fillDate(linkWorker, 'Date of first contact');
      await linkWorker.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => banner(linkWorker), until).toContain('First contact recorded.');
      await backToRecord();

      await linkWorker.getByRole('link', { name: 'Record a conversation' }).click();
      await expect.poll(() => heading(linkWorker), until).toBe('Record a conversation');
      await check('recording a conversation');
      await fillDate(linkWorker, 'Date');
      await linkWorker.getByLabel('Phone', { exact: true }).check();
      await linkWorker.getByLabel('What matters to them').fill(whatMatters);
      await linkWorker.getByLabel('Notes', { exact: true }).fill(conversationNotes);
      await linkWorker.getByLabel('Plan', { exact: true }).fill(plan);
      await linkWorker.getByRole('button', { name: 'Save the conversation' }).click();
      await expect.poll(() => banner(linkWorker), until).toContain('The conversation is recorded.');
      await backToRecord();
      expect(await main(linkWorker)).toContain(whatMatters);
      await check('the record with a conversation');

      await linkWorker.getByRole('link', { name: 'Connect to a service' }).click();
      await expect.poll(() => heading(linkWorker), until).toBe('Connect to a service');
      await check('connecting to a service');
      await linkWorker.getByLabel('What are you looking for?').fill('walking');
      await linkWorker.getByLabel('Near postcode (optional)').fill('LS1 4AP');
      await linkWorker.getByRole('button', { name: 'Search the directory' }).click();
      await expect.poll(() => linkWorker.getByRole('button', { name: `Connect to ${walkingGroup}` }).count(), until).toBe(1);
      const found = await main(linkWorker);
      expect(found).toMatch(/miles away/);
      expect(found).not.toContain('Money advice drop-in');
      await check('directory services found to connect to');
      await linkWorker.getByLabel('Note for this connection').fill('Meets at the park gates on Tuesdays');
      await linkWorker.getByRole('button', { name: `Connect to ${walkingGroup}` }).click();
      await expect.poll(() => banner(linkWorker), until).toContain('The connection is recorded.');
      await check('after connecting');
      // The connection's status, from the connect page.
      if (!linkWorker.url().includes('/connections')) await linkWorker.goto(`${recordUrl}/connections`);
      await linkWorker.getByLabel(`Status for ${walkingGroup}`).selectOption('attending');
      await linkWorker.getByRole('button', { name: 'Save status' }).click();
      await expect.poll(() => banner(linkWorker), until).toMatch(/The connection.s status is saved\./);
      await check('after saving a connection’s status');

      await linkWorker.goto(recordUrl);
      await linkWorker.getByRole('link', { name: 'Record wellbeing scores' }).click();
      await expect.poll(() => heading(linkWorker), until).toBe('Record wellbeing scores');
      await check('recording wellbeing scores');
      await fillDate(linkWorker, 'Date');
      await linkWorker.getByLabel('Start', { exact: true }).check();
      await fillScores(linkWorker, { ...startScores, happiness: '11' });
      await linkWorker.getByRole('button', { name: 'Save the scores' }).click();
      await expect.poll(() => errorSummary(linkWorker), until).toContain('Enter how happy you felt yesterday as a whole number from 0 to 10');
      await check('wellbeing scores with a score of 11');
      // The error leads to the question's box and is said beside it; what was typed is kept.
      const summaryLinks = linkWorker.locator('.nhsuk-error-summary a');
      expect(await summaryLinks.count()).toBe(1);
      const happiness = linkWorker.getByLabel(questions.happiness, { exact: true });
      expect(await summaryLinks.first().getAttribute('href')).toBe(`#${await happiness.getAttribute('id')}`);
      expect(await linkWorker.locator('.nhsuk-form-group--error').filter({ has: happiness }).locator('.nhsuk-error-message').textContent()).toContain(
        '0 to 10',
      );
      expect(await linkWorker.getByLabel(questions.lifeSatisfaction, { exact: true }).inputValue()).toBe(startScores.lifeSatisfaction);
      await linkWorker.getByLabel(questions.happiness, { exact: true }).fill(startScores.happiness);
      await linkWorker.getByRole('button', { name: 'Save the scores' }).click();
      await expect.poll(() => banner(linkWorker), until).toContain('The scores are recorded.');
      await backToRecord();

      await linkWorker.getByRole('link', { name: 'Schedule a follow-up' }).click();
      await expect.poll(() => heading(linkWorker), until).toBe('Schedule a follow-up');
      await check('scheduling a follow-up');
      await fillDate(linkWorker, 'Follow-up date');
      await linkWorker.getByRole('button', { name: 'Schedule', exact: true }).click();
      await expect.poll(() => banner(linkWorker), until).toContain('The follow-up is scheduled.');
      await backToRecord();
      await check('the record with a follow-up due');

      await linkWorker.locator('main a[href*="/follow-ups/"]').first().click();
      await expect.poll(() => heading(linkWorker), until).toBe('Record the follow-up');
      await check('recording the follow-up');
      await linkWorker.getByLabel('Notes', { exact: true }).fill(followUpNotes);
      await fillScores(linkWorker, followUpScores);
      await linkWorker.getByRole('button', { name: 'Save the follow-up' }).click();
      await expect.poll(() => banner(linkWorker), until).toContain('The follow-up is recorded.');
      await backToRecord();
      await check('the record after the follow-up');
      const record = await main(linkWorker);
      for (const shown of [whatMatters, conversationNotes, plan, walkingGroup, 'Attending', followUpNotes, 'Following up']) expect(record).toContain(shown);

      // On the caseload it is now the link worker's own.
      await linkWorker.goto(`${served.url}/organisations/${serviceOrgId}/social-prescribing?show=mine`);
      await expect.poll(() => linkWorker.locator('table').textContent(), until).toContain(personName);
      expect(await main(linkWorker)).toContain('Waiting (0)');
      await check('the caseload, one of mine');
    },
    stepTimeout,
  );

  it(
    'shows the person (JavaScript off), signed in with the email the referrer gave, their record: the conversation, the connection, the chart and the scores',
    async () => {
      const check = (what: string) => expectNoAxeViolations(person, `person: ${what}`);
      // The account is made after the referral: the record joins it by the email address.
      await signedInPerson(served, { name: personName, email: emails.person });
      await signInThroughForm(person, served.url, emails.person, goodPassword);
      await person.getByRole('link', { name: 'Your social prescribing record', exact: true }).click();
      await expect.poll(() => heading(person), until).toBe('Your social prescribing');
      await expect.poll(() => main(person), until).toContain(serviceOrgName);
      await check('my social prescribing');
      await person
        .locator(`main a[href$="${new URL(recordUrl).pathname}"]`)
        .first()
        .click();
      await expect.poll(() => heading(person), until).toBe('Your social prescribing record');
      await check('my record');

      const record = await main(person);
      for (const shown of ['Lee Linkworker', 'What matters to me', whatMatters, plan, 'Connections', walkingGroup, 'Attending', 'Wellbeing (ONS4)'])
        expect(record).toContain(shown);
      expect(await person.getByRole('link', { name: walkingGroup }).getAttribute('href')).toMatch(/\/directory\/services\/[0-9a-f-]+$/);
      const chart = person.locator('main figure svg[role="img"]');
      expect(await chart.count()).toBe(1);
      expect(await chart.locator('title').count()).toBeGreaterThan(0);
      expect(await chart.locator('desc').count()).toBeGreaterThan(0);
      const table = person.locator('main table').filter({ hasText: 'Life satisfaction' });
      const headers = (await table.locator('th').allTextContents()).map((t) => t.trim());
      for (const column of ['Date', 'Moment', 'Life satisfaction', 'Worthwhile', 'Happiness', 'Anxiety']) expect(headers).toContain(column);
      const rows = table.locator('tbody tr');
      expect(await rows.count()).toBe(2);
      const cells = async (row: number) => (await rows.nth(row).locator('td, th').allTextContents()).map((t) => t.trim());
      expect((await cells(0)).slice(-4)).toEqual(Object.values(startScores));
      expect((await cells(1)).slice(-4)).toEqual(Object.values(followUpScores));
      expect(await person.getByRole('link', { name: 'Add your wellbeing scores' }).count()).toBe(1);
    },
    stepTimeout,
  );

  it(
    'shows the referrer the progress but not the conversation notes, and anyone else "not found"',
    async () => {
      await referrer.goto(recordUrl);
      await expect.poll(() => heading(referrer), until).toBe(`Referral for ${personName}`);
      await expectNoAxeViolations(referrer, 'referrer: the progress of a referral');
      const record = await main(referrer);
      for (const shown of [reason, gpName, 'Following up', plan, walkingGroup, 'Attending', 'Wellbeing (ONS4)']) expect(record).toContain(shown);
      for (const hidden of [whatMatters, conversationNotes, followUpNotes]) expect(record).not.toContain(hidden);
      expect(await referrer.locator('main table').filter({ hasText: 'Life satisfaction' }).locator('tbody tr').count()).toBe(2);

      await signInThroughForm(stranger, served.url, emails.stranger, goodPassword);
      const answer = await stranger.goto(recordUrl);
      expect(answer?.status()).toBe(404);
      await expect.poll(() => heading(stranger), until).toBe('Page not found');
      expect(await main(stranger)).not.toContain(personName);
      await expectNoAxeViolations(stranger, 'a stranger: the record is not found');
    },
    stepTimeout,
  );
});

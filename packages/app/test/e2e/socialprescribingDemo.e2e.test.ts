// Every page of social prescribing on the demo health system, in Chromium, with axe-core: the pages
// the referral walk (socialprescribing.e2e) does not reach — the figures, a closed record, closing,
// the plan, the caseload's views, the person adding their own scores, referring oneself, and what a
// group sees — as the demo's link worker (JavaScript on), the demo person and GP (JavaScript off),
// and a group's admin. Each test visits all its pages and then lists every violation found.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demoPassword } from '../../src/modules/accounts/service.js';
import { goodPassword, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { loadDemoHealthSystem } from '../../src/modules/index.js';
import { describeBrowser, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const stepTimeout = 240_000;

describeBrowser('social prescribing on the demo, every page in Chromium', () => {
  const served = useBrowserTestApp({ env: { INVOLVE_DEMO: '1' } }, stepTimeout);
  const ids = { service: 0, member: 0, closed: 0, active: 0, group: 0 };

  beforeAll(async () => {
    await loadDemoHealthSystem(served.db);
    const db = served.db;
    ids.service = (
      await db.selectFrom('organisation').select('id').where('name', '=', 'Demo: Northvale Community Voluntary Services').executeTakeFirstOrThrow()
    ).id;
    const member = await db.selectFrom('account').select('id').where('email', '=', 'member@demo.involve.test').executeTakeFirstOrThrow();
    ids.member = (await db.selectFrom('referral').select('id').where('person_account_id', '=', member.id).executeTakeFirstOrThrow()).id;
    ids.closed = (await db.selectFrom('referral').select('id').where('state', '=', 'closed').orderBy('id').executeTakeFirstOrThrow()).id;
    ids.active = (await db.selectFrom('referral').select('id').where('state', '=', 'active').orderBy('id').executeTakeFirstOrThrow()).id;
    ids.group = (
      await db
        .selectFrom('referral_connection')
        .innerJoin('referral', 'referral.id', 'referral_connection.referral_id')
        .select('referral_connection.service_organisation_id')
        .where('referral.share_with_groups', '=', true)
        .orderBy('referral_connection.id')
        .executeTakeFirstOrThrow()
    ).service_organisation_id;
  }, stepTimeout);

  /** Sign in (when an email is given), visit each page checking its heading, run axe on each, then report every violation. */
  async function walk(
    options: { javaScript: boolean; email?: string; password?: string },
    pages: Array<{ path: string; h1: string | RegExp; what: string; checkAlso?: (page: Page) => Promise<void> }>,
  ): Promise<void> {
    const page = await served.newPage({ javaScript: options.javaScript });
    const problems: string[] = [];
    try {
      if (options.email) await signInThroughForm(page, served.url, options.email, options.password ?? demoPassword);
      for (const visit of pages) {
        const response = await page.goto(`${served.url}${visit.path}`);
        expect(response?.status(), `status of ${visit.path}`).toBe(200);
        const h1 = await heading(page);
        if (typeof visit.h1 === 'string') expect(h1, `heading of ${visit.path}`).toBe(visit.h1);
        else expect(h1, `heading of ${visit.path}`).toMatch(visit.h1);
        await visit.checkAlso?.(page);
        try {
          await expectNoAxeViolations(page, `${visit.what} (JavaScript ${options.javaScript ? 'on' : 'off'})`);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
    } finally {
      await page.context().close();
    }
    if (problems.length) throw new Error(`${problems.length} page(s) with accessibility violations:\n\n${problems.join('\n\n')}`);
  }

  const record = (id: number, rest = '') => `/social-prescribing/referrals/${id}${rest}`;

  it(
    'shows the link worker every page of the caseload, a record in each state, and the figures',
    async () => {
      await walk({ javaScript: true, email: 'link-worker@demo.involve.test' }, [
        { path: `/organisations/${ids.service}/social-prescribing`, h1: 'Social prescribing caseload', what: 'the caseload: waiting' },
        { path: `/organisations/${ids.service}/social-prescribing?show=mine`, h1: 'Social prescribing caseload', what: 'the caseload: yours' },
        { path: `/organisations/${ids.service}/social-prescribing?show=all`, h1: 'Social prescribing caseload', what: 'the caseload: all open' },
        { path: `/organisations/${ids.service}/social-prescribing?show=closed`, h1: 'Social prescribing caseload', what: 'the caseload: closed' },
        {
          path: `/organisations/${ids.service}/social-prescribing/figures`,
          h1: 'Social prescribing figures',
          what: 'the figures',
          checkAlso: async (page) => {
            const text = (await page.locator('main').textContent()) ?? '';
            expect(text).toContain('fewer than 10');
            expect(text).toContain('Change in wellbeing');
          },
        },
        { path: record(ids.member), h1: /^Referral for /, what: 'a record following up, with its chart' },
        { path: record(ids.closed), h1: /^Referral for /, what: 'a closed record' },
        { path: record(ids.active, '/plan'), h1: 'Change the plan', what: 'the plan' },
        { path: record(ids.active, '/close'), h1: 'Close the referral', what: 'closing a referral' },
        { path: record(ids.active, '/wellbeing'), h1: 'Record wellbeing scores', what: 'recording scores' },
        { path: record(ids.active, '/connections'), h1: 'Connect to a service', what: 'connecting, before a search' },
        { path: `${record(ids.active, '/connections')}?q=walking`, h1: 'Connect to a service', what: 'connecting, with results' },
        { path: record(ids.active, '/follow-ups'), h1: 'Schedule a follow-up', what: 'scheduling a follow-up' },
      ]);
    },
    stepTimeout,
  );

  it(
    'shows the person their record and their own scores form, and the GP their referrals, with JavaScript off',
    async () => {
      await walk({ javaScript: false, email: 'member@demo.involve.test' }, [
        { path: '/account/social-prescribing', h1: 'Your social prescribing', what: 'the person’s account page' },
        {
          path: record(ids.member),
          h1: 'Your social prescribing record',
          what: 'the person’s own record',
          checkAlso: async (page) => expect(await page.locator('figure svg[role="img"]').count()).toBe(1),
        },
        { path: record(ids.member, '/wellbeing'), h1: 'Add your wellbeing scores', what: 'the person adding their scores' },
        { path: '/social-prescribing/refer?as=self', h1: 'Refer to social prescribing', what: 'referring oneself' },
      ]);
      await walk({ javaScript: false, email: 'gp@demo.involve.test' }, [
        { path: '/social-prescribing', h1: 'Social prescribing', what: 'about social prescribing' },
        { path: '/account/social-prescribing', h1: 'Your social prescribing', what: 'the referrals a GP made' },
        { path: record(ids.member), h1: /^Referral for /, what: 'a referral as its referrer sees it' },
        { path: '/social-prescribing/refer', h1: 'Refer to social prescribing', what: 'the GP’s referral form' },
      ]);
    },
    stepTimeout,
  );

  it(
    'shows a group’s admin only that referrals were made to its services',
    async () => {
      const admin = await signedInPerson(served, { name: 'Gail Groupadmin', roles: [{ organisationId: ids.group, role: 'admin' }] });
      await walk({ javaScript: true, email: admin.email, password: goodPassword }, [
        {
          path: `/organisations/${ids.group}/referrals-received`,
          h1: 'Referrals to your services',
          what: 'referrals to a group’s services',
          checkAlso: async (page) => {
            const text = (await page.locator('main').textContent()) ?? '';
            expect(text).not.toContain('Demo PPG Member');
            expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
          },
        },
      ]);
    },
    stepTimeout,
  );
});

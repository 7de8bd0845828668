// axe-core on every page type of Involve, in Chromium: public pages on an empty registry and on the
// demo health system, error pages, forms with their errors shown, and every admin page as the demo's
// platform admin, organisation admin and a person without powers. JavaScript on for all of them, off
// for a handful. Each test visits all its pages and then lists every violation found, not just the
// first, so one run shows everything to fix.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDemoSignIns } from '../../src/modules/accounts/service.js';
import { loadDemoHealthSystem } from '../../src/modules/index.js';
import { describeBrowser, expectNoAxeViolations, heading, useBrowserTestApp } from './browser.js';

const until = { timeout: 10_000, interval: 100 };

const icb = 'Demo: Northvale and Eastmoor Integrated Care Board';
const ppiCommittee = 'Strategic Patient and Public Involvement Committee';

/** A CSV with one good row and one bad one (line 3: an unknown type). */
const importCsv = [
  'name,type,ods_code,postcode,takes_nhs_money',
  'Demo: Imported Surgery,GP practice,DMX901,NV1 9ZZ,yes',
  'Demo: Broken Row,not a type,,,',
].join('\n');

/** Checks pages one after another and fails at the end with every page's violations together. */
function axeRecorder(page: Page, suffix: string) {
  const problems: string[] = [];
  return {
    async check(what: string): Promise<void> {
      try {
        await expectNoAxeViolations(page, `${what} (${suffix})`);
      } catch (error) {
        problems.push((error as Error).message);
      }
    },
    assertNone(): void {
      if (problems.length) throw new Error(`${problems.length} page(s) with accessibility violations:\n\n${problems.join('\n\n')}`);
    },
  };
}

describeBrowser('every page type in Chromium has no WCAG 2.2 AA violations', () => {
  // Demo mode on, so every page also shows the demo banner, and the home page the demo sign-ins.
  const served = useBrowserTestApp({ env: { INVOLVE_DEMO: '1' } });

  /** Go to a page, check its status and heading (so axe checks the page meant), then run axe. */
  async function visit(page: Page, path: string, expected: { h1: string | RegExp; status?: number }): Promise<void> {
    const response = await page.goto(`${served.url}${path}`);
    expect(response?.status(), `status of ${path}`).toBe(expected.status ?? 200);
    const h1 = await heading(page);
    if (typeof expected.h1 === 'string') expect(h1, `heading of ${path}`).toBe(expected.h1);
    else expect(h1, `heading of ${path}`).toMatch(expected.h1);
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${served.url}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => heading(page), until).toBe('Your account');
  }

  async function submitAndExpectErrors(page: Page, button: string): Promise<void> {
    await page.locator('main').getByRole('button', { name: button, exact: true }).click();
    await expect.poll(() => page.locator('.nhsuk-error-summary').count(), until).toBe(1);
    expect(await page.title()).toMatch(/^Error: /);
    // Each message in the summary links to a field on the page that shows the same message.
    const links = await page.locator('.nhsuk-error-summary a').evaluateAll((as) =>
      as.map((a) => {
        const id = (a.getAttribute('href') ?? '').replace(/^#/, '');
        const target = id ? document.getElementById(id) : null;
        // The outermost group: a date input's day, month and year each sit in a group of their own.
        let group = target?.closest('.nhsuk-form-group') ?? null;
        while (group?.parentElement?.closest('.nhsuk-form-group')) group = group.parentElement.closest('.nhsuk-form-group');
        return {
          id,
          message: a.textContent?.trim() ?? '',
          targetFound: target !== null,
          fieldMessage: group?.querySelector('.nhsuk-error-message')?.textContent ?? '',
        };
      }),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.targetFound, `the summary link to #${link.id} ("${link.message}") has no field with that id`).toBe(true);
      expect(link.fieldMessage, `the field #${link.id} does not show "${link.message}"`).toContain(link.message);
    }
  }

  /**
   * A fresh context (signed in through the form when `as` is given), the steps, then every
   * violation found on the way.
   */
  async function withPage(
    options: { javaScript: boolean; suffix: string; as?: { email: string; password: string } },
    steps: (page: Page, check: (what: string) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const page = await served.newPage({ javaScript: options.javaScript });
    const axe = axeRecorder(page, `${options.suffix}, JavaScript ${options.javaScript ? 'on' : 'off'}`);
    try {
      if (options.as) await signIn(page, options.as.email, options.as.password);
      await steps(page, axe.check);
      axe.assertNone();
    } finally {
      await page.context().close();
    }
  }

  it('shows the public pages of an empty registry', async () => {
    await withPage({ javaScript: true, suffix: 'empty registry' }, async (page, check) => {
      await visit(page, '/', { h1: 'Involve' });
      await check('the home page with no demo sign-ins');
      await visit(page, '/organisations', { h1: 'Organisations' });
      expect(await page.locator('main').textContent()).toContain('There are no organisations yet.');
      await check('the organisations page with none');
      await visit(page, '/organisations?q=nothing+here', { h1: 'Organisations' });
      expect(await page.locator('#results-heading').textContent()).toContain('No organisations found');
      await check('a search with no results');
      await visit(page, '/places', { h1: 'Places' });
      await check('the places page with none');
      await visit(page, '/gaps', { h1: 'Gaps in patient representation' });
      await check('the gaps page with none');
    });
  });

  describe('on the demo health system', () => {
    const ids = { icb: 0, timeBank: 0, ppiCommittee: 0, ppiMember: 0, millbrook: 0, northvale: 0 };
    const demo = { password: '', platform: '', orgAdmin: '', member: '' };
    const as = (who: 'platform' | 'orgAdmin' | 'member') => ({ email: demo[who], password: demo.password });
    beforeAll(async () => {
      await loadDemoHealthSystem(served.db);
      const organisation = async (name: string) =>
        (await served.db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
      const place = async (name: string) => (await served.db.selectFrom('place').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
      ids.icb = await organisation(icb);
      ids.timeBank = await organisation('Demo: Northvale Time Bank');
      ids.ppiCommittee = (await served.db.selectFrom('body').select('id').where('name', '=', ppiCommittee).executeTakeFirstOrThrow()).id;
      ids.ppiMember = (
        await served.db.selectFrom('body_member').select('id').where('body_id', '=', ids.ppiCommittee).where('term_end', 'is', null).executeTakeFirstOrThrow()
      ).id;
      ids.millbrook = await place('Demo: Millbrook');
      ids.northvale = await place('Demo: Northvale');
      const signIns = await listDemoSignIns(served.db);
      const emailFor = (role: RegExp) => {
        const found = signIns.find((s) => role.test(s.role));
        if (!found) throw new Error(`no demo sign-in for ${role}`);
        demo.password = found.password;
        return found.email;
      };
      demo.platform = emailFor(/^Platform admin/);
      demo.orgAdmin = emailFor(/^Organisation admin/);
      demo.member = emailFor(/^Member of/);
    });

    it('shows the home, organisation and body pages with JavaScript on', async () => {
      await withPage({ javaScript: true, suffix: 'signed out' }, async (page, check) => {
        await visit(page, '/', { h1: 'Involve' });
        expect(await page.getByRole('table', { name: 'Demo accounts' }).count()).toBe(1);
        await check('the home page with the demo sign-ins');
        await visit(page, '/organisations', { h1: 'Organisations' });
        expect(await page.getByRole('navigation', { name: 'Pages of results' }).count()).toBe(1);
        await check('the organisations page with results and pages');
        await visit(page, '/organisations?page=2', { h1: 'Organisations' });
        await check('the second page of organisations');
        await visit(page, `/organisations?q=&type=gp_practice&place=${ids.northvale}&postcode=NV1`, { h1: 'Organisations' });
        expect(await page.locator('#results-heading').textContent()).toMatch(/organisations? found/);
        await check('the organisations page with filters');
        await visit(page, `/organisations/${ids.icb}`, { h1: icb });
        await check('an organisation page with bodies, patient voices and relations');
        await visit(page, `/organisations/${ids.timeBank}`, { h1: 'Demo: Northvale Time Bank' });
        await check('an organisation page with no bodies');
        await visit(page, `/bodies/${ids.ppiCommittee}`, { h1: ppiCommittee });
        await check('a body page with current and past members');
      });
    });

    it('shows the places, gaps, API documentation, not-found and sign-up pages with JavaScript on', async () => {
      await withPage({ javaScript: true, suffix: 'signed out' }, async (page, check) => {
        await visit(page, '/places', { h1: 'Places' });
        await check('the places page');
        await visit(page, `/places/${ids.millbrook}`, { h1: 'Demo: Millbrook' });
        await check('a neighbourhood page with population figures');
        await visit(page, `/places/${ids.northvale}`, { h1: 'Demo: Northvale' });
        await check('a local authority area page');
        await visit(page, '/gaps', { h1: 'Gaps in patient representation' });
        await check('the gaps page');
        await visit(page, `/gaps?place=${ids.millbrook}`, { h1: 'Gaps in patient representation in Demo: Millbrook' });
        await check('the gaps page for a place');
        await visit(page, '/api/docs', { h1: 'API documentation' });
        await check('the API documentation');
        await visit(page, '/no-such-page', { h1: 'Page not found', status: 404 });
        await check('the page-not-found page');
        await visit(page, '/organisations/99999999', { h1: 'Page not found', status: 404 });
        await check('an organisation that does not exist');
        await visit(page, '/sign-up', { h1: 'Create an account' });
        await submitAndExpectErrors(page, 'Create account');
        await check('the sign-up page with errors');
      });
    });

    it('shows the public pages and the sign-in page with an error with JavaScript off', async () => {
      await withPage({ javaScript: false, suffix: 'signed out' }, async (page, check) => {
        await visit(page, '/', { h1: 'Involve' });
        await check('the home page');
        await visit(page, `/organisations?type=gp_practice&place=${ids.northvale}`, { h1: 'Organisations' });
        await check('the organisations page with filters');
        await visit(page, `/organisations/${ids.icb}`, { h1: icb });
        await check('an organisation page');
        await visit(page, `/bodies/${ids.ppiCommittee}`, { h1: ppiCommittee });
        await check('a body page');
        await visit(page, `/places/${ids.millbrook}`, { h1: 'Demo: Millbrook' });
        await check('a place page');
        await visit(page, '/gaps', { h1: 'Gaps in patient representation' });
        await check('the gaps page');
        await visit(page, '/sign-in', { h1: 'Sign in' });
        await page.getByLabel('Email address').fill(demo.member);
        await page.getByLabel('Password', { exact: true }).fill('not the password');
        await submitAndExpectErrors(page, 'Sign in');
        expect(await page.getByLabel('Email address').inputValue()).toBe(demo.member);
        await check('the sign-in page with an error');
      });
    });

    it('shows "You do not have permission" on admin pages to a person without powers', async () => {
      await withPage({ javaScript: true, suffix: 'no powers', as: as('member') }, async (page, check) => {
        await visit(page, '/admin', { h1: 'You do not have permission', status: 403 });
        await check('the 403 page for /admin');
        await visit(page, `/admin/organisations/${ids.icb}/edit`, { h1: 'You do not have permission', status: 403 });
        expect(await page.locator('main').textContent()).not.toMatch(/at .*\.(ts|js):\d+/);
        await check('the 403 page for an organisation edit form');
      });
    });

    it("shows an organisation admin's admin pages", async () => {
      await withPage({ javaScript: true, suffix: 'organisation admin', as: as('orgAdmin') }, async (page, check) => {
        await visit(page, '/admin', { h1: 'Admin' });
        expect(await page.getByRole('link', { name: `Manage ${icb}` }).count()).toBe(1);
        await check('the admin page of an organisation admin');
        await visit(page, `/admin/organisations/${ids.icb}/roles`, { h1: 'Roles' });
        await check('the roles page of their organisation');
        // Another organisation is not theirs.
        await visit(page, `/admin/organisations/${ids.timeBank}`, { h1: 'You do not have permission', status: 403 });
        await check("the 403 page for another organisation's admin page");
      });
    });

    it('shows a platform admin the admin home and the organisation and relation forms, with their errors', async () => {
      await withPage({ javaScript: true, suffix: 'platform admin' }, async (page, check) => {
        // Signed out, an admin page sends you to sign in, then on to the page you asked for.
        await visit(page, '/admin/organisations/new', { h1: 'Sign in' });
        expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/organisations/new');
        await check('the sign-in page on the way to an admin page');
        await page.getByLabel('Email address').fill(demo.platform);
        await page.getByLabel('Password', { exact: true }).fill(demo.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect.poll(() => heading(page), until).toBe('Create an organisation');
        await check('the create-an-organisation form');
        await page.getByLabel('ODS code (optional)').fill('DMQ01');
        await submitAndExpectErrors(page, 'Create organisation');
        expect(await page.getByLabel('ODS code (optional)').inputValue()).toBe('DMQ01');
        await check('the create-an-organisation form with errors');

        await visit(page, '/admin', { h1: 'Admin' });
        await check('the admin page');
        await visit(page, '/admin?q=Millbrook', { h1: 'Admin' });
        expect(await page.locator('#found-heading').textContent()).toMatch(/found/);
        await check('the admin page with found organisations');
        await visit(page, `/admin/organisations/${ids.icb}`, { h1: `Manage ${icb}` });
        await check('the manage-an-organisation page');
        await visit(page, `/admin/organisations/${ids.icb}/edit`, { h1: `Change ${icb}` });
        await check('the organisation edit form');
        await page.getByLabel('Website (optional)').fill('not a web address');
        await submitAndExpectErrors(page, 'Save');
        await check('the organisation edit form with an error');
        await visit(page, `/admin/organisations/${ids.timeBank}/delete`, { h1: 'Delete Demo: Northvale Time Bank?' });
        await check('the delete-an-organisation page');

        await visit(page, `/admin/organisations/${ids.icb}/relations/new`, { h1: `Add a relation for ${icb}` });
        await check('the relations form');
        await visit(page, `/admin/organisations/${ids.icb}/relations/new?q=Northvale`, { h1: `Add a relation for ${icb}` });
        await check('the relations form with found organisations');
        await submitAndExpectErrors(page, 'Add relation');
        await check('the relations form with errors');
      });
    });

    it('shows a platform admin the body and member forms, with their errors', async () => {
      await withPage({ javaScript: true, suffix: 'platform admin', as: as('platform') }, async (page, check) => {
        await visit(page, `/admin/organisations/${ids.icb}/bodies/new`, { h1: `Add a board, committee or group to ${icb}` });
        await check('the create-a-body form');
        await submitAndExpectErrors(page, 'Create');
        await check('the create-a-body form with errors');
        await visit(page, `/admin/bodies/${ids.ppiCommittee}`, { h1: `Manage ${ppiCommittee}` });
        await check('the manage-a-body page');
        await visit(page, `/admin/bodies/${ids.ppiCommittee}/edit`, { h1: `Change ${ppiCommittee}` });
        await check('the body edit form');
        await visit(page, `/admin/bodies/${ids.ppiCommittee}/delete`, { h1: `Delete ${ppiCommittee}?` });
        await check('the delete-a-body page');

        await visit(page, `/admin/bodies/${ids.ppiCommittee}/members/new`, { h1: `Add a member to ${ppiCommittee}` });
        await check('the add-a-member form');
        await page.getByLabel('Role').selectOption({ label: 'Choose a role' });
        await page.getByRole('group', { name: 'Term starts' }).getByLabel('Month').fill('13');
        await submitAndExpectErrors(page, 'Add member');
        await check('the add-a-member form with errors');
        await visit(page, `/admin/members/${ids.ppiMember}/edit`, { h1: /^Change / });
        await check('the member edit form');
        await visit(page, `/admin/members/${ids.ppiMember}/end`, { h1: /^End the term of / });
        await check('the end-a-term form');
        await visit(page, `/admin/members/${ids.ppiMember}/remove`, { h1: /^Remove .* from / });
        await check('the remove-a-member page');
      });
    });

    it('shows a platform admin the places, import, outbox and people pages', async () => {
      await withPage({ javaScript: true, suffix: 'platform admin', as: as('platform') }, async (page, check) => {
        await visit(page, '/admin/places', { h1: 'Manage places' });
        await check('the places admin list');
        await visit(page, '/admin/places/new', { h1: 'Create a place' });
        await check('the create-a-place form');
        await page.getByLabel('Sex').fill('Female, lots');
        await submitAndExpectErrors(page, 'Create place');
        await check('the create-a-place form with errors');
        await visit(page, `/admin/places/${ids.millbrook}/edit`, { h1: 'Change Demo: Millbrook' });
        await check('the place edit form');

        await visit(page, '/admin/import', { h1: 'Import organisations' });
        await check('the import page');
        await submitAndExpectErrors(page, 'Import');
        await check('the import page with an error');
        await page.getByLabel('CSV file').setInputFiles({ name: 'organisations.csv', mimeType: 'text/csv', buffer: Buffer.from(importCsv) });
        await page.locator('main').getByRole('button', { name: 'Import' }).click();
        await expect.poll(() => heading(page), until).toBe('Import finished with some rows not imported');
        expect(await page.getByRole('table', { name: 'Rows not imported' }).locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^3/)]);
        await check('the import results with a bad row');

        await visit(page, '/admin/outbox', { h1: 'Mail outbox' });
        await check('the mail outbox');
        await visit(page, '/admin/platform-admins', { h1: 'Platform admins' });
        await check('the platform admins page');
        await visit(page, '/admin/platform-moderators', { h1: 'Platform moderators' });
        await check('the platform moderators page');
        await visit(page, '/admin/themes', { h1: 'Story themes' });
        await check('the story themes page');
        await page.locator('main').getByRole('button', { name: 'Add the theme' }).click();
        await expect.poll(() => page.locator('.nhsuk-error-summary').count(), until).toBe(1);
        await check('the story themes page with errors');
        await visit(page, `/admin/organisations/${ids.icb}/roles`, { h1: 'Roles' });
        await check('the roles page');
      });
    });

    it('shows a platform admin the forms with errors, and the import results, with JavaScript off', async () => {
      await withPage({ javaScript: false, suffix: 'platform admin', as: as('platform') }, async (page, check) => {
        await visit(page, '/admin', { h1: 'Admin' });
        await check('the admin page');
        await visit(page, '/admin/organisations/new', { h1: 'Create an organisation' });
        await submitAndExpectErrors(page, 'Create organisation');
        await check('the create-an-organisation form with errors');
        await visit(page, `/admin/bodies/${ids.ppiCommittee}/members/new`, { h1: `Add a member to ${ppiCommittee}` });
        await page.getByLabel('Name', { exact: true }).fill('');
        await submitAndExpectErrors(page, 'Add member');
        await check('the add-a-member form with errors');
        await visit(page, '/admin/import', { h1: 'Import organisations' });
        await page.getByLabel('CSV file').setInputFiles({ name: 'organisations.csv', mimeType: 'text/csv', buffer: Buffer.from(importCsv) });
        await page.locator('main').getByRole('button', { name: 'Import' }).click();
        await expect.poll(() => heading(page), until).toBe('Import finished with some rows not imported');
        await check('the import results with a bad row');
      });
    });
  });
});

// A citizens' assembly from the invitation letters to the answered recommendation, walked in Chromium
// with JavaScript on and off (issue 17's first "done when"): an organiser convenes an assembly, sets
// its quotas, uploads the address list, draws the households to invite with a seed and opens the
// printable letters; three people register through the public pages with the codes on their
// letters, one with access needs, which the organiser finds on the volunteers page (nine more
// volunteers register through the service, so that a panel of 4 is drawn from 12); an impossible
// quota is reported on the selection page with decide's fix and the organiser fixes it; the panel is
// drawn with a typed seed by the selection job running beside the server (the draw's progress page
// is watched until it is done: no fixed wait), and its record, JSON and CSV files are published; a
// person drawn declines on their own page and a replacement is drawn; a member drafts a
// recommendation, the organiser opens the vote, the member votes, the organiser publishes it and
// answers it, and the answer is shown on the assembly's public page. axe-core checks every page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createVerifiedAccount } from '../../src/modules/accounts/service.js';
import { goodPassword, insertOrganisation, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { selectionJob } from '../../src/modules/assemblies/selectionJob.js';
import { register, voteOnRecommendation } from '../../src/modules/assemblies/service.js';
import { registrationFor } from '../../src/modules/assemblies/testKit.js';
import { type RepeatingJob, startRepeatingJob } from '../../src/platform/jobs.js';
import { type Actor, systemActor } from '../../src/platform/permissions.js';
import { createPino } from '../testLogger.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 30_000, interval: 100 };
/** The draw runs in a forked worker beside a busy machine's other work: wait for it generously. */
const untilDrawn = { timeout: 180_000, interval: 250 };
const stepTimeout = 290_000;

const banner = (page: Page) => page.locator('.nhsuk-notification-banner').textContent();
const main = (page: Page) => page.locator('main').textContent();

const quotaLines = [
  'sex | Sex | Female | 1 | 3 | 51',
  'sex | Sex | Male | 1 | 3 | 49',
  'age_band | Age | 16-44 | 1 | 3 | 45',
  'age_band | Age | 45+ | 1 | 3 | 55',
];
/** At most one member aged 45 or over: with only two younger people in the pool, no panel of 4 fits. */
const impossibleQuotaLines = [...quotaLines.slice(0, 3), 'age_band | Age | 45+ | 1 | 1 | 55'];

/** The three who register in the browser: the first has access needs. */
const browserVolunteers = [
  { name: 'Amira Haddad', sex: 'Female', age: '16-44', interpreter: 'Polish', travel: true },
  { name: 'Brian Walsh', sex: 'Male', age: '45+', interpreter: '', travel: false },
  { name: 'Carol Okafor', sex: 'Female', age: '45+', interpreter: '', travel: false },
];
/** Nine more, registered through the service: a pool of 12, six women and six men, two of them under 45. */
const serviceVolunteers = [
  { sex: 'Male', age_band: '16-44' },
  ...Array.from({ length: 4 }, () => ({ sex: 'Female', age_band: '45+' })),
  ...Array.from({ length: 4 }, () => ({ sex: 'Male', age_band: '45+' })),
];

describeBrowser('a citizens’ assembly from the letters to the answered recommendation, in Chromium', () => {
  const served = useBrowserTestApp({}, stepTimeout);
  let organisationId = 0;
  let organiserEmail = '';
  let selections: RepeatingJob | null = null;
  let run = 0;

  beforeAll(async () => {
    organisationId = await insertOrganisation(served.db, 'Westmoor Health and Care Partnership');
    await served.db.insertInto('place').values({ name: 'Westmoor', kind: 'neighbourhood', code: null }).execute();
    organiserEmail = (await signedInPerson(served, { name: 'Assembly convenor', roles: [{ organisationId, role: 'admin' }] })).email;
    // The selection job as the server runs it (platform/app.ts): every 2 s under its lease, each
    // round computed in a forked worker.
    const logger = createPino();
    selections = startRepeatingJob(
      selectionJob.name,
      selectionJob.everyMs,
      () => selectionJob.run({ db: served.db, config: served.config, logger, actor: systemActor(selectionJob.name), now: new Date() }),
      logger,
      { db: served.db },
    );
  }, stepTimeout);

  // Registered after the app's own afterAll, so it runs before the database closes.
  afterAll(async () => {
    await selections?.stop();
  });

  describeWithJavaScriptOnAndOff((label, javaScript) => {
    let organiser: Page;
    let assemblyId = 0;
    let manageUrl = '';
    let codes: string[] = [];
    const title = `Urgent care in Westmoor (JavaScript ${label})`;
    const recommendationTitle = `A walk-in centre open every evening (${label})`;
    const check = (page: Page, what: string) => expectNoAxeViolations(page, `${what} (JavaScript ${label})`);

    /** A browser of its own, signed in as this account. */
    async function signedIn(email: string): Promise<Page> {
      const page = await served.newPage({ javaScript });
      await signInThroughForm(page, served.url, email, goodPassword);
      return page;
    }

    async function move(button: string) {
      await organiser.goto(manageUrl);
      await organiser.getByRole('button', { name: button }).click();
      await expect.poll(() => banner(organiser), until).toContain('The assembly has moved on');
      await check(organiser, `the dashboard after "${button}"`);
    }

    async function saveQuotas(lines: string[]) {
      await organiser.goto(`${manageUrl}/quotas`);
      await organiser.getByLabel('Quotas, one answer on each line').fill(lines.join('\n'));
      await organiser.getByRole('button', { name: 'Save the quotas' }).click();
      await expect.poll(() => banner(organiser), until).toContain('quotas are saved');
      await check(organiser, 'the quotas saved');
    }

    /**
     * On a draw's progress page: checked while the draw is waiting or running, then watched (the page
     * reloads itself every few seconds, asked for, with JavaScript on or off) until the job is done.
     */
    async function watchTheDraw(drawn: string) {
      if (await organiser.getByRole('link', { name: /Check automatically/ }).count()) {
        expect(await organiser.locator('progress#progress').count()).toBe(1);
        await check(organiser, 'the progress of a draw');
        // The page that reloads itself is not checked: axe's meta-refresh rule fails any page that
        // does, though here the organiser asked for it and can stop it (WCAG 2.2.1).
        await organiser.getByRole('link', { name: /Check automatically/ }).click();
      }
      await expect.poll(() => main(organiser), untilDrawn).toContain(drawn);
      await check(organiser, 'a draw done');
    }

    /** The account of a volunteer drawn in this round and not yet answering, as a query. */
    const drawnPeople = () =>
      served.db
        .selectFrom('assembly_member')
        .innerJoin('assembly_volunteer', 'assembly_volunteer.id', 'assembly_member.volunteer_id')
        .innerJoin('account', 'account.id', 'assembly_volunteer.account_id')
        .select(['assembly_member.status', 'account.email', 'account.id as accountId', 'assembly_volunteer.name'])
        .where('assembly_member.assembly_id', '=', assemblyId)
        .orderBy('assembly_member.id')
        .execute();

    it(
      'convenes an assembly, sets its quotas, uploads the addresses, draws the invitations and prints the letters with their codes',
      async () => {
        run++;
        organiser = await signedIn(organiserEmail);
        await organiser.goto(`${served.url}/organisations/${organisationId}/assemblies/new`);
        await expect.poll(() => heading(organiser), until).toBe('Convene a citizens’ assembly');
        await check(organiser, 'the convening form');
        await organiser.getByLabel('Title', { exact: true }).fill(title);
        await organiser.getByLabel('The question or remit put to the assembly').fill('How should urgent care work in Westmoor, day and night?');
        await organiser.getByLabel('Seats on the panel').fill('4');
        await organiser.getByLabel('Westmoor', { exact: true }).check();
        await organiser.getByLabel('What taking part involves').fill('Four Saturday sessions in May at the Westmoor Community Centre.');
        await organiser.getByLabel('What is paid').fill('£400 for taking part; travel, childcare and a carer’s costs paid.');
        await organiser.getByLabel('Where the seed of the draw will come from').fill('Numbers typed in at the public meeting on 2 May');
        await organiser.getByRole('button', { name: 'Convene the assembly' }).click();
        await expect.poll(() => banner(organiser), until).toContain('The assembly is set up as a draft');
        assemblyId = Number(/\/assemblies\/(\d+)\/manage/.exec(organiser.url())?.[1]);
        expect(assemblyId).toBeGreaterThan(0);
        manageUrl = `${served.url}/assemblies/${assemblyId}/manage`;
        await check(organiser, 'the dashboard of a draft');

        await saveQuotas(quotaLines);
        await expect.poll(() => main(organiser), until).toContain('51%');

        await organiser.goto(`${manageUrl}/addresses`);
        await expect.poll(() => heading(organiser), until).toBe('Addresses and invitations');
        await check(organiser, 'the addresses page');
        const addresses = Array.from({ length: 14 }, (_, i) => `${i + 1} Moor Lane,Westmoor,LS12 ${(i % 9) + 1}AB`);
        await organiser.getByLabel('Address list (CSV file)').setInputFiles({
          name: 'westmoor-addresses.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(`address_line_1,town,postcode\n${addresses.join('\n')}\n`),
        });
        await organiser.getByRole('button', { name: 'Upload the addresses' }).click();
        await expect.poll(() => banner(organiser), until).toContain('The addresses are imported');
        await check(organiser, 'the addresses imported');
        await organiser.getByLabel('How many households to invite').fill('12');
        await organiser.getByLabel('Seed', { exact: true }).fill('Westmoor 2 May 4 8 15 16 23 42');
        await organiser.getByRole('button', { name: 'Draw the invitations' }).click();
        await expect.poll(() => heading(organiser), until).toBe('Invitation letters');
        await expect.poll(() => organiser.locator('article.involve-letter').count(), until).toBe(12);
        codes = (await organiser.locator('article.involve-letter code').allTextContents()).map((c) => c.trim());
        expect(codes).toHaveLength(12);
        for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
        expect(new Set(codes).size).toBe(12);
        expect(await main(organiser)).toContain('Moor Lane');
        await check(organiser, 'the letters');
        await organiser.emulateMedia({ media: 'print' });
        expect(await organiser.locator('header.nhsuk-header').isVisible()).toBe(false);
        expect(await organiser.locator('article.involve-letter code').first().isVisible()).toBe(true);
        await organiser.emulateMedia({ media: 'screen' });

        await organiser.goto(`${manageUrl}/addresses`);
        await expect.poll(() => main(organiser), until).toContain('12 of 14');
        await move('Start recruiting');
      },
      stepTimeout,
    );

    it(
      'registers three people with the codes on their letters, and shows the organiser the access needs of one',
      async () => {
        for (const [i, person] of browserVolunteers.entries()) {
          const email = `${person.name.split(' ')[0]?.toLowerCase()}-${label}-${run}@example.org`;
          await createVerifiedAccount(served.db, { email, password: goodPassword, name: person.name });
          const page = await signedIn(email);
          await page.goto(`${served.url}/assemblies/${assemblyId}`);
          await expect.poll(() => heading(page), until).toBe(title);
          await check(page, `the assembly recruiting, seen by ${person.name}`);
          await page.getByRole('button', { name: 'Take part' }).click();
          await expect.poll(() => heading(page), until).toBe('Take part in the citizens’ assembly');
          expect(await main(page)).toContain('£400 for taking part');
          await check(page, `the code box, for ${person.name}`);
          await page.getByLabel('Your code').fill(codes[i] as string);
          await page.getByRole('button', { name: 'Continue' }).click();
          await expect.poll(() => heading(page), until).toBe('Your details');
          await check(page, `the registration form, for ${person.name}`);
          await page.getByRole('group', { name: 'Sex' }).getByLabel(person.sex, { exact: true }).check();
          await page.getByRole('group', { name: 'Age' }).getByLabel(person.age, { exact: true }).check();
          await page.getByLabel('Your name').fill(person.name);
          await page.getByLabel('Email address').fill(email);
          if (person.interpreter) await page.getByLabel(/interpreter/).fill(person.interpreter);
          if (person.travel) await page.getByLabel('Help with travel, or its cost paid').check();
          await page.getByLabel('Yes, this is the first time').check();
          await page.getByLabel(i === 1 ? 'Yes, you may show my name' : 'No, do not show my name').check();
          await page.getByRole('button', { name: 'Continue' }).click();
          await expect.poll(() => heading(page), until).toBe('Check your answers');
          if (person.interpreter) expect(await main(page)).toContain(`An interpreter: ${person.interpreter}`);
          await check(page, `the check step, for ${person.name}`);
          await page.getByRole('button', { name: 'Register' }).click();
          await expect.poll(() => banner(page), until).toContain('you are registered');
          expect(await heading(page)).toBe('Your registration');
          expect(await page.locator('#pool-id').textContent()).toMatch(/^P-[0-9A-Z]{8}$/);
          await check(page, `the registration of ${person.name}`);
          await page.context().close();
        }

        // A pool of 3 cannot fill a meaningful panel: nine more volunteers, with the other codes.
        for (const [i, features] of serviceVolunteers.entries()) {
          const email = `volunteer${i}-${label}-${run}@example.org`;
          const accountId = await createVerifiedAccount(served.db, { email, password: goodPassword, name: `Volunteer ${i}` });
          const actor: Actor = { accountId, platformAdmin: false, organisationRoles: [] };
          await register(
            { db: served.db, config: served.config },
            actor,
            assemblyId,
            registrationFor(features, { code: codes[3 + i] as string, name: `Volunteer ${i}`, email }),
          );
        }

        await organiser.goto(`${manageUrl}/volunteers`);
        await expect.poll(() => main(organiser), until).toContain('12 people');
        await check(organiser, 'the volunteers');
        await organiser.getByLabel('Only people with access needs').check();
        await organiser.getByRole('button', { name: 'Show', exact: true }).click();
        await expect.poll(() => main(organiser), until).toContain('1 person with access needs');
        const shown = await main(organiser);
        expect(shown).toContain('Amira Haddad');
        expect(shown).toContain('An interpreter (Polish)');
        expect(shown).toContain('Help with travel');
        expect(shown).not.toContain('Brian Walsh');
        await check(organiser, 'the volunteers with access needs');
      },
      stepTimeout,
    );

    it(
      'reports an impossible quota with decide’s fix; once fixed, draws the panel with a typed seed and publishes its record',
      async () => {
        await move('Close registration and start the selection');
        await saveQuotas(impossibleQuotaLines);
        await organiser.goto(`${manageUrl}/selection`);
        await expect.poll(() => main(organiser), until).toContain('The quotas cannot be met from this pool');
        expect(await organiser.locator('#feasibility').textContent()).toMatch(/\S/);
        const fix = organiser.getByRole('table', { name: 'The smallest change to the quotas that makes a panel possible' });
        await expect.poll(() => fix.count(), until).toBe(1);
        const fixText = (await fix.textContent()) ?? '';
        expect(fixText).toContain('45+');
        expect(fixText).toMatch(/1 to 1\s*1 to [2-4] \(most raised by [1-3]\)/);
        await check(organiser, 'the selection with an impossible quota and its fix');

        await saveQuotas(quotaLines);
        await organiser.goto(`${manageUrl}/selection`);
        await expect.poll(() => main(organiser), until).toContain('at least one panel from this pool meets every quota');
        await check(organiser, 'the selection ready to draw');
        const seed = '2 May: 7 19 23 31 44 52';
        await organiser.getByLabel('Seed', { exact: true }).fill(seed);
        await organiser.getByRole('button', { name: 'Draw the panel' }).click();
        await expect.poll(() => heading(organiser), until).toBe('The first draw of the panel: round 1');
        await watchTheDraw('4 people were drawn from a pool of 12');
        await expect.poll(() => drawnPeople().then((people) => people.filter((p) => p.status === 'selected').length), until).toBe(4);

        // The published record: the page, the JSON and the two CSV files decide takes.
        const visitor = await served.newPage({ javaScript });
        await visitor.goto(`${served.url}/assemblies/${assemblyId}`);
        await expect.poll(() => heading(visitor), until).toBe(title);
        await check(visitor, 'the assembly with its panel drawn');
        await visitor.getByRole('link', { name: /How the members were chosen/ }).click();
        await expect.poll(() => heading(visitor), until).toBe('How the members were chosen');
        expect(await main(visitor)).toContain(seed);
        expect(await visitor.locator('pre').first().textContent()).toContain('--panel-size 4 --algorithm leximin');
        await check(visitor, 'the selection record');
        const record = await (await visitor.request.get(`${served.url}/assemblies/${assemblyId}/selection.json`)).json();
        expect(record).toMatchObject({ seed, panelSize: 4, algorithm: 'leximin' });
        expect(record.panel).toHaveLength(4);
        expect(Object.keys(record.probabilities)).toHaveLength(12);
        const sum = Object.values(record.probabilities as Record<string, number>).reduce((s, p) => s + p, 0);
        expect(sum).toBeCloseTo(4, 6);
        const categories = await visitor.request.get(`${served.url}/assemblies/${assemblyId}/selection/categories.csv`);
        expect(categories.status()).toBe(200);
        expect(await categories.text()).toContain('45+');
        const respondents = await visitor.request.get(`${served.url}/assemblies/${assemblyId}/selection/respondents.csv`);
        expect(respondents.headers()['content-type']).toBe('text/csv; charset=utf-8');
        const rows = (await respondents.text()).trim().split(/\r?\n/);
        expect(rows).toHaveLength(13);
        expect(rows.join('\n')).not.toMatch(/Amira|@|Moor Lane/);
        await visitor.context().close();
      },
      stepTimeout,
    );

    it(
      'lets a person drawn decline on their own page, and draws a replacement for the open seat',
      async () => {
        const drawn = (await drawnPeople()).filter((p) => p.status === 'selected');
        // One of those who registered in the browser if drawn, else the first drawn.
        const decliner = drawn.find((p) => browserVolunteers.some((b) => b.name === p.name)) ?? drawn[0];
        if (!decliner) throw new Error('nobody was drawn');
        const page = await signedIn(decliner.email);
        await page.goto(`${served.url}/assemblies/${assemblyId}/me`);
        await expect.poll(() => main(page), until).toContain('You have been chosen');
        expect(await main(page)).toMatch(/Round 1: \d/);
        await check(page, 'the registration of a person drawn');
        await page.getByRole('button', { name: 'No, I cannot take part' }).click();
        await expect.poll(() => banner(page), until).toContain('The place is declined');
        await check(page, 'the registration after declining');
        await page.context().close();

        await organiser.goto(`${manageUrl}/selection`);
        await expect.poll(() => main(organiser), until).toContain('1 open seat');
        await check(organiser, 'the selection with a seat open');
        await organiser.getByLabel('Seed', { exact: true }).fill('9 May: 3 8 21 34');
        await organiser.getByRole('button', { name: 'Draw replacements' }).click();
        await expect.poll(() => heading(organiser), until).toBe('A draw for open seats: round 2');
        await watchTheDraw('1 person was drawn from a pool of');
        const now = await drawnPeople();
        expect(now.filter((p) => p.status === 'selected')).toHaveLength(4);
        expect(now.find((p) => p.email === decliner.email)?.status).toBe('declined');

        const replacement = await (await organiser.request.get(`${served.url}/assemblies/${assemblyId}/selection/2.json`)).json();
        expect(replacement).toMatchObject({ round: 2, purpose: 'replacement', seed: '9 May: 3 8 21 34', panelSize: 1 });
        expect(replacement.fixed).toHaveLength(3);
        expect(replacement.panel).toHaveLength(1);
        expect((await organiser.request.get(`${served.url}/assemblies/${assemblyId}/selection/2/respondents.csv`)).status()).toBe(200);
        expect((await organiser.request.get(`${served.url}/assemblies/${assemblyId}/selection/2/categories.csv`)).status()).toBe(200);

        // Those drawn confirm by phone: the organiser records each.
        await organiser.goto(`${manageUrl}/members`);
        await check(organiser, 'the members drawn');
        const waiting = organiser.locator('tbody tr', { has: organiser.getByRole('button', { name: /Record the answer/ }) });
        for (let left = 4; left > 0; left--) {
          await expect.poll(() => waiting.count(), until).toBe(left);
          await waiting.first().getByLabel('Confirms').check();
          await waiting
            .first()
            .getByRole('button', { name: /Record the answer/ })
            .click();
          await expect.poll(() => banner(organiser), until).toContain('The place on the assembly is confirmed');
        }
        await expect.poll(() => main(organiser), until).toContain('4 of 4 seats confirmed');
        await check(organiser, 'the members confirmed');
        await organiser.goto(`${served.url}/assemblies/${assemblyId}/selection`);
        await expect.poll(() => main(organiser), until).toContain('Round 2');
        await check(organiser, 'the selection record with its replacement round');
      },
      stepTimeout,
    );

    it(
      'has a member draft a recommendation and vote on it; the organiser publishes it and answers it in public',
      async () => {
        await move('Start the assembly’s sessions');
        const members = (await drawnPeople()).filter((p) => p.status === 'confirmed');
        expect(members).toHaveLength(4);
        const [drafter, ...others] = members as [(typeof members)[number], ...typeof members];
        const member = await signedIn(drafter.email);
        await member.goto(`${served.url}/assemblies/${assemblyId}/members`);
        await expect.poll(() => heading(member), until).toBe('Members’ space');
        await check(member, 'the members’ space');
        await member.getByLabel('Title', { exact: true }).fill(recommendationTitle);
        await member.getByLabel('The recommendation').fill('Keep the Westmoor walk-in centre open until 10pm every day, with a GP on duty.');
        await member.getByRole('button', { name: 'Save the draft' }).click();
        await expect.poll(() => banner(member), until).toContain('The draft recommendation is saved');
        await check(member, 'the members’ space with a draft');

        await organiser.goto(`${manageUrl}/recommendations`);
        await organiser.getByRole('button', { name: `Open voting on ${recommendationTitle}` }).click();
        await expect.poll(() => banner(organiser), until).toContain('Members can now say');
        await check(organiser, 'a recommendation being voted on');

        await member.goto(`${served.url}/assemblies/${assemblyId}/members`);
        const vote = member.getByRole('group', { name: `Your view on “${recommendationTitle}”` });
        await vote.getByLabel('I support it').check();
        await member.getByRole('button', { name: 'Record my view' }).click();
        await expect.poll(() => banner(member), until).toContain('Your view on the recommendation is recorded');
        await check(member, 'the members’ space after voting');
        await member.context().close();
        // Two more members vote (through the service).
        const recId = (await served.db.selectFrom('assembly_recommendation').select('id').where('assembly_id', '=', assemblyId).executeTakeFirstOrThrow()).id;
        for (const [i, other] of others.slice(0, 2).entries()) {
          const actor: Actor = { accountId: other.accountId, platformAdmin: false, organisationRoles: [] };
          await voteOnRecommendation({ db: served.db }, actor, recId, i === 0 ? 'support' : 'oppose');
        }

        await organiser.goto(`${manageUrl}/recommendations`);
        await expect.poll(() => main(organiser), until).toContain('3 of 4 members voted');
        await organiser.getByRole('button', { name: 'Publish the recommendations' }).click();
        await expect.poll(() => banner(organiser), until).toContain('The recommendations are published');
        await check(organiser, 'a recommendation awaiting its answer');
        await organiser.getByLabel('Accept in part').check();
        await organiser.getByLabel('Reasons').fill('Open until 10pm on weekdays from September; weekends once two more GPs are recruited.');
        await organiser.getByLabel('What will be done').fill('Open the walk-in centre until 10pm on weekdays\nRecruit two GPs for weekend evenings');
        await organiser.getByRole('button', { name: `Publish the answer to ${recommendationTitle}` }).click();
        await expect.poll(() => banner(organiser), until).toContain('The answer is published');
        expect(await main(organiser)).toContain('Accepted in part');
        await check(organiser, 'a recommendation answered');

        const visitor = await served.newPage({ javaScript });
        await visitor.goto(`${served.url}/assemblies/${assemblyId}`);
        await expect.poll(() => heading(visitor), until).toBe(title);
        const shown = await main(visitor);
        expect(shown).toContain(recommendationTitle);
        expect(shown).toContain('Accepted in part');
        expect(shown).toContain('weekends once two more GPs are recruited');
        expect(shown).toMatch(/Supported by 2 of the 3 members who voted/);
        await check(visitor, 'the assembly with its answered recommendation');
        await visitor.getByRole('link', { name: `1. ${recommendationTitle}` }).click();
        await expect.poll(() => heading(visitor), until).toBe(`Recommendation 1: ${recommendationTitle}`);
        expect(await main(visitor)).toContain('Open the walk-in centre until 10pm on weekdays');
        await check(visitor, 'the answered recommendation');
        await visitor.context().close();
        await organiser.context().close();
      },
      stepTimeout,
    );
  });
});

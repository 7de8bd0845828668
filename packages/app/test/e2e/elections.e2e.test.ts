// An election walked in Chromium, in steps that share one served Involve (issue 16): staff (JavaScript
// on) import the electorate through its page, a bad file first, refused with each line named; a
// member of the trust (JavaScript off) stands for election after a mistake, with a statement and a
// photo; staff check the nomination and publish the statements; voting opens, the codes emailed and
// printed on letters; two voters vote with their codes, one with JavaScript on who numbers a
// preference twice and is told, one with JavaScript off who checks, changes and casts; two staff
// enter a paper ballot twice; staff count; the result and its count sheet show every stage; the
// people elected are members of the body on its registry page; a voter finds their ballot by its
// receipt. axe-core checks every page of the module on the way, public and staff.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { goodPassword, insertOrganisation, queuedMail, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { addCandidate, createElection, electionDefaults } from '../../src/modules/elections/service.js';
import { createBody } from '../../src/modules/registry/service.js';
import type { Actor } from '../../src/platform/permissions.js';
import { describeBrowser, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

const banner = (page: Page) => page.locator('.nhsuk-notification-banner').textContent();
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary').textContent();
const main = (page: Page) => page.locator('main').textContent();

/** A 1×1 PNG: the nominee's photo. */
const photoPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describeBrowser('an election in Chromium', () => {
  const served = useBrowserTestApp({}, stepTimeout);
  const emails = { admin: '', member: '', nominee: '', voterOne: '' };
  let staff: Page;
  let member: Page;
  let nominee: Page;
  let voterOne: Page;
  let voterTwo: Page;
  let visitor: Page;
  let electionId = 0;
  let bodyId = 0;
  let electionUrl = '';
  let postalCode = '';
  let receipt = '';

  beforeAll(async () => {
    const organisationId = await insertOrganisation(served.db, 'Eastmoor Foundation Trust');
    for (const [who, roles] of [
      ['admin', [{ organisationId, role: 'admin' as const }]],
      ['member', [{ organisationId, role: 'member' as const }]],
      ['nominee', []],
      ['voterOne', []],
    ] as const) {
      emails[who] = (await signedInPerson(served, { name: `Election ${who}`, roles: [...roles] })).email;
    }
    // Set up as a draft through the service (the settings form has its own tests), with three candidates staff add.
    const admin = await served.db.selectFrom('account').select('id').where('email', '=', emails.admin).executeTakeFirstOrThrow();
    const actor: Actor = { accountId: admin.id, platformAdmin: false, organisationRoles: [{ organisationId, role: 'admin' }] };
    const deps = { db: served.db, config: served.config };
    bodyId = await createBody(deps, actor, organisationId, { name: 'Council of Governors', kind: 'board' });
    electionId = await createElection(deps, actor, {
      ...electionDefaults,
      organisationId,
      bodyId,
      title: 'Public governors 2027',
      role: 'patient_representative',
      constituencies: [{ name: 'Public', seats: 2 }],
      declarations: 'I am a member of the trust\nI am not employed by the trust',
      votingOpenOn: '2027-03-01',
      votingCloseOn: '2027-03-21',
      termStartOn: '2027-04-01',
      termEndOn: '2030-03-31',
    });
    const constituency = await served.db.selectFrom('election_constituency').select('id').where('election_id', '=', electionId).executeTakeFirstOrThrow();
    for (const name of ['Grace Hopper', 'Alan Turing', 'Mary Somerville'])
      await addCandidate(deps, actor, electionId, { constituencyId: constituency.id, name, statement: `${name} will listen to patients.` });
    electionUrl = `${served.url}/elections/${electionId}`;
    // JavaScript on for staff and the first voter, off for the others.
    [staff, member, nominee, voterOne, voterTwo, visitor] = (await Promise.all(
      [true, false, false, true, false, false].map((javaScript) => served.newPage({ javaScript })),
    )) as [Page, Page, Page, Page, Page, Page];
  }, stepTimeout);

  /** Staff move the election on from its dashboard (with the dashboard checked by axe first). */
  async function move(button: string) {
    await staff.goto(`${electionUrl}/manage`);
    await expectNoAxeViolations(staff, `the dashboard before “${button}”`);
    await staff.getByRole('button', { name: button }).click();
  }

  it(
    'refuses a bad electorate file with each line named and imports none of it, then imports the corrected file',
    async () => {
      // Signed in here, not in beforeAll: signing in waits for the account page with expect.poll, which only a test may call.
      await Promise.all([
        signInThroughForm(staff, served.url, emails.admin, goodPassword),
        signInThroughForm(member, served.url, emails.member, goodPassword),
        signInThroughForm(nominee, served.url, emails.nominee, goodPassword),
      ]);
      const organisation = await served.db.selectFrom('election').select('organisation_id').where('id', '=', electionId).executeTakeFirstOrThrow();
      await staff.goto(`${served.url}/organisations/${organisation.organisation_id}/elections/new`);
      await expect.poll(() => heading(staff), until).toBe('Set up an election');
      await expectNoAxeViolations(staff, 'the form to set up an election');
      await staff.goto(`${electionUrl}/manage`);
      await expect.poll(() => heading(staff), until).toBe('Public governors 2027');
      await staff.getByRole('link', { name: 'Import the electorate' }).click();
      await expect.poll(() => heading(staff), until).toBe('Import the electorate');
      await expectNoAxeViolations(staff, 'the electorate page');
      const header = 'member_number,name,email,postal_address,constituency';
      const bad = [
        header,
        `M1,Nia Okafor,${emails.nominee},,Public`,
        'M2,Sam Postal,,"2 Mill Lane, Eastmoor",Public',
        'M1,Dup Licate,dup@example.org,,Public',
        'M4,No Where,nowhere@example.org,,Northside',
        'M5,Bad Mail,not-an-email,,Public',
        'M6,No Contact,,,Public',
      ].join('\n');
      await staff.getByLabel('CSV file').setInputFiles({ name: 'electorate.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await staff.getByRole('button', { name: 'Import the electorate' }).click();
      await expect.poll(() => main(staff), until).toContain('Nothing was imported');
      const problems = (await main(staff)) ?? '';
      expect(problems).toContain('Line 4: member number M1 is also on line 2');
      expect(problems).toContain('Line 5: there is no constituency called “Northside”');
      expect(problems).toContain('Line 6: “not-an-email” is not an email address');
      expect(problems).toContain('Line 7: neither an email address nor a postal address');
      expect(await served.db.selectFrom('election_voter').select('id').where('election_id', '=', electionId).execute()).toHaveLength(0);
      await expectNoAxeViolations(staff, 'the electorate page with the problems by line');

      const good = [
        header,
        `M1,Nia Okafor,${emails.nominee},,Public`,
        'M2,Sam Postal,,"2 Mill Lane, Eastmoor",Public',
        `M3,Val Voter,${emails.voterOne},,Public`,
      ].join('\n');
      await staff.getByLabel('CSV file').setInputFiles({ name: 'electorate.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await staff.getByRole('button', { name: 'Import the electorate' }).click();
      await expect.poll(() => banner(staff), until).toContain('The electorate is imported.');
      expect(await served.db.selectFrom('election_voter').select('id').where('election_id', '=', electionId).execute()).toHaveLength(3);
      await expectNoAxeViolations(staff, 'the electorate page after the import');
      await staff.goto(`${electionUrl}/manage/settings`);
      await expect.poll(() => heading(staff), until).toContain('Settings');
      await expectNoAxeViolations(staff, 'the settings page');
    },
    stepTimeout,
  );

  it(
    'lets a member of the trust with JavaScript off stand for election after a mistake, with a statement and a photo',
    async () => {
      await move('Open nominations');
      await expect.poll(() => banner(staff), until).toContain('The election has moved on');
      await nominee.goto(`${served.url}/elections`);
      await expect.poll(() => heading(nominee), until).toBe('Elections');
      await expectNoAxeViolations(nominee, 'the list of elections');
      await nominee.getByRole('link', { name: 'Public governors 2027' }).click();
      await expect.poll(() => heading(nominee), until).toBe('Public governors 2027');
      await expectNoAxeViolations(nominee, 'an election taking nominations');
      await nominee.getByRole('button', { name: 'Stand for election' }).click();
      await expect.poll(() => heading(nominee), until).toBe('Stand for election');
      await expectNoAxeViolations(nominee, 'the nomination form');
      await nominee.getByLabel('Your name as it will appear on the ballot paper').fill('Nia Okafor');
      await nominee.getByLabel('Your statement').fill('I have used the trust’s services for twenty years and will bring patients’ voices to the council.');
      await nominee.getByLabel('I am a member of the trust').check();
      await nominee.getByLabel('A photo of you (optional)').setInputFiles({ name: 'nia.png', mimeType: 'image/png', buffer: photoPng });
      await nominee.getByRole('button', { name: 'Send my nomination' }).click();
      await expect.poll(() => errorSummary(nominee), until).toContain('I am not employed by the trust');
      await expectNoAxeViolations(nominee, 'the nomination form with an error');
      expect(await nominee.getByLabel('Your statement').inputValue()).toContain('twenty years');
      expect(await nominee.getByLabel('I am a member of the trust').isChecked()).toBe(true);
      await nominee.getByLabel('I am not employed by the trust').check();
      await nominee.getByLabel('A photo of you (optional)').setInputFiles({ name: 'nia.png', mimeType: 'image/png', buffer: photoPng });
      await nominee.getByRole('button', { name: 'Send my nomination' }).click();
      await expect.poll(() => banner(nominee), until).toContain('your nomination is sent');
      await expect.poll(() => main(nominee), until).toContain('Sent: waiting to be checked by the organisers');
      await expectNoAxeViolations(nominee, 'the nomination sent');
    },
    stepTimeout,
  );

  it(
    'lets staff check the nomination and publish the candidates: the statements and the photo are public in ballot order',
    async () => {
      await move('Close nominations');
      await expect.poll(() => banner(staff), until).toContain('The election has moved on');
      await staff.goto(`${electionUrl}/manage/nominations`);
      await expect.poll(() => heading(staff), until).toBe('Nominations');
      await expectNoAxeViolations(staff, 'the nominations page');
      await staff.getByRole('link', { name: 'Check the nomination of Nia Okafor' }).click();
      await expect.poll(() => heading(staff), until).toBe('Nomination of Nia Okafor');
      await expectNoAxeViolations(staff, 'a nomination’s page');
      await staff.getByLabel('Valid: Nia Okafor stands in the election').check();
      await staff.getByRole('button', { name: 'Save the check' }).click();
      await expect.poll(() => banner(staff), until).toContain('The nomination is checked');

      await move('Publish the candidates and their statements');
      await expect.poll(() => banner(staff), until).toContain('The election has moved on');
      await visitor.goto(electionUrl);
      await expect.poll(() => main(visitor), until).toContain('Candidates published');
      const names = await visitor.locator('.nhsuk-card__heading').allTextContents();
      expect(names.map((n) => n.trim())).toEqual(['Grace Hopper', 'Nia Okafor', 'Mary Somerville', 'Alan Turing']);
      expect(await main(visitor)).toContain('twenty years');
      const photo = visitor.getByRole('img', { name: 'Photo of Nia Okafor' });
      const src = (await photo.getAttribute('src')) ?? '';
      const photoAnswer = await visitor.request.get(`${served.url}${src}`);
      expect(photoAnswer.headers()['content-type']).toBe('image/png');
      await expectNoAxeViolations(visitor, 'an election with its candidates published');
    },
    stepTimeout,
  );

  it(
    'opens voting: codes emailed, and letters printed for postal voters, shown once',
    async () => {
      await move('Open voting');
      await expect.poll(() => heading(staff), until).toBe('Voting codes issued');
      await expectNoAxeViolations(staff, 'the letters page');
      const letter = (await staff.locator('.involve-letter code').first().textContent()) ?? '';
      postalCode = letter.trim();
      expect(postalCode).toMatch(/^[A-Z0-9-]{12,14}$/);
      await staff.goto(`${electionUrl}/manage/codes`);
      await expectNoAxeViolations(staff, 'the voting codes page');
      await expect.poll(async () => (await queuedMail(served.db, emails.voterOne, 'Your voting code')).length, until).toBe(1);
    },
    stepTimeout,
  );

  it(
    'lets a voter with JavaScript on vote with the emailed code: a repeated number is refused with a clear message beside the box',
    async () => {
      const [mail] = await queuedMail(served.db, emails.voterOne, 'Your voting code');
      const code = /Your voting code: ([A-Z0-9-]+)/.exec(mail?.body_text ?? '')?.[1] ?? '';
      await voterOne.goto(electionUrl);
      await voterOne.getByRole('button', { name: 'Vote' }).click();
      await expect.poll(() => heading(voterOne), until).toBe('Vote');
      await expectNoAxeViolations(voterOne, 'the voting code page');
      await voterOne.getByLabel('Your voting code').fill('NOTACODE2345');
      await voterOne.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => errorSummary(voterOne), until).toContain('We do not recognise this code');
      await expectNoAxeViolations(voterOne, 'the voting code refused');
      await voterOne.getByLabel('Your voting code').fill(code.toLowerCase());
      await voterOne.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => heading(voterOne), until).toBe('Your ballot');
      expect(await main(voterOne)).toContain('Number the candidates 1, 2, 3… in order of preference; you can stop at any point.');
      await expectNoAxeViolations(voterOne, 'the ballot');
      await voterOne.getByLabel('Nia Okafor').fill('1');
      await voterOne.getByLabel('Grace Hopper').fill('1');
      await voterOne.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => errorSummary(voterOne), until).toContain('You gave 1 to both');
      await expect.poll(() => voterOne.locator('.nhsuk-form-group--error .nhsuk-error-message').first().textContent(), until).toContain('use each number once');
      await expectNoAxeViolations(voterOne, 'the ballot with a repeated number');
      expect(await voterOne.getByLabel('Nia Okafor').inputValue()).toBe('1');
      await voterOne.getByLabel('Grace Hopper').fill('2');
      await voterOne.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => heading(voterOne), until).toBe('Check your vote');
      expect((await voterOne.locator('#preferences li').allTextContents()).map((s) => s.trim())).toEqual(['Nia Okafor', 'Grace Hopper']);
      await expectNoAxeViolations(voterOne, 'the check step');
      await voterOne.getByRole('button', { name: 'Cast my vote' }).click();
      await expect.poll(() => heading(voterOne), until).toBe('Your vote is recorded');
      receipt = (await voterOne.locator('#receipt-code').textContent())?.trim() ?? '';
      expect(receipt).toMatch(/^[A-Z0-9]{10}$/);
      await expectNoAxeViolations(voterOne, 'the voted page');
    },
    stepTimeout,
  );

  it(
    'lets a postal voter with JavaScript off vote with the code on their letter, after changing their preferences; the code then votes no more',
    async () => {
      await voterTwo.goto(`${electionUrl}/vote`);
      await voterTwo.getByLabel('Your voting code').fill(postalCode);
      await voterTwo.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => heading(voterTwo), until).toBe('Your ballot');
      await voterTwo.getByLabel('Nia Okafor').fill('1');
      await voterTwo.getByLabel('Alan Turing').fill('3');
      await voterTwo.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => errorSummary(voterTwo), until).toContain('You numbered 1 and 3: use 2 before 3');
      await expectNoAxeViolations(voterTwo, 'the ballot with a skipped number');
      await voterTwo.getByLabel('Alan Turing').fill('2');
      await voterTwo.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => heading(voterTwo), until).toBe('Check your vote');
      await voterTwo.getByRole('button', { name: 'Change my preferences' }).click();
      await expect.poll(() => heading(voterTwo), until).toBe('Your ballot');
      expect(await voterTwo.getByLabel('Alan Turing').inputValue()).toBe('2');
      await voterTwo.getByLabel('Mary Somerville').fill('3');
      await voterTwo.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => heading(voterTwo), until).toBe('Check your vote');
      expect((await voterTwo.locator('#preferences li').allTextContents()).map((s) => s.trim())).toEqual(['Nia Okafor', 'Alan Turing', 'Mary Somerville']);
      await expectNoAxeViolations(voterTwo, 'the check step without JavaScript');
      await voterTwo.getByRole('button', { name: 'Cast my vote' }).click();
      await expect.poll(() => heading(voterTwo), until).toBe('Your vote is recorded');
      await expectNoAxeViolations(voterTwo, 'the voted page without JavaScript');

      await voterTwo.goto(`${electionUrl}/vote`);
      await voterTwo.getByLabel('Your voting code').fill(postalCode);
      await voterTwo.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => errorSummary(voterTwo), until).toContain('This code has already been used');
      await expectNoAxeViolations(voterTwo, 'a used code refused');
    },
    stepTimeout,
  );

  it(
    'lets two staff enter a paper ballot twice, then counts: the result, the count sheet and the print view show every stage',
    async () => {
      for (const page of [staff, member]) {
        await page.goto(`${electionUrl}/manage/paper`);
        await page.getByLabel('Paper number').fill('P-0001');
        await page.getByLabel('Grace Hopper').fill('1');
        await page.getByLabel('Nia Okafor').fill('2');
        await page.getByRole('button', { name: 'Enter the ballot' }).click();
        await expect.poll(() => banner(page), until).toContain('The paper ballot entry is saved');
      }
      await expect.poll(() => member.locator('#paper-P-0001').textContent(), until).toContain('Accepted');
      await expectNoAxeViolations(member, 'the paper ballots page');

      await move('Close voting and count');
      await expect.poll(() => heading(staff), until).toBe('The votes are counted');
      await expectNoAxeViolations(staff, 'the page after the count');
      await staff.getByRole('link', { name: 'See the result and the count sheet' }).click();
      await expect.poll(() => heading(staff), until).toBe('The result');
      const elected = (await staff.locator('ol.elected strong').allTextContents()).map((s) => s.trim());
      expect(elected).toEqual(['Nia Okafor', 'Grace Hopper']);
      expect(await main(staff)).toContain('Stage 1');
      expect(await staff.locator('svg.involve-chart').count()).toBe(1);
      await expectNoAxeViolations(staff, 'the result page');

      await visitor.goto(`${electionUrl}/result`);
      const text = (await main(visitor)) ?? '';
      // Alan Turing and Mary Somerville have no votes at every stage: a lot drawn with the seed decides who is excluded first.
      for (const words of [
        'Quota',
        'Non-transferable',
        'Seed for lots',
        'is elected.',
        'is excluded.',
        'A tie over whom to exclude',
        'by lot, drawn with the published seed',
      ])
        expect(text).toContain(words);
      await expectNoAxeViolations(visitor, 'the result page without JavaScript');
      await visitor.getByRole('link', { name: 'The count sheet, to print or save as PDF' }).click();
      await expect.poll(() => heading(visitor), until).toBe('Count sheet: Public governors 2027');
      await expectNoAxeViolations(visitor, 'the count sheet');
      await visitor.emulateMedia({ media: 'print' });
      expect(await visitor.locator('header.nhsuk-header').isVisible()).toBe(false);
      await visitor.emulateMedia({ media: 'screen' });
      const manage = await staff.goto(`${electionUrl}/manage/recount`);
      expect(manage?.status()).toBe(200);
      await expectNoAxeViolations(staff, 'the recount page for a casual vacancy');
    },
    stepTimeout,
  );

  it(
    'shows the winners as members of the body on its registry page, and publishes the ballots for recounting with each voter’s receipt',
    async () => {
      await visitor.goto(`${served.url}/bodies/${bodyId}`);
      await expect.poll(() => heading(visitor), until).toContain('Council of Governors');
      const members = (await visitor.locator('table').first().textContent()) ?? '';
      expect(members).toContain('Nia Okafor');
      expect(members).toContain('Grace Hopper');
      expect(members).not.toContain('Alan Turing');

      const file = await visitor.request.get(`${electionUrl}/ballots.blt`);
      expect(file.headers()['content-type']).toBe('text/plain; charset=utf-8');
      const blt = await file.text();
      expect(blt).toContain(`/* ${receipt} */`);
      expect(blt).toContain('"Nia Okafor"');
      await visitor.goto(`${electionUrl}/recount`);
      await expect.poll(() => heading(visitor), until).toBe('Recount the election yourself');
      await expect.poll(() => main(visitor), until).toMatch(/npx decide stv ballots\.blt --rule scottish --seed \d+/);
      await expectNoAxeViolations(visitor, 'the recount page');

      await voterOne.goto(electionUrl);
      await voterOne.getByRole('link', { name: 'Find your ballot with your receipt code' }).click();
      await expect.poll(() => heading(voterOne), until).toBe('Find your ballot');
      await expectNoAxeViolations(voterOne, 'the receipt form');
      await voterOne.getByLabel('Receipt code').fill('NOSUCHCODE');
      await voterOne.getByRole('button', { name: 'Find my ballot' }).click();
      await expect.poll(() => errorSummary(voterOne), until).toContain('No ballot with the receipt code NOSUCHCODE');
      await expectNoAxeViolations(voterOne, 'the receipt form with nothing found');
      await voterOne.getByLabel('Receipt code').fill(receipt.toLowerCase());
      await voterOne.getByRole('button', { name: 'Find my ballot' }).click();
      await expect.poll(() => main(voterOne), until).toContain('Your ballot, as published');
      expect((await voterOne.locator('#found-preferences li').allTextContents()).map((s) => s.trim())).toEqual(['Nia Okafor', 'Grace Hopper']);
      await expectNoAxeViolations(voterOne, 'the receipt found');
      await visitor.goto(electionUrl);
      expect(await visitor.locator('.nhsuk-card', { hasText: 'Nia Okafor' }).textContent()).toContain('Elected');
      expect(await visitor.locator('.nhsuk-card', { hasText: 'Alan Turing' }).textContent()).not.toContain('Elected');
      await expectNoAxeViolations(visitor, 'a counted election’s page');
    },
    stepTimeout,
  );
});

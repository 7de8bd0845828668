// A complaints team's case work in Chromium, with JavaScript on and off: the manager finds a closed
// complaint by its reference, adds a case note, attaches a scan, assigns an investigator (who is
// told by email), and downloads the final response as a PDF with the organisation's name on it.
// A complainant goes through the form's check-your-answers step, changes an answer without losing
// the others, and sends it. axe-core checks every page on the way.
import { beforeAll, expect, it } from 'vitest';
import { createVerifiedAccount, grantRoleDirect } from '../../src/modules/accounts/service.js';
import { goodPassword, insertOrganisation } from '../../src/modules/accounts/testKit.js';
import { makeComplaint } from '../../src/modules/complaints/making.js';
import { acknowledgeComplaint, closeComplaint, sendFinalResponse } from '../../src/modules/complaints/manage.js';
import { daysFromToday, pdfText } from '../../src/modules/complaints/testKit.js';
import type { Actor } from '../../src/platform/permissions.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 15_000, interval: 100 };
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6453a0000000049454e44ae426082',
  'hex',
);

describeBrowser('complaint case work in Chromium', () => {
  const served = useBrowserTestApp();

  describeWithJavaScriptOnAndOff((label, javaScript) => {
    const organisationName = `Lakeside Surgery (JavaScript ${label})`;
    const managerEmail = `casework-lead-${label}@lakeside.example.org`;
    const investigatorEmail = `casework-ivy-${label}@lakeside.example.org`;
    const complainantEmail = `casework-cara-${label}@example.org`;
    let organisationId: number;
    let reference: string;

    beforeAll(async () => {
      const db = served.db;
      const deps = { db, config: served.config };
      organisationId = await insertOrganisation(db, organisationName);
      const managerId = await createVerifiedAccount(db, { email: managerEmail, password: goodPassword, name: 'Morgan Lead' });
      await grantRoleDirect(db, managerId, 'complaints_manager', organisationId);
      const investigatorId = await createVerifiedAccount(db, { email: investigatorEmail, password: goodPassword, name: 'Ivy Investigator' });
      await grantRoleDirect(db, investigatorId, 'complaints_manager', organisationId);
      const complainantId = await createVerifiedAccount(db, { email: complainantEmail, password: goodPassword, name: 'Cara Complainant' });
      const manager: Actor = { accountId: managerId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'complaints_manager' }] };
      const complainant: Actor = { accountId: complainantId, platformAdmin: false, organisationRoles: [] };
      // A complaint answered and closed, as a team finds one months later.
      const made = await makeComplaint(deps, complainant, {
        organisationId: String(organisationId),
        whatHappened: 'My repeat prescription was lost twice.',
        eventDate: daysFromToday(-20),
        whereHappened: '',
        peopleInvolved: '',
        outcomeWanted: '',
        complainantName: 'Cara Complainant',
        forWhom: 'myself',
        personName: '',
        consent: '',
        contactPreference: 'letter',
        postalAddress: '9 Quay Street\nLakeside\nLK1 4QS',
      });
      reference = made.reference;
      await acknowledgeComplaint(deps, manager, made.id, { responseDate: '', letter: 'Dear {{complainant_name}}, we have your complaint.' });
      await sendFinalResponse(deps, manager, made.id, {
        outcome: 'partly_upheld',
        subjects: ['prescribing'],
        letter: 'Dear {{complainant_name}},\n\nThis is our final response about {{reference}}.\n\nYours sincerely,\n\n{{manager_name}}',
      });
      await closeComplaint(deps, manager, made.id);
    });

    it('finds a closed complaint by reference, adds a note and a file, assigns an investigator and prints the final response', async () => {
      const page = await served.newPage({ javaScript });
      const check = (what: string) => expectNoAxeViolations(page, `manager (JavaScript ${label}): ${what}`);
      try {
        await signInThroughForm(page, served.url, managerEmail, goodPassword);
        await page.goto(`${served.url}/complaints`);
        await page.getByLabel('Reference or name').fill(reference.replace(/-/g, ' ').toLowerCase());
        await page.getByLabel('State').selectOption({ label: 'Closed' });
        await page.getByRole('button', { name: 'Find complaints' }).click();
        await expect.poll(() => page.getByRole('link', { name: reference }).count(), until).toBe(1);
        await check('the case list with a closed complaint found');
        await page.getByRole('link', { name: reference }).click();
        await expect.poll(() => heading(page), until).toBe(`Complaint ${reference}`);
        expect(await page.locator('#contact').locator('xpath=following-sibling::dl[1]').textContent()).toContain('LK1 4QS');
        await check('the complaint with its case work');

        // A case note, kept after a mistake.
        await page.getByRole('button', { name: 'Add the note' }).click();
        await expect.poll(() => page.locator('.nhsuk-error-summary').count(), until).toBe(1);
        await check('the complaint with a note left empty');
        await page.getByLabel('Add a case note').fill('Pharmacy confirmed the lost prescriptions (QX-CASE-1).');
        await page.getByRole('button', { name: 'Add the note' }).click();
        await expect.poll(async () => (await page.locator('main').textContent())?.includes('QX-CASE-1'), until).toBe(true);

        // An attachment: a real PNG; a program renamed .pdf is refused by its first bytes.
        await page
          .getByLabel('Attach a document')
          .setInputFiles({ name: 'not-a.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ this is a program') });
        await page.getByRole('button', { name: 'Attach the document' }).click();
        await expect.poll(async () => (await page.locator('.nhsuk-error-summary').textContent()) ?? '', until).toContain('not a real PDF');
        await check('the complaint with a file refused');
        await page.getByLabel('Attach a document').setInputFiles({ name: 'pharmacy-scan.png', mimeType: 'image/png', buffer: png });
        await page.getByRole('button', { name: 'Attach the document' }).click();
        await expect.poll(() => page.getByRole('link', { name: 'pharmacy-scan.png' }).count(), until).toBe(1);
        const download = await page.request.get(`${served.url}${await page.getByRole('link', { name: 'pharmacy-scan.png' }).getAttribute('href')}`);
        expect(download.headers()['content-disposition']).toBe('attachment; filename="pharmacy-scan.png"');
        expect(Buffer.from(await download.body()).equals(png)).toBe(true);

        // The investigator, told by email.
        await page.getByLabel('Assign an investigator').selectOption({ label: 'Ivy Investigator' });
        await page.getByRole('button', { name: 'Assign the investigator' }).click();
        await expect
          .poll(async () => (await page.locator('main').textContent())?.includes('Ivy Investigator is investigating this complaint'), until)
          .toBe(true);
        await check('the complaint with an investigator');
        const told = await served.db
          .selectFrom('mail_outbox')
          .select('body_text')
          .where('to_address', '=', investigatorEmail)
          .where('subject', 'like', 'You are investigating%')
          .execute();
        expect(told).toHaveLength(1);
        expect(told[0]?.body_text).toContain('Dear Ivy Investigator,');

        // The final response: its printable page, then the PDF.
        await page.getByRole('link', { name: 'Final response', exact: true }).click();
        await expect.poll(() => heading(page), until).toBe('Final response');
        expect(await page.locator('main').textContent()).toContain('LK1 4QS');
        await check('the final response letter');
        const pdfHref = await page.getByRole('link', { name: 'Download it as a PDF' }).getAttribute('href');
        const pdf = await page.request.get(`${served.url}${pdfHref}`);
        expect(pdf.status()).toBe(200);
        expect(pdf.headers()['content-type']).toBe('application/pdf');
        const file = Buffer.from(await pdf.body());
        expect(file.subarray(0, 5).toString()).toBe('%PDF-');
        const text = pdfText(file).replace(/\s+/g, ' ');
        expect(text).toContain(organisationName);
        expect(text).toContain('This is our final response about');
      } finally {
        await page.context().close();
      }
    });

    it('has the complainant check their answers, change one and send it', async () => {
      const page = await served.newPage({ javaScript });
      const check = (what: string) => expectNoAxeViolations(page, `complainant (JavaScript ${label}): ${what}`);
      try {
        await signInThroughForm(page, served.url, complainantEmail, goodPassword);
        await page.goto(`${served.url}/complaints/new?organisation=${organisationId}`);
        expect(await page.locator('#advocacy').textContent()).toContain('NHS Complaints Advocacy');
        await page.getByLabel('What happened?').fill('The practice lost my test results (QX-FORM-1).');
        const [year, month, day] = daysFromToday(-5).split('-') as [string, string, string];
        await page.locator('[name="eventDate-day"]').fill(String(Number(day)));
        await page.locator('[name="eventDate-month"]').fill(String(Number(month)));
        await page.locator('[name="eventDate-year"]').fill(year);
        await page.getByRole('radio', { name: 'Myself' }).check();
        await page.getByRole('radio', { name: 'By phone' }).check();
        await page.getByLabel('Phone number (if you chose phone)').fill('01632 960 002');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect.poll(() => heading(page), until).toBe('Check your complaint before sending it');
        await check('the check-your-answers page');
        await page.getByRole('button', { name: 'Change what happened' }).click();
        await expect.poll(() => page.getByLabel('What happened?').inputValue(), until).toContain('QX-FORM-1');
        expect(await page.getByLabel('Phone number (if you chose phone)').inputValue()).toBe('01632 960 002');
        await page.getByLabel('What happened?').fill('The practice lost my test results twice (QX-FORM-2).');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expect.poll(() => heading(page), until).toBe('Check your complaint before sending it');
        expect(await page.locator('main').textContent()).toContain('QX-FORM-2');
        await page.getByRole('button', { name: 'Send the complaint' }).click();
        await expect.poll(() => heading(page), until).toMatch(/^Your complaint C-/);
        expect(await page.locator('#advocacy').count()).toBe(1);
        await check('the complaint just sent');
      } finally {
        await page.context().close();
      }
    });
  });
});

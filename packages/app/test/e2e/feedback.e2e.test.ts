// A story walked in Chromium, in steps that share one served Involve: a new person tells it from the
// organisation's page; a moderator sees the NHS number and the name flagged, publishes the redacted
// text with a criticality and themes; a responder who subscribed gets the alert at a real SMTP
// server, answers in public and records a change made; the author is told; the organisation's
// figures and "you said, we did" page show it. axe-core checks each page type of the module once
// (a form with its errors showing, a list with its entries); JavaScript on for staff, off for the
// author. Each step has a timeout several times its quiet run time, for a busy machine.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createVerifiedAccount, grantRoleDirect } from '../../src/modules/accounts/service.js';
import { goodPassword, insertOrganisation, linkIn } from '../../src/modules/accounts/testKit.js';
import { type ReceivedMail, TestMailServer } from '../mailServer.js';
import { describeBrowser, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;
const organisationName = 'Eastbrook Community Hospital';
const nhsNumber = '943 476 5919';
const patientName = 'Harold Pemberton';

describeBrowser('a story in Chromium', () => {
  const mailServer = new TestMailServer();
  const served = useBrowserTestApp({ mailServer }, stepTimeout);
  let organisationId: number;
  const moderatorEmail = 'moderator@eastbrook.example.org';
  const responderEmail = 'responder@eastbrook.example.org';
  const authorEmail = 'lena.new@example.org';
  // Shared by the steps, in order.
  let author: Page;
  let moderator: Page;
  let responder: Page;
  let reference = '';
  let toldAuthor: ReceivedMail;
  beforeAll(async () => {
    organisationId = await insertOrganisation(served.db, organisationName);
    const moderatorId = await createVerifiedAccount(served.db, { email: moderatorEmail, password: goodPassword, name: 'Maya Moderator' });
    await grantRoleDirect(served.db, moderatorId, 'moderator', organisationId);
    const responderId = await createVerifiedAccount(served.db, { email: responderEmail, password: goodPassword, name: 'Ravi Responder' });
    await grantRoleDirect(served.db, responderId, 'responder', organisationId);
    author = await served.newPage({ javaScript: false });
    moderator = await served.newPage({ javaScript: true });
    responder = await served.newPage({ javaScript: true });
  }, stepTimeout);
  afterAll(async () => {
    await author?.context().close();
    await moderator?.context().close();
    await responder?.context().close();
  });

  const signIn = (page: Page, email: string) => signInThroughForm(page, served.url, email, goodPassword);

  const mailMatching = (email: string, matches: (mail: ReceivedMail) => boolean) => mailServer.waitForMatching(email, matches, () => served.mail?.sendDue());

  const checkAuthor = (what: string) => expectNoAxeViolations(author, `author: ${what}`);
  const checkModerator = (what: string) => expectNoAxeViolations(moderator, `moderator: ${what}`);
  const checkResponder = (what: string) => expectNoAxeViolations(responder, `responder: ${what}`);

  it(
    'lets a responder subscribe to the organisation’s stories',
    async () => {
      await signIn(responder, responderEmail);
      await responder.getByRole('link', { name: 'Story alerts' }).click();
      await expect.poll(() => heading(responder), until).toBe('Story alerts');
      await responder.getByLabel('Organisation').selectOption({ label: organisationName });
      await responder.getByRole('radio', { name: '2 – mild criticism' }).check();
      await responder.getByRole('radio', { name: 'At once, one email for each story' }).check();
      await responder.getByRole('button', { name: 'Save the alert' }).click();
      await expect.poll(async () => (await responder.locator('main').textContent()) ?? '', until).toContain('criticality 2 and above');
      // The alerts page with an alert listed above the form.
      await checkResponder('the alerts page');
    },
    stepTimeout,
  );

  it(
    'lets a new person sign up and tell their story with JavaScript off, after an empty story is refused',
    async () => {
      await author.goto(`${served.url}/sign-up`);
      await author.getByLabel('Full name').fill('Lena New');
      await author.getByLabel('Email address').fill(authorEmail);
      await author.getByLabel('Create a password').fill(goodPassword);
      await author.getByLabel('Confirm your password').fill(goodPassword);
      await author.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => heading(author), until).toBe('Check your email');
      const verify = await mailMatching(authorEmail, (m) => m.text.includes('/verify-email/'));
      await author.goto(`${served.url}${new URL(linkIn(verify.text, '/verify-email/')).pathname}`);
      await expect.poll(() => heading(author), until).toBe('Your account');

      await author.goto(`${served.url}/organisations/${organisationId}`);
      await checkAuthor('the organisation page');
      await author.getByRole('link', { name: `Tell your story about ${organisationName}` }).click();
      await expect.poll(() => heading(author), until).toBe(`Tell your story about ${organisationName}`);
      // An empty story is refused with the fields named.
      await author.getByRole('button', { name: 'Send your story' }).click();
      await expect.poll(() => author.locator('.nhsuk-error-summary').count(), until).toBe(1);
      expect(await author.locator('.nhsuk-error-summary').textContent()).toContain('Enter what happened');
      // The story form, with its error summary and messages.
      await checkAuthor('the story form with errors');
      await author.getByLabel('Which service or ward? (optional)').fill('Rowan ward');
      await author.getByLabel('Give your story a title').fill('My father was left without his medicines');
      await author
        .getByLabel('What happened?')
        .fill(`My father ${patientName}, NHS number ${nhsNumber}, was not given his evening tablets for two nights on Rowan ward.`);
      await author.getByLabel('What could be better? (optional)').fill('Check medicines at every handover.');
      await author.getByLabel('When did it happen?').selectOption({ index: 1 });
      await author.getByRole('radio', { name: 'Carer or relative' }).check();
      await author.getByLabel('The name to show with your story').fill('Son of a patient');
      await author.getByRole('button', { name: 'Send your story' }).click();
      await expect.poll(() => heading(author), until).toMatch(/^Your story S-/);
      expect(await author.locator('main').textContent()).toContain('Waiting for moderation');
      await checkAuthor('the story just sent');
      reference = (await heading(author))?.replace('Your story ', '') as string;
    },
    stepTimeout,
  );

  it(
    'shows the moderator the NHS number and the name flagged, and publishes the redaction',
    async () => {
      expect(reference).toMatch(/^S-/);
      const toModerate = await mailMatching(moderatorEmail, (m) => m.subject.includes(reference));
      await signIn(moderator, moderatorEmail);
      await moderator.goto(`${served.url}${new URL(linkIn(toModerate.text, '/moderation/stories/')).pathname}`);
      await expect.poll(() => heading(moderator), until).toBe(`Moderate story ${reference}`);
      const flags = await moderator.locator('mark.involve-flag').allTextContents();
      expect(flags).toContain(`${nhsNumber} (possible NHS number)`);
      expect(flags).toContain(`${patientName} (possible name)`);
      await checkModerator('the moderation page');
      const proposed = await moderator.getByLabel('What happened').inputValue();
      expect(proposed).toContain('[NHS number removed]');
      expect(proposed).toContain('[name removed]');
      await moderator.getByRole('radio', { name: '3 – moderate criticism' }).check();
      await moderator.getByRole('checkbox', { name: 'Medication (could be better)' }).check();
      await moderator.getByRole('button', { name: 'Publish the story' }).click();
      await expect.poll(() => heading(moderator), until).toBe('Stories to moderate');
      await checkModerator('the queue after publishing');
    },
    stepTimeout,
  );

  it(
    'sends the responder the alert; they answer in public and record a change made',
    async () => {
      const alert = await mailMatching(responderEmail, (m) => m.subject.startsWith(`New story about ${organisationName}`));
      await responder.goto(`${served.url}${new URL(linkIn(alert.text, '/stories/')).pathname}`);
      await expect.poll(() => heading(responder), until).toBe('My father was left without his medicines');
      const published = (await responder.locator('main').textContent()) ?? '';
      expect(published).toContain('[NHS number removed]');
      expect(published).not.toContain(nhsNumber);
      expect(published).not.toContain(patientName);
      await responder.getByLabel('Your response').fill('Thank you for telling us. We are very sorry your father missed his medicines.');
      await responder.getByLabel('Your role').fill('Matron, Rowan ward');
      await responder.getByRole('radio', { name: 'A change has been made' }).check();
      await responder.getByLabel('Describe the change (if there is one)').fill('Medicines are now checked by two nurses at every handover.');
      // The response is previewed as it will appear, then published.
      await responder.getByRole('button', { name: 'Preview your response' }).click();
      await expect.poll(() => heading(responder), until).toBe('Check your response before it is published');
      await responder.getByRole('button', { name: 'Publish the response' }).click();
      await expect.poll(async () => (await responder.locator('main').textContent()) ?? '', until).toContain('Ravi Responder, Matron, Rowan ward');
      // The published story as its organisation's staff see it: the thread, the response form and
      // the form to record a change for a response.
      await checkResponder('the story with the response');
    },
    stepTimeout,
  );

  it(
    'lets staff enter a story for someone who told it on the phone, refusing it without their consent',
    async () => {
      await responder.goto(`${served.url}/organisations/${organisationId}/stories`);
      await responder.getByRole('link', { name: 'Enter a story for someone (staff and volunteers)' }).click();
      await expect.poll(() => heading(responder), until).toBe(`Enter a story about ${organisationName} for someone`);
      await responder.getByRole('button', { name: 'Send the story' }).click();
      await expect.poll(() => responder.locator('.nhsuk-error-summary').count(), until).toBe(1);
      expect(await responder.locator('.nhsuk-error-summary').textContent()).toContain('Confirm that the person agreed');
      await checkResponder('the on-behalf form with errors');
    },
    stepTimeout,
  );

  it(
    'tells the author, who reads the answer',
    async () => {
      toldAuthor = await mailMatching(authorEmail, (m) => m.subject.includes('has responded to your story'));
      // One email for the response and the change it records, saying what changed.
      expect(toldAuthor.subject).toContain('with a change made');
      expect(toldAuthor.text).toContain('Medicines are now checked by two nurses at every handover.');
      await author.goto(`${served.url}${new URL(linkIn(toldAuthor.text, '/stories/')).pathname}`);
      await expect.poll(async () => (await author.locator('main').textContent()) ?? '', until).toContain('Medicines are now checked by two nurses');
      // The story as its author sees it, with JavaScript off: the reply form instead of the staff's.
      await checkAuthor('the answered story');
    },
    stepTimeout,
  );

  it(
    'shows the change on "you said, we did" and in the figures',
    async () => {
      await author.goto(`${served.url}/organisations/${organisationId}`);
      await author.getByRole('link', { name: 'You said, we did: changes made because of stories' }).click();
      await expect.poll(() => heading(author), until).toBe('You said, we did');
      expect(await author.locator('main').textContent()).toContain('Medicines are now checked by two nurses at every handover.');
      await checkAuthor('you said, we did');
      await author.goto(`${served.url}/organisations/${organisationId}/feedback`);
      await expect.poll(() => heading(author), until).toBe(`How ${organisationName} listens`);
      const figures = (await author.locator('main').textContent()) ?? '';
      expect(figures).toContain('100% (1 of 1)');
      expect(await author.locator('svg.involve-chart[role="img"]').count()).toBeGreaterThan(0);
      await checkAuthor('the figures page');
    },
    stepTimeout,
  );

  it(
    'passes axe on every other page type of the module',
    async () => {
      await author.goto(`${served.url}/organisations/${organisationId}/fft`);
      await checkAuthor('the Friends and Family Test page');
      // The other public and personal pages of the module, each checked once.
      const place = await served.db
        .insertInto('place')
        .values({ name: 'Eastbrook', kind: 'local_authority_area', parent_id: null, code: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await served.db.insertInto('organisation_place').values({ organisation_id: organisationId, place_id: place.id }).execute();
      const storyId = Number(new URL(linkIn(toldAuthor.text, '/stories/')).pathname.split('/').pop());
      for (const [path, what] of [
        [`/places/${place.id}/feedback`, 'the place league table'],
        [`/organisations/${organisationId}/stories`, 'the organisation stories'],
        [`/stories/${storyId}/report`, 'the report form'],
        ['/account/stories', 'your stories'],
        ['/stories/new?q=Eastbrook', 'choosing an organisation for a story'],
        // The stories search once: with stories found, and a month that is not one named in error.
        ['/stories?q=medicines&from=March', 'a search with stories found and a month that is not one'],
      ] as const) {
        await author.goto(`${served.url}${path}`);
        await checkAuthor(what);
      }
      expect(await author.locator('main').textContent()).toContain('My father was left without his medicines');
      expect(await author.locator('.nhsuk-error-summary').textContent()).toContain('The from month must be a year and month');
      await author.goto(`${served.url}/places/${place.id}/feedback`);
      expect(await author.locator('main').textContent()).toContain(organisationName);
    },
    stepTimeout,
  );
});

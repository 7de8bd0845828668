// A patient's walk through the front door in Chromium (issue 19, done-when), JavaScript on and off,
// axe-core on every page: the home page's postcode box → their place → one of its organisations →
// tell a story (the word count a hint without JavaScript, live with it) → save it as a draft → open
// the draft from the home page's "Your things" → send it. And a responder's preview of a response
// before it is public: preview, change with nothing lost, preview again, publish.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { goodPassword, signedInPerson } from '../../src/modules/accounts/testKit.js';
import { insertPublishedStory } from '../../src/modules/feedback/testKit.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, heading, signInThroughForm, useBrowserTestApp } from './browser.js';
import { insertPlaceWithPractice } from './frontDoorFixture.js';

const until = { timeout: 20_000, interval: 100 };
const stepTimeout = 180_000;

describeBrowser('a patient tells a story from the front door, through a draft, in Chromium', () => {
  const served = useBrowserTestApp();
  const place = { id: 0, name: 'Demo: Walk Neighbourhood' };
  const practice = { id: 0, name: 'Demo: Walk Surgery' };
  const people: Record<'on' | 'off', { patient: string; responder: string }> = { on: { patient: '', responder: '' }, off: { patient: '', responder: '' } };
  const stories: Record<'on' | 'off', number> = { on: 0, off: 0 };

  beforeAll(async () => {
    const found = await insertPlaceWithPractice(served.db, { area: 'Demo: Walk Area', place: place.name, practice: practice.name, postcode: 'ZZ3 4CD' });
    place.id = found.placeId;
    practice.id = found.practiceId;
    for (const label of ['on', 'off'] as const) {
      const patient = await signedInPerson(served, { name: `Asha Walker ${label}` });
      const responder = await signedInPerson(served, { name: `Rae Responder ${label}`, roles: [{ organisationId: practice.id, role: 'responder' }] });
      people[label] = { patient: patient.email, responder: responder.email };
      stories[label] = await insertPublishedStory(served.db, {
        organisationId: practice.id,
        authorAccountId: patient.accountId,
        title: `The waiting room was cold (${label})`,
      });
    }
  }, stepTimeout);

  describeWithJavaScriptOnAndOff((label, javaScript) => {
    const check = (page: Page, what: string) => expectNoAxeViolations(page, `${what} (JavaScript ${label})`);
    const title = `A kind receptionist (${label})`;

    it(
      `walks from the postcode box to a story sent from a draft (JavaScript ${label})`,
      async () => {
        const page = await served.newPage({ javaScript });
        await signInThroughForm(page, served.url, people[label].patient, goodPassword);
        await page.goto(`${served.url}/`);
        await check(page, 'the home page signed in');
        await page.getByLabel('Enter your postcode').fill('zz3 4cd');
        await page.getByRole('button', { name: 'Find your area' }).click();
        await expect.poll(() => heading(page), until).toBe(place.name);
        await check(page, 'the place');

        await page.getByRole('main').getByRole('link', { name: practice.name, exact: true }).click();
        await expect.poll(() => heading(page), until).toBe(practice.name);
        await check(page, 'the organisation');
        await page.getByRole('link', { name: `Tell your story about ${practice.name}` }).click();
        await expect.poll(() => heading(page), until).toBe(`Tell your story about ${practice.name}`);

        // The word count: a hint without JavaScript; counting down as you type with it.
        const count = page.locator('#whatHappened-info');
        await page.getByLabel('Give your story a title').fill(title);
        await page.getByLabel('What happened?').fill('I rang at eight and the receptionist found me a slot the same morning.');
        if (javaScript)
          await expect.poll(() => page.locator('.nhsuk-character-count__status').first().textContent(), until).toContain('You have 986 words remaining');
        else expect(await count.textContent()).toContain('You can enter up to 1000 words');
        await check(page, 'the story form');

        await page.getByRole('button', { name: 'Save as draft' }).click();
        await expect.poll(() => heading(page), until).toBe('Your stories');
        expect(await page.getByText('Your draft is saved').count()).toBe(1);
        await check(page, 'your stories with a draft');

        await page.goto(`${served.url}/`);
        const draftLink = page.getByRole('region', { name: 'Your things' }).getByRole('link', { name: `Your draft story “${title}” about ${practice.name}` });
        expect(await draftLink.count()).toBe(1);
        await draftLink.click();
        await expect.poll(() => heading(page), until).toBe(`Tell your story about ${practice.name}`);
        expect(await page.getByLabel('Give your story a title').inputValue()).toBe(title);
        expect(await page.getByLabel('What happened?').inputValue()).toContain('the receptionist found me a slot');
        await check(page, 'the draft opened again');

        await page.getByLabel('When did it happen?').selectOption({ index: 1 });
        await page.getByLabel('Patient', { exact: true }).check();
        await page.getByRole('button', { name: 'Send your story' }).click();
        await expect.poll(() => heading(page), until).toMatch(/^Your story S-/);
        expect(await page.getByText('Your story has been sent').count()).toBe(1);
        await check(page, 'the story sent');
        await page.goto(`${served.url}/account/stories`);
        expect(await page.locator('#drafts').count()).toBe(0);
        await page.context().close();
      },
      stepTimeout,
    );

    it(
      `previews a response before it is public, changes it and publishes it (JavaScript ${label})`,
      async () => {
        const page = await served.newPage({ javaScript });
        await signInThroughForm(page, served.url, people[label].responder, goodPassword);
        await page.goto(`${served.url}/stories/${stories[label]}`);
        await page.getByLabel('Your response').fill('Thank you for telling us. We have fixed the heating.');
        await page.getByLabel('Your role').fill('Practice manager');
        await page.getByRole('button', { name: 'Preview your response' }).click();
        await expect.poll(() => heading(page), until).toBe('Check your response before it is published');
        expect(await page.getByText('We have fixed the heating.').count()).toBe(1);
        await check(page, 'the response preview');

        await page.getByRole('button', { name: 'Change' }).click();
        await expect.poll(() => page.getByLabel('Your response').inputValue(), until).toBe('Thank you for telling us. We have fixed the heating.');
        expect(await page.getByLabel('Your role').inputValue()).toBe('Practice manager');
        await page.getByLabel('Your response').fill('Thank you for telling us. We have fixed the heating and added a rug.');
        await page.getByRole('button', { name: 'Preview your response' }).click();
        await expect.poll(() => heading(page), until).toBe('Check your response before it is published');
        await page.getByRole('button', { name: 'Publish the response' }).click();
        await expect.poll(() => heading(page), until).toBe(`The waiting room was cold (${label})`);
        expect(await page.getByText('Your response is published').count()).toBe(1);
        expect(await page.getByText('We have fixed the heating and added a rug.').count()).toBe(1);
        await check(page, 'the story with its response');
        await page.context().close();
      },
      stepTimeout,
    );
  });
});

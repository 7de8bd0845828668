// Long unbroken words on a phone (issue 12, defect 11): a 220-character link in a story made its
// page 1,943 px wide on a 375 px screen. Every text block wraps long words, so a story page, the
// stories list and the organisation's page stay as wide as the screen, with JavaScript on and off.
import { expect, it } from 'vitest';
import { createVerifiedAccount } from '../../src/modules/accounts/service.js';
import { goodPassword, insertOrganisation } from '../../src/modules/accounts/testKit.js';
import { insertPublishedStory } from '../../src/modules/feedback/testKit.js';
import { describeBrowser, describeWithJavaScriptOnAndOff, useBrowserTestApp } from './browser.js';

const phoneWidth = 375;
const longLink = 'https://example.org/'.padEnd(220, 'a');
const longWord = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(4);

describeBrowser('long words on a phone', () => {
  const served = useBrowserTestApp();

  describeWithJavaScriptOnAndOff((_label, javaScript) => {
    it('keeps story pages, the stories list and the organisation page as wide as the screen', async () => {
      const organisationId = await insertOrganisation(served.db, `Trust ${javaScript ? 'A' : 'B'} ${longWord}`);
      const authorAccountId = await createVerifiedAccount(served.db, {
        email: `long.words.${javaScript}@example.org`,
        password: goodPassword,
        name: 'Lou Long',
      });
      const storyId = await insertPublishedStory(served.db, {
        organisationId,
        authorAccountId,
        title: `A title ${longWord}`,
        whatHappened: `The leaflet sent me to ${longLink} which did not load. ${longWord}`,
      });
      const page = await served.newPage({ javaScript });
      await page.setViewportSize({ width: phoneWidth, height: 800 });
      for (const path of [`/stories/${storyId}`, `/stories?organisation=${organisationId}`, `/organisations/${organisationId}`]) {
        const response = await page.goto(`${served.url}${path}`);
        expect(response?.status(), path).toBe(200);
        await expect.poll(() => page.locator('body').textContent(), { timeout: 20_000 }).toContain(longWord.slice(0, 40));
        // The page's width, and on failure the elements wider than the screen (to find which).
        const { width, tooWide } = await page.evaluate((screen) => {
          const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > screen);
          return { width: document.documentElement.scrollWidth, tooWide: wide.map((e) => `${e.tagName.toLowerCase()}.${e.className}`).slice(0, 8) };
        }, phoneWidth);
        expect(width, `${path} is ${width} px wide on a ${phoneWidth} px screen: ${tooWide.join(', ')}`).toBeLessThanOrEqual(phoneWidth);
      }
      await page.context().close();
    });
  });
});

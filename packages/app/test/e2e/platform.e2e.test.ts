// The platform's pages in a real browser, with JavaScript on and off: the home page and the
// page-not-found page show their heading and have no WCAG 2.2 AA violations.
import { expect, it } from 'vitest';
import { describeBrowser, describeWithJavaScriptOnAndOff, expectNoAxeViolations, useBrowserTestApp } from './browser.js';

describeBrowser('platform pages in Chromium', () => {
  const served = useBrowserTestApp();

  describeWithJavaScriptOnAndOff((_label, javaScript) => {
    it('shows the home page with its search form', async () => {
      const page = await served.newPage({ javaScript });
      try {
        const response = await page.goto(`${served.url}/`);
        expect(response?.status()).toBe(200);
        expect((await page.locator('h1').textContent())?.trim()).toBe('Involve');
        expect(await page.title()).toContain('Involve');
        expect(await page.getByLabel('Search for an organisation').count()).toBe(1);
        // The NHS.UK script marks the page when it runs; with JavaScript off it must not have.
        const jsClass = await page.locator('body').getAttribute('class');
        expect((jsClass ?? '').includes('js-enabled')).toBe(javaScript);
        await expectNoAxeViolations(page, `the home page (JavaScript ${javaScript ? 'on' : 'off'})`);
      } finally {
        await page.context().close();
      }
    });

    it('shows a plain page-not-found page for an unknown address', async () => {
      const page = await served.newPage({ javaScript });
      try {
        const response = await page.goto(`${served.url}/no-such-page`);
        expect(response?.status()).toBe(404);
        expect((await page.locator('h1').textContent())?.trim()).toBe('Page not found');
        expect(await page.getByRole('link', { name: 'go to the Involve home page' }).count()).toBe(1);
        await expectNoAxeViolations(page, `the page-not-found page (JavaScript ${javaScript ? 'on' : 'off'})`);
      } finally {
        await page.context().close();
      }
    });
  });
});

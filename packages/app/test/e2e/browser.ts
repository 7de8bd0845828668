// Helpers for browser tests: Debian's Chromium driven by playwright-core against a real Involve
// listening on 127.0.0.1, with axe-core checking each page against WCAG 2.2 AA.
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestAppOptions } from '../testApp.js';
import type { DatabaseKind } from '../testDatabase.js';

export const chromiumPath = '/usr/bin/chromium';

const installHint = `Chromium is not installed at ${chromiumPath}: install it with "apt-get install chromium" to run the browser tests.`;

// Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  try {
    fs.accessSync(chromiumPath, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * How long one browser test may take: a walk that takes 15-40 s on a quiet machine took over 60 s in
 * CI with the rest of the suite running beside it on two cores, so several times the slowest quiet run.
 */
export const browserTestTimeout = 300_000;

/**
 * A describe block for browser tests, each with browserTestTimeout. Without Chromium it skips,
 * saying how to install it; under CI=true it fails instead, so a CI run never passes having tested
 * no page.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (chromiumAvailable()) {
    describe(name, { timeout: browserTestTimeout }, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${installHint} CI=true, so the browser tests must run.`);
      });
    });
    return;
  }
  console.warn(`Skipping browser tests "${name}". ${installHint}`);
  describe.skip(`${name} (skipped: ${installHint})`, body);
}

/** The tests `body` makes, once with JavaScript on and once off ("with JavaScript on", "… off"). */
export function describeWithJavaScriptOnAndOff(body: (label: 'on' | 'off', javaScript: boolean) => void): void {
  describe.each([
    ['on', true],
    ['off', false],
  ] as const)('with JavaScript %s', body);
}

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumAvailable()) throw new Error(installHint);
  // No --user-data-dir: playwright makes a fresh temporary profile itself.
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

function isLocalHost(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
    return hostname === '127.0.0.1' || hostname === 'localhost';
  } catch {
    return false;
  }
}

/**
 * A page in a fresh context (its own cookies), with JavaScript on or off. Every request to a host
 * other than this machine is refused: the NHS.UK CSS asks for a web font from an NHS host, and
 * offline it falls back to Arial.
 */
export async function newPage(browser: Browser, options: { javaScript: boolean }): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScript });
  await context.route(
    (url) => !isLocalHost(url.toString()),
    (route) => route.abort(),
  );
  const page = await context.newPage();
  if (!options.javaScript) pagesWithoutJavaScript.add(page);
  return page;
}

const pagesWithoutJavaScript = new WeakSet<Page>();

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Run axe-core on the page as it is now; fail with a readable list of every violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = pagesWithoutJavaScript.has(page) ? await analyzeWithoutJavaScript(page) : await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const targets = v.nodes.map((n) => `    - ${n.target.map((t) => (typeof t === 'string' ? t : JSON.stringify(t))).join(' ')}`).join('\n');
    return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n${targets}`;
  });
  throw new Error(`axe-core found ${results.violations.length} accessibility violation(s) on ${label} (${page.url()}):\n${lines.join('\n')}`);
}

/**
 * axe-core needs timers, which never fire in a page with JavaScript off. So the page as it stands
 * (scripts removed, <noscript> content kept as it shows) is served again at the same address to a
 * JavaScript-enabled page, with the same styles, and checked there.
 */
async function analyzeWithoutJavaScript(page: Page) {
  // The request for the document carries no #fragment, so match without it.
  const url = page.url().replace(/#.*$/, '');
  // A plain evaluate still runs with JavaScript off (only timers and page scripts do not).
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    for (const script of Array.from(copy.querySelectorAll('script'))) script.remove();
    for (const noscript of Array.from(copy.querySelectorAll('noscript'))) {
      const div = document.createElement('div');
      div.innerHTML = noscript.innerHTML;
      noscript.replaceWith(...Array.from(div.childNodes));
    }
    const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>` : '';
    return `${doctype}${copy.outerHTML}`;
  });
  const browser = page.context().browser();
  if (!browser) throw new Error('The page has no browser');
  const mirror = await newPage(browser, { javaScript: true });
  try {
    await mirror.route(
      (u) => u.toString() === url,
      (route) =>
        route.request().resourceType() === 'document' ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.continue(),
    );
    await mirror.goto(url);
    return await new AxeBuilder({ page: mirror }).withTags(wcagTags).analyze();
  } finally {
    await mirror.context().close();
  }
}

export interface ServedApp extends TestApp {
  /** Where the server listens, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
}

/** A real Involve listening on 127.0.0.1 on a free port, for the browser to reach. close() stops it. */
export async function startServedApp(kind: DatabaseKind, options: TestAppOptions = {}): Promise<ServedApp> {
  const t = await startTestApp(kind, options);
  try {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    return Object.assign(t, { url: address.replace(/\/$/, '') });
  } catch (error) {
    await t.close();
    throw error;
  }
}

export interface BrowserTestApp extends ServedApp {
  browser: Browser;
  /** A page in a fresh context of this browser (see newPage). */
  newPage(options: { javaScript: boolean }): Promise<Page>;
}

/**
 * Involve served on PGlite (browser tests check pages, not databases) and Chromium, for the tests of
 * the enclosing block: both started before them (before the block's own beforeAll), closed after.
 * The object returned is filled in when they start.
 */
export function useBrowserTestApp(options: TestAppOptions = {}, startTimeout?: number): BrowserTestApp {
  const served = {} as BrowserTestApp;
  beforeAll(async () => {
    const [app, browser] = await Promise.all([startServedApp('pglite', options), launchBrowser()]);
    Object.assign(served, app, { browser, newPage: (pageOptions: { javaScript: boolean }) => newPage(browser, pageOptions) });
  }, startTimeout);
  afterAll(async () => {
    await served.browser?.close();
    await served.close?.();
  });
  return served;
}

/** The page's first heading, as shown. */
export async function heading(page: Page): Promise<string | undefined> {
  return (await page.locator('h1').first().textContent())?.trim();
}

/** Sign in through the sign-in form, ending on the account page. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => heading(page), { timeout: 15_000, interval: 100 }).toBe('Your account');
}

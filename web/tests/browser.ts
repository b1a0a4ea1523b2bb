import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Role } from '@headstamp/access/policy';
import { startServer, type TestServer } from '@headstamp/test/server';
import { importFiles, type ImportInput } from '@headstamp/transfer/import';
import { createUser } from '@headstamp/users/users.service';
import { settleLeads } from '@headstamp/leads/queue';

/** Debian's Chromium (`apt-get install -y chromium`); nothing is downloaded by the tests. */
export const CHROMIUM = process.env.HEADSTAMP_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_DIST = fileURLToPath(new URL('../dist', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let shared: Promise<Browser> | undefined;

/**
 * Chromium, one per test worker: the browser test files a worker runs share it (workers keep their
 * modules from one file to the next, vitest.config.ts `isolate: false`), each test in a context of
 * its own, which starts from a fresh profile as a new browser would. Launching it costs about a
 * second on an idle machine, several on a busy one. It ends with the worker's process; a file
 * that closes it gets a new one next time.
 */
export function launchBrowser(): Promise<Browser> {
  shared ??= launch().then(
    (browser) => {
      browser.on('disconnected', () => (shared = undefined));
      return browser;
    },
    (error: unknown) => {
      shared = undefined;
      throw error;
    },
  );
  return shared;
}

/** A missing browser or build fails the tests: the web application is not tested at all otherwise. */
async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` ` +
        '(or set HEADSTAMP_CHROMIUM to another Chromium).',
    );
  }
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('The web application is not built: run `npm run build:web` (`npm test` does it first).');
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * The most of a page's height a picture shows: four or so screens, as much as a person looks at.
 * Whole long lists (up to 60,000 pixels on a phone) made 620 million pixels a run for Chromium to
 * draw and encode; capped, the French walks (web/tests/french.test.ts) take a sixth less time.
 */
const SCREENSHOT_MAX_HEIGHT = 4000;

/** A full-page picture of what the user sees, for a person to look at (test-output/screenshots). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const fullPage = options.fullPage ?? true;
  const width = page.viewportSize()?.width;
  const height = fullPage ? await page.evaluate(() => document.documentElement.scrollHeight) : 0;
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage,
    clip:
      width && height > SCREENSHOT_MAX_HEIGHT
        ? { x: 0, y: 0, width, height: SCREENSHOT_MAX_HEIGHT }
        : undefined,
  });
}

export async function signIn(page: Page, base: string, username: string, password: string) {
  await page.goto(`${base}/`);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}

export interface AccessibilityProblem {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * What axe-core (the accessibility checker browsers' audit tools use) finds against WCAG 2.1 A
 * and AA on the page as it is now: labels, contrast, names, structure.
 */
export async function accessibilityProblems(page: Page): Promise<AccessibilityProblem[]> {
  // Evaluated through the DevTools protocol, which the page's content security policy allows;
  // once per document (a walk that changes page within the application keeps it).
  if (!(await page.evaluate(() => 'axe' in window))) {
    const { default: axe } = await import('axe-core');
    await page.evaluate(axe.source);
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

export const PASSWORD = 'a long browser-test password';
export const PANEL = 'Panel of Experts on Mali';

/** A link of the header's navigation, in either language. */
export const nav = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: /^(Main|Navigation principale)$/ })
    .getByRole('link', { name, exact: true });

/** The cells of a table's body, row by row. */
export const cells = (page: Page, table: string) =>
  page
    .locator(`table.${table} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );

export interface BrowserSuite {
  browser: Browser;
  server: TestServer;
  /** The web application's address, e.g. http://127.0.0.1:41234 */
  base: string;
  /** The current test's page, in a fresh context (downloads accepted). */
  page: Page;
  /**
   * A page in a fresh context of its own, for a test that works in several at once, watched as
   * the current test's page is: `close` closes it and gives the errors it logged unexpectedly.
   */
  openPage(): Promise<{ page: Page; close(): Promise<string[]> }>;
}

/**
 * What every browser test file sets up, as hooks of the calling `describe`: Chromium; the real
 * server over a fresh store holding `files`, with `accounts` (password PASSWORD); a fresh context
 * and page for each test; and after each, a failure if the page logged an error other than the
 * HTTP answers the tests provoke on purpose (`expectedStatuses`, e.g. 400 for refused input).
 */
export function browserSuite(options: {
  files: () => ImportInput[];
  accounts: readonly (readonly [username: string, role: Role, partner?: string])[];
  expectedStatuses: readonly number[];
  /** Other console errors a test provokes on purpose (a request it makes fail). */
  expectedConsole?: RegExp;
  /**
   * `block`: no service worker, for tests that answer requests with `page.route`: once the worker
   * controls the page, its requests can bypass the route, and the test fails only sometimes.
   */
  serviceWorkers?: 'allow' | 'block';
}): BrowserSuite {
  const suite = {} as BrowserSuite;
  let current: Awaited<ReturnType<BrowserSuite['openPage']>> | undefined;
  const expected = new RegExp(
    `Failed to load resource: the server responded with a status of (${options.expectedStatuses.join('|')})`,
  );

  suite.openPage = async () => {
    const context: BrowserContext = await suite.browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
      serviceWorkers: options.serviceWorkers ?? 'allow',
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    return {
      page,
      async close() {
        await context.close();
        // axe's checks log a note about the content security policy; it is not the page's error.
        return problems
          .filter((p) => !expected.test(p) && !p.includes("'script-src' was not explicitly set"))
          .filter((p) => !options.expectedConsole?.test(p));
      },
    };
  };

  beforeAll(async () => {
    // The browser first: without it, fail at once with the reason rather than after the set-up.
    suite.browser = await launchBrowser();
    suite.server = await startServer({ webDir: WEB_DIST });
    expect((await importFiles(suite.server.store.db, options.files(), { user: 'test' })).errors).toEqual([]);
    await settleLeads(suite.server.store.db);
    for (const [username, role, partner] of options.accounts) {
      await createUser(
        suite.server.store.db,
        { username, displayName: username, role, partner: partner ?? null, password: PASSWORD },
        'test',
      );
    }
    suite.base = suite.server.url.replace(/\/api\/v1$/, '');
  });

  afterAll(async () => {
    await suite.server?.close();
  });

  beforeEach(async () => {
    current = await suite.openPage();
    suite.page = current.page;
  });

  afterEach(async () => {
    const unexpected = (await current?.close()) ?? [];
    current = undefined;
    expect(unexpected).toEqual([]);
  });

  return suite;
}

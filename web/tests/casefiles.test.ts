import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KIDAL, registerFiles, SEVARE } from '../../src/test/fixtures';
import { startServer, type TestServer } from '../../src/test/server';
import { importFiles } from '../../src/transfer/import';
import { createUser } from '../../src/users/users.repository';
import { accessibilityProblems, launchBrowser, screenshot, signIn, WEB_DIST } from './browser';

const PASSWORD = 'a long browser-test password';
const PANEL = 'Panel of Experts on Mali';
const FINDING = 'Des douilles 61 15 du même lot relient Sévaré et Kidal.';

const nav = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: /^(Main|Navigation principale)$/ })
    .getByRole('link', { name, exact: true });

const cells = (page: Page, table: string) =>
  page
    .locator(`table.${table} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );

describe('case files in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer({ webDir: WEB_DIST });
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    for (const [username, role, partner] of [
      ['analyst', 'analyst', null],
      ['panel', 'partner', PANEL],
    ] as const) {
      await createUser(
        server.store.db,
        { username, displayName: `The ${username}`, role, partner, password: PASSWORD },
        'test',
      );
    }
    base = server.url.replace(/\/api\/v1$/, '');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  });

  afterEach(async () => {
    await context.close();
    // Refusals (400) and "not signed in" (401) are expected answers; the CSP note comes with axe's
    // checks (as in samples-links.test.ts). Any other console error is a bug.
    const unexpected = problems
      .splice(0)
      .filter((p) => !/Failed to load resource: the server responded with a status of (400|401)/.test(p))
      .filter((p) => !p.includes("'script-src' was not explicitly set"));
    expect(unexpected).toEqual([]);
  });

  it('lets an analyst open a case file, add items, and release it to a partner', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await nav(page, 'Case files').click();
    await page.getByRole('heading', { name: 'Case files', level: 1 }).waitFor();
    await page.getByLabel('Title').fill('Douilles 61 15');
    await page.getByLabel('Handling').fill('Releasable to the Panel only');
    await page.getByLabel('Finding', { exact: true }).fill(FINDING);
    await page.getByRole('button', { name: 'Create the case file' }).click();
    await page.getByRole('heading', { name: 'Douilles 61 15', level: 1 }).waitFor();
    expect(await page.locator('.finding').textContent()).toBe(FINDING);

    await page.getByLabel('Item references').fill('M-00003\nM-00004');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('heading', { name: 'Items (2)' }).waitFor();
    expect((await cells(page, 'casefile-items')).map((row) => row.slice(0, 2))).toEqual([
      ['M-00003', KIDAL],
      ['M-00004', SEVARE],
    ]);
    // An item brings its incident.
    expect((await cells(page, 'casefile-incidents')).map((row) => row[0])).toEqual([SEVARE, KIDAL]);

    await page.getByLabel('Item references').fill('M-99999');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('M-99999');

    await page.getByLabel('Partner organisation').fill(PANEL);
    await page.getByRole('button', { name: 'Release', exact: true }).click();
    await page.getByRole('button', { name: `Withdraw from ${PANEL}` }).waitFor();
    const pdf = await page.getByRole('link', { name: 'Download the PDF' }).getAttribute('href');
    const response = await page.request.get(`${base}${pdf}`);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'casefiles-01-analyst');
  });

  it('shows a partner the case file released to it, without the register behind it', async () => {
    await signIn(page, base, 'panel', PASSWORD);
    await nav(page, 'Case files').click();
    await page.getByText(`The case files released to ${PANEL}.`).waitFor();
    await page.getByRole('link', { name: 'Douilles 61 15' }).click();
    await page.getByRole('heading', { name: 'Items (2)' }).waitFor();
    expect(await page.getByText('Releasable to the Panel only').count()).toBe(1);
    // Read only, and no way into the incidents: they are not released to the partner.
    expect(
      await page
        .getByRole('button')
        .filter({ hasText: /Release|Add|Remove|Save/ })
        .count(),
    ).toBe(0);
    expect(await page.locator('table.casefile-incidents a').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'casefiles-02-partner');
  });
});

import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoFiles } from '@headstamp/demo/load';
import { Client } from '@headstamp/test/server';
import { browserSuite, PASSWORD, screenshot, signIn } from './browser';

// What a page does with what it did not expect: a stale link, a year with nothing in it, a map
// that cannot load; and how the pages fit a phone.

const MAP_CODE = /IncidentMap-[^/]*\.js$/;

describe('defaults, failures and small screens in a browser', () => {
  // The map's code and data are made to fail on purpose (500, a refused download).
  const suite = browserSuite({
    files: () => demoFiles({ incidents: 120 }),
    accounts: [['amina', 'analyst']],
    expectedStatuses: [401, 500],
    expectedConsole: /net::ERR_FAILED|Failed to fetch dynamically imported module/,
    // The map's code is made to fail to load: the worker would answer it from what it keeps.
    serviceWorkers: 'block',
  });
  let page: Page;
  let base: string;
  /** The years of the demo with weapons recovered or destroyed. */
  let years: number[];

  beforeAll(async () => {
    base = suite.base;
    const analyst = new Client(suite.server.url);
    await analyst.post('/auth/login', { username: 'amina', password: PASSWORD });
    years = (await analyst.get<{ years: number[] }>('/reports/years')).body.years;
  });
  beforeEach(() => {
    page = suite.page;
  });

  it('opens a stale link with its unknown values read or left out, says so, and still works', async () => {
    await signIn(page, base, 'amina', PASSWORD);
    await page.goto(`${base}/incidents?type=cache&from=zz&hasItems=maybe`);
    const notes = page.getByTestId('link-notes');
    await notes.waitFor();
    expect(await notes.locator('p').allTextContents()).toEqual([
      'Left out, as this link’s values are not understood: From “zz” and Materiel “maybe”.',
      'Type “cache” is read as “Arms cache”.',
    ]);
    await page.getByRole('heading', { name: /^\d+ incidents?$/ }).waitFor();
    expect(await page.getByLabel('Type').inputValue()).toBe('arms_cache');
    await expect
      .poll(
        async () => new Set(await page.locator('table.incidents tbody td:nth-child(3)').allTextContents()),
      )
      .toEqual(new Set(['Arms cache']));
    // The map draws the same selection, its clusters with their counts.
    const map = page.locator('[data-testid="map"]');
    await page.locator('[data-testid="map"][data-base-layer="true"]').waitFor({ timeout: 30_000 });
    expect(await page.getByText('Loading the map…').count()).toBe(0);
    await expect.poll(() => map.getAttribute('data-clusters').then(Number)).toBeGreaterThan(0);
    // Clusters drawn, each with its count (none at all would pass the check below).
    await expect.poll(() => page.locator('.cluster-count').count()).toBeGreaterThan(0);
    const counts = (await page.locator('.cluster-count').allTextContents()).map(Number);
    expect(counts.every((n) => n >= 2)).toBe(true);
    await screenshot(page, 'defaults-01-stale-link');
  });

  it('opens the reports on the last complete year that has weapons, and says so', async () => {
    const thisYear = new Date().getUTCFullYear();
    const last = years.filter((y) => y < thisYear).at(-1);
    expect(last).toBeDefined();
    await signIn(page, base, 'amina', PASSWORD);
    await page.goto(`${base}/reports`);
    await page.getByTestId('report-opening').waitFor();
    expect(await page.getByTestId('report-opening').textContent()).toBe(
      `Showing ${last}, the last complete year with weapons recorded.`,
    );
    expect(await page.getByLabel('From').inputValue()).toBe(`${last}-01-01`);
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(`${last}-12-31`);
    await page.locator('table.register tbody tr').first().waitFor();
    // In French the same days are written the French way, and typed so.
    await page.getByLabel('Language').selectOption('fr');
    await page
      .getByTestId('report-opening')
      .getByText(/dernière année complète/)
      .waitFor();
    expect(await page.getByLabel('Du').inputValue()).toBe(`01/01/${last}`);
    expect(await page.getByLabel('Du').getAttribute('placeholder')).toBe('JJ/MM/AAAA');
    await page.getByLabel('Du').fill(`14/03/${last}`);
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(new RegExp(`from=${last}-03-14`));
    await screenshot(page, 'defaults-02-reports-fr');
  });

  it('says when the map cannot load, and draws it when asked again', async () => {
    await signIn(page, base, 'amina', PASSWORD);
    await page.route(MAP_CODE, (route) => route.abort());
    await page.route('**/api/v1/incident-points*', (route) => route.fulfill({ status: 500, body: '{}' }));
    await page.goto(`${base}/incidents`);
    await page.getByTestId('map-failed').waitFor();
    expect(await page.getByTestId('map-failed').textContent()).toContain(
      'The map could not be loaded. The table lists every incident.',
    );
    await page.getByText('The incidents could not be placed on the map.').waitFor();
    // The table is there all the same.
    await page.getByRole('heading', { name: /^\d+ incidents$/ }).waitFor();
    await screenshot(page, 'defaults-03-map-failed');

    await page.unrouteAll();
    await page.getByTestId('map-failed').getByRole('button', { name: 'Try again' }).click();
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('.incidents-map').getByRole('button', { name: 'Try again' }).click();
    await page.getByText(/^\d+ incidents with coordinates$/).waitFor();
    await expect
      .poll(() => page.locator('[data-testid="map"]').getAttribute('data-clusters').then(Number))
      .toBeGreaterThan(0);
  });

  it('words the map in the language chosen while it is shown', async () => {
    await signIn(page, base, 'amina', PASSWORD);
    await page.goto(`${base}/incidents`);
    const map = page.locator('.incidents-map');
    await map.getByRole('button', { name: 'Zoom in' }).waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await map.getByRole('button', { name: 'Zoom avant' }).waitFor();
    await expect.poll(() => map.locator('.maplibregl-ctrl-attrib').textContent()).toContain('Localités');
    expect(await map.getByRole('button', { name: 'Zoom in' }).count()).toBe(0);
  });

  it('fits a phone: one menu button, and records whose every column stays in view', async () => {
    await signIn(page, base, 'amina', PASSWORD);
    await page.setViewportSize({ width: 390, height: 844 });
    // The pages and tools fold behind one button: the header is one line.
    const header = await page.locator('.app-header').boundingBox();
    expect(header!.height).toBeLessThan(70);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Incidents', exact: true }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'defaults-04-phone-menu', { fullPage: false });
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await page.getByRole('heading', { name: /^\d+ incidents$/ }).waitFor();
    // Going to a page folds the menu again.
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await page.goto(`${base}/incidents?hasItems=true`);
    await page.locator('table.incidents tbody tr').first().waitFor();

    // An incident's items: reference, calibre and markings within the screen's width.
    const withMarkings = page.locator('table.incidents tbody tr').first().getByRole('link');
    await withMarkings.click();
    await page.locator('table.items tbody tr').first().waitFor();
    for (const cell of await page.locator('table.items tbody td').all()) {
      const box = await cell.boundingBox();
      if (box) expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const labels = await page
      .locator('table.items tbody tr')
      .first()
      .locator('td[data-label]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-label')));
    expect(labels).toEqual(expect.arrayContaining(['Reference', 'Calibre', 'Markings']));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'defaults-05-phone-items');
  });
});

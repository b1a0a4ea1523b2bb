import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemViewer } from '@headstamp/access/policy';
import { demoFiles } from '@headstamp/demo/load';
import { setRelease } from '@headstamp/releases/releases.service';
import { settleLeads } from '@headstamp/leads/queue';
import { startServer, type TestServer } from '@headstamp/test/server';
import { importFiles } from '@headstamp/transfer/import';
import { createUser } from '@headstamp/users/users.service';
import { accessibilityProblems, launchBrowser, screenshot, SCREENSHOTS, signIn, WEB_DIST } from './browser';

const PASSWORD = 'a long browser-test password';
const PANEL = 'Panel of Experts on Mali';
/**
 * Planted in the demo theatre (docs/leads.md, src/demo/generate.ts): Egyptian 2015 7.62x39
 * taken from national forces near Youwarou in 2016, then met year after year further north.
 */
const EGYPT_2015 = 'ammo:7.62x39:eg-27:2015';
const SOFARA = '160918 Assassination, Sofara';
/** Planted too: the AKMS-pattern rifles of 2011 linking six Al-Mourabitoun attacks. */
const AKMS_2011 = 'weapon:AKMS:ro-cugir:2011';
const BAMAKO = '151120 Complex attack, Bamako';
const OUAGADOUGOU = '160115 Complex attack, Ouagadougou';
const GAO = '160531 Complex attack, Gao';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const nav = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: /^(Main|Navigation principale)$/ })
    .getByRole('link', { name, exact: true });

const nodes = (page: Page) => page.locator('svg.link-graph a');

async function downloaded(page: Page, button: string): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download') as Promise<Download>,
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), data: await readFile(path) };
}

describe('sample profiles and the links network in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer({ webDir: WEB_DIST });
    const report = await importFiles(server.store.db, demoFiles({ incidents: 150 }), { user: 'test' });
    expect(report.errors).toEqual([]);
    await settleLeads(server.store.db);
    for (const [username, role, partner] of [
      ['analyst', 'analyst', null],
      ['panel', 'partner', PANEL],
    ] as const) {
      await createUser(
        server.store.db,
        { username, displayName: username, role, partner, password: PASSWORD },
        'test',
      );
    }
    for (const ref of [BAMAKO, OUAGADOUGOU])
      await setRelease(server.store.db, systemViewer, ref, PANEL, true);
    base = server.url.replace(/\/api\/v1$/, '');
  });

  afterAll(async () => {
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  });

  afterEach(async () => {
    await context.close();
    const unexpected = problems
      .splice(0)
      .filter((p) => !/Failed to load resource: the server responded with a status of (400|401|404)/.test(p));
    expect(unexpected).toEqual([]);
  });

  it('opens a planted sample’s profile from an incident: timeline, map by year, actors, incidents, items', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/incidents/${encodeURIComponent(SOFARA)}`);
    await page.getByRole('heading', { level: 1, name: SOFARA }).waitFor();
    await page.locator('table.items').getByRole('link', { name: EGYPT_2015 }).click();

    await page
      // Named as the findings name it, in the reader's language.
      .getByRole('heading', { level: 1, name: /^7\.62 × 39 mm ammunition, Factory 27 \(Egypt\), 2015/ })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(`/samples/${encodeURIComponent(EGYPT_2015)}`);
    const timeline = page.getByRole('figure', { name: 'Incidents and items per year' });
    await timeline.waitFor();
    // 2016 to 2023, every year shown even without incidents.
    expect(await timeline.locator('table th[scope="row"]').allTextContents()).toEqual([
      '2016',
      '2017',
      '2018',
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
    ]);
    await page.getByRole('heading', { name: /^13 incidents$/ }).waitFor();
    const incidents = page.getByRole('region', { name: /^13 incidents$/ });
    expect(await incidents.getByRole('link', { name: SOFARA }).count()).toBe(1);
    const actors = await page.locator('.sample-actors').textContent();
    expect(actors).toContain('JNIM');
    expect(actors).toContain('Katibat Macina');
    expect(await page.locator('table.items tbody tr').count()).toBeGreaterThanOrEqual(13);
    expect(await page.locator('.lead').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="map"][data-base-layer="true"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.sample-map-tools').textContent()).toContain('13 incidents with coordinates');
    await screenshot(page, '20-sample-profile');

    // The sample crossed the river in 2021: that year's map shows only the north.
    await page.getByLabel('Year', { exact: true }).selectOption('2021');
    await expect
      .poll(() => page.locator('.sample-map-tools').textContent())
      .toMatch(/2 incidents with coordinates · Tombouctou/);
    await screenshot(page, '21-sample-profile-2021');

    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('draws the incidents a sample links, shows what links each, opens one and exports PNG and SVG', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/samples/${encodeURIComponent(AKMS_2011)}`);
    await page.getByRole('link', { name: 'The incidents this sample links' }).click();
    await page.getByRole('heading', { level: 1, name: 'Links between incidents' }).waitFor();
    expect(await page.getByLabel('Sample', { exact: true }).inputValue()).toBe(AKMS_2011);
    // Six incidents, each linked to the five others.
    await expect.poll(() => nodes(page).count()).toBe(6);
    expect(await page.getByTestId('links-summary').textContent()).toBe('15 links between 6 incidents.');
    expect(await page.locator('table.links-table tbody tr').count()).toBe(15);
    const sameActor = await page.locator('table.links-table tbody tr td:nth-child(4)').allTextContents();
    expect(new Set(sameActor)).toEqual(new Set(['Al-Mourabitoun']));

    // Pointing at an incident says what links it.
    await nodes(page)
      .filter({ has: page.locator('text', { hasText: GAO }) })
      .hover();
    const details = page.locator('.links-details');
    await details.getByRole('heading', { name: GAO }).waitFor();
    expect(await details.textContent()).toContain('linked to 5 incidents');
    expect(await details.getByRole('link', { name: AKMS_2011 }).count()).toBe(5);
    await screenshot(page, '22-links-sample');

    const png = await downloaded(page, 'Download as PNG');
    expect(png.name).toBe('headstamp-links-weapon_AKMS_ro-cugir_2011.png');
    expect([...png.data.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.data.length).toBeGreaterThan(5000);
    // The exported image, for a person to look at beside the screenshots.
    await writeFile(join(SCREENSHOTS, '22-links-sample-export.png'), png.data);
    const svg = await downloaded(page, 'Download as SVG');
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.data.toString('utf8');
    expect(text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain(BAMAKO);
    // The whole network, not the incident pointed at before the click: nothing dimmed.
    expect(text).not.toContain('stroke-opacity="0.1"');

    // With the keyboard: a node takes focus, says what links it, and Enter opens its incident.
    await nodes(page)
      .filter({ has: page.locator('text', { hasText: BAMAKO }) })
      .focus();
    await details.getByRole('heading', { name: BAMAKO }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: BAMAKO }).waitFor();
  });

  it('caps the whole theatre’s network at the strongest links, and says so', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await nav(page, 'Links').click();
    await page.getByRole('heading', { level: 1, name: 'Links between incidents' }).waitFor();
    await page.getByTestId('links-summary').waitFor();
    const summary = await page.getByTestId('links-summary').textContent();
    expect(summary).toMatch(
      /^300 links between \d+ incidents\. Only the 300 strongest of [\d,]+ links are shown/,
    );
    expect(await page.locator('table.links-table tbody tr').count()).toBe(300);
    const strengths = await page.locator('table.links-table tbody tr td:nth-child(5)').allTextContents();
    const values = strengths.map((s) => Number(s.replace('%', '')));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await screenshot(page, '23-links-theatre');

    await page.getByLabel('Show').selectOption({ label: 'the 100 strongest links' });
    await page.getByLabel('Actor').fill('Katibat Macina');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('actor')).toBe('Katibat Macina');
    await expect
      .poll(() => page.getByTestId('links-summary').textContent())
      .toMatch(/^\d+ links between \d+ incidents\.$/);
    expect(await page.locator('table.links-table tbody tr').count()).toBeLessThanOrEqual(100);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('shows a partner only the links between incidents released to it', async () => {
    await signIn(page, base, 'panel', PASSWORD);
    await nav(page, 'Links').click();
    await expect.poll(() => nodes(page).count()).toBe(2);
    expect(await page.getByTestId('links-summary').textContent()).toBe('1 link between 2 incidents.');
    const table = await page.locator('table.links-table').textContent();
    expect(table).toContain(BAMAKO);
    expect(table).toContain(OUAGADOUGOU);
    expect(await page.locator('main').textContent()).not.toContain(GAO);
    await screenshot(page, '24-links-partner');

    await page.goto(`${base}/samples/${encodeURIComponent(AKMS_2011)}`);
    await page.getByRole('heading', { name: /^2 incidents$/ }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(GAO);
    await page.goto(`${base}/samples/${encodeURIComponent(EGYPT_2015)}`);
    await page.getByTestId('not-found').waitFor();
  });

  it('speaks French on the links page', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.getByLabel('Language').selectOption('fr');
    await nav(page, 'Liens').click();
    await page.getByRole('heading', { level: 1, name: 'Liens entre incidents' }).waitFor();
    await page.getByRole('button', { name: 'Télécharger en PNG' }).waitFor();
    await screenshot(page, '25-links-fr');
  });
});

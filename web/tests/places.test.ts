import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoFiles } from '@headstamp/demo/load';
import { accessibilityProblems, browserSuite, nav, PASSWORD, screenshot, signIn } from './browser';

describe('places in a browser: the place picker and the towns on the maps', () => {
  const suite = browserSuite({
    files: () => demoFiles({ incidents: 60 }),
    accounts: [['field-team', 'documenter']],
    // 401 before signing in; 503 is the place search made unreachable on purpose.
    expectedStatuses: [401, 503],
    // The offline test makes the place search fail with page.route, which a worker-controlled page bypasses.
    serviceWorkers: 'block',
  });
  let base: string;
  let page: Page;

  beforeAll(() => {
    ({ base } = suite);
  });
  beforeEach(() => {
    page = suite.page;
  });

  const openForm = async () => {
    await signIn(page, base, 'field-team', PASSWORD);
    await nav(page, 'Document').click();
    await page.getByRole('heading', { name: 'Document an incident' }).waitFor();
    return page.getByRole('group', { name: /^Incident/ });
  };

  it('fills the coordinates and region from a place typed without its accent, and marks it on the map', async () => {
    const incident = await openForm();
    await incident.getByLabel('Country', { exact: true }).fill('ML');
    const place = incident.getByRole('combobox', { name: 'Place' });
    await place.fill('Menak');
    const option = page.getByRole('option', { name: /Ménaka/ });
    // The first look-up reads the gazetteer on the server: allow it time.
    await option.waitFor({ timeout: 60_000 });
    expect(await place.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'places-1-picker');
    expect(await accessibilityProblems(page)).toEqual([]);
    await option.click();
    expect(await place.inputValue()).toBe('Ménaka');
    expect(Number(await incident.getByLabel('Latitude').inputValue())).toBeCloseTo(15.92, 1);
    expect(Number(await incident.getByLabel('Longitude').inputValue())).toBeCloseTo(2.4, 1);
    expect(await incident.getByLabel('Region', { exact: true }).inputValue()).toBe('Ménaka');
    expect(await page.getByRole('listbox').isHidden()).toBe(true);

    // The form's map shows the point close up, with the towns around it named.
    const map = page.getByRole('region', { name: /choose the incident’s point/ });
    await expect.poll(() => map.getAttribute('data-ready'), { timeout: 30_000 }).toBe('true');
    await page.locator('.maplibregl-marker').first().waitFor();
    await expect
      .poll(() => map.getAttribute('data-towns').then(Number), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('.town-label').allTextContents()).toContain('Ménaka');
    await map.scrollIntoViewIfNeeded();
    await screenshot(page, 'places-2-picked', { fullPage: false });

    // A click on the map sets the point there.
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
    await expect
      .poll(async () => Number(await incident.getByLabel('Longitude').inputValue()))
      .toBeLessThan(2.4);
    expect(Number(await incident.getByLabel('Latitude').inputValue())).toBeLessThan(15.92);
  });

  it('finds a town by its French name and chooses it from the keyboard', async () => {
    const incident = await openForm();
    const place = incident.getByRole('combobox', { name: 'Place' });
    await place.fill('Tombouctou');
    await page.getByRole('option', { name: /Timbuktu \(Tombouctou\)/ }).waitFor({ timeout: 60_000 });
    await place.press('ArrowDown');
    await place.press('Enter');
    expect(await place.inputValue()).toBe('Tombouctou');
    expect(Number(await incident.getByLabel('Latitude').inputValue())).toBeCloseTo(16.77, 1);
    // The country was empty: the place's fills it.
    expect(await incident.getByLabel('Country', { exact: true }).inputValue()).toBe('ML');
  });

  it('stays a plain field, and says so, when the place search cannot be reached', async () => {
    const incident = await openForm();
    // As a field laptop's proxy answers when the server is down.
    await page.route('**/api/v1/places?**', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    const place = incident.getByRole('combobox', { name: 'Place' });
    await place.fill('Aguelhok');
    await page.getByText('Place search is not available').waitFor();
    expect(await place.inputValue()).toBe('Aguelhok');
    await incident.getByLabel('Latitude').fill('19.4614');
    expect(await incident.getByLabel('Latitude').inputValue()).toBe('19.4614');
    await screenshot(page, 'places-3-offline', { fullPage: false });
  });

  it('names the towns on the incidents map, more of them closer up', async () => {
    await signIn(page, base, 'field-team', PASSWORD);
    await nav(page, 'Incidents').click();
    const map = page.getByTestId('map');
    await expect.poll(() => map.getAttribute('data-base-layer'), { timeout: 30_000 }).toBe('true');
    await expect
      .poll(() => map.getAttribute('data-towns').then(Number), { timeout: 60_000 })
      .toBeGreaterThan(0);
    const far = await page.locator('.town-label').allTextContents();
    await screenshot(page, 'places-4-incident-map', { fullPage: false });
    // Zoom in twice on the map's centre: smaller towns are named.
    const box = (await map.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(800);
    await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await expect
      .poll(async () => (await page.locator('.town-label').allTextContents()).join('|'), { timeout: 30_000 })
      .not.toBe(far.join('|'));
    await screenshot(page, 'places-5-incident-map-closer', { fullPage: false });
    expect(await page.locator('.maplibregl-ctrl-attrib').innerHTML()).toContain('GeoNames');
  });
});

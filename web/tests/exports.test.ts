import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemViewer } from '@headstamp/access/policy';
import { demoFiles } from '@headstamp/demo/load';
import { setRelease } from '@headstamp/releases/releases.service';
import type { TestServer } from '@headstamp/test/server';
import { accessibilityProblems, browserSuite, PANEL, PASSWORD, screenshot, signIn } from './browser';

interface Collection {
  headstamp: { selected: number; withoutCoordinates: number };
  features: { id: string; properties: { type: string } }[];
}

describe('exporting the incident list’s selection from the browser', () => {
  // Each test opens its own context, in the language it needs, from the suite's browser.
  const suite = browserSuite({
    files: () => demoFiles({ incidents: 80 }),
    accounts: [
      ['analyst', 'analyst'],
      ['panel', 'partner', PANEL],
    ],
    expectedStatuses: [],
  });
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let released: string;

  beforeAll(async () => {
    ({ server, browser, base } = suite);
    const newest = await server.store.db
      .selectFrom('incidents')
      .select('ref')
      .where('lat', 'is not', null)
      .orderBy('date', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    released = newest.ref;
    await setRelease(server.store.db, systemViewer, released, PANEL, true);
  });

  /** Clicks an export link and reads the file the browser saved. */
  async function downloadFrom(page: Page, name: string) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('group', { name: /Export/ })
        .getByRole('link', { name })
        .click(),
    ]);
    const path = await download.path();
    return { name: download.suggestedFilename(), data: await readFile(path) };
  }

  it('downloads the filtered selection, not just the page shown, in each format', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/incidents?type=ied_attack`);
    const heading = page.getByRole('heading', { name: /^\d+ incidents?$/ });
    await heading.waitFor();
    const selected = Number((await heading.textContent())!.split(' ')[0]);
    expect(selected).toBeGreaterThan(0);
    const group = page.getByRole('group', { name: 'Export this selection:' });
    await group.waitFor();
    await screenshot(page, 'exports-incident-list');

    const geojson = await downloadFrom(page, 'GeoJSON');
    expect(geojson.name).toMatch(/^headstamp-incidents-\d{4}-\d{2}-\d{2}\.geojson$/);
    const collection = JSON.parse(geojson.data.toString('utf8')) as Collection;
    expect(collection.headstamp.selected).toBe(selected);
    expect(collection.features.length).toBe(selected - collection.headstamp.withoutCoordinates);
    expect(new Set(collection.features.map((f) => f.properties.type))).toEqual(new Set(['ied_attack']));

    const kml = await downloadFrom(page, 'KML (Google Earth)');
    expect(kml.name).toMatch(/\.kml$/);
    expect(kml.data.toString('utf8').match(/<Placemark>/g)).toHaveLength(collection.features.length);
    const csv = await downloadFrom(page, 'CSV');
    expect(csv.data.toString('utf8').trim().split('\r\n')).toHaveLength(1 + selected);
    const xlsx = await downloadFrom(page, 'Excel (XLSX)');
    expect(xlsx.data.subarray(0, 2).toString()).toBe('PK');

    const audited = await server.store.db
      .selectFrom('audit_log')
      .select(['actor', 'after'])
      .where('entity', '=', 'export')
      .execute();
    expect(audited).toHaveLength(4);
    expect(audited.every((a) => a.actor === 'analyst')).toBe(true);
    expect(audited.map((a) => (a.after as { filters: unknown }).filters)).toEqual(
      Array(4).fill({ type: 'ied_attack' }),
    );
    await context.close();
  });

  it('offers the links in French, accessibly, and gives a partner only what was released to it', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Nom d’utilisateur').fill('panel');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByTestId('who').waitFor();
    await page.goto(`${base}/incidents`);
    const group = page.getByRole('group', { name: 'Exporter cette sélection :' });
    await group.waitFor();
    await group.getByText('Tous les incidents de la sélection', { exact: false }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'exports-incident-list-fr-partner');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      group.getByRole('link', { name: 'GeoJSON' }).click(),
    ]);
    const collection = JSON.parse(await readFile(await download.path(), 'utf8')) as Collection;
    expect(collection.features.map((f) => f.id)).toEqual([released]);
    await context.close();
  });
});

import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemViewer } from '@headstamp/access/policy';
import { demoFiles } from '@headstamp/demo/load';
import { importFiles } from '@headstamp/transfer/import';
import { setRelease } from '@headstamp/releases/releases.service';
import { countRows, csv, itemRow } from '@headstamp/test/fixtures';
import type { TestServer } from '@headstamp/test/server';
import {
  accessibilityProblems,
  browserSuite,
  cells,
  nav,
  PANEL,
  PASSWORD,
  screenshot,
  signIn,
} from './browser';

describe('reference data and administration in a browser', () => {
  // Refusals (400, 404, 409) and "not signed in" (401) are expected answers here.
  const suite = browserSuite({
    files: () => demoFiles({ incidents: 60 }),
    accounts: [
      ['admin', 'administrator'],
      ['analyst', 'analyst'],
      ['panel', 'partner', PANEL],
      ['field-team', 'documenter'],
    ],
    expectedStatuses: [400, 401, 404, 409],
  });
  let server: TestServer;
  let base: string;
  let page: Page;
  let incident: string;

  beforeAll(async () => {
    ({ server, base } = suite);
    // The newest incident: the test items' year of production is before it.
    const newest = await server.store.db
      .selectFrom('incidents')
      .select('ref')
      .orderBy('date', 'desc')
      .executeTakeFirstOrThrow();
    incident = newest.ref;
  });
  beforeEach(() => {
    page = suite.page;
  });

  const itemsFile = (rows: Record<string, string>[]) => ({
    name: 'items.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv(rows)),
  });
  const storedItems = (refs: string[]) =>
    server.store.db.selectFrom('items').select('ref').where('ref', 'in', refs).orderBy('ref').execute();

  it('previews an import with a bad row, shows the row error and writes nothing; then imports a good file', async () => {
    await signIn(page, base, 'admin', PASSWORD);
    await nav(page, 'Import').click();
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();

    const good = itemRow({ ref: 'WEB-IMPORT-1', incident_ref: incident, quantity: '4' });
    const bad = itemRow({ ref: 'WEB-IMPORT-2', incident_ref: incident, category: 'spoon' });
    const before = await countRows(server.store.db);
    await page.getByLabel('Files (CSV or XLSX)').setInputFiles(itemsFile([good, bad]));
    await page.getByRole('button', { name: 'Check the files' }).click();
    await page.getByTestId('import-blocked').waitFor();
    expect(await page.getByTestId('import-blocked').textContent()).toContain('1 problem');
    const errors = await cells(page, 'import-problems');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.slice(0, 3)).toEqual(['items.csv', '3', 'category']);
    expect(errors[0]![3]).toMatch(/spoon/);
    expect(await page.getByRole('button', { name: 'Import these files' }).isDisabled()).toBe(true);
    await screenshot(page, 'admin-01-import-row-error');
    // Nothing was written: not the good row either.
    expect(await countRows(server.store.db)).toEqual(before);
    expect(await storedItems(['WEB-IMPORT-1', 'WEB-IMPORT-2'])).toEqual([]);

    await page
      .getByLabel('Files (CSV or XLSX)')
      .setInputFiles(itemsFile([good, { ...bad, category: 'ammunition' }]));
    // A new choice of files drops the preview of the old ones.
    expect(await page.getByTestId('import-blocked').count()).toBe(0);
    await page.getByRole('button', { name: 'Check the files' }).click();
    await page.getByText('The files are valid.').waitFor();
    expect(await cells(page, 'import-changes')).toEqual([
      ['items.csv', '2', 'Items', 'WEB-IMPORT-1', 'New'],
      ['items.csv', '3', 'Items', 'WEB-IMPORT-2', 'New'],
    ]);
    await screenshot(page, 'admin-02-import-preview');
    // Still a preview: nothing written until confirmed.
    expect(await storedItems(['WEB-IMPORT-1', 'WEB-IMPORT-2'])).toEqual([]);

    const confirm = page.getByRole('button', { name: 'Import these files' });
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await page.getByTestId('imported').waitFor();
    expect(await page.getByTestId('imported').textContent()).toBe('Imported: 2 new and 0 changed rows.');
    expect((await storedItems(['WEB-IMPORT-1', 'WEB-IMPORT-2'])).map((r) => r.ref)).toEqual([
      'WEB-IMPORT-1',
      'WEB-IMPORT-2',
    ]);
    const audited = await server.store.db
      .selectFrom('audit_log')
      .select('actor')
      .where('entity', '=', 'item')
      .where('entity_key', '=', 'WEB-IMPORT-1')
      .execute();
    expect(audited.map((a) => a.actor)).toEqual(['admin']);
    await screenshot(page, 'admin-03-imported');
  });

  it('shows the reference lists as tables, searchable, in English and French', async () => {
    await signIn(page, base, 'field-team', PASSWORD);
    await nav(page, 'Reference').click();
    await page.getByRole('heading', { name: 'Reference data', level: 1 }).waitFor();
    await page.locator('table.reference tbody tr').first().waitFor();
    expect((await cells(page, 'reference')).map((row) => row[0])).toEqual(expect.arrayContaining(['JNIM']));
    await screenshot(page, 'admin-04-reference-actors');

    const lists = page.getByRole('navigation', { name: 'Reference lists' });
    await lists.getByRole('link', { name: 'Manufacturers' }).click();
    await page.getByRole('heading', { name: 'Manufacturers', level: 2 }).waitFor();
    await page.locator('table.reference tbody tr').first().waitFor();
    const all = (await cells(page, 'reference')).length;
    expect(all).toBeGreaterThan(20);
    // A headstamp code finds its factory.
    await page.getByLabel('Search this list').fill('539');
    await expect.poll(async () => (await cells(page, 'reference')).length).toBeLessThan(all);
    const found = await cells(page, 'reference');
    expect(found.map((row) => row[0])).toContain('Tula Cartridge Works (Plant No. 539)');
    expect(found.every((row) => row.join(' ').includes('539'))).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: ' of ' }).textContent()).toBe(
      `${found.length} of ${all} entries`,
    );
    await screenshot(page, 'admin-05-reference-manufacturers-search');
    // The search is in the address: it survives a reload.
    await page.reload();
    expect(await page.getByLabel('Search this list').inputValue()).toBe('539');
    await page.getByLabel('Search this list').fill('no such factory anywhere');
    await page.getByText('Nothing matches this search.').waitFor();

    await lists.getByRole('link', { name: 'Calibres' }).click();
    await page.getByLabel('Search this list').fill('7.62');
    await expect
      .poll(async () => {
        // An empty table passes `every`: wait for the calibres themselves, not the moment between lists.
        const rows = await cells(page, 'reference');
        return rows.length > 0 && rows.every((row) => row[0]!.startsWith('7.62'));
      })
      .toBe(true);
    expect((await cells(page, 'reference')).map((row) => row[0])).toContain('7.62×39 mm');
    await screenshot(page, 'admin-06-reference-calibres');

    for (const [name, expected] of [
      ['Models', 'AKM'],
      ['Baselines', 'FAMa'],
      ['Embargoes', 'JNIM'],
    ] as const) {
      await lists.getByRole('link', { name }).click();
      await page.getByRole('heading', { name, level: 2 }).waitFor();
      await page.locator('table.reference tbody tr').first().waitFor();
      expect(await page.locator('table.reference').textContent()).toContain(expected);
      await screenshot(page, `admin-07-reference-${name.toLowerCase()}`);
    }

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Données de référence', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Embargos', level: 2 }).waitFor();
    await page.getByRole('columnheader', { name: 'S’applique à' }).waitFor();
    await page.getByRole('link', { name: 'Calibres' }).click();
    await page.getByRole('cell', { name: 'Armes légères' }).first().waitFor();
    await screenshot(page, 'admin-08-reference-fr');
  });

  it('maps a producer as field teams write it to a reference entry, keys the stored item again, and removes it', async () => {
    const report = await importFiles(
      server.store.db,
      [
        {
          name: 'items.csv',
          data: Buffer.from(
            csv([
              itemRow({
                ref: 'MAP-1',
                incident_ref: incident,
                manufacturer: 'Kolosok',
                country_of_manufacture: 'SU',
                year: '1979',
                markings: '',
              }),
            ]),
          ),
        },
      ],
      { user: 'test' },
    );
    expect(report.errors).toEqual([]);
    const sampleOf = async () =>
      (
        await server.store.db
          .selectFrom('items')
          .select('sample_key')
          .where('ref', '=', 'MAP-1')
          .executeTakeFirstOrThrow()
      ).sample_key;
    expect(await sampleOf()).toBe('ammo:7.62x39:~su-kolosok:1979');

    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/reference/mappings`);
    await page.getByText('No value mapped yet.').waitFor();
    const form = page.getByRole('group', { name: 'Map a value to a reference entry' });
    await form.getByLabel('List').selectOption({ label: 'Producer' });
    await form.getByLabel('Written as').fill('KOLOSOK');
    await form.getByLabel('Reference entry').fill('su-9999');
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await page.locator('#mapping-target-error').getByText('there is no manufacturer "su-9999"').waitFor();
    expect(await sampleOf()).toBe('ammo:7.62x39:~su-kolosok:1979');

    await form.getByLabel('Reference entry').fill('su-539');
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await page.getByText('Mapped: 1 items and 0 baseline rows keyed again.').waitFor();
    await page.getByRole('cell', { name: 'KOLOSOK' }).waitFor();
    expect(await sampleOf()).toBe('ammo:7.62x39:su-539:1979');
    await screenshot(page, 'admin-08b-reference-mappings');

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Correspondances', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Retirer' }).click();
    await page.getByText('Correspondance retirée : 1 objets et 0 lignes de référence recalculés.').waitFor();
    expect(await sampleOf()).toBe('ammo:7.62x39:~su-kolosok:1979');
    await page.getByLabel('Langue').selectOption('en');
  });

  it('lists accounts with their roles, creates one, and releases an incident to a partner and withdraws it', async () => {
    await signIn(page, base, 'admin', PASSWORD);
    await nav(page, 'Administration').click();
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await page.locator('table.users tbody tr').first().waitFor();
    expect(await cells(page, 'users')).toEqual(
      expect.arrayContaining([
        ['panel', 'panel', 'Partner', PANEL, 'Active', 'Disable'],
        ['field-team', 'field-team', 'Documenter', '', 'Active', 'Disable'],
      ]),
    );

    const form = page.getByRole('group', { name: 'Create an account' });
    await form.getByLabel('User name').fill('gao-panel');
    await form.getByLabel('Full name').fill('Group of Experts, Gao');
    await form.getByLabel('Role').selectOption({ label: 'Partner' });
    await form.getByLabel('Partner organisation').fill('Group of Experts');
    await form.getByLabel('Password').fill('short');
    await form.getByRole('button', { name: 'Create the account' }).click();
    // The browser's own check stops a short password before the server sees it; the server
    // says what is wrong with a name it refuses, next to the field.
    await form.getByLabel('Password').fill('a long enough password');
    await form.getByLabel('User name').fill('no spaces allowed');
    await form.getByRole('button', { name: 'Create the account' }).click();
    await page.locator('#user-username-error').waitFor();
    expect(await page.locator('#user-username').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('User name').fill('panel');
    await form.getByRole('button', { name: 'Create the account' }).click();
    await expect.poll(() => page.locator('#user-username-error').textContent()).toContain('already exists');
    await form.getByLabel('User name').fill('gao-panel');
    await form.getByRole('button', { name: 'Create the account' }).click();
    await page.getByText('The account gao-panel was created.').waitFor();
    await page.getByRole('cell', { name: 'gao-panel', exact: true }).waitFor();
    const created = await server.store.db
      .selectFrom('users')
      .select(['role', 'partner'])
      .where('username', '=', 'gao-panel')
      .executeTakeFirst();
    expect(created).toEqual({ role: 'partner', partner: 'Group of Experts' });

    await page.getByText('No incident is released to a partner.').waitFor();
    const release = page.getByRole('group', { name: 'Release an incident' });
    await release.getByLabel('Incident').fill('no such incident');
    await release.getByLabel('Partner organisation').fill(PANEL);
    await release.getByRole('button', { name: 'Release' }).click();
    await page.getByText('There is no incident with this reference.').waitFor();
    await release.getByLabel('Incident').fill(incident);
    await release.getByRole('button', { name: 'Release' }).click();
    await page.getByText(`${incident} is released to ${PANEL}.`).waitFor();
    await page.locator('table.releases tbody tr').first().waitFor();
    expect((await cells(page, 'releases')).map((row) => row.slice(0, 2).concat(row[3]!))).toEqual([
      [PANEL, incident, 'admin'],
    ]);
    const released = () => server.store.db.selectFrom('releases').select('partner').execute();
    expect(await released()).toEqual([{ partner: PANEL }]);
    await screenshot(page, 'admin-09-administration');

    await page.getByRole('button', { name: `Withdraw ${incident} from ${PANEL}` }).click();
    await page.getByText(`${incident} is no longer released to ${PANEL}.`).waitFor();
    await page.getByText('No incident is released to a partner.').waitFor();
    expect(await released()).toEqual([]);
  });

  it('shows a documenter and a partner no administration entries, and says why on a direct address', async () => {
    await setRelease(server.store.db, systemViewer, incident, PANEL, true);
    for (const [username, shot] of [
      ['field-team', 'admin-10-documenter-refused'],
      ['panel', 'admin-11-partner-refused'],
    ] as const) {
      await signIn(page, base, username, PASSWORD);
      await nav(page, 'Reference').waitFor();
      expect(await nav(page, 'Administration').count()).toBe(0);
      expect(await nav(page, 'Import').count()).toBe(0);

      await page.goto(`${base}/admin`);
      await page
        .getByText('Administration is for administrators: your role does not give access to it.')
        .waitFor();
      expect(await page.locator('table').count()).toBe(0);
      await screenshot(page, shot);
      await page.goto(`${base}/import`);
      await page.getByText('your role does not give access to it').waitFor();
      expect(await page.getByLabel('Files (CSV or XLSX)').count()).toBe(0);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('User name').waitFor();
    }
    // An analyst imports, but does not manage accounts.
    await signIn(page, base, 'analyst', PASSWORD);
    await nav(page, 'Import').waitFor();
    expect(await nav(page, 'Administration').count()).toBe(0);
    await setRelease(server.store.db, systemViewer, incident, PANEL, false);
  });

  it('imports region boundaries from a GeoJSON file, refusing a bad one, and draws them on the map', async () => {
    const region = (name: string, west: number, south: number, geometryType = 'Polygon') => ({
      type: 'Feature',
      properties: { ADM1_FR: name },
      geometry: {
        type: geometryType,
        coordinates: [
          [
            [west, south],
            [west + 2, south],
            [west + 2, south + 2],
            [west, south + 2],
            [west, south],
          ],
        ],
      },
    });
    const geojson = (features: unknown[]) => ({
      name: 'mali-admin1.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })),
    });
    const stored = () => server.store.db.selectFrom('region_boundaries').select('admin1').execute();

    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/reference/regions`);
    await page.getByText('No region boundaries imported yet').waitFor();
    await page
      .getByLabel('GeoJSON file (Polygons or MultiPolygons)')
      .setInputFiles(geojson([region('Kidal', 0, 18), region('Gao', 0, 15, 'Point')]));
    await page.getByLabel('Country', { exact: true }).fill('Mali');
    await page.getByLabel('Property holding the region’s name').fill('ADM1_FR');
    await page.getByLabel('Source', { exact: true }).fill('OCHA COD-AB Mali, 2023');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('#regions-file-error').waitFor();
    expect(await page.locator('#regions-file-error').textContent()).toContain('geojson.features.1.geometry');
    expect(await stored()).toEqual([]);

    await page
      .getByLabel('GeoJSON file (Polygons or MultiPolygons)')
      .setInputFiles(geojson([region('Kidal', 0, 18), region('Gao', 0, 15)]));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('ML: 2 regions imported.').waitFor();
    await page.locator('table.reference tbody tr').nth(1).waitFor();
    expect((await cells(page, 'reference')).map((row) => row.slice(0, 3))).toEqual([
      ['Mali', 'Gao', 'OCHA COD-AB Mali, 2023'],
      ['Mali', 'Kidal', 'OCHA COD-AB Mali, 2023'],
    ]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'admin-12-region-boundaries');

    await nav(page, 'Incidents').click();
    await page.locator('[data-testid="map"][data-regions="2"]').waitFor({ timeout: 30_000 });
  });

  it('passes an accessibility check (WCAG 2.1 AA) on the reference, import and administration pages', async () => {
    await signIn(page, base, 'admin', PASSWORD);
    const found: Record<string, unknown> = {};
    for (const [name, path, ready] of [
      ['reference', '/reference/manufacturers', 'table.reference'],
      ['administration', '/admin', 'table.users'],
      ['import', '/import', '#import-files'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await page.locator(ready).first().waitFor();
      found[name] = await accessibilityProblems(page);
    }
    // The import preview, with its problems table and the disabled confirmation.
    await page
      .getByLabel('Files (CSV or XLSX)')
      .setInputFiles(itemsFile([itemRow({ ref: 'A11Y-1', incident_ref: incident, category: 'spoon' })]));
    await page.getByRole('button', { name: 'Check the files' }).click();
    await page.getByTestId('import-blocked').waitFor();
    found['import preview'] = await accessibilityProblems(page);
    expect(found).toEqual({ reference: [], administration: [], import: [], 'import preview': [] });
  });
});

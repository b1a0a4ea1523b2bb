import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemViewer } from '@headstamp/access/policy';
import { demoFiles } from '@headstamp/demo/load';
import { setRelease } from '@headstamp/releases/releases.service';
import { importRegionBoundaries } from '@headstamp/reference/boundaries.service';
import type { TestServer } from '@headstamp/test/server';
import { accessibilityProblems, browserSuite, nav, PANEL, PASSWORD, screenshot, signIn } from './browser';

/** Planted in the demo theatre: a 32 mm anti-tank grenade, first seen in Kidal (docs/leads.md). */
const KIDAL_32MM = '210821 Complex attack, Kidal';

const NEW_REF = '240903 IED find, Ansongo';
/** A 1×1 PNG. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('the web application in a browser', () => {
  // Refusals of bad input (400), "not signed in" (401) and "not found" (404) are expected answers.
  const suite = browserSuite({
    files: () => demoFiles({ incidents: 150 }),
    accounts: [
      ['analyst', 'analyst'],
      ['panel', 'partner', PANEL],
      ['field-team', 'documenter'],
    ],
    expectedStatuses: [400, 401, 404],
  });
  let server: TestServer;
  let base: string;
  let page: Page;
  let released: string;
  let unreleased: string;

  beforeAll(async () => {
    ({ server, base } = suite);
    const refs = await server.store.db
      .selectFrom('incidents')
      .select('ref')
      .orderBy('date', 'desc')
      .limit(2)
      .execute();
    [released, unreleased] = [refs[0]!.ref, refs[1]!.ref];
    await setRelease(server.store.db, systemViewer, released, PANEL, true);
    // Two rough regions of northern Mali, as an analyst would import them from an OCHA file.
    const region = (name: string, w: number, s: number, e: number, n: number) => ({
      type: 'Feature' as const,
      properties: { ADM1_FR: name },
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [w, s],
            [e, s],
            [e, n],
            [w, n],
            [w, s],
          ] as [number, number][],
        ],
      },
    });
    await importRegionBoundaries(server.store.db, systemViewer, 'ML', {
      nameProperty: 'ADM1_FR',
      source: 'test boundaries',
      geojson: {
        type: 'FeatureCollection',
        features: [region('Kidal', -1, 17.5, 4.2, 21), region('Gao', -1.5, 14.5, 4, 17.5)],
      },
    });
  });
  beforeEach(() => {
    page = suite.page;
  });

  it('signs an analyst in, shows who is signed in with their role, and signs them out', async () => {
    await page.goto(`${base}/`);
    await expect.poll(() => page.title()).toContain('Sign in');
    await screenshot(page, '01-sign-in');

    await page.getByLabel('User name').fill('analyst');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Unknown user name or wrong password.').waitFor();

    // With the keyboard alone: the first Tab reaches "Skip to content", then the form.
    await page.reload();
    await page.getByLabel('User name').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.getByLabel('User name').focus();
    await page.keyboard.type('analyst');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('who').waitFor();
    const who = await page.getByTestId('who').textContent();
    expect(who).toContain('analyst');
    expect(who).toContain('Analyst');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').waitFor();
    // The session is gone on the server too: a reload stays signed out.
    await page.reload();
    await page.getByLabel('User name').waitFor();
  });

  it('shows the theatre statistics as charts on the dashboard, with the strongest findings and how attribution tests', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.getByRole('heading', { name: 'Theatre overview' }).waitFor();
    for (const title of [
      'Incidents per year, by type',
      'Killed and injured per year',
      'Peacekeepers killed, by attack type',
      'IED attacks against IEDs found, per year',
      'Ammunition samples by decade of production',
    ]) {
      const chart = page.getByRole('figure', { name: title });
      await chart.waitFor();
      expect(await chart.locator('svg rect').count(), title).toBeGreaterThan(0);
    }
    await page.getByRole('heading', { name: 'Strongest findings' }).waitFor();
    expect(await page.locator('.newest-leads .lead').count()).toBeGreaterThan(0);
    const evaluation = page.locator('.attribution-evaluation');
    await evaluation.getByText(/of the predictions right/).waitFor();
    expect(await evaluation.textContent()).toMatch(
      /\d+% of the predictions right, for \d+% of the \d+ incidents/,
    );
    // The same at each threshold, the one set (70%) marked, to choose the setting by.
    const thresholds = evaluation.getByRole('table', { name: /At each confidence threshold/ });
    expect(await thresholds.locator('tbody tr td:first-child').allTextContents()).toEqual([
      '50%',
      '60%',
      '70%',
      '80%',
      '90%',
    ]);
    expect(await thresholds.locator('tr.current td').first().textContent()).toBe('70%');
    await screenshot(page, '02-dashboard');
  });

  it('pages the incident list forward by cursor and back by number, as the API pages it', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/incidents`);
    const refs = async () => {
      await page.locator('table.incidents tbody tr').first().waitFor();
      return page.locator('table.incidents tbody td.ref a').allTextContents();
    };
    const api = await server.store.db
      .selectFrom('live_incidents')
      .select('ref')
      .orderBy('date', 'desc')
      .orderBy('ref')
      .limit(150)
      .execute();
    const expected = (n: number) => api.slice(50 * (n - 1), 50 * n).map((r) => r.ref);
    expect(await refs()).toEqual(expected(1));
    for (const n of [2, 3]) {
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByText(`Page ${n} of 3`).waitFor();
      await expect.poll(refs).toEqual(expected(n));
      const address = new URL(page.url()).searchParams;
      expect([address.get('page'), address.get('cursor')]).toEqual([String(n), expect.any(String)]);
    }
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('Page 2 of 3').waitFor();
    await expect.poll(refs).toEqual(expected(2));
    expect(new URL(page.url()).searchParams.get('cursor')).toBeNull();
    // A page reached by cursor reloads as it was.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 3 of 3').waitFor();
    await page.reload();
    await expect.poll(refs).toEqual(expected(3));
  });

  it('finds an incident with the search filter and opens it, with its items, map and leads', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await nav(page, 'Incidents').click();
    await page.getByRole('heading', { name: /^\d+ incidents$/ }).waitFor();
    await page.locator('[data-testid="map"][data-base-layer="true"]').waitFor({ timeout: 30_000 });
    // The region boundaries imported for Mali are drawn on the map.
    await page.locator('[data-testid="map"][data-regions="2"]').waitFor();
    await screenshot(page, '03-incidents');

    await page.getByLabel('Search').fill('Kidal');
    await page.getByLabel('Type').selectOption({ label: 'Complex attack' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('link', { name: KIDAL_32MM }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('Kidal');
    // The unfiltered list may still be on screen for a moment: wait for the filtered one.
    await expect
      .poll(
        async () => new Set(await page.locator('table.incidents tbody tr td:nth-child(3)').allTextContents()),
      )
      .toEqual(new Set(['Complex attack']));
    await screenshot(page, '04-incidents-filtered');

    await page.getByRole('link', { name: KIDAL_32MM }).click();
    await page.getByRole('heading', { level: 1, name: KIDAL_32MM }).waitFor();
    await page.getByRole('heading', { name: /^\d+ items?$/ }).waitFor();
    expect(await page.locator('table.items').textContent()).toMatch(/32 ?mm/);
    await page.getByRole('heading', { name: /leads? citing this incident/ }).waitFor();
    expect(await page.locator('.lead').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/32 ?mm calibre/)]),
    );
    await page.locator('[data-testid="map"][data-base-layer="true"]').waitFor({ timeout: 30_000 });
    await screenshot(page, '05-incident');

    // The address of the page can be reloaded and shared.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: KIDAL_32MM }).waitFor();
  });

  it('shows the planted leads in the leads inbox, filtered by kind', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await nav(page, 'Leads').click();
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    await page.getByLabel('Kind').selectOption({ label: 'New in theatre' });
    await page.getByRole('button', { name: 'Apply' }).click();
    // The unfiltered page may still be on screen, and it holds the same lead: wait for the
    // other kinds to go before reading the filtered list.
    const otherKinds = page.locator('.lead[data-kind]:not([data-kind="new_type"])');
    await otherKinds.first().waitFor({ state: 'detached' });
    const lead = page.locator('.lead', { hasText: /32 ?mm calibre/ });
    await lead.waitFor();
    expect(await lead.getByRole('link', { name: KIDAL_32MM }).count()).toBe(1);
    expect(await otherKinds.count()).toBe(0);
    await screenshot(page, '06-leads-new-in-theatre');

    await page.getByLabel('Kind').selectOption({ label: 'Suggested attribution' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.lead[data-kind="attribution"]').first().waitFor();
    expect(await page.locator('.lead', { hasText: 'has no known actor' }).count()).toBeGreaterThan(0);
    await screenshot(page, '07-leads-attribution');

    await lead.first().waitFor({ state: 'detached' });
    await page.locator('.lead[data-kind="attribution"] .lead-incidents a').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(page.url()).toContain('/incidents/');
  });

  it('counts the findings of the inbox, shows the strongest first with their score terms, or the newest', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/leads`);
    const count = page.locator('.leads-total');
    await count.waitFor();
    const total = Number((await count.innerText()).replace(/\D/g, ''));
    const open = await server.store.db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(total).toBe(Number(open.n));
    expect(await count.innerText()).toMatch(/findings$/);
    expect(await page.locator('.lead').count()).toBe(Math.min(50, total));
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByText(`Page 1 of ${Math.ceil(total / 50)}`)
      .waitFor();
    const scores = await page.locator('.lead-score-terms').allInnerTexts();
    expect(scores.length).toBeGreaterThan(0);
    expect(scores[0]).toMatch(/^score \d\.\d\d = [a-z].* \d\.\d\d/);
    const values = scores.map((text) => Number(/^score (\d\.\d\d)/.exec(text)![1]));
    // Each strength is the sum of its terms, or says it is capped at 1 when they sum to more.
    for (const [i, text] of scores.entries()) {
      const terms = text.split(' = ')[1]!.split(' (sum')[0]!;
      // Terms are joined by "+", or by "−" for one that takes away.
      const sum = terms
        .split(/ (?=[+−] )/)
        .reduce(
          (total, part) => total + (part.startsWith('−') ? -1 : 1) * Number(/(\d\.\d\d)$/.exec(part)![1]),
          0,
        );
      if (text.includes('capped at 1')) expect(sum).toBeGreaterThan(1);
      else expect(sum).toBeCloseTo(values[i]!, 1);
    }
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await screenshot(page, '06b-leads-strongest-first');

    await page.getByLabel('Order').selectOption({ label: 'Newest first' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/sort=date/);
    // The strongest-first page stays on screen until the newest-first one arrives.
    const dates = () =>
      page.locator('.lead time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
    await expect
      .poll(async () => {
        const shown = await dates();
        return shown.length > 0 && shown.join() === [...shown].sort().reverse().join();
      })
      .toBe(true);
    expect(Number((await count.innerText()).replace(/\D/g, ''))).toBe(total);
  });

  it('confirms, dismisses with a reason and assigns leads, and the inbox keeps the decisions', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/leads?kind=new_type`);
    const planted = page.locator('.lead', { hasText: /32 ?mm calibre/ });
    await planted.getByRole('button', { name: 'Confirm' }).click();
    await planted.locator('.badge.status-confirmed').waitFor();
    expect(await planted.textContent()).toContain('by analyst');

    const other = page
      .locator('.lead')
      .filter({ hasNotText: /32 ?mm calibre/ })
      .first();
    const otherText = (await other.locator('.explanation').textContent())!;
    await other.getByRole('button', { name: 'Dismiss…' }).click();
    await other.getByRole('button', { name: 'Dismiss the lead' }).click();
    await other.getByText('Give a reason of at least three characters.').waitFor();
    await other.getByLabel('Why is this lead dismissed?').fill('Casings from the range at Gao camp');
    await other.getByRole('button', { name: 'Dismiss the lead' }).click();
    await other.locator('.badge.status-dismissed').waitFor();
    await other.getByLabel('Assign to').selectOption('analyst');
    await other.getByText('Assigned to analyst').waitFor();
    await other.scrollIntoViewIfNeeded();
    await screenshot(page, '07b-leads-decided', { fullPage: false });

    // The inbox shows what is still open: both decided leads have left it.
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByLabel('State').waitFor();
    expect(await planted.count()).toBe(0);
    await page.getByLabel('State').selectOption({ label: 'Dismissed' });
    await page.getByLabel('Assigned to me').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.lead .badge.status-dismissed').first().waitFor();
    expect(await page.locator('.lead .explanation').allTextContents()).toEqual([otherText]);
    expect(await page.locator('.lead').textContent()).toContain('Casings from the range at Gao camp');
    expect(await accessibilityProblems(page)).toEqual([]);

    const audited = await server.store.db
      .selectFrom('audit_log')
      .select(['actor', 'after'])
      .where('entity', '=', 'lead')
      .orderBy('id')
      .execute();
    expect(audited.map((a) => [a.actor, (a.after as { status: string }).status])).toEqual([
      ['analyst', 'confirmed'],
      ['analyst', 'dismissed'],
      ['analyst', 'dismissed'],
    ]);
  });

  it('switches to French, remembers it, and shows French labels and vocabulary', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Vue d’ensemble du théâtre' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(1);
    await page.getByRole('figure', { name: 'Attaques à l’EEI et EEI découverts, par an' }).waitFor();
    await screenshot(page, '08-dashboard-fr');

    await nav(page, 'Incidents').click();
    await page.getByLabel('Type').selectOption({ label: 'Attaque à l’EEI' });
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.getByRole('heading', { name: /^\d[\d\s\u202f]* incidents?$/ }).waitFor();
    await expect
      .poll(
        async () => new Set(await page.locator('table.incidents tbody tr td:nth-child(3)').allTextContents()),
      )
      .toEqual(new Set(['Attaque à l’EEI']));
    // Dates in French: "21 août 2021", not "2021-08-21".
    const firstDate = await page.locator('table.incidents tbody tr td:first-child').first().textContent();
    expect(firstDate).toMatch(/^\d{1,2} [a-zéû]+\.? \d{4}$/);
    await screenshot(page, '09-incidents-fr');

    // The choice outlives a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  });

  it('documents an incident with two items and a photo, then finds it again', async () => {
    await signIn(page, base, 'field-team', PASSWORD);
    await nav(page, 'Document').click();
    await page.getByRole('heading', { name: 'Document an incident' }).waitFor();

    // Saving an empty form says what is missing, next to each field.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: /There (is|are) \d+ problems?/ }).waitFor();
    expect(await page.locator('#incident-date-error').textContent()).toBe('This is required.');
    expect(await page.locator('#incident-date').getAttribute('aria-invalid')).toBe('true');

    const incident = page.getByRole('group', { name: /^Incident/ });
    await incident.getByLabel('Date', { exact: true }).fill('2024-09-03');
    await incident.getByLabel('Type', { exact: true }).selectOption({ label: 'IED find' });
    await incident.getByLabel('Country', { exact: true }).fill('ML');
    await incident.getByLabel('Region', { exact: true }).fill('Gao');
    await incident.getByLabel('Place', { exact: true }).fill('Ansongo');
    await incident.getByLabel('Latitude').fill('15.6597');
    await incident.getByLabel('Longitude').fill('0.5022');
    await incident
      .getByLabel('Summary')
      .fill('Pressure-plate IED found on the Ansongo road; casings nearby.');
    expect(await incident.getByLabel('Reference', { exact: true }).inputValue()).toBe(NEW_REF);

    const item = (n: number) => page.getByRole('group', { name: new RegExp(`^Item ${n}`) });
    await item(1).getByLabel('Kind of object').fill('cartridge case');
    await item(1).getByLabel('Calibre').fill('7.62x39');
    await item(1).getByLabel('Manufacturer').fill('539');
    await item(1).getByLabel('Year').fill('1985');
    await item(1).getByLabel('Markings').fill('539 85');
    // Beside the item, what the register will make of it.
    await item(1)
      .getByText(/^Recognised as Tula Cartridge Works .*\(Soviet Union\), code 539, 1985$/)
      .waitFor();
    await screenshot(page, '11b-document-recognised');
    await item(1).getByLabel('Qty').fill('30');
    await item(1).getByLabel('Condition').selectOption({ label: 'Fired (spent)' });
    await page.getByRole('button', { name: 'Add an item' }).click();
    await item(2).getByLabel('Category').selectOption({ label: 'Weapon' });
    await item(2).getByLabel('Model').fill('AKM');
    await item(2).getByLabel('Serial number').fill('KD 12345');
    // A serial number is one object: the server refuses a quantity of 2, next to the field.
    await item(2).getByLabel('Qty').fill('2');
    await page
      .getByRole('group', { name: 'Photos of the incident' })
      .getByLabel('Choose files')
      .setInputFiles({ name: 'casings.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
    await page.getByLabel('Caption for casings.png').fill('Casings at the site');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#item-1-quantity-error').waitFor();
    expect(await page.locator('#item-1-quantity-error').textContent()).toBe(
      'An item with a serial number is one object: its quantity is 1.',
    );
    // The incident and its items are saved together or not at all: nothing was saved.
    expect(await item(1).getByText('Saved').count()).toBe(0);
    expect(
      await server.store.db
        .selectFrom('incidents')
        .select('id')
        .where('ref', '=', NEW_REF)
        .executeTakeFirst(),
    ).toBeUndefined();
    await screenshot(page, '12-document-refused-item');

    await item(2).getByLabel('Qty').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: NEW_REF }).waitFor();
    await page.getByRole('heading', { name: '2 items' }).waitFor();
    expect(await page.locator('.fields').textContent()).toContain('Draft');
    const photo = page.getByRole('img', { name: 'Casings at the site' });
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await screenshot(page, '13-documented-incident');

    await nav(page, 'Incidents').click();
    await page.getByLabel('Search').fill('Ansongo road');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: '1 incident' }).waitFor();
    await page.getByRole('link', { name: NEW_REF }).click();
    await page.getByRole('heading', { level: 1, name: NEW_REF }).waitFor();
  });

  it('passes an accessibility check (WCAG 2.1 AA) on every page', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('User name').waitFor();
    const found: Record<string, unknown> = { 'sign-in': await accessibilityProblems(page) };
    await signIn(page, base, 'analyst', PASSWORD);
    for (const [name, path, ready] of [
      ['dashboard', '/', 'figure.chart'],
      ['incidents', '/incidents', 'table.incidents'],
      ['incident', `/incidents/${encodeURIComponent(KIDAL_32MM)}`, 'table.items'],
      ['leads', '/leads', '.lead'],
      ['document', '/document', '#incident-date'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await page.locator(ready).first().waitFor();
      found[name] = await accessibilityProblems(page);
    }
    expect(found).toEqual({
      'sign-in': [],
      dashboard: [],
      incidents: [],
      incident: [],
      leads: [],
      document: [],
    });
  });

  it('shows a partner only the incidents released to them', async () => {
    await signIn(page, base, 'panel', PASSWORD);
    expect(await page.getByTestId('who').textContent()).toContain(PANEL);
    // Leads are not for partners: no link to them, and the page says why.
    expect(await nav(page, 'Leads').count()).toBe(0);

    await nav(page, 'Incidents').click();
    await page.getByRole('heading', { name: '1 incident' }).waitFor();
    await page.getByRole('link', { name: released }).waitFor();
    await screenshot(page, '10-partner-incidents');

    await page.getByLabel('Search').fill(unreleased);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No incident matches these filters.').waitFor();

    await page.goto(`${base}/incidents/${encodeURIComponent(unreleased)}`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await screenshot(page, '11-partner-unreleased-incident');

    await page.goto(`${base}/leads`);
    await page.getByText('your role does not give access to them').waitFor();
  });
});

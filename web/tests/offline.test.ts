import type { IncomingMessage } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '@headstamp/test/server';
import { registerFiles } from '@headstamp/test/fixtures';
import { accessibilityProblems, browserSuite, nav, PASSWORD, screenshot, signIn } from './browser';
import { untranslated } from './untranslated';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('documenting offline: the application opens without the network and keeps what is typed until sent', () => {
  // A reference taken (409); the browser's own failures while offline are what the test provokes.
  const suite = browserSuite({
    files: registerFiles,
    accounts: [['field-team', 'documenter']],
    expectedStatuses: [400, 401, 409],
    expectedConsole: /ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|Failed to fetch/,
  });
  let server: TestServer;
  let base: string;
  let page: Page;
  let context: BrowserContext;
  /** What the browser asked the server while it was offline: nothing, if the worker answered. */
  let reached: string[] = [];
  let offline = false;
  const watch = (request: IncomingMessage) => {
    // Chromium checks the worker's script for a new build from the browser itself, outside the
    // page's emulated network: that check is not the page reaching the server.
    if (offline && request.url !== '/sw.js' && /Chrome/.test(request.headers['user-agent'] ?? ''))
      reached.push(request.url ?? '');
  };

  beforeAll(() => {
    ({ server, base } = suite);
    server.app.server.on('request', watch);
  });
  beforeEach(() => {
    page = suite.page;
    context = page.context();
    reached = [];
    offline = false;
  });
  afterEach(() => {
    offline = false;
  });

  const goOffline = async () => {
    offline = true;
    await context.setOffline(true);
  };
  const goOnline = async () => {
    offline = false;
    await context.setOffline(false);
  };
  /** What of the outbox's words is left in English on a French page (the references are data). */
  const english = async (p: Page, refs: string[]) => {
    const texts = await p
      .locator('section.outbox')
      .evaluate((section) =>
        [...section.querySelectorAll('*')].flatMap((e) =>
          [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? ''),
        ),
      );
    return untranslated(texts, new Set(refs));
  };
  const incident = (p: Page) => p.getByRole('group', { name: /^Incident/ });
  const item = (p: Page, n: number) => p.getByRole('group', { name: new RegExp(`^(Item|Objet) ${n}`) });

  /** Signs in online and opens the form once the service worker controls the page. */
  const openOnline = async () => {
    await signIn(page, base, 'field-team', PASSWORD);
    await nav(page, 'Document').click();
    await page.getByRole('heading', { name: 'Document an incident' }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // The answers the form reads offline are kept (the account, the lists it suggests from).
    await expect
      .poll(() => page.evaluate(async () => (await (await caches.open('headstamp-api')).keys()).length))
      .toBe(6);
  };

  const fillIncident = async (p: Page, ref: string) => {
    await incident(p).getByLabel('Date', { exact: true }).fill('2024-03-14');
    await incident(p).getByLabel('Type', { exact: true }).selectOption({ label: 'IED find' });
    await incident(p).getByLabel('Country', { exact: true }).fill('ML');
    await incident(p).getByLabel('Reference', { exact: true }).fill(ref);
    await item(p, 1).getByLabel('Reference', { exact: true }).fill(`${ref}-1`);
    await item(p, 1).getByLabel('Calibre').fill('7.62x39');
  };

  it('opens offline, keeps an incident with its photo in the browser across pages, and sends it when the connection returns', async () => {
    await openOnline();
    await goOffline();
    await page.reload();
    await page.getByRole('heading', { name: 'Document an incident' }).waitFor();
    // The page, its code and the account came from the service worker: the server saw nothing.
    expect(reached).toEqual([]);

    await fillIncident(page, 'OFFLINE-1');
    await page
      .getByRole('group', { name: 'Photos of item 1' })
      .getByLabel('Choose files')
      .setInputFiles({ name: 'headstamp.png', mimeType: 'image/png', buffer: PNG });
    await page
      .getByRole('group', { name: 'Photos of item 1' })
      .getByLabel('Caption for headstamp.png')
      .fill('Base');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText('The server cannot be reached: the incident is kept in this browser', { exact: false })
      .waitFor();
    const outbox = (p: Page) =>
      p.getByRole('region', {
        name: /^(Waiting to be sent|En attente d’envoi|Envoyés depuis ce navigateur)$/,
      });
    await outbox(page).getByText('1 incident documented offline is kept in this browser.').waitFor();
    await outbox(page).getByText('OFFLINE-1', { exact: true }).waitFor();
    await outbox(page).getByText('Mar 14, 2024', { exact: true }).waitFor();
    // The form is empty again for the next one, which is half typed when the tab is closed.
    expect(await incident(page).getByLabel('Reference', { exact: true }).inputValue()).not.toBe('OFFLINE-1');
    await incident(page).getByLabel('Date', { exact: true }).fill('2024-03-15');
    await incident(page).getByLabel('Reference', { exact: true }).fill('HALF-TYPED');
    await item(page, 1).getByLabel('Markings').fill('539 85');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'offline-1-waiting-en');
    // Kept as typed, after a short pause.
    await page.waitForTimeout(1000);
    // The application leaves the tab before it closes: Playwright lifts the offline emulation of
    // a page as it closes it, which the page would see as the connection returning.
    await page.goto('about:blank');
    await page.close();

    page = await context.newPage();
    await page.goto(`${base}/document`);
    await page.getByRole('heading', { name: 'Document an incident' }).waitFor();
    await outbox(page).getByText('OFFLINE-1', { exact: true }).waitFor();
    await expect
      .poll(() => incident(page).getByLabel('Reference', { exact: true }).inputValue())
      .toBe('HALF-TYPED');
    expect(await incident(page).getByLabel('Date', { exact: true }).inputValue()).toBe('2024-03-15');
    expect(await item(page, 1).getByLabel('Markings').inputValue()).toBe('539 85');
    expect(reached).toEqual([]);
    expect(
      await server.store.db.selectFrom('incidents').select('id').where('ref', '=', 'OFFLINE-1').execute(),
    ).toEqual([]);

    await page.getByLabel('Language').selectOption('fr');
    await outbox(page)
      .getByText('1 incident documenté hors connexion est conservé dans ce navigateur.')
      .waitFor();
    expect(await english(page, ['OFFLINE-1'])).toEqual([]);
    await screenshot(page, 'offline-2-restored-fr');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'offline-3-restored-fr-390', { fullPage: false });

    await goOnline();
    await outbox(page).getByText('Envoyé et enregistré').waitFor();
    await outbox(page).getByRole('link', { name: 'OFFLINE-1' }).waitFor();
    expect(await english(page, ['OFFLINE-1'])).toEqual([]);
    await screenshot(page, 'offline-4-sent-fr-390', { fullPage: false });
    const stored = await server.store.db
      .selectFrom('attachments')
      .innerJoin('items', 'items.id', 'attachments.item_id')
      .innerJoin('incidents', 'incidents.id', 'items.incident_id')
      .select([
        'incidents.ref as incident',
        'items.ref as item',
        'attachments.file_name',
        'attachments.caption',
      ])
      .where('incidents.ref', '=', 'OFFLINE-1')
      .execute();
    expect(stored).toEqual([
      { incident: 'OFFLINE-1', item: 'OFFLINE-1-1', file_name: 'headstamp.png', caption: 'Base' },
    ]);
    // Sent once, and no longer waiting after a reload; the half-typed form is still there.
    await page.reload();
    await page.getByRole('heading', { name: 'Documenter un incident' }).waitFor();
    await expect
      .poll(() => incident(page).getByLabel('Référence', { exact: true }).inputValue())
      .toBe('HALF-TYPED');
    expect(await page.getByRole('region', { name: 'En attente d’envoi' }).count()).toBe(0);
    expect(
      await server.store.db.selectFrom('incidents').select('id').where('ref', '=', 'OFFLINE-1').execute(),
    ).toHaveLength(1);
  });

  it('keeps an incident the server refuses, with the reason in French, until it is discarded', async () => {
    await openOnline();
    await page.getByLabel('Language').selectOption('fr');
    await goOffline();
    await incident(page).getByLabel('Date', { exact: true }).fill('14/03/2024');
    await incident(page).getByLabel('Type', { exact: true }).selectOption({ label: 'EEI découvert' });
    await incident(page).getByLabel('Pays', { exact: true }).fill('ML');
    await incident(page).getByLabel('Référence', { exact: true }).fill('TAKEN-1');
    await item(page, 1).getByLabel('Référence', { exact: true }).fill('TAKEN-1-1');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Le serveur est injoignable', { exact: false }).waitFor();

    // Meanwhile someone else, online, takes the reference.
    const other = await server.signIn('documenter');
    expect(
      (
        await other.post('/incidents', {
          ref: 'TAKEN-1',
          date: '2024-03-01',
          type: 'ied_find',
          country: 'ML',
        })
      ).status,
    ).toBe(201);

    await goOnline();
    const outbox = page.getByRole('region', { name: 'En attente d’envoi' });
    await outbox.getByText('Refusé', { exact: true }).waitFor();
    await outbox
      .getByText('La référence « TAKEN-1 » ne peut pas être utilisée : choisissez-en une autre.', {
        exact: false,
      })
      .waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await english(page, ['TAKEN-1'])).toEqual([]);
    await screenshot(page, 'offline-5-refused-fr');
    // Opened in the form, the reason shows beside the reference.
    await outbox.getByRole('button', { name: 'Corriger TAKEN-1 dans le formulaire' }).click();
    await expect
      .poll(() => incident(page).getByLabel('Référence', { exact: true }).inputValue())
      .toBe('TAKEN-1');
    await page.getByRole('heading', { name: '1 problème à corriger' }).waitFor();
    await outbox.getByRole('button', { name: 'Abandonner TAKEN-1' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'En attente d’envoi' }).count()).toBe(0);
    const rows = await server.store.db
      .selectFrom('incidents')
      .select('date')
      .where('ref', '=', 'TAKEN-1')
      .execute();
    expect(rows.map((r) => String(r.date).slice(0, 10))).toEqual(['2024-03-01']);

    // Signing out forgets the account and the lists kept for offline use.
    const kept = () => page.evaluate(async () => (await (await caches.open('headstamp-api')).keys()).length);
    expect(await kept()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await kept()).toBe(0);
  });
});

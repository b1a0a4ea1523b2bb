import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '@headstamp/test/server';
import { registerFiles } from '@headstamp/test/fixtures';
import { accessibilityProblems, browserSuite, nav, PASSWORD, screenshot, signIn } from './browser';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const photo = (name: string, tail = '') => ({
  name,
  mimeType: 'image/png',
  buffer: Buffer.concat([PNG, Buffer.from(tail)]),
});

describe('documenting: a form that says everything at once, in the reader’s language', () => {
  // Refusals of the bad values (400), "not signed in" (401) and a photo too large (413) are expected answers.
  const suite = browserSuite({
    files: registerFiles,
    accounts: [['field-team', 'documenter']],
    expectedStatuses: [400, 401, 413],
  });
  let server: TestServer;
  let base: string;
  let page: Page;
  beforeAll(() => {
    ({ server, base } = suite);
  });
  beforeEach(() => {
    page = suite.page;
  });

  const count = async (table: 'incidents' | 'items' | 'attachments') =>
    Number(
      (
        await server.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const incident = () => page.getByRole('group', { name: /^Incident/ });
  const item = (n: number) => page.getByRole('group', { name: new RegExp(`^(Item|Objet) ${n}`) });

  const openForm = async () => {
    await signIn(page, base, 'field-team', PASSWORD);
    await nav(page, 'Document').click();
    await page.getByRole('heading', { name: 'Document an incident' }).waitFor();
  };

  it('shows four bad values at once, beside each field and in a summary, in English and then in French; nothing is saved', async () => {
    await openForm();
    const before = { incidents: await count('incidents'), items: await count('items') };
    await incident().getByLabel('Date', { exact: true }).fill('2031-01-01');
    await incident().getByLabel('Type', { exact: true }).selectOption({ label: 'IED find' });
    await incident().getByLabel('Country', { exact: true }).fill('ML');
    await incident().getByLabel('Latitude').fill('200');
    await incident().getByLabel('Longitude').fill('1');
    await incident().getByLabel('MGRS').fill('not-an-mgrs');
    await incident().getByLabel('Killed', { exact: true }).fill('-3');
    await incident().getByLabel('Reference', { exact: true }).fill('BAD-FORM');
    await item(1).getByLabel('Calibre').fill('7.62x39');
    await page.getByRole('button', { name: 'Save' }).click();

    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: 'There are 4 problems' }).waitFor();
    // The summary takes the focus, so that a screen reader reads it first.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      expect.stringMatching(/^Date: The date is after today \(.+\)\.$/),
      'Latitude: A latitude lies between −90 and 90; 200 does not.',
      'MGRS grid: “not-an-mgrs” is not an MGRS grid reference (e.g. 30PXC 12345 67890).',
      'Killed: Enter a whole number, 0 or more.',
    ]);
    for (const id of ['date', 'lat', 'mgrs', 'killed']) {
      expect(await page.locator(`#incident-${id}`).getAttribute('aria-invalid')).toBe('true');
      await page.locator(`#incident-${id}-error`).waitFor();
    }
    expect(await page.locator('#incident-lat-error').textContent()).toBe(
      'A latitude lies between −90 and 90; 200 does not.',
    );
    // A link of the summary takes one to its field.
    await summary.getByRole('link', { name: /^MGRS grid/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('incident-mgrs');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'documenting-1-four-problems-en');
    expect({ incidents: await count('incidents'), items: await count('items') }).toEqual(before);

    // The same problems, worded in French, once the reader switches language.
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: '4 problèmes à corriger' }).waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      expect.stringMatching(/^Date : La date est postérieure à aujourd’hui \(.+\)\.$/),
      'Latitude : Une latitude est comprise entre −90 et 90 ; 200 ne l’est pas.',
      'Carroyage MGRS : « not-an-mgrs » n’est pas une référence MGRS (p. ex. 30PXC 12345 67890).',
      'Tués : Saisissez un nombre entier, 0 ou plus.',
    ]);
    expect(await page.locator('#incident-killed-error').textContent()).toBe(
      'Saisissez un nombre entier, 0 ou plus.',
    );
    await screenshot(page, 'documenting-2-four-problems-fr');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'documenting-3-four-problems-fr-390', { fullPage: false });
  });

  it('reads a French date, names the record from it, and saves the incident, its items and their photos together', async () => {
    await openForm();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Documenter un incident' }).waitFor();
    const date = incident().getByLabel('Date', { exact: true });
    await date.fill('14/03/2024');
    await incident().getByText('Date comprise : jeudi 14 mars 2024.').waitFor();
    await incident().getByLabel('Type', { exact: true }).selectOption({ label: 'EEI découvert' });
    await incident().getByLabel('Pays', { exact: true }).fill('ML');
    await incident().getByLabel('Localité', { exact: true }).fill('Ansongo');
    // The reference comes from the date as understood, not from the text typed.
    expect(await incident().getByLabel('Référence', { exact: true }).inputValue()).toBe(
      '240314 IED find, Ansongo',
    );
    expect(await item(1).getByLabel('Référence', { exact: true }).inputValue()).toBe('240314-ANSONGO-1');
    await item(1).getByLabel('Calibre').fill('7.62x39');
    await item(1).getByLabel('Fabricant').fill('539');
    await item(1).getByLabel('Année').fill('1985');
    await page.getByRole('button', { name: 'Ajouter un objet' }).click();
    await item(2).getByLabel('Catégorie').selectOption({ label: 'Arme' });
    await item(2).getByLabel('Modèle').fill('AKM');
    await item(2).getByLabel('Numéro de série').fill('KD 12345');
    expect(await item(2).getByLabel('Référence', { exact: true }).inputValue()).toBe('240314-ANSONGO-2');

    // Photos: two of the first item at once, one of the incident, and a file that is no photo.
    const itemPhotos = page.getByRole('group', { name: 'Photos de l’objet 1' });
    await itemPhotos
      .getByLabel('Choisir des fichiers')
      .setInputFiles([photo('culot.png', 'a'), photo('lot.png', 'b')]);
    await itemPhotos.getByLabel('Légende de culot.png').fill('Culot 539 85');
    const camera = page.getByRole('group', { name: 'Photos de l’incident' }).getByLabel('Prendre des photos');
    expect(await camera.getAttribute('capture')).toBe('environment');
    expect(await camera.getAttribute('multiple')).not.toBeNull();
    await camera.setInputFiles([
      photo('site.png', 'c'),
      { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<script>alert(1)</script>') },
    ]);
    // The wrong file is said at once, beside it, before anything is sent.
    await page
      .getByText('Seules des photos (JPEG, PNG, WebP) et des documents PDF peuvent être joints.')
      .waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: '1 problème à corriger' }).waitFor();
    expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual([
      'photo.jpg : Seules des photos (JPEG, PNG, WebP) et des documents PDF peuvent être joints.',
    ]);
    expect(await count('incidents')).toBe(3);
    await screenshot(page, 'documenting-4-photos-fr');
    await page.getByRole('button', { name: 'Retirer photo.jpg' }).click();
    // A photo larger than the server takes (256 KiB for the tests) is known only when it is sent.
    await page
      .getByRole('group', { name: 'Photos de l’objet 2' })
      .getByLabel('Choisir des fichiers')
      .setInputFiles(photo('immense.png', 'x'.repeat(300 * 1024)));

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    // The incident and its items are saved, the other photos attached; the large one stays, with why.
    await page
      .getByRole('status')
      .getByText('L’incident et ses objets sont enregistrés.', { exact: false })
      .waitFor();
    await expect
      .poll(() => page.getByRole('alert').getByRole('link').allTextContents())
      .toEqual(['immense.png : Le fichier dépasse les 0,3 Mo autorisés.']);
    expect(await item(1).getByText('Enregistré').count()).toBe(1);
    expect(await count('attachments')).toBe(3);
    await screenshot(page, 'documenting-5-photo-too-large-fr');
    await page.getByRole('button', { name: 'Retirer immense.png' }).click();
    await page.getByRole('button', { name: 'Joindre les photos' }).click();
    await page.getByRole('heading', { level: 1, name: '240314 IED find, Ansongo' }).waitFor();
    const stored = await server.store.db
      .selectFrom('attachments')
      .leftJoin('items', 'items.id', 'attachments.item_id')
      .select(['attachments.file_name', 'attachments.caption', 'items.ref'])
      .orderBy('attachments.id')
      .execute();
    expect(stored).toEqual([
      { file_name: 'site.png', caption: null, ref: null },
      { file_name: 'culot.png', caption: 'Culot 539 85', ref: '240314-ANSONGO-1' },
      { file_name: 'lot.png', caption: null, ref: '240314-ANSONGO-1' },
    ]);
    const saved = await server.store.db
      .selectFrom('incidents')
      .select(['date', 'status'])
      .where('ref', '=', '240314 IED find, Ansongo')
      .executeTakeFirstOrThrow();
    expect([String(saved.date).slice(0, 10), saved.status]).toEqual(['2024-03-14', 'draft']);
    await screenshot(page, 'documenting-6-saved-fr');
  });

  it('reads an ambiguous date the way the reader’s English writes dates, and says so', async () => {
    await openForm();
    await incident().getByLabel('Date', { exact: true }).fill('03/04/2024');
    // The browser is British (en-GB): the day comes first.
    const hint = incident().locator('#incident-date-hint');
    await expect
      .poll(() => hint.textContent())
      .toMatch(
        /^Understood as Wednesday,? 3 April 2024\. Day and month could be swapped: read day first, as your language writes dates\. For Monday,? 4 March 2024, type 2024-03-04\.$/,
      );
    await screenshot(page, 'documenting-7-ambiguous-en', { fullPage: false });
    await incident().getByLabel('Date', { exact: true }).fill('mars 2024');
    await expect.poll(() => hint.textContent()).toBe('Understood as March 2024, known to the month.');
    await incident().getByLabel('Date', { exact: true }).fill('14 March 2024');
    await expect.poll(() => hint.textContent()).toMatch(/^Understood as Thursday,? 14 March 2024\.$/);
    await screenshot(page, 'documenting-8-understood-en', { fullPage: false });
  });
});

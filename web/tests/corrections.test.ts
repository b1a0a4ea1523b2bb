import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIncident } from '@headstamp/incidents/incidents.service';
import { incidentRow, KIDAL, registerFiles, SOFARA } from '@headstamp/test/fixtures';
import type { TestServer } from '@headstamp/test/server';
import { accessibilityProblems, browserSuite, cells, PASSWORD, screenshot, signIn } from './browser';

const enc = encodeURIComponent;
const DRAFT = '240305 Arms cache, Ménaka';

describe('correcting the register in a browser: edit, review, delete', () => {
  // Before sign-in the app asks who is signed in (401); nothing else may fail.
  const suite = browserSuite({
    files: registerFiles,
    accounts: [
      ['admin', 'administrator'],
      ['analyst', 'analyst'],
      ['reviewer', 'reviewer'],
      ['field-team', 'documenter'],
    ],
    expectedStatuses: [401],
  });
  let server: TestServer;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    ({ server, base } = suite);
    const documenter = await server.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'field-team')
      .executeTakeFirstOrThrow();
    await createIncident(
      server.store.db,
      { userId: documenter.id, username: 'field-team', role: 'documenter', partner: null },
      incidentRow({
        ref: DRAFT,
        date: '2024-03-05',
        type: 'arms cache',
        admin1: 'Ménaka',
        place: 'Ménaka',
        lat: '15.9182',
        lon: '2.4022',
        target: '',
      }),
    );
  });
  beforeEach(() => {
    page = suite.page;
  });

  // The language chosen is kept in the browser: the next account signs in through English labels.
  const signOutInEnglish = async () => {
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).click();
  };
  const itemOf = (ref: string) =>
    server.store.db
      .selectFrom('items')
      .select(['calibre', 'calibre_key', 'deleted_at', 'deleted_reason'])
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();

  it('corrects an item’s calibre in place, with its history beside the form', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/incidents/${enc(KIDAL)}`);
    await page.getByRole('link', { name: 'Edit item M-00003' }).click();
    await page.getByRole('heading', { name: 'Edit item M-00003', level: 1 }).waitFor();
    const history = page.getByRole('complementary', { name: 'History' });
    await history.getByText('Created').waitFor();
    const calibre = page.getByLabel('Calibre', { exact: true });
    expect(await calibre.inputValue()).toBe('7.62x39');
    expect(await page.getByLabel('Reference', { exact: true }).getAttribute('readonly')).not.toBeNull();
    await calibre.fill('7.62x54R');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'corrections-01-edit-item');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: KIDAL, level: 1 }).waitFor();
    await page.locator('table.items tbody tr').first().waitFor();
    expect((await cells(page, 'items'))[0]).toContain('7.62x54R');
    expect(await itemOf('M-00003')).toMatchObject({ calibre: '7.62x54R' });

    await page.getByRole('link', { name: 'Edit item M-00003' }).click();
    await history.getByText('Changed').waitFor();
    expect(await history.locator('.history-changes').first().textContent()).toMatch(
      /Calibre\s*7\.62x39\s*→\s*7\.62x54R/,
    );
    await screenshot(page, 'corrections-02-item-history');
  });

  it('sends a draft back with a comment, shows it to its field team, who correct it, and validates it (in French)', async () => {
    await signIn(page, base, 'reviewer', PASSWORD);
    await page.getByLabel('Language').selectOption('fr');
    await page.goto(`${base}/incidents/${enc(DRAFT)}`);
    const review = page.getByRole('region', { name: 'Révision' });
    await review.getByText('Cet incident est un brouillon : un réviseur doit encore le valider.').waitFor();
    expect(await page.getByRole('link', { name: 'Modifier cet incident' }).count()).toBe(0);
    await review.getByRole('button', { name: 'Renvoyer…' }).click();
    await review.getByRole('button', { name: 'Renvoyer à l’équipe de terrain' }).click();
    await review.getByText('Donnez une raison d’au moins trois caractères.').waitFor();
    await review
      .getByLabel('Que doit corriger l’équipe de terrain ?')
      .fill('Précisez la cible et qui a trouvé la cache.');
    await review.getByRole('button', { name: 'Renvoyer à l’équipe de terrain' }).click();
    await review.getByText('Précisez la cible et qui a trouvé la cache.').waitFor();
    await review.getByText(/^Renvoyé par reviewer le/).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'corrections-03-sent-back-fr');
    await signOutInEnglish();

    await signIn(page, base, 'field-team', PASSWORD);
    await page.getByLabel('Language').selectOption('fr');
    await page.goto(`${base}/incidents/${enc(DRAFT)}`);
    await page.getByText('Précisez la cible et qui a trouvé la cache.').waitFor();
    expect(await page.getByRole('button', { name: 'Valider' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Modifier cet incident' }).click();
    await page.getByRole('heading', { name: `Modifier l’incident ${DRAFT}`, level: 1 }).waitFor();
    await page
      .getByRole('complementary', { name: 'Historique' })
      .getByText('Renvoi pour correction')
      .waitFor();
    await page.getByLabel('Cible').fill('cache d’armes dans un oued, signalée par un berger');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'corrections-04-edit-incident-fr-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: DRAFT, level: 1 }).waitFor();
    await page.getByText('cache d’armes dans un oued, signalée par un berger').waitFor();
    await signOutInEnglish();

    await signIn(page, base, 'reviewer', PASSWORD);
    await page.getByLabel('Language').selectOption('fr');
    await page.goto(`${base}/incidents/${enc(DRAFT)}`);
    await page.getByRole('region', { name: 'Révision' }).getByRole('button', { name: 'Valider' }).click();
    await page.getByText(/^Validé par reviewer le/).waitFor();
    expect(await page.getByText('Cet incident est un brouillon').count()).toBe(0);
    await screenshot(page, 'corrections-05-validated-fr');
    const stored = await server.store.db
      .selectFrom('incidents')
      .select(['status', 'target'])
      .where('ref', '=', DRAFT)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      status: 'validated',
      target: 'cache d’armes dans un oued, signalée par un berger',
    });
  });

  it('deletes an item for a reason, and an administrator restores it', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/items/M-00002/edit`);
    await page.getByRole('heading', { name: 'Edit item M-00002', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete this item…' }).click();
    await page.getByRole('button', { name: 'Delete it' }).click();
    await page.getByText('Give a reason of at least three characters.').waitFor();
    await page.getByLabel('Why is it deleted?').fill('Counted twice: the same casings as at Kidal.');
    await screenshot(page, 'corrections-06-delete-item');
    await page.getByRole('button', { name: 'Delete it' }).click();
    await page.getByRole('heading', { name: SOFARA, level: 1 }).waitFor();
    await page.getByText('No materiel documented.').waitFor();
    await screenshot(page, 'corrections-07-item-deleted');
    expect(await itemOf('M-00002')).toMatchObject({
      deleted_reason: 'Counted twice: the same casings as at Kidal.',
    });
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, base, 'admin', PASSWORD);
    await page.goto(`${base}/admin`);
    const deleted = page.getByRole('region', { name: 'Deleted records' });
    await page.locator('table.deleted tbody tr').first().waitFor();
    expect(await deleted.locator('table.deleted').last().textContent()).toContain(
      'Counted twice: the same casings as at Kidal.',
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'corrections-08-deleted-records');
    await page.getByRole('button', { name: 'Restore M-00002' }).click();
    await page.getByText('M-00002 restored.').waitFor();
    expect(await itemOf('M-00002')).toMatchObject({ deleted_at: null, deleted_reason: null });
    await page.getByLabel('Language').selectOption('fr');
    await page.getByText('Aucune fiche supprimée.').first().waitFor();
    await screenshot(page, 'corrections-09-deleted-records-fr');
  });
});

import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KIDAL, registerFiles, SEVARE, SOFARA } from '@headstamp/test/fixtures';
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

const FINDING = 'Des douilles 61 15 du même lot relient Sévaré et Kidal.';

describe('case files in a browser', () => {
  // Refusals (400, 409: already in the case file) and "not signed in" (401) are expected answers.
  const suite = browserSuite({
    files: registerFiles,
    accounts: [
      ['analyst', 'analyst'],
      ['panel', 'partner', PANEL],
    ],
    expectedStatuses: [400, 401, 409],
  });
  let base: string;
  let page: Page;

  beforeAll(() => {
    ({ base } = suite);
  });
  beforeEach(() => {
    page = suite.page;
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

  it('adds a finding from the inbox to a new case file, which then holds its incidents, items and what is missing', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/leads`);
    const card = page.locator('article.lead[data-kind="linked_incidents"]');
    await card.getByText('Add to a case file').click();
    await card.getByLabel('Case file').selectOption({ label: 'A new case file…' });
    // Proposed from what the finding is about, not from the engine's key.
    expect(await card.getByLabel('Title').inputValue()).toBe(
      `Linked incidents: 7.62 × 39 mm ammunition, Factory 61 (China), 2015 — ${SEVARE} and ${KIDAL}`,
    );
    await card.getByLabel('Title').fill('Lot 61 15');
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    const done = card.getByRole('status').filter({ hasText: 'Added to' });
    await done.waitFor();
    expect(await done.textContent()).toBe(
      'Added to Lot 61 15. New in the case file: 2 incidents, 3 items, 1 finding.',
    );
    await screenshot(page, 'casefiles-03-inbox-added', { fullPage: false });

    // The same finding again: nothing new, said plainly, in English and in French.
    await card.getByLabel('Case file').selectOption({ label: 'Lot 61 15' });
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    await card.getByRole('alert').waitFor();
    expect(await card.getByRole('alert').textContent()).toBe(
      'All of it is in the case file already, as it is now: nothing was added.',
    );
    await page.getByLabel('Language').selectOption('fr');
    await card.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await expect
      .poll(() => card.getByRole('alert').textContent())
      .toBe('Tout cela est déjà dans le dossier, tel quel : rien n’a été ajouté.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'casefiles-04-inbox-duplicate-fr', { fullPage: false });
    await page.getByLabel('Langue').selectOption('en');

    await nav(page, 'Case files').click();
    await page.getByRole('link', { name: 'Lot 61 15' }).click();
    await page.getByRole('heading', { name: 'Lot 61 15', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Items (3)' }).waitFor();
    expect((await cells(page, 'casefile-incidents')).map((row) => row[0])).toEqual([SEVARE, KIDAL]);
    expect((await cells(page, 'casefile-items')).map((row) => row.slice(0, 2))).toEqual([
      ['M-00001', SEVARE],
      ['M-00003', KIDAL],
      ['M-00004', SEVARE],
    ]);
    await page.getByRole('heading', { name: 'Leads (1)' }).waitFor();
    const gaps = page.getByRole('region', { name: 'What is missing' });
    await gaps.getByText('3 items without a photo in the case file: M-00001, M-00003, M-00004.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'casefiles-05-from-finding');

    // Nothing typed in the form: said beside it, nothing sent.
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Name at least one incident or item to add.').waitFor();
  });

  it('adds an incident from its page, says what a finding would bring, and releases the incident to a partner', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/incidents/${encodeURIComponent(SOFARA)}`);
    // The incident's own button, above its record (each finding listed below has one too).
    const actions = page.locator('.page-actions');
    await actions.getByText('Add to a case file').click();
    await actions.getByLabel('Case file', { exact: true }).selectOption({ label: 'Lot 61 15' });
    await actions.getByRole('button', { name: 'Add', exact: true }).click();
    await actions
      .getByText('Added to Lot 61 15. New in the case file: 1 incident, 1 item, 1 finding.')
      .waitFor();

    // Releases to partners, from the incident itself.
    const releases = page.getByRole('region', { name: 'Releases to partners' });
    await releases.getByText('Not released to any partner').waitFor();
    await releases.getByLabel('Partner organisation').fill(PANEL);
    await releases.getByRole('button', { name: 'Release', exact: true }).click();
    await releases.getByText(`${SOFARA} is released to ${PANEL}.`).waitFor();
    await releases.getByRole('button', { name: `Withdraw ${SOFARA} from ${PANEL}` }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'casefiles-06-incident-actions');
    await releases.getByRole('button', { name: `Withdraw ${SOFARA} from ${PANEL}` }).click();
    await releases.getByText(`${SOFARA} is no longer released to ${PANEL}.`).waitFor();
    await releases.getByText('Not released to any partner').waitFor();

    // A sample whose incidents are all in the case file brings nothing new.
    await page.goto(`${base}/samples/${encodeURIComponent('ammo:7.62x39:cn-61:2015')}`);
    await actions.getByText('Add to a case file').click();
    await actions.getByLabel('Case file', { exact: true }).selectOption({ label: 'Lot 61 15' });
    await actions.getByRole('button', { name: 'Add', exact: true }).click();
    await actions.getByText('All of it is in the case file already').waitFor();
  });

  it('shows the case file and what it lacks in French, on a phone', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.getByLabel('Language').selectOption('fr');
    await nav(page, 'Dossiers').click();
    // On a phone the menu folds behind its button (defaults.test.ts walks it): the page is read there.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Lot 61 15' }).click();
    await page.getByRole('heading', { name: 'Objets (4)' }).waitFor();
    const gaps = page.getByRole('region', { name: 'Ce qui manque' });
    await gaps
      .getByText('4 objets sans photo dans le dossier : M-00001, M-00002, M-00003, M-00004.')
      .waitFor();
    // Findings outside the case file are named for people, not by the engine's keys.
    expect(await gaps.textContent()).not.toMatch(/group:|series:|incident:\d|serial:/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'casefiles-07-fr-390');
    await gaps.scrollIntoViewIfNeeded();
    await screenshot(page, 'casefiles-08-fr-390-gaps', { fullPage: false });
  });
});

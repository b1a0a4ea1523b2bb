import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KIDAL, registerFiles, SEVARE } from '@headstamp/test/fixtures';
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
  // Refusals (400) and "not signed in" (401) are expected answers.
  const suite = browserSuite({
    files: registerFiles,
    accounts: [
      ['analyst', 'analyst'],
      ['panel', 'partner', PANEL],
    ],
    expectedStatuses: [400, 401],
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
});

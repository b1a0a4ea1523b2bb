import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerFiles } from '@headstamp/test/fixtures';
import { Client, type TestServer } from '@headstamp/test/server';
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

describe('accounts and API tokens in a browser', () => {
  // A refused sign-in and "not signed in" (401) are expected answers.
  const suite = browserSuite({
    files: registerFiles,
    accounts: [
      ['admin', 'administrator'],
      ['analyst', 'analyst'],
      ['leaving', 'reviewer'],
      ['panel', 'partner', PANEL],
    ],
    expectedStatuses: [401],
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

  const signInOver = (username: string) =>
    new Client(server.url).post('/auth/login', { username, password: PASSWORD });
  const account = (username: string) =>
    server.store.db
      .selectFrom('users')
      .select(['role', 'partner', 'disabled'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();

  it('disables an account, which can no longer sign in, enables it again, and changes a role', async () => {
    await signIn(page, base, 'admin', PASSWORD);
    await nav(page, 'Administration').click();
    await page.locator('table.users tbody tr').first().waitFor();
    // An administrator is offered no way to lock themselves out.
    expect((await cells(page, 'users')).find((row) => row[0] === 'admin')).toEqual([
      'admin',
      'admin',
      'Administrator',
      '',
      'Active',
      'You',
    ]);

    await page.getByRole('button', { name: 'Disable leaving' }).click();
    await page
      .getByText('leaving is disabled: its sessions have ended and its API tokens no longer work.')
      .waitFor();
    await page.getByRole('button', { name: 'Enable leaving' }).waitFor();
    expect((await cells(page, 'users')).find((row) => row[0] === 'leaving')![4]).toBe('Disabled');
    expect(await account('leaving')).toMatchObject({ disabled: true });
    expect((await signInOver('leaving')).status).toBe(401);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'accounts-01-disabled');

    await page.getByRole('button', { name: 'Enable leaving' }).click();
    await page.getByText('leaving is enabled again.').waitFor();
    expect((await signInOver('leaving')).status).toBe(200);

    const form = page.getByRole('group', { name: 'Change an account’s role' });
    await form.getByLabel('Account').selectOption('analyst');
    await form.getByLabel('New role').selectOption({ label: 'Partner' });
    await form.getByLabel('Partner organisation').fill('ECOWAS Commission');
    await form.getByRole('button', { name: 'Change the role' }).click();
    await form.getByText('analyst is now Partner.').waitFor();
    expect(await account('analyst')).toEqual({
      role: 'partner',
      partner: 'ECOWAS Commission',
      disabled: false,
    });
    await form.getByLabel('New role').selectOption({ label: 'Analyst' });
    await form.getByRole('button', { name: 'Change the role' }).click();
    await form.getByText('analyst is now Analyst.').waitFor();
    expect(await account('analyst')).toEqual({ role: 'analyst', partner: null, disabled: false });

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'Désactiver leaving' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'accounts-02-administration-fr');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Comptes', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'accounts-03-administration-fr-390', { fullPage: false });
  });

  it('makes an API token shown once, which works until it is revoked', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.getByRole('link', { name: 'analyst', exact: true }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await page.getByText('No API token.').waitFor();

    const form = page.getByRole('group', { name: 'Make a token' });
    await form.getByLabel('Name').fill('nightly export');
    await form.getByLabel('Expires after').selectOption({ label: '30 days' });
    await form.getByRole('button', { name: 'Make the token' }).click();
    const secret = page.getByLabel('Token', { exact: true });
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^hst_[\w-]{40,}$/);
    await page.getByText('Copy it now: it will not be shown again.').waitFor();
    const bearer = new Client(server.url, { authorization: `Bearer ${token}` });
    expect((await bearer.get('/auth/me')).status).toBe(200);
    const [row] = await cells(page, 'tokens');
    expect([row![0], row![3], row![4], row![5]]).toEqual(['nightly export', '–', 'Active', 'Revoke']);
    const stored = await server.store.db.selectFrom('api_tokens').select(['name', 'expires_at']).execute();
    expect(stored.map((t) => t.name)).toEqual(['nightly export']);
    const days = (new Date(stored[0]!.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'accounts-04-token-made');

    // Shown once: not after the page is opened again.
    await page.reload();
    await page.locator('table.tokens tbody tr').first().waitFor();
    expect(await page.getByLabel('Token', { exact: true }).count()).toBe(0);
    expect(await page.content()).not.toContain(token);

    await page.getByRole('button', { name: 'Revoke the token nightly export' }).click();
    await page.getByRole('button', { name: 'Revoke “nightly export” now' }).click();
    await page.getByText('The token “nightly export” is revoked: it no longer works.').waitFor();
    expect((await bearer.get('/auth/me')).status).toBe(401);
    await expect.poll(async () => (await cells(page, 'tokens'))[0]![4]).toMatch(/^Revoked on .* by analyst$/);

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Jetons d’API' }).waitFor();
    await expect
      .poll(async () => (await cells(page, 'tokens'))[0]![4])
      .toMatch(/^Révoqué le .* par analyst$/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'accounts-05-tokens-fr');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'accounts-06-tokens-fr-390', { fullPage: false });
  });

  it('tells a partner it holds no token, and lists every account’s tokens to an administrator', async () => {
    await signIn(page, base, 'panel', PASSWORD);
    await page.goto(`${base}/account`);
    await page.getByText('Partner accounts do not hold API tokens').waitFor();
    expect(await page.getByRole('button', { name: 'Make the token' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, base, 'admin', PASSWORD);
    await nav(page, 'Administration').click();
    const tokens = page.getByRole('region', { name: 'API tokens of every account' });
    await tokens.locator('table.tokens tbody tr').first().waitFor();
    const [row] = await cells(page, 'tokens');
    expect([row![0], row![1]]).toEqual(['nightly export', 'analyst']);
    expect(row![5]).toMatch(/^Revoked on /);
  });
});

import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoFiles } from '@headstamp/demo/load';
import type { TestServer } from '@headstamp/test/server';
import { accessibilityProblems, browserSuite, PASSWORD, screenshot, signIn } from './browser';

const ADDRESSEE = 'Ministry of Foreign Affairs, Department of Arms Control';
const PURPOSE = 'To establish how this weapon reached an armed group under the Mali sanctions regime.';
const DIVERSION = 'Stolen from a police armoury in 2016';

/** A link of the header's navigation. */
const nav = (page: Page) => page.getByRole('navigation', { name: /^(Main|Navigation principale)$/ });

describe('tracing requests and reports in a browser', () => {
  // Refusals of bad input (400, 409) and "not signed in" (401) are expected answers.
  const suite = browserSuite({
    files: () => demoFiles({ incidents: 120 }),
    accounts: [
      ['analyst', 'analyst'],
      ['field-team', 'documenter'],
    ],
    expectedStatuses: [400, 401, 409],
  });
  let server: TestServer;
  let base: string;
  let page: Page;
  /** A seized weapon of the demo theatre, made after 1899 (antiques are outside the reports). */
  let weapon: { ref: string; incident: string; date: string; made: string };

  beforeAll(async () => {
    ({ server, base } = suite);
    const found = await server.store.db
      .selectFrom('items')
      .innerJoin('incidents', 'incidents.id', 'items.incident_id')
      .select(['items.ref', 'incidents.ref as incident', 'incidents.date', 'items.country_of_manufacture'])
      .where('items.category', '=', 'weapon')
      .where('items.year', '>=', 1900)
      .where('items.country_of_manufacture', 'is not', null)
      .where('incidents.type', '=', 'seizure')
      .orderBy('incidents.date', 'desc')
      .executeTakeFirstOrThrow();
    weapon = {
      ref: found.ref,
      incident: found.incident,
      date: found.date,
      made: found.country_of_manufacture!,
    };
  });
  beforeEach(() => {
    page = suite.page;
  });

  it('requests a trace from an incident, follows it to an established diversion, and counts it in the reports', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/incidents/${encodeURIComponent(weapon.incident)}`);
    const request = page.getByRole('button', { name: 'Request a trace' });
    await request.waitFor();
    expect(await request.isDisabled()).toBe(true);
    await page.getByLabel(`Select ${weapon.ref}`, { exact: true }).check();
    await request.click();

    const form = page.getByRole('group', { name: 'Request a trace of 1 item' });
    // The state of manufacture is addressed unless the analyst says otherwise.
    expect(await form.getByLabel('Addressee country').inputValue()).toBe(weapon.made);
    await form.getByLabel('Authority addressed').fill(ADDRESSEE);
    await form.getByLabel('Channel').selectOption({ label: 'INTERPOL iARMS' });
    // Too short a purpose: the server's refusal is shown beside the field, and nothing is opened.
    await form.getByLabel('Purpose of the request').fill('Trace it');
    await page.getByRole('button', { name: 'Open the request' }).click();
    await page.locator('#trace-purpose-error').waitFor();
    expect(await page.locator('#trace-purpose').getAttribute('aria-invalid')).toBe('true');
    expect(await server.store.db.selectFrom('tracing_requests').select('ref').execute()).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'tracing-01-incident-request-form');

    await form.getByLabel('Purpose of the request').fill(PURPOSE);
    await page.getByRole('button', { name: 'Open the request' }).click();
    await page.waitForURL(/\/tracing\/TR-\d{4}-0001$/);
    const ref = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('heading', { name: new RegExp(`^${ref}`) }).waitFor();
    expect(await page.locator('h1 .badge').textContent()).toBe('Draft');
    const traced = page.getByRole('region', { name: '1 item traced' });
    expect(await traced.textContent()).toContain(weapon.ref);
    expect(await traced.getByRole('link', { name: weapon.incident }).count()).toBe(1);
    expect(await page.locator('.fields').first().textContent()).toContain(ADDRESSEE);

    // Sent, then answered: an answer without what was said is refused beside the note.
    const steps = page.getByRole('group', { name: 'Record a step' });
    await steps.getByLabel('What happened').selectOption({ label: 'Sent' });
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('Sent');
    await steps.getByLabel('What happened').selectOption({ label: 'Answer' });
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.locator('#step-note-error').waitFor();
    expect(await page.locator('#step-note-error').textContent()).toBe('say what the answer was');
    await steps.getByLabel('Note').fill('The rifle was exported to the national police in 2012.');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('Answered');
    expect(await page.locator('.timeline li').allTextContents()).toEqual([
      expect.stringContaining('Opened by analyst'),
      expect.stringContaining('Sent'),
      expect.stringContaining('exported to the national police'),
    ]);

    const outcome = page.getByRole('group', { name: 'Save the outcome' });
    await outcome.getByLabel('What the answer established').fill('Exported to the national police; stolen.');
    await outcome.getByLabel('The point of diversion is established').check();
    await outcome.getByLabel('Point of diversion', { exact: true }).fill(DIVERSION);
    await outcome.getByLabel('The trace (the answer)').check();
    await page.getByRole('button', { name: 'Save the outcome' }).click();
    await page.getByText('The outcome is saved.').waitFor();
    expect(await page.locator('.outcome').textContent()).toContain(DIVERSION);
    const stored = await server.store.db
      .selectFrom('tracing_requests')
      .select(['status', 'diversion_established', 'established_by', 'channel'])
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      status: 'answered',
      diversion_established: true,
      established_by: 'trace',
      channel: 'iarms',
    });
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'tracing-02-request');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('group', { name: 'The letter (PDF):' }).getByRole('link', { name: 'In French' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${ref}-fr.pdf`);
    const letter = await readFile(await download.path());
    expect(letter.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The list, filtered by status, leads back to the request.
    await nav(page).getByRole('link', { name: 'Tracing', exact: true }).click();
    await page.getByRole('heading', { name: '1 request' }).waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Draft' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: '0 requests' }).waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Answered' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: '1 request' }).waitFor();
    expect(await page.locator('tbody tr').textContent()).toContain(DIVERSION);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'tracing-03-list');
    await page.getByRole('link', { name: ref }).click();
    await page.waitForURL(new RegExp(`/tracing/${ref}$`));

    // The reports of the day the weapon was seized count it, and the trace in SDG 16.4.2.
    await nav(page).getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByLabel('From').fill(weapon.date);
    await page.getByLabel('To', { exact: true }).fill(weapon.date);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/from=/);
    const row = page.locator('table.register tbody tr', { hasText: weapon.ref });
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toBe('Seized');
    const seized = Number(
      (await page.getByTestId('total-seized').locator('dd').textContent())!.replace(/\D/g, ''),
    );
    expect(seized).toBeGreaterThan(0);
    const proportion = (await page.getByTestId('sdg-proportion').locator('dd').textContent())!;
    expect(proportion).toMatch(/%$/);
    expect(Number.parseFloat(proportion)).toBeGreaterThan(0);
    expect(await page.getByTestId('sdg-by-trace').textContent()).not.toBe('0');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'reports-01-period');

    const [register] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).click(),
    ]);
    const csv = (await readFile(await register.path())).toString('utf8');
    expect(csv).toContain(weapon.ref);

    // A period that ends before it starts is refused beside its end.
    await page.getByLabel('To', { exact: true }).fill('2000-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#report-to-error').waitFor();
    expect(await page.locator('#report-to-error').textContent()).toBe('the period ends before it starts');

    // In French, with French numbers and dates.
    await page.getByLabel('To', { exact: true }).fill(weapon.date);
    await page.getByRole('button', { name: 'Show' }).click();
    await row.waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Indicateur 16.4.2 des ODD' }).waitFor();
    await page.locator('table.register tbody tr', { hasText: weapon.ref }).getByText('Saisies').waitFor();
    expect(await page.getByTestId('sdg-proportion').locator('dd').textContent()).toMatch(
      /^\d+(,\d)?[\u00a0\u202f]%$/,
    );
    await screenshot(page, 'reports-02-period-fr');

    // The request in French: its history and vocabulary in the reader's language.
    await page.goto(`${base}/tracing/${ref}`);
    await page.getByRole('heading', { name: 'Historique' }).waitFor();
    expect(await page.locator('h1 .badge').textContent()).toBe('Répondue');
    expect(await page.locator('.timeline').textContent()).toContain('Réponse');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'tracing-05-request-fr');
  });

  it('shows neither tracing nor reports to a documenter, and refuses them on a direct address', async () => {
    await signIn(page, base, 'field-team', PASSWORD);
    await nav(page).getByRole('link', { name: 'Incidents', exact: true }).waitFor();
    expect(await nav(page).getByRole('link', { name: 'Tracing', exact: true }).count()).toBe(0);
    expect(await nav(page).getByRole('link', { name: 'Reports', exact: true }).count()).toBe(0);

    await page.goto(`${base}/tracing`);
    await page.getByText('Tracing requests are for analysts and administrators').waitFor();
    await screenshot(page, 'tracing-04-refused');
    await page.goto(`${base}/tracing/TR-2026-0001`);
    await page.getByText('Tracing requests are for analysts and administrators').waitFor();
    await page.goto(`${base}/reports`);
    await page.getByText('Reports are for analysts and administrators').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // No boxes to tick on an incident's materiel either.
    await page.goto(`${base}/incidents/${encodeURIComponent(weapon.incident)}`);
    await page.getByRole('heading', { name: /^\d+ items?$/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Request a trace' }).count()).toBe(0);
    expect(await page.locator('table.items input[type=checkbox]').count()).toBe(0);
  });
});

import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemViewer } from '@headstamp/access/policy';
import { demoFiles } from '@headstamp/demo/load';
import { countLeads, listLeads } from '@headstamp/leads/leads.queries';
import type { TestServer } from '@headstamp/test/server';
import { accessibilityProblems, browserSuite, PASSWORD, screenshot, signIn } from './browser';

const REASON = 'Casings from the range at Gao camp, not attacks';

/** The inbox's count as it reads. */
const findings = (n: number) => (n === 1 ? '1 finding' : `${n} findings`);
describe('the findings inbox in a browser', () => {
  const suite = browserSuite({
    files: () => demoFiles({ incidents: 150 }),
    accounts: [['analyst', 'analyst']],
    // "Not signed in" (401, the page before signing in) is an expected answer.
    expectedStatuses: [401],
    // One test holds the findings' status with page.route, which a worker-controlled page can bypass.
    serviceWorkers: 'block',
  });
  let server: TestServer;
  let base: string;
  let page: Page;
  /** A country with a few findings, but not all of them: the filter visibly narrows the inbox. */
  let country: string;

  beforeAll(async () => {
    ({ server, base } = suite);
    const all = await countLeads(server.store.db, systemViewer, { status: 'open' });
    const countries = await server.store.db.selectFrom('incidents').select('country').distinct().execute();
    const counts = await Promise.all(
      countries.map(async ({ country }) => ({
        country,
        n: await countLeads(server.store.db, systemViewer, { status: 'open', country }),
      })),
    );
    country = counts.filter(({ n }) => n >= 3 && n < all).sort((a, b) => a.n - b.n)[0]!.country;
  });
  beforeEach(() => {
    page = suite.page;
  });

  it('filters the inbox by country, then dismisses two findings at once for one reason', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/leads`);
    await page.locator('.leads-total').waitFor();
    await page.getByLabel('Country or region').selectOption(`${country}|`);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(new RegExp(`country=${country}`));

    const expected = await listLeads(server.store.db, systemViewer, { status: 'open', country });
    const total = page.locator('.leads-total');
    await expect.poll(() => total.innerText()).toBe(findings(expected.length));
    await expect.poll(() => page.locator('.lead').count()).toBe(expected.length);

    const [first, second] = [page.locator('.lead').nth(0), page.locator('.lead').nth(1)];
    const explanations = [
      await first.locator('.explanation').innerText(),
      await second.locator('.explanation').innerText(),
    ];
    await first.getByLabel('Select this finding').check();
    await second.getByLabel('Select this finding').check();
    const bar = page.getByRole('region', { name: 'Decide on the selected findings' });
    await bar.getByText('2 findings selected').waitFor();
    await bar.getByRole('button', { name: 'Dismiss the selected…' }).click();
    // One reason for all, checked as for one finding.
    await bar.getByRole('button', { name: 'Dismiss the selected findings' }).click();
    await bar.getByText('Give a reason of at least three characters.').waitFor();
    await bar.getByLabel('Why are these findings dismissed?').fill(REASON);
    await screenshot(page, 'inbox-01-two-selected', { fullPage: false });
    expect(await accessibilityProblems(page)).toEqual([]);
    await bar.getByRole('button', { name: 'Dismiss the selected findings' }).click();

    await page.getByText('2 findings decided.').waitFor();
    // Dismissed, they leave the open inbox; the selection is gone with them.
    await expect.poll(() => total.innerText()).toBe(findings(expected.length - 2));
    expect(await bar.count()).toBe(0);
    expect(await page.locator('.lead .explanation').allInnerTexts()).not.toContain(explanations[0]);
    await screenshot(page, 'inbox-02-dismissed', { fullPage: false });

    const decisions = await server.store.db
      .selectFrom('lead_decisions')
      .select(['kind', 'subject', 'status', 'reason', 'decided_by'])
      .execute();
    expect(decisions.map((d) => [d.status, d.reason, d.decided_by])).toEqual([
      ['dismissed', REASON, 'analyst'],
      ['dismissed', REASON, 'analyst'],
    ]);
    expect(decisions.map((d) => `${d.kind} ${d.subject}`).sort()).toEqual(
      expected
        .slice(0, 2)
        .map((l) => `${l.kind} ${l.subject}`)
        .sort(),
    );

    await page.getByLabel('State').selectOption({ label: 'Dismissed' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=dismissed/);
    await expect
      .poll(() => page.locator('.lead q.decision-reason').allInnerTexts())
      .toEqual([REASON, REASON]);
  });

  it('marks the findings new since the last visit and those resting on drafts, and filters on both', async () => {
    const user = await server.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'analyst')
      .executeTakeFirstOrThrow();
    // A visit a while ago; every finding found before it but two, found since.
    await server.store.db
      .insertInto('lead_inbox_visits')
      .values({ user_id: user.id, visited_at: new Date('2024-06-01T08:00:00Z') })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ visited_at: new Date('2024-06-01T08:00:00Z') }))
      .execute();
    await server.store.db
      .updateTable('lead_first_seen')
      .set({ first_seen: new Date('2024-01-01T00:00:00Z') })
      .execute();
    const [a, b] = await listLeads(server.store.db, systemViewer, { status: 'open', limit: 2 });
    for (const lead of [a!, b!])
      await server.store.db
        .updateTable('lead_first_seen')
        .set({ first_seen: new Date('2024-06-02T08:00:00Z') })
        .where('kind', '=', lead.kind)
        .where('subject', '=', lead.subject)
        .execute();
    // One incident of the strongest finding is an unvalidated draft.
    await server.store.db
      .updateTable('incidents')
      .set({ status: 'draft' })
      .where('ref', '=', a!.incidents[0]!)
      .execute();

    await signIn(page, base, 'analyst', PASSWORD);
    await page.goto(`${base}/leads`);
    await page.locator('.leads-total').waitFor();
    await expect.poll(() => page.locator('.lead .badge.new').count()).toBe(2);
    const strongest = page.locator('.lead').first();
    await strongest.getByText('rests on 1 draft').waitFor();
    await screenshot(page, 'inbox-03-new-and-drafts', { fullPage: false });

    await page.getByLabel('New since my last visit (2)').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/new=1/);
    await expect.poll(() => page.locator('.leads-total').innerText()).toBe('2 findings');

    await page.getByLabel(/^New since my last visit/).uncheck();
    await page.getByLabel('Validated incidents only').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/validated=1/);
    const validated = await countLeads(server.store.db, systemViewer, {
      status: 'open',
      validatedOnly: 'true',
    });
    await expect.poll(() => page.locator('.leads-total').innerText()).toBe(findings(validated));
    expect(await page.locator('.lead .badge.drafts').count()).toBe(0);
  });

  it('says while the findings are being brought up to date, in English and French, then reads them again', async () => {
    await signIn(page, base, 'analyst', PASSWORD);
    // The status is held at "updating" until released, as while a long refresh runs.
    let updating = true;
    await page.route('**/api/v1/leads/status', (route) =>
      route.fulfill({
        json: {
          updating,
          pending: updating ? 3 : 0,
          oldestQueuedAt: updating ? new Date().toISOString() : null,
        },
      }),
    );
    await page.goto(`${base}/leads`);
    const notice = page.locator('.findings-updating');
    await notice.waitFor();
    expect(await notice.innerText()).toBe(
      'The findings are being brought up to date with the latest changes…',
    );
    await screenshot(page, 'inbox-updating');
    await page.getByLabel('Language').selectOption('fr');
    await expect
      .poll(() => notice.innerText())
      .toBe('Les constats sont en cours de mise à jour avec les dernières modifications…');
    await screenshot(page, 'inbox-updating-fr');
    await page.getByLabel('Langue').selectOption('en');

    const listed: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/v1\/leads\?/.test(request.url())) listed.push(request.url());
    });
    updating = false;
    await notice.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => listed.length).toBeGreaterThan(0);
    await page.unroute('**/api/v1/leads/status');
  });

  it("confirms a finding from its incident's page and from its sample's page", async () => {
    const [onIncident, onSample] = (
      await listLeads(server.store.db, systemViewer, { status: 'open', kind: 'sample_story', limit: 20 })
    ).filter((l) => l.samples.length > 0 && l.drafts === 0);
    await signIn(page, base, 'analyst', PASSWORD);

    await page.goto(`${base}/incidents/${encodeURIComponent(onIncident!.incidents[0]!)}`);
    // The incident's page lists every finding citing it; this one is the story of its sample.
    const card = page
      .locator('.lead[data-kind="sample_story"]')
      .filter({ has: page.locator('.lead-samples', { hasText: onIncident!.samples[0]! }) });
    await card.getByRole('button', { name: 'Confirm' }).click();
    await card.locator('.badge.status-confirmed').waitFor();

    await page.goto(`${base}/samples/${encodeURIComponent(onSample!.samples[0]!)}`);
    const story = page.locator('.lead[data-kind="sample_story"]').first();
    await story.getByLabel('Assign to').selectOption('analyst');
    await story.getByText('Assigned to analyst').waitFor();

    const decided = await server.store.db
      .selectFrom('lead_decisions')
      .select(['kind', 'subject', 'status', 'assignee_id'])
      .where('subject', 'in', [onIncident!.subject, onSample!.subject])
      .where('kind', '=', 'sample_story')
      .orderBy('status')
      .execute();
    expect(decided.map((d) => [d.subject, d.status, d.assignee_id !== null])).toEqual(
      expect.arrayContaining([
        [onIncident!.subject, 'confirmed', false],
        [onSample!.subject, 'open', true],
      ]),
    );
  });
});

import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemViewer, type Role } from '@headstamp/access/policy';
import { demoFiles } from '@headstamp/demo/load';
import { setRelease } from '@headstamp/releases/releases.service';
import { Client } from '@headstamp/test/server';
import { accessibilityProblems, browserSuite, PANEL, PASSWORD, screenshot } from './browser';
import { dataStrings, gluedColons, untranslated, type Untranslated } from './untranslated';

// Every page of the web application, as each role sees it on the demo theatre, in French: a
// string left in English on any of them fails (untranslated.ts says how it is found).

const AKMS = 'weapon:AKMS:ro-cugir:2011';
const ROLES: Role[] = ['administrator', 'analyst', 'documenter', 'reviewer', 'partner'];
/** Each role's account: people's names, not words a page might show. */
const ACCOUNTS: Record<Role, string> = {
  administrator: 'aissata',
  analyst: 'amina',
  documenter: 'bakary',
  reviewer: 'fatou',
  partner: 'oumar',
};

describe('every page in French', () => {
  // Pages a role may not use are refused (403) or not found (404) by the server, as they should.
  const suite = browserSuite({
    files: () => demoFiles({ incidents: 120 }),
    accounts: ROLES.map((role) => [ACCOUNTS[role], role, role === 'partner' ? PANEL : undefined] as const),
    expectedStatuses: [401, 403, 404],
  });
  /** The pages of the application, detail pages of records of the demo included. */
  let routes: string[];
  /** What each walk found in English: each role's, and the analyst's on a phone (`phone`). */
  const walks = new Map<string, Promise<string[]>>();

  beforeAll(async () => {
    const { server } = suite;
    const db = server.store.db;
    // The attacks linked by the AKMS rifles are released to the Panel, as on the demo.
    const released = await db
      .selectFrom('incidents')
      .innerJoin('items', 'items.incident_id', 'incidents.id')
      .select(['incidents.ref', 'items.ref as item', 'items.country_of_manufacture as made'])
      .where('items.sample_key', '=', AKMS)
      .orderBy('incidents.date')
      .execute();
    for (const ref of new Set(released.map((r) => r.ref)))
      await setRelease(db, systemViewer, ref, PANEL, true);
    const incident = released[0]!;

    const analyst = new Client(server.url);
    expect(
      (await analyst.post('/auth/login', { username: ACCOUNTS.analyst, password: PASSWORD })).status,
    ).toBe(200);
    const lead = (
      await analyst.get<{ kind: string; subject: string }[]>(`/leads?sample=${encodeURIComponent(AKMS)}`)
    ).body[0]!;
    const caseFile = await analyst.post<{ id: number }>('/case-files', {
      title: 'Fusils AKMS de Cugir',
      finding: 'Les fusils d’un même lot relient ces attaques.',
    });
    expect(caseFile.status).toBe(201);
    const { id } = caseFile.body;
    expect(
      (
        await analyst.post(`/case-files/${id}/members`, {
          incidents: [incident.ref],
          leads: [{ kind: lead.kind, subject: lead.subject }],
        })
      ).status,
    ).toBe(200);
    expect((await analyst.put(`/case-files/${id}/releases/${encodeURIComponent(PANEL)}`)).status).toBe(200);
    const trace = await analyst.post<{ ref: string }>('/tracing-requests', {
      items: [incident.item],
      addresseeCountry: incident.made ?? 'RO',
      addressee: 'Ministère des Affaires étrangères',
      channel: 'bilateral',
      purpose: 'Établir où les fusils ont quitté le circuit légal.',
    });
    expect(trace.status).toBe(201);

    const enc = encodeURIComponent;
    routes = [
      '/',
      '/incidents',
      `/incidents/${enc(incident.ref)}`,
      `/incidents/${enc(incident.ref)}/edit`,
      `/items/${enc(incident.item)}/edit`,
      // A stale link: its unknown values are named in French and the page still works.
      '/incidents?type=cache&from=zz',
      '/leads',
      `/leads?sample=${enc(AKMS)}&status=all`,
      '/case-files',
      `/case-files/${id}`,
      '/links',
      `/links?sample=${enc(AKMS)}`,
      `/samples/${enc(AKMS)}`,
      '/tracing',
      `/tracing/${enc(trace.body.ref)}`,
      '/reports',
      '/document',
      '/reference',
      ...['calibres', 'manufacturers', 'models', 'mappings', 'baselines', 'embargoes', 'regions'].map(
        (list) => `/reference/${list}`,
      ),
      '/import',
      '/admin',
      '/account',
      '/no-such-page',
    ];

    // A few walks at once, each in a context of its own: most of a page's time is spent waiting on
    // the server, the browser or the network going quiet, which one walk alone leaves idle.
    let free = WALKS_AT_ONCE;
    const waiting: (() => void)[] = [];
    const walkList = [
      ...ROLES.map((role) => [role, role, 1440] as const),
      ['phone', 'analyst', 390] as const,
    ];
    for (const [name, role, width] of walkList) {
      const walked = (async () => {
        while (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
        free--;
        try {
          return await walkInAPage(role, width);
        } finally {
          free++;
          waiting.shift()?.();
        }
      })();
      walked.catch(() => {}); // Its test awaits it and fails with the error.
      walks.set(name, walked);
    }
  });

  it('walks every route the application has', async () => {
    // Routes.tsx: its fixed paths and the patterns of its detail pages.
    const source = await readFile(new URL('../src/app/Routes.tsx', import.meta.url), 'utf8');
    const fixed = [...source.matchAll(/case '(\/[^']*)'/g)].map((m) => m[1]!);
    const patterns = [...source.matchAll(/\/\^(.+?)\$\//g)].map((m) => new RegExp(`^${m[1]!}$`));
    expect(fixed.length).toBeGreaterThan(5);
    expect(patterns.length).toBeGreaterThan(3);
    const paths = routes.map((route) => route.split('?')[0]!);
    expect(fixed.filter((path) => !paths.includes(path))).toEqual([]);
    expect(patterns.filter((p) => !paths.some((path) => p.test(decodeURIComponent(path))))).toEqual([]);
  });

  for (const role of ROLES) {
    it(`shows every page to the ${role} in French, with nothing left in English`, async () => {
      expect(await walks.get(role)).toEqual([]);
    }, 900_000);
  }

  it('shows every page to the analyst on a phone in French, with nothing left in English', async () => {
    expect(await walks.get('phone')).toEqual([]);
  }, 900_000);

  /** A walk in a page of its own; what it found, and the errors the page logged, as problems. */
  async function walkInAPage(role: Role, width: number): Promise<string[]> {
    const { page, close } = await suite.openPage();
    let problems: string[] = [];
    try {
      problems = await walk(page, role, width);
    } finally {
      problems.push(...(await close()).map((error) => `logged | ${error}`));
    }
    return problems;
  }

  /** Signs in as the role, in French, opens every route and says what is English on each. */
  async function walk(page: Page, role: Role, width: number) {
    await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
    const data = new Set<string>();
    const network = new Network(page, data);
    await page.goto(`${suite.base}/`);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByLabel('Nom d’utilisateur').fill(ACCOUNTS[role]);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByTestId('who').waitFor({ state: 'attached' });

    const problems: string[] = [];
    const report = (route: string, { why, text }: Untranslated) =>
      problems.push(`${route} | ${why} | ${text.slice(0, 160)}`);
    for (const route of routes) {
      await visit(page, route);
      await settle(page, network);
      const texts = await visibleTexts(page);
      for (const problem of untranslated(texts, data)) report(route, problem);
      for (const problem of gluedColons(await blockTexts(page), data)) report(route, problem);
      if (role === 'analyst' || role === 'partner') {
        const name = route.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'dashboard';
        await screenshot(page, `fr-${width}-${role}-${name}`.slice(0, 100));
        if (role === 'analyst') {
          const found = await accessibilityProblems(page);
          for (const p of found)
            report(route, { why: `accessibility: ${p.rule}`, text: p.targets.join(' ') });
        }
      }
    }
    return problems;
  }
});

/**
 * The page's requests not yet answered, and its API answers not yet read into the register's
 * strings (`data`), followed as they come rather than by waiting out Playwright's `networkidle`
 * (half a second without a request, twice a page: most of this file's time).
 */
class Network {
  private readonly inFlight = new Set<Request>();
  private readonly reading = new Set<Promise<void>>();
  private started = 0;
  /** `started` when the page was last found quiet. */
  private quietAt = -1;

  constructor(page: Page, data: Set<string>) {
    page.on('request', (request) => {
      this.inFlight.add(request);
      this.started++;
    });
    page.on('requestfinished', (request) => this.inFlight.delete(request));
    page.on('requestfailed', (request) => this.inFlight.delete(request));
    page.on('response', (response) => {
      if (!response.url().includes('/api/v1/')) return;
      if (!response.headers()['content-type']?.includes('json')) return;
      const read: Promise<void> = response.json().then(
        (answer: unknown) => dataStrings(answer, data),
        () => {},
      );
      this.reading.add(read);
      void read.finally(() => this.reading.delete(read));
    });
  }

  private get busy() {
    return this.inFlight.size > 0 || this.reading.size > 0;
  }

  /**
   * Resolves once nothing is in flight or unread and no request starts for QUIET_MS (an answer
   * drawn may ask for more); at once when nothing started since the page was last found quiet.
   */
  async idle(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (this.busy || this.started !== this.quietAt) {
      if (Date.now() > deadline)
        throw new Error(`requests still running: ${[...this.inFlight].map((r) => r.url()).join(', ')}`);
      if (this.busy) {
        await sleep(10);
        continue;
      }
      const started = this.started;
      await sleep(QUIET_MS);
      if (!this.busy && this.started === started) this.quietAt = started;
    }
  }
}

/**
 * Opens a route as a reader following a link does: the application changes page without loading
 * itself again (router.tsx listens to `popstate`). Loading it anew for each of the walks' 174
 * pages took a fifth of this file's time; the other browser files load deep links whole.
 */
async function visit(page: Page, route: string) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, route);
  await page.waitForURL((url) => url.pathname + url.search === route);
}

/** Walks run at once: three keep the two cores busy without starving the server they all ask. */
const WALKS_AT_ONCE = 3;

/** How long the network must stay quiet for a page to count as answered. */
const QUIET_MS = 150;

/** Waits until the page has its answers and has drawn them: no request running, nothing loading. */
async function settle(page: Page, network: Network) {
  await network.idle();
  await expect
    .poll(() => page.locator('[role="status"]', { hasText: /^Chargement/ }).count(), { timeout: 30_000 })
    .toBe(0);
  const map = page.locator('[data-testid="map"]');
  if ((await map.count()) > 0)
    await page.locator('[data-testid="map"][data-base-layer="true"]').first().waitFor({ timeout: 30_000 });
  await network.idle();
}

/**
 * What the page says to a reader, sighted or not: its text (folded parts unfolded), the names,
 * titles and placeholders of its controls, the choices of its lists and its title. Text marked
 * as another language (`lang="en"`, the name of the English choice) is left out.
 */
/** The text of each visible paragraph, list entry, cell, heading and label, as read aloud. */
function blockTexts(page: Page): Promise<string[]> {
  return page
    .locator('main :is(p, li, td, dd, dt, h1, h2, h3, label, legend, figcaption):visible')
    .evaluateAll((elements) =>
      elements
        .filter((element) => element.closest('[lang]')?.getAttribute('lang') !== 'en')
        .map((element) => (element as HTMLElement).innerText),
    );
}

function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    const english = (element: Element) => {
      const tagged = element.closest('[lang]');
      return tagged !== null && tagged.getAttribute('lang') !== 'fr';
    };
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent?.trim();
      if (!element || !text || element.closest('script, style') || english(element)) continue;
      const shown =
        element.closest('select') !== null || element.checkVisibility({ visibilityProperty: true });
      if (shown) texts.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (english(element)) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

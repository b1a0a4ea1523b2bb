import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); nothing is downloaded by the tests. */
export const CHROMIUM = process.env.HEADSTAMP_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_DIST = fileURLToPath(new URL('../dist', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Chromium with a fresh profile (Playwright gives each launch a new temporary user-data
 * directory, and each test its own context). A missing browser or build fails the tests: the
 * web application is not tested at all otherwise.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` ` +
        '(or set HEADSTAMP_CHROMIUM to another Chromium).',
    );
  }
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('The web application is not built: run `npm run build:web` (`npm test` does it first).');
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** A full-page picture of what the user sees, for a person to look at (test-output/screenshots). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
}

export async function signIn(page: Page, base: string, username: string, password: string) {
  await page.goto(`${base}/`);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}

export interface AccessibilityProblem {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * What axe-core (the accessibility checker browsers' audit tools use) finds against WCAG 2.1 A
 * and AA on the page as it is now: labels, contrast, names, structure.
 */
export async function accessibilityProblems(page: Page): Promise<AccessibilityProblem[]> {
  const { default: axe } = await import('axe-core');
  // Evaluated through the DevTools protocol, which the page's content security policy allows.
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

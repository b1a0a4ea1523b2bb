/**
 * The system tools the tests need, installed when missing (`npm test` runs this first, as does
 * `.ci/run` with `--postgresql`). As root on Debian it installs them with apt-get and says so;
 * otherwise it names the one command to run and which tests need what, and fails.
 *
 *   tsx scripts/test-tools.ts [--postgresql]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

interface Tool {
  /** The Debian package that provides it. */
  debian: string;
  /** Whether it is there. */
  present: () => boolean;
  /** Which tests need it, for the message. */
  neededBy: string;
  /** False when installing the package would not help (a path the environment names). */
  installable?: boolean;
}

const onPath = (command: string) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));

const postgresBin = '/usr/lib/postgresql';

const tools: Tool[] = [
  {
    debian: 'chromium',
    // web/tests/browser.ts: Debian's Chromium, or the one HEADSTAMP_CHROMIUM names.
    present: () => existsSync(process.env.HEADSTAMP_CHROMIUM ?? '/usr/bin/chromium'),
    neededBy: `the browser tests (web/tests)${process.env.HEADSTAMP_CHROMIUM ? `, at ${process.env.HEADSTAMP_CHROMIUM} (HEADSTAMP_CHROMIUM)` : ''}`,
    installable: !process.env.HEADSTAMP_CHROMIUM,
  },
  {
    debian: 'poppler-utils',
    present: () => ['pdftotext', 'pdfinfo', 'pdftoppm'].every(onPath),
    neededBy: 'the PDF tests (src/casefiles, src/tracing: pdftotext, pdfinfo, pdftoppm)',
  },
  {
    debian: 'gdal-bin',
    present: () => onPath('ogrinfo'),
    neededBy: 'the GeoJSON and KML export tests (src/exports: ogrinfo)',
  },
  {
    debian: 'libreoffice-calc-nogui',
    present: () => onPath('soffice'),
    neededBy: 'the XLSX export test (src/exports: soffice)',
  },
];

if (process.argv.includes('--postgresql')) {
  tools.push({
    debian: 'postgresql',
    present: () =>
      existsSync(postgresBin) &&
      readdirSync(postgresBin).some((version) => existsSync(join(postgresBin, version, 'bin', 'initdb'))),
    neededBy: 'the run of the suite on a PostgreSQL server (.ci/run, TEST_DATABASE_URL)',
  });
}

const missing = tools.filter((tool) => !tool.present());
if (missing.length === 0) process.exit(0);

const packages = missing.map((tool) => tool.debian);
const isRoot = process.getuid?.() === 0;
const onDebian = existsSync('/etc/debian_version') && onPath('apt-get');

if (isRoot && onDebian && missing.every((tool) => tool.installable !== false)) {
  console.log(`Installing what the tests need: ${packages.join(' ')} (apt-get, Debian's packages)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => {
    const result = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
      process.exit(1);
    }
  };
  run(['update', '-qq']);
  run(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  const still = missing.filter((tool) => !tool.present());
  if (still.length === 0) process.exit(0);
  console.error(`Still missing after apt-get: ${still.map((tool) => tool.debian).join(' ')}.`);
  process.exit(1);
}

console.error('The tests need system tools that are not installed:');
for (const tool of missing) console.error(`  ${tool.debian}: for ${tool.neededBy}`);
console.error(
  onDebian
    ? `Install them with:\n  sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`
    : `Install the equivalent of Debian's ${packages.join(', ')} with your system's package manager.`,
);
process.exit(1);

/**
 * Builds the web application (`npm run build:web`) only when its sources changed since the last
 * build: `npm start` and `npm test` run this instead of rebuilding every time (about 10 s).
 * The build records a hash of its sources in web/dist; `--force` rebuilds regardless.
 *
 *   tsx scripts/build-web.ts [--force]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'web', 'dist');
const stamp = join(dist, '.sources.sha256');

/**
 * What the build reads: the web application, its configuration, the dependencies' versions, and
 * src/ (the web application bundles Node-free modules of it; tests are left out).
 */
const inputs = [
  'web/index.html',
  'web/vite.config.ts',
  'web/src',
  'web/public',
  'src',
  'package-lock.json',
  'tsconfig.json',
];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.name.endsWith('.test.ts'))
    .flatMap((entry) => files(join(path, entry.name)));
}

function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => files(join(root, input))).sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const before = sourcesHash();
const built =
  existsSync(join(dist, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === before;
if (built && !process.argv.includes('--force')) {
  console.log('The web application is up to date (web/dist); `npm run build:web` rebuilds it.');
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
// Hashed before the build: a source edited during it makes the next run build again.
writeFileSync(stamp, `${before}\n`);

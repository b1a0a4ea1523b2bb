/**
 * The command line, compiled once. esbuild bundles the TypeScript of `src/` (the CLI and the
 * import worker; npm packages stay outside the bundle) into `dist/cli-<fingerprint>/`, where
 * `bin/headstamp.js` runs it: starting no longer compiles anything (2.8 s before, see
 * docs/benchmarks.md). It is built by `npm install` (`prepare`), and again by the first start
 * after a source changed. Plain JavaScript: it runs before anything is compiled.
 *
 *   node scripts/build-cli.js           builds the CLI if its sources changed, prints where it is
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');

/** What the bundle is made of. Tests are not bundled; their changes do not rebuild it. */
const inputs = ['src', 'tsconfig.json', 'package-lock.json', 'scripts/build-cli.js'];

/**
 * The bundle's entry points, each a file of the same name in the build folder: modules started
 * by path at run time (a worker thread) must be entries of their own.
 */
const entryPoints = {
  main: 'src/cli/main.ts',
  'import.worker': 'src/transfer/import.worker.ts',
  'leads.worker': 'src/leads/leads.worker.ts',
};

/**
 * npm packages stay outside the bundle, but their JSON files go in: esbuild would write their
 * import without its `with { type: 'json' }`, which Node refuses.
 */
const bundleJson = {
  name: 'bundle-json',
  setup(build) {
    build.onResolve({ filter: /^[^./].*\.json$/ }, ({ path, resolveDir }) => ({
      path: createRequire(join(resolveDir, 'x.js')).resolve(path),
    }));
  },
};

/** A build older than this that is not the current one is removed (a server may still run from it). */
const KEEP_OLD_BUILDS_MS = 24 * 60 * 60 * 1000;

/** The files under `path` (itself when a file), tests left out; a directory's entries say their type. */
function files(path, isDirectory = statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
  if (isDirectory === undefined) return [];
  if (!isDirectory) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.name.endsWith('.test.ts'))
    .flatMap((entry) => files(join(path, entry.name), entry.isDirectory()));
}

/**
 * The sources' names, sizes and modification times, hashed: a stat per file (a few
 * milliseconds), not a read, so every start can afford it. A checkout or an edit changes them.
 */
function fingerprint() {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => files(join(root, input))).sort()) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(root, file)}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The compiled CLI's entry file, built first when the sources changed since the last build.
 * Processes starting at once may each build; each writes its own folder and the first rename
 * wins, so none ever runs a half-written bundle.
 */
export async function compiledCli() {
  const dir = join(dist, `cli-${fingerprint()}`);
  const main = join(dir, 'main.js');
  if (existsSync(main)) return main;
  const { build } = await import('esbuild');
  mkdirSync(dist, { recursive: true });
  const scratch = mkdtempSync(join(dist, '.cli-'));
  try {
    await build({
      absWorkingDir: root,
      entryPoints,
      outdir: scratch,
      entryNames: '[name]',
      chunkNames: 'chunk-[hash]',
      bundle: true,
      // Commands load their modules when run: `headstamp --help` loads none of them.
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      plugins: [bundleJson],
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    renameSync(scratch, dir);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(main)) throw error;
  }
  for (const name of readdirSync(dist)) {
    const path = join(dist, name);
    if (!/^\.?cli-/.test(name) || path === dir) continue;
    if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_BUILDS_MS)
      rmSync(path, { recursive: true, force: true });
  }
  return main;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`The command line is compiled: ${relative(root, await compiledCli())}`);
}

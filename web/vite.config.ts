import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build as esbuild } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const COMPRESSIBLE = /\.(js|css|html|json|svg|txt)$/;

const walk = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return files.flat();
};

/**
 * Builds the service worker (web/src/offline/service-worker.ts) into `sw.js` with the list of
 * the build's files and their hash: everything the application may fetch of its own (the
 * chunks fetched later, the map's boundaries) is kept from the first visit, and a new build
 * changes the worker, which replaces the files kept. Runs once the bundle is written, before
 * the files are compressed (`closeBundle`), so that `sw.js` is compressed with them.
 */
function serviceWorker(): Plugin {
  let outDir = '';
  return {
    name: 'headstamp-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle() {
      const files = (await walk(outDir))
        .map((file) => `/${relative(outDir, file).split(sep).join('/')}`)
        .filter((path) => !/\.(gz|br)$/.test(path) && path !== '/index.html' && path !== '/sw.js')
        .sort();
      const hash = createHash('sha256');
      // Asset names carry their content's hash; the page and the public files do not.
      hash.update(files.join('\n'));
      for (const path of ['/index.html', ...files.filter((f) => !f.startsWith('/assets/'))])
        hash.update(await readFile(join(outDir, path)));
      await esbuild({
        entryPoints: [join(webDir, 'src', 'offline', 'service-worker.ts')],
        outfile: join(outDir, 'sw.js'),
        bundle: true,
        minify: true,
        format: 'iife',
        target: 'es2022',
        define: {
          SHELL: JSON.stringify(['/', ...files]),
          VERSION: JSON.stringify(hash.digest('hex').slice(0, 16)),
        },
        logLevel: 'warning',
      });
    },
  };
}

/**
 * Writes `.br` and `.gz` beside every compressible file of the build: the server sends them
 * as they are (@fastify/static `preCompressed`), so slow links get small files at no CPU cost.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'headstamp-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      for (const file of await walk(outDir)) {
        if (!COMPRESSIBLE.test(file) || (await stat(file)).size < 1024) continue;
        const data = await readFile(file);
        await writeFile(`${file}.gz`, gzipSync(data, { level: 9 }));
        await writeFile(
          `${file}.br`,
          brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react(), serviceWorker(), precompress()],
  // The shared server code (vocabularies, access rules), as tsconfig.json `paths` names it.
  resolve: { alias: { '@headstamp': join(webDir, '..', 'src') } },
  build: {
    outDir: join(webDir, 'dist'),
    emptyOutDir: true,
    // The country boundaries are fetched as a file of their own, cached for a year.
    assetsInlineLimit: 4096,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod places comments where Rollup cannot read them; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run dev:web` with `headstamp serve` running: the API comes from the server.
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${process.env.HEADSTAMP_PORT ?? '8080'}` },
    // The shared vocabularies are imported from ../src.
    fs: { allow: [join(webDir, '..')] },
  },
});

import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const COMPRESSIBLE = /\.(js|css|html|json|svg|txt)$/;

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
      const walk = async (dir: string): Promise<string[]> => {
        const entries = await readdir(dir, { withFileTypes: true });
        const files = await Promise.all(
          entries.map((e) =>
            e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]),
          ),
        );
        return files.flat();
      };
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
  plugins: [react(), precompress()],
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

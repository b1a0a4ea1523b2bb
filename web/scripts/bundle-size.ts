/**
 * What the web application ships: the files the first page load needs (those index.html
 * references) and those fetched later (the map), raw and compressed as the server sends them.
 * `npm run build:web && npm run size:web`
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
if (!existsSync(join(dist, 'index.html'))) {
  console.error('web/dist is not built: run `npm run build:web` first.');
  process.exit(1);
}

const html = await readFile(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!));

async function compressed(file: string, data: Buffer, ext: 'gz' | 'br') {
  const path = `${file}.${ext}`;
  if (existsSync(path)) return (await readFile(path)).length;
  return (ext === 'gz' ? gzipSync(data, { level: 9 }) : brotliCompressSync(data)).length;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const rows: { name: string; when: string; raw: number; gz: number; br: number }[] = [];
for (const name of (await readdir(join(dist, 'assets'))).sort()) {
  if (/\.(gz|br)$/.test(name)) continue;
  const file = join(dist, 'assets', name);
  const data = await readFile(file);
  rows.push({
    name,
    when: initial.has(`assets/${name}`) ? 'initial' : 'on demand',
    raw: data.length,
    gz: await compressed(file, data, 'gz'),
    br: await compressed(file, data, 'br'),
  });
}

console.log('| file | loaded | raw | gzip | brotli |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.name} | ${r.when} | ${kb(r.raw)} | ${kb(r.gz)} | ${kb(r.br)} |`);
const initialJs = rows.filter((r) => r.when === 'initial' && r.name.endsWith('.js'));
console.log(
  `\nInitial JavaScript: ${kb(initialJs.reduce((s, r) => s + r.gz, 0))} gzip, ${kb(initialJs.reduce((s, r) => s + r.br, 0))} brotli.`,
);
for (const r of rows.filter((r) => r.when === 'on demand' && r.name.endsWith('.js')))
  console.log(`On demand, ${r.name.replace(/-[\w-]+\.js$/, '')}: ${kb(r.gz)} gzip, ${kb(r.br)} brotli.`);

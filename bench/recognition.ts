/**
 * The recognition benchmark: every table in bench/recognition/ read against the built-in
 * reference lists, reported by group. `npm run bench:recognition` (`--failures` lists the misses).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibres } from '../src/reference/data/calibres';
import { manufacturers } from '../src/reference/data/manufacturers';
import { models } from '../src/reference/data/models';
import { Normaliser } from '../src/reference/normalise';
import { parseBenchCsv, runBench, scoreBench } from '../src/reference/recognition-bench';

const dir = join(import.meta.dirname, 'recognition');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .sort();
const rows = files.flatMap((f) => parseBenchCsv(f, readFileSync(join(dir, f), 'utf8')));
const outcomes = runBench(rows, new Normaliser({ calibres, manufacturers, models }));
const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;

console.log(`Recognition of ${rows.length} rows from ${files.join(', ')}\n`);
console.log('| Group | Rows | Read correctly | Silent wrong readings |');
console.log('| --- | ---: | ---: | ---: |');
for (const s of scoreBench(outcomes)) {
  const name = s.group === 'all' ? '**all**' : s.group;
  console.log(`| ${name} | ${s.rows} | ${s.correct} (${pct(s.correct, s.rows)}) | ${s.silentWrong} |`);
}
const misses = outcomes.filter((o) => !o.correct);
if (process.argv.includes('--failures') || misses.some((o) => o.silentWrong)) {
  console.log(`\nNot read as expected: ${misses.length === 0 ? 'none' : ''}`);
  for (const o of misses)
    console.log(
      `  ${o.row.file}:${o.row.line} [${o.row.group}] ${JSON.stringify(o.row.text)} → ${o.got}${o.year ? ` ${o.year}` : ''} (expected ${o.row.expected_maker}${o.row.expected_year ? ` ${o.row.expected_year}` : ''})${o.silentWrong ? '  SILENT WRONG' : ''}`,
    );
}
if (outcomes.some((o) => o.silentWrong)) process.exitCode = 1;

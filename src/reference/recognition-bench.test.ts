import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibres } from './data/calibres';
import { manufacturers } from './data/manufacturers';
import { models } from './data/models';
import { Normaliser } from './normalise';
import { parseBenchCsv, runBench, scoreBench } from './recognition-bench';

const DIR = join(import.meta.dirname, '../../bench/recognition');
const rows = readdirSync(DIR)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .flatMap((f) => parseBenchCsv(f, readFileSync(join(DIR, f), 'utf8')));
const outcomes = runBench(rows, new Normaliser({ calibres, manufacturers, models }));
const all = scoreBench(outcomes).at(-1)!;

describe('the recognition table (bench/recognition/*.csv) against the built-in reference', () => {
  it('holds rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it('gives no silent wrong reading: a producer given as known is always the right one', () => {
    expect(
      outcomes
        .filter((o) => o.silentWrong)
        .map((o) => `${o.row.file}:${o.row.line} ${o.row.text} → ${o.got}`),
    ).toEqual([]);
  });

  it('reads at least 95% of rows correctly', () => {
    const wrong = outcomes
      .filter((o) => !o.correct)
      .map((o) => `${o.row.file}:${o.row.line} ${o.row.text} → ${o.got} ${o.year}`);
    expect(all.correct / all.rows, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('refuses a table row without its source', () => {
    const text =
      'group,text,category,calibre,country,incident_date,expected_maker,expected_year,source\ng,539,ammunition,,,,su-539,,\n';
    expect(() => parseBenchCsv('bad.csv', text)).toThrow(/source/);
  });
});

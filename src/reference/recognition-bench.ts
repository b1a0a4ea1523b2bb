import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { parseCountry } from '../core/countries';
import type { Normaliser } from './normalise';
import { recognise } from './recognise';

// The recognition benchmark (bench/recognition/*.csv): what analysts type, and the producer it
// must be read as. Scored here, without a database, so the runner and a test share it.

const COLUMNS = [
  'group',
  'text',
  'category',
  'calibre',
  'country',
  'incident_date',
  'expected_maker',
  'expected_year',
  'source',
] as const;

const rowSchema = z.object({
  group: z.string().min(1),
  text: z.string().min(1),
  category: z.string().min(1),
  calibre: z.string(),
  country: z.string(),
  incident_date: z.string(),
  /** A producer's key, `ambiguous` or `unknown`. */
  expected_maker: z.string().min(1),
  expected_year: z.string().regex(/^(\d{4})?$/),
  source: z.string().min(1, 'every row names its public source'),
});
export type BenchRow = z.output<typeof rowSchema> & { file: string; line: number };

export function parseBenchCsv(file: string, text: string): BenchRow[] {
  const records = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<
    string,
    string
  >[];
  const missing = COLUMNS.filter((c) => records.length > 0 && !(c in records[0]!));
  if (missing.length > 0) throw new Error(`${file}: missing columns ${missing.join(', ')}`);
  return records.map((record, index) => {
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) throw new Error(`${file}:${index + 2}: ${parsed.error.issues[0]!.message}`);
    return { ...parsed.data, file, line: index + 2 };
  });
}

export interface BenchOutcome {
  row: BenchRow;
  /** What it was read as: a key, `ambiguous` or `unknown`. */
  got: string;
  year: number | null;
  correct: boolean;
  /** A listed producer given as known that is not the one expected: the error that must not happen. */
  silentWrong: boolean;
}

export interface BenchScore {
  group: string;
  rows: number;
  correct: number;
  silentWrong: number;
}

/**
 * Each row's text is typed as the producer cell (where "headstamp code" and "factory" columns
 * land); recognition reads it as a name, or as a headstamp when it is not one.
 */
export function runBench(rows: BenchRow[], normaliser: Normaliser): BenchOutcome[] {
  return rows.map((row) => {
    const { recognition } = recognise(
      {
        category: row.category,
        model: null,
        calibre: row.calibre || null,
        manufacturer: row.text,
        country_of_manufacture: row.country ? (parseCountry(row.country) ?? null) : null,
        year: null,
        lot: null,
        markings: null,
      },
      normaliser,
      row.incident_date || null,
    );
    const maker = recognition.maker;
    const got =
      maker?.status === 'recognised' ? maker.key : maker?.status === 'ambiguous' ? 'ambiguous' : 'unknown';
    const yearRight = row.expected_year === '' || recognition.year === Number(row.expected_year);
    return {
      row,
      got,
      year: recognition.year,
      correct: got === row.expected_maker && yearRight,
      silentWrong: maker?.status === 'recognised' && maker.key !== row.expected_maker,
    };
  });
}

/** Per group, in the order groups first appear, then `all`. */
export function scoreBench(outcomes: BenchOutcome[]): BenchScore[] {
  const groups = new Map<string, BenchScore>();
  const all: BenchScore = { group: 'all', rows: 0, correct: 0, silentWrong: 0 };
  for (const o of outcomes) {
    const score = groups.get(o.row.group) ?? { group: o.row.group, rows: 0, correct: 0, silentWrong: 0 };
    for (const s of [score, all]) {
      s.rows++;
      if (o.correct) s.correct++;
      if (o.silentWrong) s.silentWrong++;
    }
    groups.set(o.row.group, score);
  }
  return [...groups.values(), all];
}

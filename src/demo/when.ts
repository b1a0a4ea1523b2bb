import type { Random } from './random';

/** `date` is ISO `YYYY-MM-DD`; for month precision it is the first of the month. */
export interface When {
  date: string;
  precision: 'day' | 'month';
}

const DAY_MS = 86_400_000;
export const yearOf = (when: When) => Number(when.date.slice(0, 4));

export function when(text: string): When {
  return text.length === 7 ? { date: `${text}-01`, precision: 'month' } : { date: text, precision: 'day' };
}

export function randomDay(rng: Random, year: number): string {
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS;
  return new Date(start + rng.int(0, days - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** Case-file prefix: YYMMDD, or YYMM00 when only the month is known. */
export const refDate = (w: When) =>
  w.date.slice(2, 4) + w.date.slice(5, 7) + (w.precision === 'day' ? w.date.slice(8, 10) : '00');
export const cellDate = (w: When) => (w.precision === 'day' ? w.date : w.date.slice(0, 7));

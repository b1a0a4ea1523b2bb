import type { Language } from './vocabulary';
export type DatePrecision = 'day' | 'month' | 'year';

/** A date known to the day, the month or only the year, as analysts often record it. */
export interface PartialDate {
  /** ISO date of the first day of the period. */
  date: string;
  precision: DatePrecision;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const MIN_YEAR = 1850;
const MAX_YEAR = 2100;

/**
 * Reads the date forms found in mission spreadsheets: ISO (2021, 2021-08, 2021-08-14),
 * French day-first (14/08/2021, 08/2021) and spreadsheet timestamps (2021-08-14T00:00:00Z).
 * Returns an error message rather than guessing on anything else.
 */
export function parsePartialDate(text: string): PartialDate | { error: string } {
  const t = text.trim();
  let m: RegExpMatchArray | null;
  let year: number;
  let month = 1;
  let day = 1;
  let precision: DatePrecision;
  if ((m = t.match(/^(\d{4})$/))) {
    year = Number(m[1]);
    precision = 'year';
  } else if ((m = t.match(/^(\d{4})-(\d{1,2})$/)) || (m = t.match(/^(\d{4})\/(\d{1,2})$/))) {
    [year, month] = [Number(m[1]), Number(m[2])];
    precision = 'month';
  } else if ((m = t.match(/^(\d{1,2})[/.-](\d{4})$/))) {
    [month, year] = [Number(m[1]), Number(m[2])];
    precision = 'month';
  } else if (
    (m = t.match(/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/))
  ) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    precision = 'day';
  } else if ((m = t.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/))) {
    // Day first: the missions' spreadsheets are French or British, never US-style.
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    precision = 'day';
  } else {
    return { error: `"${text}" is not a date: use YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY` };
  }
  if (year < MIN_YEAR || year > MAX_YEAR) return { error: `year ${year} is out of range` };
  if (month < 1 || month > 12 || !isRealDate(year, month, day)) {
    return { error: `"${text}" is not a real calendar date` };
  }
  return { date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, precision };
}

export function formatPartialDate({ date, precision }: PartialDate): string {
  if (precision === 'year') return date.slice(0, 4);
  if (precision === 'month') return date.slice(0, 7);
  return date;
}

/** A full date (embargo start and end): only day precision is accepted. */
export function parseDay(text: string): string | { error: string } {
  const parsed = parsePartialDate(text);
  if ('error' in parsed) return parsed;
  if (parsed.precision !== 'day') return { error: `"${text}" must be a full date (YYYY-MM-DD)` };
  return parsed.date;
}

/** Last day of the period a partial date covers: a "2016" event may be as late as 2016-12-31. */
export function periodEnd({ date, precision }: PartialDate): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  if (precision === 'year') return `${pad(y, 4)}-12-31`;
  if (precision === 'month') return `${pad(y, 4)}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
  return date;
}

/**
 * Reads a year of production. Headstamps carry two-digit years ("87"); those below the
 * current two-digit year are this century, the rest the last one.
 */
export function parseYear(text: string, now = new Date()): number | { error: string } {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) {
    const year = Number(t);
    if (year < MIN_YEAR || year > now.getUTCFullYear()) return { error: `year ${year} is out of range` };
    return year;
  }
  if (/^\d{2}$/.test(t)) {
    const yy = Number(t);
    return yy <= now.getUTCFullYear() % 100 ? 2000 + yy : 1900 + yy;
  }
  return { error: `"${text}" is not a year: use four digits (1987) or a headstamp's two (87)` };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A register date (`2021`, `2021-08` or `2021-08-21`) as people of that language write it, to
 * the precision known: `15 nov. 2004` / `Nov 15, 2004`, `1er janv. 2013`, `août 2021`. Shared
 * by the web application and the leads' explanations so a date reads the same everywhere.
 */
export function dateLabel(iso: string, language: Language): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (!mo) return y!;
  const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d ?? 1)));
  if (Number.isNaN(at.getTime())) return iso;
  const formats = d ? dayFormats : monthFormats;
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(
      language,
      d ? { dateStyle: 'medium', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' },
    );
    formats.set(language, format);
  }
  const label = format.format(at);
  // French writes the first of the month as an ordinal: « le 1er janv. 2013 ».
  return language === 'fr' && d === '01' ? label.replace(/^1 /, '1er ') : label;
}

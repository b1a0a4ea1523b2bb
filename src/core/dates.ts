import type { ProblemCode, ProblemParams } from './problems';
import { foldKey } from './text';
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

/** A date that could not be read: the English message, and its code and parameters. */
export interface DateProblem {
  error: string;
  code: ProblemCode;
  params: ProblemParams;
}

/** Which of day and month comes first in a numeric date such as 03/04/2024. */
export type DayOrder = 'dmy' | 'mdy';

/** A date as read from what someone typed, and whether its day and month could be swapped. */
export interface DateReading extends PartialDate {
  /** Both numbers could be the month (03/04/2024): read in the order asked for. */
  ambiguous: boolean;
}

// Month names in English and French, folded (no accents, lower case), with their usual abbreviations.
const MONTHS = new Map<string, number>(
  [
    ['january jan janvier janv', 1],
    ['february feb fevrier fevr fev', 2],
    ['march mar mars', 3],
    ['april apr avril avr', 4],
    ['may mai', 5],
    ['june jun juin', 6],
    ['july jul juillet juil', 7],
    ['august aug aout', 8],
    ['september sep sept septembre', 9],
    ['october oct octobre', 10],
    ['november nov novembre', 11],
    ['december dec decembre', 12],
  ].flatMap(([names, month]) =>
    String(names)
      .split(' ')
      .map((name) => [name, Number(month)] as const),
  ),
);
// Words a written date may carry that say nothing of it: weekdays, "the", "of", "le".
const FILLERS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun lundi mardi mercredi jeudi vendredi samedi dimanche the of le'.split(
    ' ',
  ),
);
const DAY_TOKEN = /^(\d{1,2})(?:st|nd|rd|th|er)?$/;

/** "14 mars 2024", "14th of March 2024", "March 14, 2024", "mars 2024": day, month and year. */
function namedDate(text: string): { year: number; month: number; day?: number } | undefined {
  const tokens = foldKey(text)
    .split(' ')
    .filter((t) => t && !FILLERS.has(t));
  const year = (t: string | undefined) => (t && /^\d{4}$/.test(t) ? Number(t) : undefined);
  const day = (t: string | undefined) => (t ? DAY_TOKEN.exec(t)?.[1] : undefined);
  const [a, b, c] = tokens;
  if (tokens.length === 3) {
    const y = year(c);
    if (y === undefined) return undefined;
    const dayFirst = day(a);
    if (dayFirst !== undefined && MONTHS.has(b!))
      return { year: y, month: MONTHS.get(b!)!, day: Number(dayFirst) };
    const dayAfter = day(b);
    if (dayAfter !== undefined && MONTHS.has(a!))
      return { year: y, month: MONTHS.get(a!)!, day: Number(dayAfter) };
  }
  if (tokens.length === 2 && MONTHS.has(a!) && year(b) !== undefined)
    return { year: year(b)!, month: MONTHS.get(a!)! };
  return undefined;
}

/**
 * Reads the dates people type and mission spreadsheets hold: ISO (2021, 2021-08, 2021-08-14),
 * numeric with the day first or, when `order` says so, the month (14/08/2021, 14.08.2021,
 * 08/2021), with the month's name in English or French (14 août 2021, 14 August 2021,
 * August 14, 2021, août 2021) and spreadsheet midnight timestamps (2021-08-14T00:00:00Z). A
 * numeric date whose day and month could be swapped follows `order` and says it was ambiguous;
 * one that only one order makes a date of (14/03/2024, 03/14/2024) is read that way, unless
 * `strict`, when the order is kept and such a date refused. Anything else is refused rather than
 * guessed.
 */
export function readDate(
  text: string,
  order: DayOrder,
  { strict = false }: { strict?: boolean } = {},
): DateReading | DateProblem {
  const t = text.trim().replace(/\s+/g, ' ');
  let m: RegExpMatchArray | null;
  let year: number;
  let month = 1;
  let day = 1;
  let precision: DatePrecision;
  let ambiguous = false;
  const named = /\p{L}/u.test(t) ? namedDate(t) : undefined;
  if ((m = t.match(/^(\d{4})$/))) {
    year = Number(m[1]);
    precision = 'year';
  } else if ((m = t.match(/^(\d{4})[-/.](\d{1,2})$/))) {
    [year, month] = [Number(m[1]), Number(m[2])];
    precision = 'month';
  } else if ((m = t.match(/^(\d{1,2})[/.-](\d{4})$/))) {
    [month, year] = [Number(m[1]), Number(m[2])];
    precision = 'month';
  } else if (
    (m = t.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/))
  ) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    precision = 'day';
  } else if ((m = t.match(/^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/))) {
    const [first, second] = [Number(m[1]), Number(m[2])];
    year = Number(m[3]);
    ambiguous = first !== second && first >= 1 && first <= 12 && second >= 1 && second <= 12;
    // When only one reading makes a month of the two, a person meant that one.
    const monthFirst = ambiguous || strict ? order === 'mdy' : first <= 12 && second > 12;
    [day, month] = monthFirst ? [second, first] : [first, second];
    precision = 'day';
  } else if (named) {
    ({ year, month } = named);
    day = named.day ?? 1;
    precision = named.day === undefined ? 'month' : 'day';
  } else {
    return {
      error: `"${text}" is not a date: use YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY or 14 March 2024`,
      code: 'date_unreadable',
      params: { value: text.trim() },
    };
  }
  if (year < MIN_YEAR || year > MAX_YEAR)
    return {
      error: `year ${year} is out of range`,
      code: 'date_year_out_of_range',
      params: { year, min: MIN_YEAR, max: MAX_YEAR },
    };
  if (month < 1 || month > 12 || !isRealDate(year, month, day)) {
    return {
      error: `"${text}" is not a real calendar date`,
      code: 'date_not_real',
      params: { value: text.trim() },
    };
  }
  return { date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, precision, ambiguous };
}

/**
 * Reads a date as the register's files hold it (see `readDate`), always day first: the missions'
 * spreadsheets are French or British, never US-style, and a file's 03/14/2024 is a sign that
 * its other dates cannot be trusted either.
 */
export function parsePartialDate(text: string): PartialDate | DateProblem {
  const read = readDate(text, 'dmy', { strict: true });
  return 'error' in read ? read : { date: read.date, precision: read.precision };
}

/**
 * Whether people of this locale (`fr`, `en-GB`, `en-US`) write the day or the month first, as
 * the locale's own short dates do.
 */
export function dayOrderOf(locale: string): DayOrder {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: 'UTC' })
      .formatToParts(new Date(Date.UTC(2024, 2, 14)))
      .map((p) => p.type);
    return parts.indexOf('month') < parts.indexOf('day') ? 'mdy' : 'dmy';
  } catch {
    return 'dmy';
  }
}

const longFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date in full words, weekday included, to show what was understood of what someone typed:
 * `Thursday, 14 March 2024`, `jeudi 14 mars 2024`, `March 2024`.
 */
export function longDateLabel({ date, precision }: PartialDate, locale: string): string {
  if (precision === 'year') return date.slice(0, 4);
  const key = `${locale} ${precision}`;
  let format = longFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      precision === 'day'
        ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
        : { month: 'long', year: 'numeric', timeZone: 'UTC' },
    );
    longFormats.set(key, format);
  }
  const [y, m, d] = date.split('-').map(Number);
  return format.format(new Date(Date.UTC(y!, m! - 1, d!)));
}

export function formatPartialDate({ date, precision }: PartialDate): string {
  if (precision === 'year') return date.slice(0, 4);
  if (precision === 'month') return date.slice(0, 7);
  return date;
}

/** A full date (embargo start and end): only day precision is accepted. */
export function parseDay(text: string): string | DateProblem {
  const parsed = parsePartialDate(text);
  if ('error' in parsed) return parsed;
  if (parsed.precision !== 'day')
    return {
      error: `"${text}" must be a full date (YYYY-MM-DD)`,
      code: 'date_needs_day',
      params: { value: text.trim() },
    };
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
export function parseYear(text: string, now = new Date()): number | DateProblem {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) {
    const year = Number(t);
    if (year < MIN_YEAR || year > now.getUTCFullYear())
      return {
        error: `year ${year} is out of range`,
        code: 'year_out_of_range',
        params: { year, min: MIN_YEAR, max: now.getUTCFullYear() },
      };
    return year;
  }
  if (/^\d{2}$/.test(t)) {
    const yy = Number(t);
    return yy <= now.getUTCFullYear() % 100 ? 2000 + yy : 1900 + yy;
  }
  return {
    error: `"${text}" is not a year: use four digits (1987) or a headstamp's two (87)`,
    code: 'not_a_year',
    params: { value: t },
  };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A register date (`2021`, `2021-08` or `2021-08-21`) as people of that language write it, to
 * the precision known: `15 nov. 2004` / `Nov 15, 2004`, `1er janv. 2013`, `août 2021`. Shared
 * by the web application and the leads' explanations so a date reads the same everywhere.
 */
export function dateLabel(iso: string, language: Language): string {
  // A page of findings writes the same few hundred dates again and again; formatting is slow.
  const key = `${language} ${iso}`;
  let label = labels.get(key);
  if (label === undefined) {
    if (labels.size >= MAX_LABELS) labels.clear();
    label = formatDate(iso, language);
    labels.set(key, label);
  }
  return label;
}

/** Dates formatted, by language and date: a theatre's dates are a few thousand. */
const labels = new Map<string, string>();
const MAX_LABELS = 50_000;

function formatDate(iso: string, language: Language): string {
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

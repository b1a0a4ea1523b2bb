import { z } from 'zod';
import { parseCountry } from '../core/countries';
import { parseDay, parsePartialDate, parseYear, type DateProblem, type PartialDate } from '../core/dates';
import { checkLatLon, parseDecimal, parseMgrs, type MgrsSquare } from '../core/geo';
import { issue } from '../core/problems';
import { cleanCell } from '../core/text';
import type { Vocabulary } from '../core/vocabulary';

/**
 * Zod schemas for one spreadsheet cell each: they take the text as typed (or nothing, when
 * the column is absent) and give a typed value or an issue that names what is wrong.
 */
const cell = z.string().optional();

export const optionalText = () => cell.transform((s) => cleanCell(s));

/**
 * Whether a field of a row was read: a row's checks across fields run even after a field's own
 * check refused it (so that every problem is reported at once), and zod gives them a marker in
 * place of the refused value.
 */
export const known = <T>(value: T | { status: 'aborted' }): value is T =>
  !(typeof value === 'object' && value !== null && 'status' in value && value.status === 'aborted');

/** Makes any cell schema reject an empty cell. */
export const required = <T>(what: string, schema: z.ZodType<T | null, string | undefined>) =>
  schema.transform((value, ctx): T => {
    if (value === null) {
      ctx.addIssue(issue('required', {}, `${what} is required`));
      return z.NEVER;
    }
    return value;
  });

export const requiredText = (what: string) => required(what, optionalText());

export function term<K extends string>(vocab: Vocabulary<K>): z.ZodType<K | null, string | undefined>;
export function term<K extends string>(vocab: Vocabulary<K>, fallback: K): z.ZodType<K, string | undefined>;
export function term<K extends string>(vocab: Vocabulary<K>, fallback?: K) {
  return cell.transform((s, ctx) => {
    const value = cleanCell(s);
    if (value === null) return fallback ?? null;
    const key = vocab.parse(value);
    if (key === undefined) {
      const allowed = vocab.keys.map((k) => vocab.terms[k].en).join(', ');
      ctx.addIssue(
        issue('not_in_list', { value }, `"${value}" is not a known ${vocab.name} (one of: ${allowed})`),
      );
      return z.NEVER;
    }
    return key;
  });
}

export const requiredTerm = <K extends string>(vocab: Vocabulary<K>) =>
  cell.transform((s, ctx) => {
    const value = cleanCell(s);
    const key = value === null ? undefined : vocab.parse(value);
    if (key === undefined) {
      const allowed = vocab.keys.map((k) => vocab.terms[k].en).join(', ');
      ctx.addIssue(
        value === null
          ? issue('required', {}, `${vocab.name} is required (one of: ${allowed})`)
          : issue('not_in_list', { value }, `"${value}" is not a known ${vocab.name} (one of: ${allowed})`),
      );
      return z.NEVER;
    }
    return key;
  });

/** A date's problem as a zod issue with its code. */
const dateIssue = (problem: DateProblem) => issue(problem.code, problem.params, problem.error);

/** A date known to the day, month or year; with `past`, not after today (what has happened). */
export const partialDate = ({ past = false }: { past?: boolean } = {}) =>
  cell.transform((s, ctx): PartialDate | null => {
    const value = cleanCell(s);
    if (value === null) return null;
    const parsed = parsePartialDate(value);
    if ('error' in parsed) {
      ctx.addIssue(dateIssue(parsed));
      return z.NEVER;
    }
    const today = new Date().toISOString().slice(0, 10);
    if (past && parsed.date > today) {
      ctx.addIssue(issue('date_in_future', { max: today }, 'date is in the future'));
      return z.NEVER;
    }
    return parsed;
  });

export const day = () =>
  cell.transform((s, ctx): string | null => {
    const value = cleanCell(s);
    if (value === null) return null;
    const parsed = parseDay(value);
    if (typeof parsed !== 'string') {
      ctx.addIssue(dateIssue(parsed));
      return z.NEVER;
    }
    return parsed;
  });

/** A required day, YYYY-MM-DD, in a JSON body or query string (not a spreadsheet cell). */
export const isoDay = () =>
  z
    .string()
    .max(10)
    .transform((text, ctx) => {
      const parsed = parseDay(text);
      if (typeof parsed !== 'string') {
        ctx.addIssue(dateIssue(parsed));
        return z.NEVER;
      }
      return parsed;
    });

/**
 * A date as the register records it, to the day, the month or the year (`2021-08-14`, `2021-08`,
 * `2021`), in a JSON body or query string: given as the first day of its period.
 */
export const isoPartialDate = () =>
  z
    .string()
    .max(10)
    .transform((text, ctx) => {
      const parsed = parsePartialDate(text);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed.date;
    });

/** A required country in a JSON body or query string: an ISO code or a name, given as its ISO code. */
export const isoCountry = () =>
  z
    .string()
    .trim()
    .min(2)
    .max(60)
    .transform((text, ctx) => {
      const code = parseCountry(text);
      if (!code) {
        ctx.addIssue(
          issue(
            'not_a_country',
            { value: text },
            `"${text}" is not a country (ISO code or English or French name)`,
          ),
        );
        return z.NEVER;
      }
      return code;
    });

/** A whole number of people or things; `min` 0 for counts of victims, 1 for quantities. */
export const wholeNumber = (min: number) =>
  cell.transform((s, ctx): number | null => {
    const value = cleanCell(s);
    if (value === null) return null;
    const n = parseDecimal(value);
    if (n === undefined || !Number.isInteger(n) || n < min || n > 2_147_483_647) {
      ctx.addIssue(
        issue(
          'not_a_whole_number',
          { value, min },
          `"${value}" is not a whole number${min > 0 ? ` of at least ${min}` : ''}`,
        ),
      );
      return z.NEVER;
    }
    return n;
  });

export const decimal = () =>
  cell.transform((s, ctx): number | null => {
    const value = cleanCell(s);
    if (value === null) return null;
    const n = parseDecimal(value);
    if (n === undefined) {
      ctx.addIssue(issue('not_a_number', { value }, `"${value}" is not a number`));
      return z.NEVER;
    }
    return n;
  });

/** A latitude or longitude in decimal degrees, within its range. */
export const degrees = (axis: 'latitude' | 'longitude') =>
  decimal().transform((n, ctx): number | null => {
    if (n === null) return null;
    const problem = axis === 'latitude' ? checkLatLon(n, 0) : checkLatLon(0, n);
    if (problem) {
      ctx.addIssue(issue(`${axis}_out_of_range`, { value: n }, problem));
      return z.NEVER;
    }
    return n;
  });

/** An MGRS grid reference, read to its square. */
export const mgrsSquare = () =>
  cell.transform((s, ctx): MgrsSquare | null => {
    const value = cleanCell(s);
    if (value === null) return null;
    const grid = parseMgrs(value);
    if ('error' in grid) {
      ctx.addIssue(issue('mgrs_unreadable', { value }, grid.error));
      return z.NEVER;
    }
    return grid;
  });

export const country = () =>
  cell.transform((s, ctx): string | null => {
    const value = cleanCell(s);
    if (value === null) return null;
    const code = parseCountry(value);
    if (!code) {
      ctx.addIssue(
        issue('not_a_country', { value }, `"${value}" is not a country (ISO code or English or French name)`),
      );
      return z.NEVER;
    }
    return code;
  });

export const year = () =>
  cell.transform((s, ctx): number | null => {
    const value = cleanCell(s);
    if (value === null) return null;
    const parsed = parseYear(value);
    if (typeof parsed !== 'number') {
      ctx.addIssue(dateIssue(parsed));
      return z.NEVER;
    }
    return parsed;
  });

/** A `;`-separated list (aliases, actors); a comma may separate too when no `;` is used. */
export const list = () =>
  cell.transform((s) => {
    const value = cleanCell(s);
    if (value === null) return [];
    const parts = value.includes(';') ? value.split(';') : value.split(',');
    return [...new Set(parts.map((p) => p.trim()).filter((p) => p.length > 0))];
  });

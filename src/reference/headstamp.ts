import { parseCountry } from '../core/countries';
import type { Problem } from '../core/problems';

// Reading a headstamp as field teams type it: "539 75", "539/75", "75 539", "IK 86", "10 ⊙ 79",
// "⑩ 79", "(10) 79", "945\n10", "China 31", "945 (China)", "USSR 539", "lot 12". Pure: the
// caller says which codes are listed and which years are possible; nothing here knows a factory.

export interface HeadstampReading {
  /** The text as typed, always kept. */
  raw: string;
  /** The factory code as stamped (digits in ASCII, letters upper-case), or null when none was read. */
  code: string | null;
  /** The year of production, four digits, never after the incident. */
  year: number | null;
  /** The year as stamped when it was shortened to two digits ("75"), for the record of how it was read. */
  yearAsStamped: string | null;
  /** A country typed beside the code ("China 31", "945 (Chine)"), ISO alpha-2 (SU, YU, CS kept). */
  country: string | null;
  lot: string | null;
  /** A calibre stamped on commercial headstamps ("PPU 7.62x39"), as written. */
  calibre: string | null;
  /** What was seen but not taken, e.g. a year after the incident. */
  notes: string[];
}

/** A reading, or why the text is not one (a problem code, worded in either language). */
export type HeadstampResult = { reading: HeadstampReading } | { unread: Problem };

export interface HeadstampOptions {
  /** Whether a code is a listed headstamp code (the normaliser's `isHeadstampCode`). */
  isCode(code: string): boolean;
  /** The latest possible year of production: the incident's year, else the current year. */
  notAfter: number;
  /** The earliest plausible year: when the calibre came into service (`calibreFirstYear`). */
  notBefore?: number;
  /**
   * Whether a code the reference lists do not hold may be taken as a factory code. True for
   * cartridges, whose base carries little else (a letter code only beside a year); false for
   * weapons and the rest, whose markings are mostly serials, model numbers and proofs.
   */
  unlistedCodes?: boolean;
}

/** Longer text is a description, not a headstamp: refused before any pattern runs on it. */
export const MAX_HEADSTAMP_LENGTH = 120;
/** Metallic cartridges with stamped codes and years do not predate this. */
const EARLIEST_YEAR = 1870;

/**
 * The year each calibre came into service (standard references: the 7.62x39 was adopted in 1943,
 * the 5.45x39 in 1974…): a two-digit year that would fall before it belongs to the next century,
 * or cannot be the year at all.
 */
export const CALIBRE_FIRST_YEAR: Readonly<Record<string, number>> = {
  '5.45x39': 1974,
  '5.56x45': 1963,
  '7.62x39': 1943,
  '7.62x51': 1954,
  '7.62x54R': 1891,
  '7.62x25': 1930,
  '9x18': 1951,
  '9x19': 1902,
  '12.7x108': 1938,
  '12.7x99': 1921,
  '14.5x114': 1941,
  '23x152B': 1944,
  '30x165': 1975,
  '40x46SR': 1960,
};

export function calibreFirstYear(calibreKey: string | null): number | undefined {
  return calibreKey ? CALIBRE_FIRST_YEAR[calibreKey] : undefined;
}

/**
 * The latest year ending in `digits` that is neither after `notAfter` nor before `notBefore`:
 * "75" read in 2021 is 1975, "19" is 2019, "22" is 1922 (2022 is after the incident) unless the
 * calibre did not exist in 1922, and then no year is possible.
 */
export function expandYear(digits: number, notAfter: number, notBefore = EARLIEST_YEAR): number | null {
  if (!Number.isInteger(digits) || digits < 0 || digits > 99) return null;
  const year = notAfter - (((((notAfter % 100) - digits) % 100) + 100) % 100);
  return year >= notBefore ? year : null;
}

// Words that announce a headstamp rather than form part of it.
const LEAD_WORDS = /^(?:headstamp|head stamp|hs|culot|marquages?|markings?|marks?|code)\s*[:=]?\s*/iu;
// A lot number holds a digit: "batch marked 2016" names no lot.
const LOT =
  /(?:^|[\s,;/(])(?:lot|batch|lote)\s*(?:no\.?|n°|nr\.?|#)?\s*[:#]?\s*([\p{L}\p{N}-]*\d[\p{L}\p{N}-]*)/iu;
const LOT_SHORT = /(?:^|[\s,;/(])L[-:.]\s*(\d[\p{L}\p{N}-]*)/u;
const CALIBRE = /(?:^|\s)(\d{1,3}(?:[.,]\d{1,2})?\s*[x×х]\s*\d{2,3}(?:\s*mm)?\s*(?:R|SR|B)?)(?=$|\s)/iu;
const PARENTHESISED = /\(([^()]{1,40})\)/gu;
// Decorations between the code and the year (stars, circles, dots, slashes, line breaks).
const SEPARATORS = /[\s/\\|,;:_.\-–—·•*+★☆✱✶⊙○◯●◉◎◦°⋆=~"'`´‘’“”[\]{}<>]+/u;
// Short country names typed on headstamp sheets that are not full names in the ISO lists.
const COUNTRY_WORDS: Readonly<Record<string, string>> = {
  USSR: 'SU',
  URSS: 'SU',
  СССР: 'SU',
  CCCP: 'SU',
  PRC: 'CN',
  RPC: 'CN',
  USA: 'US',
  UK: 'GB',
  SFRY: 'YU',
  RSFY: 'YU',
  GDR: 'DD',
  RDA: 'DD',
  DDR: 'DD',
};

/** Digits other scripts and dingbats write (Arabic-Indic, Persian, circled forms). */
const DIGIT_RANGES: { first: number; last: number; value: number; circled: boolean }[] = [
  { first: 0x0660, last: 0x0669, value: 0, circled: false }, // ٠–٩
  { first: 0x06f0, last: 0x06f9, value: 0, circled: false }, // ۰–۹
  { first: 0x2460, last: 0x2473, value: 1, circled: true }, // ①–⑳
  { first: 0x24eb, last: 0x24f4, value: 11, circled: true }, // ⓫–⓴
  { first: 0x24f5, last: 0x24fe, value: 1, circled: true }, // ⓵–⓾
  { first: 0x24ff, last: 0x24ff, value: 0, circled: true }, // ⓿
  { first: 0x2776, last: 0x2793, value: 1, circled: true }, // ❶–❿, ➀–➉, ➊–➓ (three runs of ten)
];
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9\u2460-\u2473\u24EB-\u24FF\u2776-\u2793]/gu, (char) => {
    const point = char.codePointAt(0)!;
    const range = DIGIT_RANGES.find((r) => point >= r.first && point <= r.last);
    if (!range) return char;
    const offset = point - range.first;
    const value = range.first === 0x2776 ? (offset % 10) + 1 : range.value + offset;
    // A circled number is a whole code: spaced so that "⑩79" does not run into the year.
    return range.circled ? ` ${value} ` : String(value);
  });
}

/** The text as the patterns read it: circled and full-width forms folded (⑩ → 10, ⑽ → (10)). */
function prepare(raw: string): string {
  return asciiDigits(raw)
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

function countryOf(word: string, parenthesised: boolean): string | undefined {
  const named = COUNTRY_WORDS[word.toUpperCase()];
  if (named) return named;
  // Two- and three-letter codes clash with factory codes (LC is Lake City and Saint Lucia): only
  // in brackets, where nobody writes a factory code beside another one, are they read as states.
  if (word.length < 4 && !parenthesised) return undefined;
  return parseCountry(word);
}

type Token = { text: string; kind: 'number' | 'letters' };

/**
 * Reads a headstamp typed as stamped. Returns why it could not when the text holds anything
 * that is not a code, a year, a country, a lot or a calibre: markings also carry serials and
 * notes, and a half-read marking must not become a factory.
 */
export function readHeadstamp(raw: string, options: HeadstampOptions): HeadstampResult {
  if (raw.length > MAX_HEADSTAMP_LENGTH) return { unread: { code: 'headstamp_too_long' } };
  let text = prepare(raw).replace(LEAD_WORDS, '');
  if (!text) return { unread: { code: 'headstamp_empty' } };
  const notes: string[] = [];
  let lot: string | null = null;
  let calibre: string | null = null;
  let country: string | null = null;

  const lotMatch = LOT.exec(text) ?? LOT_SHORT.exec(text);
  if (lotMatch) {
    lot = lotMatch[1]!.toUpperCase();
    text = text.replace(lotMatch[0], ' ');
  }
  const calibreMatch = CALIBRE.exec(text);
  if (calibreMatch) {
    calibre = calibreMatch[1]!.trim();
    text = text.replace(calibreMatch[1]!, ' ');
  }
  /** Takes the country named; a second, other one is why the text is not one headstamp. */
  const nameCountry = (code: string): Problem | null => {
    if (country && country !== code)
      return { code: 'headstamp_two_countries', params: { value: `${country}, ${code}` } };
    country = code;
    return null;
  };
  // "(China)" or "(CN)" is a country; "(10)" is a code written in a circle.
  text = text.replace(PARENTHESISED, (whole, inner: string) => {
    const found = countryOf(inner.trim(), true);
    if (found && !nameCountry(found)) return ' ';
    return ` ${inner} `;
  });

  const words = text.split(SEPARATORS).filter((w) => w.length > 0);
  // Country names of several words ("Soviet Union", "Union soviétique", "Czech Republic").
  const tokens: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : undefined;
    const twoCountry = two && /^\p{L}+ \p{L}+$/u.test(two) ? parseCountry(two) : undefined;
    if (twoCountry) {
      const clash = nameCountry(twoCountry);
      if (clash) return { unread: clash };
      i++;
      continue;
    }
    const word = words[i]!;
    if (/^\p{L}+$/u.test(word)) {
      const named = countryOf(word, false);
      // A listed code that is also a country's name stays a code.
      if (named && !options.isCode(word)) {
        const clash = nameCountry(named);
        if (clash) return { unread: clash };
        continue;
      }
      tokens.push({ text: word.toUpperCase(), kind: 'letters' });
    } else if (/^\d+$/u.test(word)) tokens.push({ text: word, kind: 'number' });
    else if (/^[\p{L}&]+$/u.test(word) && word.length <= 4 && options.isCode(word))
      tokens.push({ text: word.toUpperCase(), kind: 'letters' });
    else return { unread: { code: 'headstamp_stray_word', params: { value: word } } };
  }
  if (tokens.length === 0 && !country && !lot) return { unread: { code: 'headstamp_no_code_or_year' } };

  const reading = assign(tokens, options);
  if ('unread' in reading) return reading;
  const { code, yearText } = reading;
  let year: number | null = null;
  let yearAsStamped: string | null = null;
  if (yearText !== null) {
    const notBefore = options.notBefore ?? EARLIEST_YEAR;
    if (yearText.length === 4) {
      const four = Number(yearText);
      if (four > options.notAfter) notes.push(`${four} is after the incident (${options.notAfter})`);
      else if (four < notBefore) notes.push(`${four} is before the calibre came into service (${notBefore})`);
      else year = four;
    } else {
      yearAsStamped = yearText;
      year = expandYear(Number(yearText), options.notAfter, notBefore);
      if (year === null)
        notes.push(`"${yearText}" cannot be a year between ${notBefore} and ${options.notAfter}`);
    }
  }
  return { reading: { raw, code, year, yearAsStamped, country, lot, calibre, notes } };
}

/** Which token is the code and which the year, in the layouts field teams use. */
function assign(
  tokens: Token[],
  options: HeadstampOptions,
): { code: string | null; yearText: string | null } | { unread: Problem } {
  const looksLikeYear = (t: Token) =>
    t.kind === 'number' &&
    (t.text.length === 2 ||
      (t.text.length === 4 && Number(t.text) >= EARLIEST_YEAR && Number(t.text) < 2100));
  const looksLikeCode = (t: Token) =>
    options.isCode(t.text) ||
    (options.unlistedCodes === true &&
      t.text.length <= 4 &&
      !(t.kind === 'number' && t.text.length === 4 && looksLikeYear(t)));
  if (tokens.length > 2) return { unread: { code: 'headstamp_too_many_parts' } };
  if (tokens.length === 0) return { code: null, yearText: null };
  if (tokens.length === 1) {
    const [only] = tokens as [Token];
    // A lone four-digit year is a year; a lone number of up to three digits is a code ("27").
    if (only.kind === 'number' && only.text.length === 4 && looksLikeYear(only))
      return { code: null, yearText: only.text };
    // An unlisted word alone ("rusty", "FAMa") is a note, not a factory: it needs a year beside it.
    if (options.isCode(only.text) || (only.kind === 'number' && looksLikeCode(only)))
      return { code: only.text, yearText: null };
    return { unread: { code: 'headstamp_code_unlisted', params: { value: only.text } } };
  }
  const [a, b] = tokens as [Token, Token];
  const asTyped = looksLikeCode(a) && looksLikeYear(b);
  const reversed = looksLikeCode(b) && looksLikeYear(a);
  if (asTyped && reversed) {
    // Both orders fit ("41 10", "75 539"): codes are typed first, as they are read from the top
    // of the base, unless only the second is a listed code, or it is longer than a year.
    const secondIsCode =
      (options.isCode(b.text) && !options.isCode(a.text)) || (b.text.length === 3 && a.text.length === 2);
    return secondIsCode ? { code: b.text, yearText: a.text } : { code: a.text, yearText: b.text };
  }
  if (asTyped) return { code: a.text, yearText: b.text };
  if (reversed) return { code: b.text, yearText: a.text };
  return { unread: { code: 'headstamp_not_code_and_year', params: { value: `${a.text} ${b.text}` } } };
}

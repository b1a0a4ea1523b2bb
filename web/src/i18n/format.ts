import { dateLabel } from '@headstamp/core/dates';
import { coordinatesLabel, countryPhrase, sinceLabel, type CountryForm } from '@headstamp/core/grammar';
import { languageSchema, termLabel, type Language, type Vocabulary } from '@headstamp/core/vocabulary';
import { en, fr, type Message, type MessageKey } from './messages';

export type { Language };
export const languages: readonly Language[] = languageSchema.options;
const dictionaries: Record<Language, Record<MessageKey, Message>> = { en, fr };

export type Params = Record<string, string | number>;

/** Everything a page needs to speak the reader's language: words, numbers, dates, names. */
export interface Formatter {
  language: Language;
  /**
   * The locale whose conventions read the dates people type (`fr`, `en-GB`, `en-US`): the
   * interface's language, in the variant the browser names for it.
   */
  dateLocale: string;
  /** A message, with `{name}` placeholders filled; a plural message chooses by `count`. */
  t(key: MessageKey, params?: Params): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** A share (0.42) as a percentage, to whole percents unless `digits` says more: `42 %`. */
  percent(value: number, digits?: number): string;
  /** A register date: `2021`, `2021-08` or `2021-08-21`, shown to the precision known. */
  date(iso: string): string;
  /** "Since" a register date, to the precision known: `depuis décembre 2016`. */
  since(iso: string): string;
  /** A point with its hemispheres, unambiguous in either language: `20,2603° N ; 0,9419° E`. */
  coordinates(lat: number, lon: number): string;
  /**
   * A vocabulary value (its key, or a label or synonym as typed) in the reader's language; a
   * value the vocabulary does not know is shown as written.
   */
  term<K extends string>(vocabulary: Vocabulary<K>, value: string | null | undefined): string;
  /** A country's name (`form` for a sentence: `la France`, `en France`, `de la France`). */
  country(code: string, form?: CountryForm): string;
}

export function createFormatter(language: Language, browser: readonly string[] = []): Formatter {
  const dictionary = dictionaries[language];
  const numbers = new Intl.NumberFormat(language);
  const plural = new Intl.PluralRules(language);

  const t = (key: MessageKey, params: Params = {}) => {
    const message = dictionary[key];
    let text: string;
    if (typeof message === 'string') text = message;
    else {
      const count = Number(params.count ?? 0);
      text = plural.select(count) === 'one' ? message.one : message.other;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };

  return {
    language,
    dateLocale: dateLocale(language, browser),
    t,
    number: (value, options) =>
      options ? new Intl.NumberFormat(language, options).format(value) : numbers.format(value),
    percent: (value, digits = 0) =>
      new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: digits }).format(value),
    date: (iso) => dateLabel(iso, language),
    since: (iso) => sinceLabel(iso, language),
    coordinates: (lat, lon) => coordinatesLabel(lat, lon, language),
    term: (vocabulary, value) => termLabel(vocabulary, value, language),
    country(code, form = 'name') {
      if (code === '' || code === 'unknown') return t('common.unknown');
      return countryPhrase(code, form, language);
    },
  };
}

/** The language to start in: the one chosen before, else the browser's if we speak it. */
export function preferredLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === 'en' || stored === 'fr') return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

/** The browser's variant of the interface's language (`en-GB`), else the language itself. */
export function dateLocale(language: Language, browser: readonly string[]): string {
  return browser.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

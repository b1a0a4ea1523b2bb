import { dateLabel } from '@headstamp/core/dates';
import { HISTORICAL } from '@headstamp/core/historical-countries';
import { languageSchema, type Language, type Vocabulary } from '@headstamp/core/vocabulary';
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
  /** A register date: `2021`, `2021-08` or `2021-08-21`, shown to the precision known. */
  date(iso: string): string;
  /** A vocabulary key in the reader's language; an unknown key is shown as it is. */
  term<K extends string>(vocabulary: Vocabulary<K>, key: string): string;
  country(code: string): string;
}

export function createFormatter(language: Language, browser: readonly string[] = []): Formatter {
  const dictionary = dictionaries[language];
  const numbers = new Intl.NumberFormat(language);
  const plural = new Intl.PluralRules(language);
  const regions = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });

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
    date: (iso) => dateLabel(iso, language),
    term(vocabulary, key) {
      return (vocabulary.keys as readonly string[]).includes(key)
        ? vocabulary.label(key as Parameters<typeof vocabulary.label>[0], language)
        : key;
    },
    country(code) {
      if (code === '' || code === 'unknown') return t('common.unknown');
      const historical = HISTORICAL[code];
      if (historical) return historical[language];
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
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

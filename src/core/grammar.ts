import { COUNTRY_NAMES } from './country-names';
import { dateLabel } from './dates';
import type { Language } from './vocabulary';

// How a sentence says a country, a date or a point in English and French: articles and
// prepositions before a country's name (la France, en France, du Mali, aux Émirats arabes unis),
// months without an article (depuis décembre 2016), coordinates no reader can misread.
// Free of Node modules: the server, the command line and the web application write with it alike.

/**
 * How a country appears in a sentence:
 * - `name`: on its own, as in a table or a list (`États-Unis`, `United States`);
 * - `the`: with its article, as a subject (`les États-Unis`, `the United States`);
 * - `in`: where something happens (`aux États-Unis`, `in the United States`);
 * - `of`: after "of" (`des États-Unis`, `of the United States`).
 */
export type CountryForm = 'name' | 'the' | 'in' | 'of';

/** The codes of every country known by name: ISO 3166-1, Kosovo and the former states. */
export const countryCodes: readonly string[] = Object.keys(COUNTRY_NAMES);

const FRENCH_ARTICLE = /^(le |la |les |l’)/;
/** French elides `de` before a vowel and before the mute h of these names (not Hong Kong's). */
const ELIDES = /^([aeiouyàâäéèêëîïôöûü]|haï)/i;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A country in the form a sentence needs; a code we do not know is written as it is. */
export function countryPhrase(code: string, form: CountryForm, language: Language): string {
  const names = COUNTRY_NAMES[code];
  if (!names) return code;
  const [en, fr, frIn] = names;
  if (language === 'en') {
    if (form === 'name') return en.replace(/^the /, '');
    if (form === 'the') return en;
    return `${form} ${en}`;
  }
  const article = FRENCH_ARTICLE.exec(fr)?.[1];
  const bare = article ? fr.slice(article.length) : fr;
  switch (form) {
    case 'name':
      return capitalised(bare);
    case 'the':
      return fr;
    case 'in':
      if (frIn) return frIn;
      if (article === 'le ') return `au ${bare}`;
      if (article === 'les ') return `aux ${bare}`;
      if (article) return `en ${bare}`;
      return `à ${bare}`;
    case 'of':
      if (article === 'le ') return `du ${bare}`;
      if (article === 'les ') return `des ${bare}`;
      if (article) return `de ${fr}`;
      return ELIDES.test(bare) ? `d’${bare}` : `de ${bare}`;
  }
}

/** A country's name on its own (`Union soviétique`, `United States`). */
export function countryName(code: string, language: Language): string {
  return countryPhrase(code, 'name', language);
}

/**
 * "Since" a register date, to the precision known: `depuis 2016`, `depuis décembre 2016`,
 * `depuis le 3 déc. 2016`; `since 2016`, `since December 2016`, `since 3 Dec 2016`.
 */
export function sinceLabel(iso: string, language: Language): string {
  const label = dateLabel(iso, language);
  if (language === 'en') return `since ${label}`;
  const day = /^\d{4}-\d{2}-\d{2}/.test(iso);
  return day ? `depuis le ${label}` : `depuis ${label}`;
}

const coordinateFormats = new Map<Language, Intl.NumberFormat>();
const HEMISPHERES = { en: ['N', 'S', 'E', 'W'], fr: ['N', 'S', 'E', 'O'] } as const;

/**
 * A point as neither language can misread it: the decimal separator of the language, degrees
 * and hemispheres, and a separator between the two that is not the decimal one:
 * `20.2603° N, 0.9419° E` / `20,2603° N ; 0,9419° E`.
 */
export function coordinatesLabel(lat: number, lon: number, language: Language): string {
  let format = coordinateFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 6, useGrouping: false });
    coordinateFormats.set(language, format);
  }
  const [north, south, east, west] = HEMISPHERES[language];
  const latitude = `${format.format(Math.abs(lat))}° ${lat < 0 ? south : north}`;
  const longitude = `${format.format(Math.abs(lon))}° ${lon < 0 ? west : east}`;
  return language === 'fr' ? `${latitude} ; ${longitude}` : `${latitude}, ${longitude}`;
}

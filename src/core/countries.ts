import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import { foldKey } from './text';
import { languageSchema } from './vocabulary';
import { HISTORICAL } from './historical-countries';
import { countryCodes, countryPhrase } from './grammar';

countries.registerLocale(en);
countries.registerLocale(fr);

const index = new Map<string, string>();
function add(name: string, code: string) {
  const key = foldKey(name);
  if (!index.has(key)) index.set(key, code);
}
for (const code of Object.keys(countries.getAlpha2Codes())) {
  add(code, code);
  add(countries.alpha2ToAlpha3(code) ?? code, code);
  for (const language of languageSchema.options) {
    const names = countries.getName(code, language, { select: 'all' }) ?? [];
    for (const name of names) add(name, code);
  }
}
for (const [code, h] of Object.entries(HISTORICAL)) {
  for (const name of [code, h.alpha3, ...h.names]) add(name, code);
}
// The names Headstamp writes, with and without their article (`la Côte d’Ivoire`), read back.
for (const code of countryCodes) {
  for (const language of languageSchema.options) {
    add(countryPhrase(code, 'name', language), code);
    add(countryPhrase(code, 'the', language), code);
  }
}

/** ISO 3166 alpha-2 code from an alpha-2 or alpha-3 code or an English or French name. */
export function parseCountry(text: string): string | undefined {
  return index.get(foldKey(text));
}

export { countryName } from './grammar';

export function isCountryCode(code: string): boolean {
  return code in HISTORICAL || countries.isValid(code);
}

import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { dateLabel } from './dates';
import { isCountryCode, parseCountry } from './countries';
import { coordinatesLabel, countryCodes, countryName, countryPhrase, sinceLabel } from './grammar';
import { HISTORICAL } from './historical-countries';

describe('countries in a sentence', () => {
  it('names every ISO country and every former state, in both languages', () => {
    const known = [...Object.keys(countries.getAlpha2Codes()), ...Object.keys(HISTORICAL)];
    expect(known.filter((code) => !countryCodes.includes(code))).toEqual([]);
    expect(countryCodes.filter((code) => !isCountryCode(code))).toEqual([]);
  });

  it('gives every country an article form, and "in" and "of" forms built on it', () => {
    for (const code of countryCodes) {
      const fr = {
        name: countryPhrase(code, 'name', 'fr'),
        the: countryPhrase(code, 'the', 'fr'),
        in: countryPhrase(code, 'in', 'fr'),
        of: countryPhrase(code, 'of', 'fr'),
      };
      const context = `${code}: ${JSON.stringify(fr)}`;
      expect(fr.name, context).toMatch(/^[A-ZÀ-Ý]/);
      // The article form is the name, with "le", "la", "les" or "l’" before it or none.
      expect(fr.the.toLowerCase(), context).toMatch(
        new RegExp(`^(le |la |les |l’)?${escape(fr.name.toLowerCase())}$`),
      );
      expect(fr.in, context).toMatch(/^(au |aux |en |à |à la |sur l’île |dans le )/);
      expect(fr.of, context).toMatch(/^(du |des |de la |de l’|de |d’)/);
      // What French never writes: "de le", "à le", "en le", "de les", a vowel after a bare "de".
      for (const phrase of [fr.in, fr.of])
        expect(phrase, context).not.toMatch(/(^|\s)(de|à|en) (le|les)\s|(^|\s)de [aeiouyàâéèêëîïôûü]/i);
      // "au"/"du" only before a masculine name with its article; "l’" never after "au".
      if (fr.in.startsWith('au ') || fr.of.startsWith('du ')) expect(fr.the, context).toMatch(/^le /);
      if (fr.in.startsWith('aux ') || fr.of.startsWith('des ')) expect(fr.the, context).toMatch(/^les /);

      const en = {
        name: countryPhrase(code, 'name', 'en'),
        the: countryPhrase(code, 'the', 'en'),
        in: countryPhrase(code, 'in', 'en'),
        of: countryPhrase(code, 'of', 'en'),
      };
      expect(en.the.replace(/^the /, ''), code).toBe(en.name);
      expect(en.in).toBe(`in ${en.the}`);
      expect(en.of).toBe(`of ${en.the}`);
    }
  });

  it('writes the articles and prepositions French uses', () => {
    const fr = (code: string) =>
      (['name', 'the', 'in', 'of'] as const).map((form) => countryPhrase(code, form, 'fr'));
    expect(fr('FR')).toEqual(['France', 'la France', 'en France', 'de la France']);
    expect(fr('ML')).toEqual(['Mali', 'le Mali', 'au Mali', 'du Mali']);
    expect(fr('NE')).toEqual(['Niger', 'le Niger', 'au Niger', 'du Niger']);
    expect(fr('US')).toEqual(['États-Unis', 'les États-Unis', 'aux États-Unis', 'des États-Unis']);
    expect(fr('AE')).toEqual([
      'Émirats arabes unis',
      'les Émirats arabes unis',
      'aux Émirats arabes unis',
      'des Émirats arabes unis',
    ]);
    expect(fr('SU')).toEqual([
      'Union soviétique',
      'l’Union soviétique',
      'en Union soviétique',
      'de l’Union soviétique',
    ]);
    expect(fr('DD')).toEqual([
      'Allemagne de l’Est',
      'l’Allemagne de l’Est',
      'en Allemagne de l’Est',
      'de l’Allemagne de l’Est',
    ]);
    expect(fr('IQ')).toEqual(['Irak', 'l’Irak', 'en Irak', 'de l’Irak']);
    expect(fr('CU')).toEqual(['Cuba', 'Cuba', 'à Cuba', 'de Cuba']);
    expect(fr('OM')).toEqual(['Oman', 'Oman', 'à Oman', 'd’Oman']);
    expect(fr('IL')).toEqual(['Israël', 'Israël', 'en Israël', 'd’Israël']);
    expect(fr('HT')).toEqual(['Haïti', 'Haïti', 'en Haïti', 'd’Haïti']);
    expect(fr('HK')).toEqual(['Hong Kong', 'Hong Kong', 'à Hong Kong', 'de Hong Kong']);
    expect(fr('HN')).toEqual(['Honduras', 'le Honduras', 'au Honduras', 'du Honduras']);
    expect(fr('BB')).toEqual(['Barbade', 'la Barbade', 'à la Barbade', 'de la Barbade']);
    expect(fr('RE')).toEqual(['La Réunion', 'La Réunion', 'à La Réunion', 'de La Réunion']);
    expect(fr('IM')).toEqual(['Île de Man', 'l’île de Man', 'sur l’île de Man', 'de l’île de Man']);
    expect(fr('CI')).toEqual([
      'Côte d’Ivoire',
      'la Côte d’Ivoire',
      'en Côte d’Ivoire',
      'de la Côte d’Ivoire',
    ]);
  });

  it('writes "the" where English uses it', () => {
    expect(countryPhrase('SU', 'of', 'en')).toBe('of the Soviet Union');
    expect(countryPhrase('ML', 'in', 'en')).toBe('in Mali');
    expect(countryPhrase('US', 'name', 'en')).toBe('United States');
    expect(countryPhrase('GM', 'the', 'en')).toBe('the Gambia');
  });

  it('leaves a code it does not know as it is', () => {
    expect(countryName('ZZ', 'fr')).toBe('ZZ');
    expect(countryPhrase('ZZ', 'in', 'en')).toBe('ZZ');
  });

  it('reads back the names it writes, with or without their article', () => {
    for (const code of countryCodes) {
      for (const language of ['en', 'fr'] as const) {
        expect(parseCountry(countryPhrase(code, 'name', language)), `${code} ${language}`).toBe(code);
        expect(parseCountry(countryPhrase(code, 'the', language)), `${code} ${language}`).toBe(code);
      }
    }
  });
});

describe('dates in a sentence', () => {
  it('says "since" a month without an article, a day with one', () => {
    expect(sinceLabel('2016-12', 'fr')).toBe('depuis décembre 2016');
    expect(sinceLabel('2016', 'fr')).toBe('depuis 2016');
    expect(sinceLabel('2016-12-03', 'fr')).toBe('depuis le 3 déc. 2016');
    expect(sinceLabel('2013-01-01', 'fr')).toBe('depuis le 1er janv. 2013');
    expect(sinceLabel('2016-12', 'en')).toBe('since December 2016');
    expect(sinceLabel('2016-12-03', 'en')).toBe('since Dec 3, 2016');
  });

  it('writes the first of the month as an ordinal in French only', () => {
    expect(dateLabel('2013-01-01', 'fr')).toBe('1er janv. 2013');
    expect(dateLabel('2013-01-11', 'fr')).toBe('11 janv. 2013');
    expect(dateLabel('2013-01-01', 'en')).toBe('Jan 1, 2013');
  });
});

describe('coordinates', () => {
  it('writes a point with hemispheres and a separator that is not the decimal one', () => {
    expect(coordinatesLabel(20.2603, 0.9419, 'en')).toBe('20.2603° N, 0.9419° E');
    expect(coordinatesLabel(20.2603, 0.9419, 'fr')).toBe('20,2603° N ; 0,9419° E');
    expect(coordinatesLabel(14.988, -2.9594, 'fr')).toBe('14,988° N ; 2,9594° O');
    expect(coordinatesLabel(-33.9, -70.6, 'en')).toBe('33.9° S, 70.6° W');
    expect(coordinatesLabel(12345.5, 0, 'fr')).toBe('12345,5° N ; 0° E');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

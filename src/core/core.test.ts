import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attributionStatuses, classifications, incidentTypes } from '../incidents/vocabulary';
import { generateDemo } from '../demo/generate';
import { itemCategories, itemConditions, itemTypes } from '../items/vocabulary';
import { models } from '../reference/data/models';
import { country, list, requiredTerm, term, wholeNumber } from '../records/cells';
import {
  formatPartialDate,
  parseDay,
  parsePartialDate,
  parseYear,
  periodEnd,
  type PartialDate,
} from './dates';
import { breather, timedBreather } from './chunks';
import { decodeCursor, encodeCursor } from './cursor';
import { Invalid } from './errors';
import { checkLatLon, distanceMetres, parseDecimal, parseMgrs } from './geo';
import { cleanCell, closest, editDistance, foldKey, isBlank } from './text';
import { vocabulary, type Vocabulary } from './vocabulary';

/** Narrows a parse result to its success branch, failing the test with the error otherwise. */
function ok<T extends object>(result: T): Exclude<T, { error: string }> {
  if ('error' in result) throw new Error(`expected success, got error: ${String(result.error)}`);
  return result as Exclude<T, { error: string }>;
}

function errorOf(result: unknown): string {
  if (typeof result !== 'object' || result === null || !('error' in result)) {
    throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  }
  return String(result.error);
}

describe('foldKey', () => {
  it('makes "Côte d\'Ivoire", "COTE D IVOIRE" and "cote-d\'ivoire" meet on one key', () => {
    expect(foldKey("Côte d'Ivoire")).toBe('cote d ivoire');
    expect(foldKey('COTE D IVOIRE')).toBe('cote d ivoire');
    expect(foldKey("cote-d'ivoire")).toBe('cote d ivoire');
  });

  it('collapses runs of punctuation and spaces and trims the ends', () => {
    expect(foldKey('  Ségou --  Région / Cercle  ')).toBe('segou region cercle');
  });

  it('keeps letters of other scripts, so Cyrillic text is not erased', () => {
    expect(foldKey('ППУ')).toBe('ппу');
  });
});

describe('isBlank and cleanCell', () => {
  it.each([
    '',
    '   ',
    '?',
    '-',
    'N/A',
    'n/a',
    'NA',
    'n.d.',
    'ND',
    'unknown',
    'Unknown',
    'inconnu',
    'Inconnue',
    'INCONNU',
    'none',
  ])('treats %j as "nothing known"', (text) => {
    expect(isBlank(text)).toBe(true);
    expect(cleanCell(text)).toBeNull();
  });

  it('treats null and undefined as blank', () => {
    expect(isBlank(null)).toBe(true);
    expect(isBlank(undefined)).toBe(true);
    expect(cleanCell(null)).toBeNull();
    expect(cleanCell(undefined)).toBeNull();
  });

  it.each(['0', 'Nord', 'Gao', 'N', 'AK'])('keeps the real value %j', (text) => {
    expect(isBlank(text)).toBe(false);
    expect(cleanCell(text)).toBe(text);
  });

  it('trims a cell and collapses inner whitespace and line breaks to single spaces', () => {
    expect(cleanCell('  Kidal \n  region\t ')).toBe('Kidal region');
  });
});

describe('editDistance and closest', () => {
  it('counts insertions, deletions and substitutions (kitten → sitting is 3)', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('sitting', 'kitten')).toBe(3);
  });

  it('is the length of the other word when one side is empty, and 0 for equal words', () => {
    expect(editDistance('', 'Gao')).toBe(3);
    expect(editDistance('Gao', '')).toBe(3);
    expect(editDistance('Mopti', 'Mopti')).toBe(0);
  });

  it('suggests the place name a typo was meant to be, ignoring accents and case', () => {
    expect(closest('tombouctu', ['Gao', 'Tombouctou', 'Kidal'])).toBe('Tombouctou');
    expect(closest('SEGOU', ['Ségou', 'Sikasso'])).toBe('Ségou');
  });

  it('prefers the nearest of several close candidates', () => {
    expect(closest('Menaka', ['Menaca', 'Ménaka'])).toBe('Ménaka');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closest('Gao', ['Tombouctou', 'Kidal', 'Bamako'])).toBeUndefined();
  });
});

describe('parsePartialDate', () => {
  it.each([
    ['2019-03-12', '2019-03-12', 'day'],
    ['2019-3-5', '2019-03-05', 'day'],
    ['2019-03', '2019-03-01', 'month'],
    ['2019/03', '2019-03-01', 'month'],
    ['2019', '2019-01-01', 'year'],
  ] as const)('reads ISO %j as %s known to the %s', (text, date, precision) => {
    expect(parsePartialDate(text)).toEqual({ date, precision });
  });

  it('reads French day-first 12/03/2019 as 12 March, never as 3 December', () => {
    expect(parsePartialDate('12/03/2019')).toEqual({ date: '2019-03-12', precision: 'day' });
  });

  it('reads day-first dates written with dots or dashes', () => {
    expect(parsePartialDate('12.03.2019')).toEqual({ date: '2019-03-12', precision: 'day' });
    expect(parsePartialDate('12-03-2019')).toEqual({ date: '2019-03-12', precision: 'day' });
  });

  it('reads 03/2019 as March 2019 known to the month', () => {
    expect(parsePartialDate('03/2019')).toEqual({ date: '2019-03-01', precision: 'month' });
  });

  it('reads a spreadsheet midnight timestamp as the day it stamps', () => {
    expect(parsePartialDate('2021-08-14T00:00:00Z')).toEqual({ date: '2021-08-14', precision: 'day' });
    expect(parsePartialDate('2021-08-14 00:00:00')).toEqual({ date: '2021-08-14', precision: 'day' });
  });

  it('ignores spaces around the date', () => {
    expect(parsePartialDate('  2019-03-12 ')).toEqual({ date: '2019-03-12', precision: 'day' });
  });

  it('rejects 30 February as not a real calendar date', () => {
    expect(errorOf(parsePartialDate('2019-02-30'))).toContain('not a real calendar date');
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parsePartialDate('2020-02-29')).toEqual({ date: '2020-02-29', precision: 'day' });
    expect(errorOf(parsePartialDate('29/02/2019'))).toContain('not a real calendar date');
  });

  it('rejects a thirteenth month', () => {
    expect(errorOf(parsePartialDate('2019-13'))).toContain('not a real calendar date');
    expect(errorOf(parsePartialDate('13/2019'))).toContain('not a real calendar date');
  });

  it('rejects years before 1850 as out of range', () => {
    expect(errorOf(parsePartialDate('1700'))).toBe('year 1700 is out of range');
  });

  it('refuses to guess the century of a two-digit year in a full date', () => {
    expect(errorOf(parsePartialDate('12/03/19'))).toContain('is not a date');
  });

  it('rejects free text, and names the forms it accepts', () => {
    const message = errorOf(parsePartialDate('the spring of 2019'));
    expect(message).toContain('"the spring of 2019" is not a date');
    expect(message).toContain('DD/MM/YYYY');
  });

  it('rejects a timestamp with a time of day rather than dropping the time', () => {
    expect(errorOf(parsePartialDate('2021-08-14T13:45:00Z'))).toContain('is not a date');
  });

  it.each(['2019', '2019-03', '2019-03-12'])('formats %j back to the text it was read from', (text) => {
    expect(formatPartialDate(ok(parsePartialDate(text)))).toBe(text);
  });

  it('formats a French day-first date in ISO form', () => {
    expect(formatPartialDate(ok(parsePartialDate('02/04/2021')))).toBe('2021-04-02');
  });
});

describe('periodEnd, parseDay and parseYear', () => {
  const partial = (text: string): PartialDate => ok(parsePartialDate(text));

  it('gives the last day of the year, month or day a partial date covers', () => {
    expect(periodEnd(partial('2016'))).toBe('2016-12-31');
    expect(periodEnd(partial('2020-02'))).toBe('2020-02-29');
    expect(periodEnd(partial('2019-02'))).toBe('2019-02-28');
    expect(periodEnd(partial('2019-04-30'))).toBe('2019-04-30');
  });

  it('accepts only full dates as days', () => {
    expect(parseDay('01/06/2013')).toBe('2013-06-01');
    expect(errorOf(parseDay('2013-06'))).toContain('must be a full date');
    expect(errorOf(parseDay('2013'))).toContain('must be a full date');
  });

  it("reads a headstamp's two-digit year as this century up to the current year, the last one after it", () => {
    const now = new Date('2024-06-01T00:00:00Z');
    expect(parseYear('87', now)).toBe(1987);
    expect(parseYear('19', now)).toBe(2019);
    expect(parseYear('24', now)).toBe(2024);
    expect(parseYear('25', now)).toBe(1925);
    expect(parseYear('00', now)).toBe(2000);
  });

  it('reads a four-digit year and rejects one in the future or before 1850', () => {
    const now = new Date('2024-06-01T00:00:00Z');
    expect(parseYear(' 1987 ', now)).toBe(1987);
    expect(errorOf(parseYear('2025', now))).toBe('year 2025 is out of range');
    expect(errorOf(parseYear('1849', now))).toBe('year 1849 is out of range');
  });

  it('rejects a year that is not two or four digits', () => {
    expect(errorOf(parseYear('987'))).toContain('is not a year');
    expect(errorOf(parseYear('1987a'))).toContain('is not a year');
  });
});

describe('parseDecimal and checkLatLon', () => {
  it('reads the decimal comma of French spreadsheets', () => {
    expect(parseDecimal('14,4843')).toBe(14.4843);
    expect(parseDecimal('-4,1966')).toBe(-4.1966);
  });

  it('reads a decimal point, signs, and spaces used as thousands separators', () => {
    expect(parseDecimal('+16.27')).toBe(16.27);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('1 234,5')).toBe(1234.5);
  });

  it('rejects text that is not one number', () => {
    expect(parseDecimal('abc')).toBeUndefined();
    expect(parseDecimal('12.5.3')).toBeUndefined();
    expect(parseDecimal('1,234.5')).toBeUndefined();
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal('14°N')).toBeUndefined();
  });

  it('accepts coordinates in Mali and the extremes of the globe', () => {
    expect(checkLatLon(16.2719, -0.0434)).toBeUndefined();
    expect(checkLatLon(-90, 180)).toBeUndefined();
    expect(checkLatLon(90, -180)).toBeUndefined();
  });

  it('names a latitude outside -90..90', () => {
    expect(checkLatLon(91, 0)).toBe('latitude 91 is outside -90..90');
    expect(checkLatLon(-90.5, 0)).toBe('latitude -90.5 is outside -90..90');
  });

  it('names a longitude outside -180..180', () => {
    expect(checkLatLon(0, 181)).toBe('longitude 181 is outside -180..180');
    expect(checkLatLon(0, -200)).toBe('longitude -200 is outside -180..180');
  });
});

describe('parseMgrs', () => {
  it('reads the 1 m grid reference 30PVC1234567890 as a point in central Mali', () => {
    const grid = ok(parseMgrs('30PVC1234567890'));
    expect(grid.lat).toBeCloseTo(15.989, 3);
    expect(grid.lon).toBeCloseTo(-3.819, 3);
    expect(grid.squareMetres).toBe(1);
    expect(grid.canonical).toBe('30PVC1234567890');
  });

  it('reads the same reference written with spaces and in lower case', () => {
    const spaced = ok(parseMgrs('30p vc 12345 67890'));
    const compact = ok(parseMgrs('30PVC1234567890'));
    expect(spaced.canonical).toBe('30PVC1234567890');
    expect([spaced.lat, spaced.lon]).toEqual([compact.lat, compact.lon]);
  });

  it('places a grid reference near Gao within a few metres of the town', () => {
    const grid = ok(parseMgrs('30QZD1601801297'));
    expect(distanceMetres(grid, { lat: 16.2719, lon: -0.0434 })).toBeLessThan(5);
  });

  it.each([
    ['30PVC1234567890', 1],
    ['30PVC12345678', 10],
    ['30PVC123456', 100],
    ['30PVC1234', 1000],
    ['30PVC12', 10_000],
    ['30PVC', 100_000],
  ])('gives %s a square of %i metres', (text, metres) => {
    expect(ok(parseMgrs(text)).squareMetres).toBe(metres);
  });

  it('resolves a coarse reference to the centre of its square, not its corner', () => {
    // 30PVC16 is the 10 km square 10–20 km east, 60–70 km north; its centre is 15 km, 65 km.
    const coarse = ok(parseMgrs('30PVC16'));
    const centre = ok(parseMgrs('30PVC1500065000'));
    expect(distanceMetres(coarse, centre)).toBeLessThan(2);
  });

  it.each([
    ['30PVC1', 'odd number of digits'],
    ['30PVC123456789012', 'more than ten digits'],
    ['30PIC1234567890', 'letter I, which MGRS never uses'],
    ['PVC12', 'no zone number'],
    ['14.48, -4.19', 'latitude and longitude'],
  ])('rejects %j (%s) as not an MGRS grid reference', (text) => {
    expect(errorOf(parseMgrs(text))).toContain('is not an MGRS grid reference');
  });

  it('rejects a well-formed reference in a zone that does not exist', () => {
    expect(errorOf(parseMgrs('99PVC12'))).toContain('is not a valid MGRS grid reference');
  });
});

describe('distanceMetres', () => {
  it('measures one degree of latitude as about 111 km', () => {
    expect(distanceMetres({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111_195, -1);
  });

  it('is zero from a point to itself and the same in both directions', () => {
    const gao = { lat: 16.2719, lon: -0.0434 };
    const timbuktu = { lat: 16.7666, lon: -3.0074 };
    expect(distanceMetres(gao, gao)).toBe(0);
    expect(distanceMetres(gao, timbuktu)).toBeCloseTo(distanceMetres(timbuktu, gao), 6);
  });

  it('puts Gao and Timbuktu about 320 km apart', () => {
    const d = distanceMetres({ lat: 16.2719, lon: -0.0434 }, { lat: 16.7666, lon: -3.0074 });
    expect(d).toBeGreaterThan(310_000);
    expect(d).toBeLessThan(330_000);
  });

  it('shrinks degrees of longitude towards the poles', () => {
    const atEquator = distanceMetres({ lat: 0, lon: 0 }, { lat: 0, lon: 1 });
    const at60 = distanceMetres({ lat: 60, lon: 0 }, { lat: 60, lon: 1 });
    expect(at60 / atEquator).toBeCloseTo(0.5, 2);
  });
});

describe('vocabulary', () => {
  const colours = vocabulary('colour', {
    red: { en: 'Red', fr: 'Rouge', synonyms: ['crimson'] },
    blue: { en: 'Blue', fr: 'Bleu' },
  });

  it('parses a key, an English label, a French label or a synonym to the key', () => {
    expect(colours.parse('red')).toBe('red');
    expect(colours.parse('Red')).toBe('red');
    expect(colours.parse('ROUGE')).toBe('red');
    expect(colours.parse('Crimson')).toBe('red');
    expect(colours.parse('bleu')).toBe('blue');
  });

  it('gives undefined for a term it does not define', () => {
    expect(colours.parse('green')).toBeUndefined();
  });

  it('labels a key in English or French', () => {
    expect(colours.label('red', 'en')).toBe('Red');
    expect(colours.label('red', 'fr')).toBe('Rouge');
  });

  it('refuses to be defined with one spelling meaning two keys', () => {
    expect(() =>
      vocabulary('clash', {
        a: { en: 'Alpha', fr: 'Alpha' },
        b: { en: 'Beta', fr: 'Bêta', synonyms: ['ALPHA'] },
      }),
    ).toThrow('vocabulary clash: "ALPHA" means both a and b');
  });

  it('exposes a zod enum of its keys', () => {
    expect(colours.schema.safeParse('blue').success).toBe(true);
    expect(colours.schema.safeParse('Bleu').success).toBe(false);
  });
});

describe('incident and item vocabularies', () => {
  const all: Vocabulary<string>[] = [
    incidentTypes,
    attributionStatuses,
    classifications,
    itemCategories,
    itemConditions,
    itemTypes,
  ];

  it.each(all.map((v) => [v.name, v] as const))(
    'reads every %s back from its English and French labels',
    (_, vocab) => {
      for (const key of vocab.keys) {
        expect(vocab.parse(vocab.label(key, 'en'))).toBe(key);
        expect(vocab.parse(vocab.label(key, 'fr'))).toBe(key);
      }
    },
  );

  it.each([
    ['Attaque à l’EEI', 'ied_attack'],
    ["attaque a l'EEI", 'ied_attack'],
    ['attaque IED', 'ied_attack'],
    ['IED', 'ied_attack'],
    ['découverte d’EEI', 'ied_find'],
    ['Tirs indirects', 'indirect_fire'],
    ['attaque au mortier', 'indirect_fire'],
    ['embuscade', 'small_arms_fire'],
    ['Attaque complexe', 'complex_attack'],
    ['SVBIED', 'vehicle_ied'],
    ['véhicule piégé', 'vehicle_ied'],
    ['Cache d’armes', 'arms_cache'],
    ['Saisie', 'seizure'],
    ['DDR', 'weapons_collection'],
    ['Reddition', 'surrender'],
    ['prise de guerre', 'battlefield_capture'],
    ['pillage', 'theft_loss'],
    ['braquage', 'banditry'],
    ['exécution', 'assassination'],
  ] as const)('reads the incident type %j as %s', (text, key) => {
    expect(incidentTypes.parse(text)).toBe(key);
  });

  it('does not read a description it does not list, such as "Engin explosif improvisé", as an incident type', () => {
    expect(incidentTypes.parse('Engin explosif improvisé')).toBeUndefined();
  });

  it.each([
    ['Revendiqué', 'claimed'],
    ['présumée', 'presumed'],
    ['suspecté', 'presumed'],
    ['non revendiqué', 'unknown'],
    ['Inconnu', 'unknown'],
  ] as const)('reads the attribution %j as %s', (text, key) => {
    expect(attributionStatuses.parse(text)).toBe(key);
  });

  it.each([
    ['usage interne', 'internal'],
    ['Strictement confidentiel', 'strictly_confidential'],
    ['non classifié', 'public'],
  ] as const)('reads the classification %j as %s', (text, key) => {
    expect(classifications.parse(text)).toBe(key);
  });

  it.each([
    ['Munition', 'ammunition'],
    ['douille', 'ammunition'],
    ['obus', 'ammunition'],
    ['Arme', 'weapon'],
    ['arme à feu', 'weapon'],
    ['Explosifs', 'explosive'],
    ['détonateur', 'ied_component'],
    ['Composant d’EEI', 'ied_component'],
    ['moto', 'vehicle'],
  ] as const)('reads the item category %j as %s', (text, key) => {
    expect(itemCategories.parse(text)).toBe(key);
  });

  it.each([
    ['percuté', 'fired'],
    ['douille tirée', 'fired'],
    ['HS', 'unserviceable'],
    ['Hors d’usage', 'unserviceable'],
    ['non explosé', 'live'],
    ['UXO', 'live'],
    ['rouillé', 'damaged'],
    ['Neuf', 'new'],
  ] as const)('reads the item condition %j as %s', (text, key) => {
    expect(itemConditions.parse(text)).toBe(key);
  });

  it('names in both languages every kind of object the demo theatre and the model list hold', () => {
    const written = new Set([
      ...generateDemo({ incidents: 400 }).items.map((item) => item.type ?? ''),
      ...models.map((model) => model.type ?? ''),
    ]);
    written.delete('');
    expect([...written].filter((type) => itemTypes.parse(type) === undefined)).toEqual([]);
  });
});

describe('cell schemas', () => {
  it('reads a known term and lets an empty cell through as null', () => {
    const schema = term(incidentTypes);
    expect(schema.parse('attaque IED')).toBe('ied_attack');
    expect(schema.parse('?')).toBeNull();
    expect(schema.parse(undefined)).toBeNull();
  });

  it('gives the fallback for an empty cell when one is set', () => {
    expect(term(classifications, 'internal').parse('')).toBe('internal');
  });

  it('rejects an unknown term with a message naming the vocabulary and its allowed values', () => {
    const result = term(incidentTypes).safeParse('drone strike');
    expect(result.success).toBe(false);
    const message = result.error?.issues[0]?.message ?? '';
    expect(message).toContain('"drone strike" is not a known incident type');
    expect(message).toContain('IED attack');
    expect(message).toContain('Complex attack');
    expect(message).toContain('Banditry/crime');
  });

  it('reports a missing required term as required, listing allowed values', () => {
    const result = requiredTerm(itemCategories).safeParse('inconnu');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'item category is required (one of: Weapon, Ammunition, Explosive, IED component, Vehicle, Other)',
    );
  });

  it('reads whole numbers and rejects fractions, negatives and quantities below the minimum', () => {
    expect(wholeNumber(0).parse('0')).toBe(0);
    expect(wholeNumber(0).parse('12')).toBe(12);
    expect(wholeNumber(0).safeParse('2,5').error?.issues[0]?.message).toBe('"2,5" is not a whole number');
    expect(wholeNumber(0).safeParse('-1').error?.issues[0]?.message).toBe('"-1" is not a whole number');
    expect(wholeNumber(1).safeParse('0').error?.issues[0]?.message).toBe(
      '"0" is not a whole number of at least 1',
    );
  });

  it('reads a country from its ISO code or its English or French name, historical states included', () => {
    const schema = country();
    expect(schema.parse('ML')).toBe('ML');
    expect(schema.parse('MLI')).toBe('ML');
    expect(schema.parse('Mali')).toBe('ML');
    expect(schema.parse("Côte d'Ivoire")).toBe('CI');
    expect(schema.parse('Chine')).toBe('CN');
    expect(schema.parse('URSS')).toBe('SU');
    expect(schema.safeParse('Atlantis').error?.issues[0]?.message).toContain('"Atlantis" is not a country');
  });

  it('splits a list on semicolons, or on commas when there is no semicolon, dropping duplicates and blanks', () => {
    expect(list().parse('JNIM; GSIM ;; JNIM')).toEqual(['JNIM', 'GSIM']);
    expect(list().parse('Ansar Dine, AQIM')).toEqual(['Ansar Dine', 'AQIM']);
    expect(list().parse('Front de libération, du Macina; FLM')).toEqual([
      'Front de libération, du Macina',
      'FLM',
    ]);
    expect(list().parse('-')).toEqual([]);
  });
});

describe('breather and cursors', () => {
  it('gives the event loop a turn every so many steps of a long loop, and only then', async () => {
    const breathe = breather(3);
    const order: string[] = [];
    setImmediate(() => order.push('other request'));
    for (let step = 1; step <= 4; step++) {
      await breathe();
      order.push(`step ${step}`);
    }
    expect(order).toEqual(['step 1', 'step 2', 'other request', 'step 3', 'step 4']);
  });

  it('gives the event loop a turn once the time has passed, however few steps that took', async () => {
    const breathe = timedBreather(30);
    const order: string[] = [];
    setImmediate(() => order.push('other request'));
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    busy(5);
    await breathe();
    order.push('a short step');
    busy(40);
    await breathe();
    order.push('a long step');
    expect(order).toEqual(['a short step', 'other request', 'a long step']);
  });

  it('reads back the cursor it wrote, and refuses any other with the same clear error', () => {
    const shape = z.tuple([z.literal('ref'), z.string().min(1)]);
    expect(decodeCursor(encodeCursor(['ref', 'A"b, c'] as const), shape)).toEqual(['ref', 'A"b, c']);
    for (const bad of ['', '%%', encodeCursor(['date', 'A']), encodeCursor(['ref', '']), 'eyJ'])
      expect(() => decodeCursor(bad, shape)).toThrow(
        new Invalid('cursor: not a cursor of this list in this order; take `nextCursor` from the last page'),
      );
  });
});

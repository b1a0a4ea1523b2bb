import { describe, expect, it } from 'vitest';
import { rowParser } from '../test/records';
import type { RawRow } from '../records/entity';
import { baselineKey, baselineSpec } from './baseline.record';

const famaRifles: RawRow = {
  holder: 'FAMa',
  country: 'Mali',
  category: 'Weapon',
  model: 'AKM',
  calibre: '7.62x39',
  manufacturer: 'Izhmash',
  country_of_manufacture: 'SU',
  year: '1975',
  lot: '',
  source: 'Inventaire 2019',
};

const { issuesOf, recordOf } = rowParser(baselineSpec, famaRifles);

describe('baseline rows', () => {
  it('reads what a national force holds', () => {
    expect(recordOf()).toEqual({
      holder: 'FAMa',
      country: 'ML',
      category: 'weapon',
      model: 'AKM',
      calibre: '7.62x39',
      manufacturer: 'Izhmash',
      country_of_manufacture: 'SU',
      year: 1975,
      lot: null,
      source: 'Inventaire 2019',
    });
  });

  it('reads French category and country names', () => {
    expect(
      recordOf({
        category: 'Munitions',
        country: 'Côte d’Ivoire',
        country_of_manufacture: 'Union soviétique',
      }),
    ).toMatchObject({
      category: 'ammunition',
      country: 'CI',
      country_of_manufacture: 'SU',
    });
  });

  it('leaves unknown producer and year empty rather than guessing', () => {
    expect(recordOf({ manufacturer: '?', year: 'inconnu' })).toMatchObject({
      manufacturer: null,
      year: null,
    });
  });

  it('requires holder, country and category', () => {
    expect(issuesOf({ holder: '', country: '', category: '' })).toEqual([
      'holder: holder is required',
      'country: country is required',
      'category: item category is required (one of: Weapon, Ammunition, Explosive, IED component, Vehicle, Other)',
    ]);
  });

  it('rejects an unknown category, country or year with a message naming the cell', () => {
    expect(issuesOf({ category: 'blindé' })[0]).toContain('category: "blindé" is not a known item category');
    expect(issuesOf({ country: 'FAMa' })).toEqual([
      'country: "FAMa" is not a country (ISO code or English or French name)',
    ]);
    expect(issuesOf({ year: '1975-76' })[0]).toContain('year: "1975-76" is not a year');
  });

  it('keys rows by the materiel they describe, forgiving case and accents', () => {
    const a = recordOf({ holder: 'FAMa', model: 'AKM', manufacturer: 'Izhmash' });
    const b = recordOf({ holder: 'fama', model: 'akm', manufacturer: 'IZHMASH ' });
    expect(baselineKey(a)).toBe(baselineKey(b));
    expect(baselineSpec.key(a)).toBe(baselineKey(a));
  });

  it('keys rows of different holders, years or lots apart', () => {
    const base = baselineKey(recordOf());
    expect(baselineKey(recordOf({ holder: 'Garde nationale' }))).not.toBe(base);
    expect(baselineKey(recordOf({ year: '1976' }))).not.toBe(base);
    expect(baselineKey(recordOf({ lot: '03-75' }))).not.toBe(base);
  });

  it('does not let the source change the key, so a re-import with a new source updates the row', () => {
    expect(baselineKey(recordOf({ source: 'Inventaire 2021' }))).toBe(baselineKey(recordOf()));
  });

  it('formats a record back to cells that read as the same record', () => {
    const record = recordOf();
    expect(baselineSpec.schema.parse(baselineSpec.format(record))).toEqual(record);
  });
});

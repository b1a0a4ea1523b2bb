import { describe, expect, it } from 'vitest';
import { rowParser } from '../test/records';
import type { RawRow } from '../records/entity';
import { itemSpec } from './item.record';

const casing: RawRow = {
  ref: '210402-A-001',
  incident_ref: '210402 Complex attack, Aguelhok',
  category: 'Ammunition',
  model: '',
  calibre: '7.62x39',
  manufacturer: '711',
  country_of_manufacture: 'SU',
  year: '1987',
  lot: '12-87',
  markings: '711 87',
  quantity: '24',
  condition: 'Fired (spent)',
};

const { issuesOf, recordOf } = rowParser(itemSpec, casing);

describe('item rows', () => {
  it('reads a row of identical spent casings', () => {
    expect(recordOf()).toMatchObject({
      ref: '210402-A-001',
      category: 'ammunition',
      model: null,
      calibre: '7.62x39',
      manufacturer: '711',
      country_of_manufacture: 'SU',
      year: 1987,
      lot: '12-87',
      serial: null,
      quantity: 24,
      condition: 'fired',
    });
  });

  it('keeps calibre and producer as typed, leaving normalisation to sample identification', () => {
    const record = recordOf({ calibre: ' 7,62 × 39 mm ', manufacturer: 'ТПЗ' });
    expect(record.calibre).toBe('7,62 × 39 mm');
    expect(record.manufacturer).toBe('ТПЗ');
  });

  it('reads French category, condition and country of manufacture', () => {
    expect(
      recordOf({ category: 'douille', condition: 'percuté', country_of_manufacture: 'URSS' }),
    ).toMatchObject({
      category: 'ammunition',
      condition: 'fired',
      country_of_manufacture: 'SU',
    });
    expect(recordOf({ category: 'Arme', condition: 'HS', country_of_manufacture: 'Chine' })).toMatchObject({
      category: 'weapon',
      condition: 'unserviceable',
      country_of_manufacture: 'CN',
    });
  });

  it("reads a headstamp's two-digit year as a year of production", () => {
    expect(recordOf({ year: '87' }).year).toBe(1987);
  });

  it('counts one object when the quantity is left empty', () => {
    expect(recordOf({ quantity: '' }).quantity).toBe(1);
  });

  it('accepts a serial-numbered weapon with quantity 1 or no quantity', () => {
    const weapon = {
      category: 'weapon',
      model: 'AKM',
      serial: 'KT 4711',
      quantity: '1',
      condition: 'serviceable',
    };
    expect(recordOf(weapon).serial).toBe('KT 4711');
    expect(recordOf({ ...weapon, quantity: '' }).quantity).toBe(1);
  });

  it('rejects a serial number on a row of more than one object', () => {
    expect(issuesOf({ category: 'weapon', serial: 'KT 4711', quantity: '3' })).toEqual([
      'quantity: an item with a serial number is one object: quantity must be 1',
    ]);
  });

  it('rejects a quantity of zero or a fraction', () => {
    expect(issuesOf({ quantity: '0' })).toEqual(['quantity: "0" is not a whole number of at least 1']);
    expect(issuesOf({ quantity: '1,5' })).toEqual(['quantity: "1,5" is not a whole number of at least 1']);
  });

  it('rejects a year of production in the future', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(issuesOf({ year: String(nextYear) })).toEqual([`year: year ${nextYear} is out of range`]);
  });

  it('rejects a year that is not a year', () => {
    expect(issuesOf({ year: 'années 80' })).toEqual([
      'year: "années 80" is not a year: use four digits (1987) or a headstamp\'s two (87)',
    ]);
  });

  it('requires ref, incident reference and category', () => {
    expect(issuesOf({ ref: '', incident_ref: '-', category: '' })).toEqual([
      'ref: ref is required',
      'incident_ref: incident_ref is required',
      'category: item category is required (one of: Weapon, Ammunition, Explosive, IED component, Vehicle, Other)',
    ]);
  });

  it('rejects an unknown category or condition, listing allowed values', () => {
    expect(issuesOf({ category: 'drone' })[0]).toContain(
      'category: "drone" is not a known item category (one of: Weapon,',
    );
    expect(issuesOf({ condition: 'comme neuf' })[0]).toContain(
      'condition: "comme neuf" is not a known condition (one of: New,',
    );
  });

  it('rejects an unknown country of manufacture', () => {
    expect(issuesOf({ country_of_manufacture: 'Sovietland' })).toEqual([
      'country_of_manufacture: "Sovietland" is not a country (ISO code or English or French name)',
    ]);
  });

  it('formats a record back to cells that read as the same record', () => {
    const record = recordOf({ year: '87', condition: 'percuté' });
    const cells = itemSpec.format(record);
    expect(cells).toMatchObject({ year: '1987', condition: 'fired', quantity: '24', model: '' });
    expect(itemSpec.schema.parse(cells)).toEqual(record);
    expect(itemSpec.key(record)).toBe('210402-A-001');
  });
});

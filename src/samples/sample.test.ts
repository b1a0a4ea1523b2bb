import { describe, expect, it } from 'vitest';
import { calibres } from '../reference/data/calibres';
import { manufacturers } from '../reference/data/manufacturers';
import { models } from '../reference/data/models';
import { Normaliser } from '../reference/normalise';
import { identify, sampleKeys, type MaterielText } from './sample';

const normaliser = new Normaliser({ calibres, manufacturers, models });

const casing = (overrides: Partial<MaterielText> = {}): MaterielText => ({
  category: 'ammunition',
  type: null,
  model: null,
  calibre: '7.62x39',
  manufacturer: '711',
  country_of_manufacture: null,
  year: 1987,
  lot: null,
  ...overrides,
});

const rifle = (overrides: Partial<MaterielText> = {}): MaterielText => ({
  category: 'weapon',
  type: 'assault rifle',
  model: 'AKM',
  calibre: '7.62x39',
  manufacturer: 'Izhmash',
  country_of_manufacture: null,
  year: 1975,
  lot: null,
  ...overrides,
});

const sampleOf = (text: MaterielText) => identify(text, normaliser).identity.sample_key;

describe('identify: ammunition samples', () => {
  it('keys a casing by calibre, producer and year of production', () => {
    const { identity, problems, unlisted } = identify(casing(), normaliser);
    expect(identity).toEqual({
      model_key: null,
      calibre_key: '7.62x39',
      manufacturer_key: 'su-711',
      origin_country: 'SU',
      sample_key: 'ammo:7.62x39:su-711:1987',
      sample_lot_key: null,
    });
    expect(problems).toEqual([]);
    expect(unlisted).toEqual([]);
  });

  it('gives the same sample key to one casing written with different calibre spellings and the code or the factory name', () => {
    const keys = [
      casing({ calibre: '7.62x39', manufacturer: '711' }),
      casing({ calibre: '7,62 × 39 mm', manufacturer: ' 711 ' }),
      casing({ calibre: '7.62X39MM', manufacturer: 'Klimovsk' }),
      casing({ calibre: '7.62 M43', manufacturer: 'Factory 711' }),
    ].map(sampleOf);
    expect(new Set(keys)).toEqual(new Set(['ammo:7.62x39:su-711:1987']));
  });

  it('gives a Cyrillic headstamp and its transliteration the same sample', () => {
    expect(sampleOf(casing({ calibre: '7.62x54R', manufacturer: 'ППУ', year: 1979 }))).toBe(
      sampleOf(casing({ calibre: '7,62 × 54 R', manufacturer: 'Prvi Partizan', year: 1979 })),
    );
  });

  it('splits samples that differ in calibre, producer or year', () => {
    const base = sampleOf(casing());
    expect(sampleOf(casing({ calibre: '7.62x54R' }))).not.toBe(base);
    expect(sampleOf(casing({ manufacturer: '539' }))).not.toBe(base);
    expect(sampleOf(casing({ year: 1988 }))).not.toBe(base);
  });

  it('refines the sample lot key with the lot but leaves the sample key unchanged', () => {
    const withoutLot = identify(casing(), normaliser).identity;
    const withLot = identify(casing({ lot: '12-87' }), normaliser).identity;
    expect(withLot.sample_key).toBe(withoutLot.sample_key);
    expect(withLot.sample_lot_key).toBe('ammo:7.62x39:su-711:1987:1287');
    expect(withoutLot.sample_lot_key).toBeNull();
  });

  it('reads lots that differ only in case, spacing or punctuation as one lot', () => {
    const lots = ['lot 12-87', 'LOT 12/87', 'Lot1287'].map(
      (lot) => identify(casing({ lot }), normaliser).identity.sample_lot_key,
    );
    expect(new Set(lots)).toEqual(new Set(['ammo:7.62x39:su-711:1987:LOT1287']));
  });

  it('keeps different lots of one sample in different lot keys', () => {
    const a = identify(casing({ lot: '12-87' }), normaliser).identity;
    const b = identify(casing({ lot: '13-87' }), normaliser).identity;
    expect(a.sample_key).toBe(b.sample_key);
    expect(a.sample_lot_key).not.toBe(b.sample_lot_key);
  });

  it('settles a producer code with the country of manufacture and keeps that country as origin', () => {
    const { identity } = identify(
      casing({ manufacturer: '945', calibre: '7.62x54R', country_of_manufacture: 'CN' }),
      normaliser,
    );
    expect(identity.manufacturer_key).toBe('cn-945');
    expect(identity.origin_country).toBe('CN');
  });

  it('takes the origin country from the reference list when none is given', () => {
    expect(identify(casing({ manufacturer: '311' }), normaliser).identity.origin_country).toBe('CN');
  });

  it('prefers the country of manufacture as given over the reference list', () => {
    // A Soviet-era code on a round produced after 1991 in Russia.
    expect(identify(casing({ country_of_manufacture: 'RU' }), normaliser).identity.origin_country).toBe('RU');
  });

  it('has no sample without a year of production', () => {
    const { identity } = identify(casing({ year: null }), normaliser);
    expect(identity.calibre_key).toBe('7.62x39');
    expect(identity.manufacturer_key).toBe('su-711');
    expect(identity.sample_key).toBeNull();
    expect(identity.sample_lot_key).toBeNull();
  });

  it('has no sample without a producer, even with a lot', () => {
    const { identity } = identify(casing({ manufacturer: null, lot: '12-87' }), normaliser);
    expect(identity.manufacturer_key).toBeNull();
    expect(identity.origin_country).toBeNull();
    expect(identity.sample_key).toBeNull();
    expect(identity.sample_lot_key).toBeNull();
  });

  it('uses the model as the sample when an ammunition item has no calibre', () => {
    const rocket = casing({ calibre: null, model: 'PG-7V', manufacturer: 'Arsenal', year: 2009 });
    expect(sampleOf(rocket)).toBe('ammo:PG7V:bg-arsenal:2009');
  });

  it('reports calibre text it cannot read as a problem and forms no sample', () => {
    const { identity, problems } = identify(casing({ calibre: 'cartouche' }), normaliser);
    expect(problems).toEqual([
      {
        column: 'calibre',
        message: '"cartouche" is not a calibre: write it like 7.62x39, 12.7x108 or 82 mm',
        code: 'calibre_unreadable',
        params: { value: 'cartouche' },
      },
    ]);
    expect(identity.calibre_key).toBeNull();
    expect(identity.sample_key).toBeNull();
  });

  it('keeps an unlisted calibre, notes it as unlisted with the raw text, and still forms a sample', () => {
    const { identity, problems, unlisted } = identify(casing({ calibre: '7,62 × 45' }), normaliser);
    expect(problems).toEqual([]);
    expect(unlisted).toEqual([
      { column: 'calibre', message: 'calibre "7,62 × 45" is not in the reference list; kept as 7.62x45' },
    ]);
    expect(identity.sample_key).toBe('ammo:7.62x45:su-711:1987');
  });

  it('keeps an unknown headstamp code as an unlisted producer of the given country, raw text quoted', () => {
    const { identity, unlisted } = identify(
      casing({ manufacturer: 'Ж 99', country_of_manufacture: 'SU' }),
      normaliser,
    );
    expect(identity.manufacturer_key).toBe('~su-ж-99');
    expect(identity.sample_key).toBe('ammo:7.62x39:~su-ж-99:1987');
    expect(unlisted).toEqual([
      { column: 'manufacturer', message: 'producer "Ж 99" is not in the reference list; kept as ~su-ж-99' },
    ]);
  });
});

describe('identify: weapon samples', () => {
  it('keys a weapon by model, producer and year, not by calibre', () => {
    const { identity } = identify(rifle(), normaliser);
    expect(identity.model_key).toBe('AKM');
    expect(identity.sample_key).toBe('weapon:AKM:ru-izhmash:1975');
  });

  it('gives the same sample to one rifle model written differently', () => {
    expect(sampleOf(rifle({ model: 'AK-47' }))).toBe(sampleOf(rifle({ model: 'ak 47' })));
    expect(sampleOf(rifle({ model: 'AK47' }))).toBe(sampleOf(rifle({ model: 'Kalashnikov AK-47' })));
    expect(sampleOf(rifle({ model: 'Type 56', manufacturer: 'Norinco' }))).toBe(
      sampleOf(rifle({ model: 'Type-56', manufacturer: 'China North Industries Corporation' })),
    );
  });

  it('splits weapons of the same calibre but different models', () => {
    expect(sampleOf(rifle({ model: 'AKM' }))).not.toBe(sampleOf(rifle({ model: 'AK-47' })));
  });

  it('has no sample for a weapon without a model, even with a type', () => {
    expect(identify(rifle({ model: null }), normaliser).identity.sample_key).toBeNull();
  });

  it('has no sample for a weapon without a producer or a year', () => {
    expect(sampleOf(rifle({ manufacturer: null }))).toBeNull();
    expect(sampleOf(rifle({ year: null }))).toBeNull();
  });
});

describe('sampleKeys', () => {
  const parts = {
    model_key: null,
    calibre_key: null,
    manufacturer_key: 'sd-mic',
    type_key: 'ammonium-nitrate',
  };

  it('keys explosives by their type when they have no model', () => {
    expect(sampleKeys('explosive', parts, 2015, null).sample_key).toBe(
      'explosive:ammonium-nitrate:sd-mic:2015',
    );
  });

  it('keys IED components by model over type', () => {
    expect(sampleKeys('ied_component', { ...parts, model_key: 'ED8' }, 2015, null).sample_key).toBe(
      'ied:ED8:sd-mic:2015',
    );
  });

  it('forms no sample for vehicles and other materiel', () => {
    const full = { model_key: 'HILUX', calibre_key: null, manufacturer_key: 'toyota', type_key: 'pick-up' };
    expect(sampleKeys('vehicle', full, 2010, 'X1')).toEqual({ sample_key: null, sample_lot_key: null });
    expect(sampleKeys('other', full, 2010, 'X1')).toEqual({ sample_key: null, sample_lot_key: null });
  });

  it('forms no lot key from a lot made only of punctuation', () => {
    const ammo = { model_key: null, calibre_key: '12.7x108', manufacturer_key: 'cn-41', type_key: null };
    expect(sampleKeys('ammunition', ammo, 2003, ' / ')).toEqual({
      sample_key: 'ammo:12.7x108:cn-41:2003',
      sample_lot_key: null,
    });
  });
});

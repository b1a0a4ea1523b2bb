import { describe, expect, it } from 'vitest';
import { calibres } from './data/calibres';
import { manufacturers } from './data/manufacturers';
import { models } from './data/models';
import type { ManufacturerRef } from './data/types';
import { Normaliser, type Resolution } from './normalise';

/** The built-in reference, as loadNormaliser builds it from the rows syncBuiltinReference writes. */
const normaliser = new Normaliser({ calibres, manufacturers, models });

const keyOf = (resolution: Resolution): string | undefined =>
  resolution && 'key' in resolution ? resolution.key : undefined;

describe('Normaliser.calibre', () => {
  const variants: Record<string, string[]> = {
    '7.62x39': [
      '7.62x39',
      '7,62 × 39 mm',
      '7.62×39mm',
      '7.62 x 39',
      '7,62x39',
      '7.62X39MM',
      '7.62 mm x 39',
      '7.62mm x 39mm',
      '7.62*39',
      '7.62 х 39', // Cyrillic "х" typed on a Russian keyboard
      ' 7.62x39 mm ',
      '7.62 M43',
    ],
    '7.62x54R': [
      '7.62x54R',
      '7,62 × 54 R',
      '7.62x54mmR',
      '7.62 x 54 mm R',
      '7.62x54r',
      '7.62x54',
      '7.62 Mosin-Nagant',
    ],
    '12.7x108': ['12.7x108', '12,7 × 108', '12.7 x 108 mm', '12,7x108mm'],
    '12.7x99': ['12.7x99', '12,7 × 99', '.50 BMG', '.50 Browning', '12.7 mm NATO'],
    '14.5x114': ['14.5x114', '14,5 × 114 mm'],
    '5.56x45': ['5.56x45', '5,56 × 45', '5.56 NATO', '.223 Rem'],
    '82mm': ['82mm', '82 mm', '82', 'cal. 82', 'calibre 82'],
    '23x152B': ['23x152B', '23 × 152 B', '23x152'],
  };

  for (const [key, spellings] of Object.entries(variants)) {
    it.each(spellings)(`reads %j as the listed ${key} calibre`, (spelling) => {
      expect(normaliser.calibre(spelling)).toEqual({ key, known: true });
    });
  }

  it('gives all spellings of the 7.62x39 round one key (at least 12 real-world variants)', () => {
    const keys = new Set(variants['7.62x39']!.map((v) => keyOf(normaliser.calibre(v))));
    expect(variants['7.62x39']!.length).toBeGreaterThanOrEqual(12);
    expect([...keys]).toEqual(['7.62x39']);
  });

  it('keeps 7.62x39, 7.62x54R, 7.62x51 and 7.62x25 apart', () => {
    const keys = ['7.62x39', '7.62x54R', '7.62 NATO', '7.62 Tokarev'].map((v) =>
      keyOf(normaliser.calibre(v)),
    );
    expect(keys).toEqual(['7.62x39', '7.62x54R', '7.62x51', '7.62x25']);
  });

  it('keeps 12.7x108 (DShK) apart from 12.7x99 (.50 BMG)', () => {
    expect(keyOf(normaliser.calibre('12,7 × 108'))).not.toBe(keyOf(normaliser.calibre('.50 BMG')));
  });

  it('keeps an unlisted two-dimension calibre in canonical form, marked unknown', () => {
    expect(normaliser.calibre('7,62 × 45 mm')).toEqual({ key: '7.62x45', known: false });
  });

  it('does not drop a case-type suffix the reference does not list', () => {
    expect(normaliser.calibre('7.62x39R')).toEqual({ key: '7.62x39R', known: false });
  });

  it('keeps an unlisted single-dimension calibre as <n>mm, marked unknown', () => {
    expect(normaliser.calibre('9 mm')).toEqual({ key: '9mm', known: false });
    expect(normaliser.calibre('7,62 mm')).toEqual({ key: '7.62mm', known: false });
  });

  it('drops trailing zeros so 7.620x39 and 7.62x39 meet', () => {
    expect(normaliser.calibre('7.620x39.0')).toEqual({ key: '7.62x39', known: true });
  });

  it('keeps a calibre it cannot read but which has a number as an unlisted ~slug of the raw text', () => {
    expect(normaliser.calibre('.338 Lapua')).toEqual({ key: '~338-lapua', known: false });
  });

  it('rejects text with no number as not a calibre, with an example of the expected form', () => {
    const result = normaliser.calibre('fusil');
    expect(result).toEqual({ error: '"fusil" is not a calibre: write it like 7.62x39, 12.7x108 or 82 mm' });
  });

  it('gives null for no calibre at all', () => {
    expect(normaliser.calibre(null)).toBeNull();
  });
});

describe('Normaliser.manufacturer', () => {
  it.each([
    ['711', 'su-711'],
    [' 711 ', 'su-711'],
    ['Klimovsk', 'su-711'],
    ['factory no. 711', 'su-711'],
    ['Plant No. 711', 'su-711'],
    ['539', 'su-539'],
    ['ТПЗ', 'su-539'],
    ['тпз', 'su-539'],
    ['TPZ', 'su-539'],
    ['Tula Cartridge Works', 'su-539'],
    ['Usine 539', 'su-539'],
    ['188', 'su-188'],
    ['Novosibirsk', 'su-188'],
    ['270', 'su-270'],
    ['Luhansk', 'su-270'],
    ['61', 'cn-61'],
    ['71', 'cn-71'],
    ['311', 'cn-311'],
    ['945', 'cn-945'],
    ['Chinese Factory 945', 'cn-945'],
    ['Norinco', 'cn-norinco'],
    ['ППУ', 'rs-prvi-partizan'],
    ['PPU', 'rs-prvi-partizan'],
    ['Prvi Partizan Uzice', 'rs-prvi-partizan'],
    ['ИК', 'ba-igman'],
    ['IK', 'ba-igman'],
    ['bxn', 'cs-sellier-bellot'],
    ['BXN', 'cs-sellier-bellot'],
    ['Sellier and Bellot', 'cs-sellier-bellot'],
    ['Vlašim', 'cs-sellier-bellot'],
    ['27', 'eg-27'],
    ['٢٧', 'eg-27'],
    ['Shobra', 'eg-27'],
    ['10', 'bg-arsenal'],
    ['Arsenal Kazanlak', 'bg-arsenal'],
    ['LC', 'us-lake-city'],
    ['lake city', 'us-lake-city'],
    ['Heckler & Koch', 'de-hk'],
    ['H&K', 'de-hk'],
    ['MKEK', 'tr-mke'],
  ])('reads the headstamp code or name %j as the listed producer %s', (raw, key) => {
    expect(normaliser.manufacturer(raw)).toMatchObject({ key, known: true });
  });

  it.each([
    ['Ulyanovsk Cartridge Plant', 'su-3'],
    ['Lugansk Cartridge Plant', 'su-270'],
    ['Klimovsk Specialized Cartridge Plant', 'su-711'],
    ['State Factory 66', 'cn-66'],
    ['Arsenal 10', 'bg-arsenal'],
    ['Factory 945', 'cn-945'],
    ['usine 539', 'su-539'],
    ['Usine N° 539', 'su-539'],
  ])('reads the spelling with generic words %j as %s', (raw, key) => {
    expect(normaliser.manufacturer(raw)).toMatchObject({ key, known: true });
  });

  it.each([
    ['ТПЗ typed with a Latin T', 'TПЗ', 'su-539'],
    ['Greek ΗΧΡ for HXP', 'ΗΧΡ', 'gr-hxp'],
    ['Cyrillic Р and С look-alikes', 'РРU', 'rs-prvi-partizan'],
  ])('reads a code typed in another script (%s)', (_, raw, key) => {
    expect(normaliser.manufacturer(raw)).toMatchObject({ key, known: true });
  });

  it('does not read garbage, huge or odd text as a producer', () => {
    for (const raw of ['x'.repeat(10_000), '😀', '\u0000', '   ', '539'.repeat(1000)])
      expect(normaliser.manufacturer(raw)).toMatchObject({ known: false });
  });

  it('reads a Cyrillic headstamp code and its Latin transliteration as the same producer', () => {
    expect(keyOf(normaliser.manufacturer('ППУ'))).toBe(keyOf(normaliser.manufacturer('PPU')));
    expect(keyOf(normaliser.manufacturer('ИК'))).toBe(keyOf(normaliser.manufacturer('IK')));
  });

  it('keeps distinct Chinese numbered factories apart', () => {
    const keys = ['61', '71', '311', '945', '9111'].map((c) =>
      keyOf(normaliser.manufacturer(c, { country: 'CN' })),
    );
    expect(new Set(keys).size).toBe(5);
  });

  it('reads a factory name and its headstamp code as the same producer', () => {
    expect(keyOf(normaliser.manufacturer('Ulyanovsk'))).toBe(keyOf(normaliser.manufacturer('3')));
    expect(keyOf(normaliser.manufacturer('Barnaul Cartridge Plant'))).toBe(
      keyOf(normaliser.manufacturer('17')),
    );
  });

  it('trusts a listed producer found by name even when a successor state is given as country', () => {
    expect(normaliser.manufacturer('Lugansk', { country: 'UA' })).toMatchObject({
      key: 'su-270',
      known: true,
    });
  });

  describe('with a short numeric code shared by several countries', () => {
    const otherTen: ManufacturerRef = {
      key: 'xx-10',
      name: 'Second factory 10',
      country: 'SU',
      makes: ['ammunition'],
      headstampCodes: ['10'],
      aliases: [],
      source: 'test fixture',
      confidence: 'low',
    };
    const shared = new Normaliser({ calibres, manufacturers: [...manufacturers, otherTen], models });

    it('settles the code by the country of manufacture', () => {
      expect(shared.manufacturer('10', { country: 'BG' })).toMatchObject({ key: 'bg-arsenal', known: true });
      expect(shared.manufacturer('10', { country: 'SU' })).toMatchObject({ key: 'xx-10', known: true });
    });

    it('keeps the code ambiguous as code-<code>, with its candidates, when no country is given', () => {
      expect(shared.manufacturer('10')).toEqual({
        key: 'code-10',
        known: false,
        code: '10',
        candidates: ['bg-arsenal', 'xx-10'],
      });
    });

    it('keeps it as an unlisted producer of that country when the country matches none of them', () => {
      expect(shared.manufacturer('10', { country: 'ML' })).toMatchObject({ key: '~ml-10', known: false });
    });
  });

  it('keeps an unknown code as an unlisted ~<country>-<slug> key derived from the raw text', () => {
    expect(normaliser.manufacturer('ЛВЕ 99', { country: 'RU' })).toEqual({ key: '~ru-лве-99', known: false });
    expect(normaliser.manufacturer('Usine de Kidal', { country: 'ML' })).toEqual({
      key: '~ml-usine-de-kidal',
      known: false,
    });
  });

  it('keeps an unknown code without a country as ~<slug>', () => {
    expect(normaliser.manufacturer('Fabrique Inconnue X')).toEqual({
      key: '~fabrique-inconnue-x',
      known: false,
    });
  });

  it('gives null for no producer at all', () => {
    expect(normaliser.manufacturer(null, { country: 'CN' })).toBeNull();
  });

  it("looks up a listed producer's country", () => {
    expect(normaliser.manufacturerCountry('cn-945')).toBe('CN');
    expect(normaliser.manufacturerCountry('su-711')).toBe('SU');
    expect(normaliser.manufacturerCountry('~ml-usine-de-kidal')).toBeUndefined();
  });
});

describe('Normaliser.model', () => {
  it.each([
    ['AK-47', 'AK47'],
    ['ak 47', 'AK47'],
    ['AK47', 'AK47'],
    ['Kalachnikov', 'AK47'],
    ['Type 56', 'TYPE56'],
    ['Type-56', 'TYPE56'],
    ['type56', 'TYPE56'],
    ['T56', 'TYPE56'],
    ['AKMS-pattern assault rifle', 'AKMS'],
    ["fusil d'assaut AKM", 'AKM'],
    ['PKM machine gun', 'PKM'],
    ['mitrailleuse PKM', 'PKM'],
    ['Dushka', 'DSHK'],
    ['Douchka', 'DSHK'],
    ['RPG-7V', 'RPG7'],
    ['82mm mortar', 'MORTAR82'],
    ['obus de mortier de 82 mm', 'MORTAR82'],
    ['Zastava M70AB2', 'M70'],
  ])('reads the model %j as %s', (raw, key) => {
    expect(normaliser.model(raw)).toEqual({ key, known: true });
  });

  it('keeps Type 56 and Type 56-1 apart', () => {
    expect(keyOf(normaliser.model('Type 56-1'))).toBe('TYPE561');
    expect(keyOf(normaliser.model('Type 56'))).toBe('TYPE56');
  });

  it('leaves bare "Type 54" unresolved, since it names both a pistol and a machine gun', () => {
    expect(normaliser.model('Type 54')).toEqual({ key: 'TYPE54', known: false });
  });

  it('keeps an unlisted model as its letters and digits, marked unknown', () => {
    expect(normaliser.model('Galil ACE-32')).toEqual({ key: 'GALILACE32', known: false });
  });

  it('gives null for no model or one made only of descriptive words and punctuation', () => {
    expect(normaliser.model(null)).toBeNull();
    expect(normaliser.model(' - ')).toBeNull();
    expect(normaliser.model('assault rifle')).toBeNull();
  });
});

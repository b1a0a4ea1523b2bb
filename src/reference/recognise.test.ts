import { describe, expect, it } from 'vitest';
import { isProblemCode, problemText } from '../core/problems';
import { calibres } from './data/calibres';
import { manufacturers } from './data/manufacturers';
import { models } from './data/models';
import type { ManufacturerRef } from './data/types';
import { Normaliser } from './normalise';
import { countRecognitions, recognise, type ItemText } from './recognise';

const normaliser = new Normaliser({ calibres, manufacturers, models });

/** Test fixtures: producers sharing codes with listed ones, as the fuller reference list will have. */
const fixture = (
  over: Partial<ManufacturerRef> & Pick<ManufacturerRef, 'key' | 'country'>,
): ManufacturerRef => ({
  name: `Test factory ${over.key}`,
  makes: ['ammunition'],
  headstampCodes: [],
  aliases: [],
  source: 'test fixture',
  confidence: 'low',
  ...over,
});
const shared = new Normaliser({
  calibres,
  models,
  manufacturers: [
    ...manufacturers,
    fixture({ key: 'eg-10', country: 'EG', headstampCodes: ['10'] }),
    fixture({ key: 'ro-27', country: 'RO', headstampCodes: ['27'], years: [1960, 1990] }),
    fixture({ key: 'xx-27-late', country: 'RO', headstampCodes: ['27'], years: [1991, null] }),
    fixture({ key: 'cn-3', country: 'CN', headstampCodes: ['3'], calibres: ['12.7x108'] }),
    fixture({ key: 'cn-3b', country: 'CN', headstampCodes: ['3'], calibres: ['7.62x39'] }),
  ],
});

const item = (over: Partial<ItemText>): ItemText => ({
  category: 'ammunition',
  model: null,
  calibre: '7.62x39',
  manufacturer: null,
  country_of_manufacture: null,
  year: null,
  lot: null,
  markings: null,
  ...over,
});

describe('recognise: the headstamp fills what is empty', () => {
  it('fills producer and year from "539 75" and recognises Tula Cartridge Works', () => {
    const { completed, recognition } = recognise(item({ markings: '539 75' }), normaliser, '2021-08-02');
    expect(completed).toMatchObject({ manufacturer: '539', year: 1975, markings: '539 75' });
    expect(recognition.maker).toMatchObject({
      status: 'recognised',
      key: 'su-539',
      name: 'Tula Cartridge Works (Plant No. 539)',
      country: 'SU',
      tracingCountry: 'RU',
      code: '539',
    });
    expect(recognition.conflicts).toEqual([]);
  });

  it('gives "539 75" and "539" with year 1975 the same producer and year', () => {
    const typed = recognise(item({ markings: '539/75' }), normaliser, '2021-01-01').completed;
    const columns = recognise(item({ manufacturer: '539', year: 1975 }), normaliser, '2021-01-01').completed;
    expect([typed.manufacturer, typed.year]).toEqual([columns.manufacturer, columns.year]);
  });

  it('reads a headstamp typed in the producer column and keeps the text in the markings', () => {
    const { completed, recognition } = recognise(item({ manufacturer: 'IK 86' }), normaliser, '2015-01-07');
    expect(completed).toMatchObject({ manufacturer: 'IK', year: 1986, markings: 'IK 86' });
    expect(recognition.maker).toMatchObject({ status: 'recognised', key: 'ba-igman' });
  });

  it('leaves a headstamp typed in the producer column as typed when the markings hold other text', () => {
    const { completed } = recognise(item({ manufacturer: '539 75', markings: 'FAMa' }), normaliser, null);
    expect(completed).toMatchObject({ manufacturer: '539 75', markings: 'FAMa', year: null });
  });

  it('fills the country typed beside the code', () => {
    const { completed } = recognise(item({ markings: '945 (China) 10' }), normaliser, '2016-05-01');
    expect(completed).toMatchObject({ manufacturer: '945', country_of_manufacture: 'CN', year: 2010 });
  });

  it('fills the lot', () => {
    expect(recognise(item({ markings: '539 75 lot 12' }), normaliser, null).completed.lot).toBe('12');
  });

  it('says when a filled-in year disagrees with the headstamp, and keeps the one given', () => {
    const { completed, recognition } = recognise(item({ markings: '539 75', year: 1985 }), normaliser, null);
    expect(completed.year).toBe(1985);
    expect(recognition.conflicts).toEqual([{ column: 'year', given: '1985', read: '1975' }]);
  });

  it('says when the producer named disagrees with the code read', () => {
    const { recognition } = recognise(
      item({ manufacturer: 'Novosibirsk', markings: '539 75' }),
      normaliser,
      null,
    );
    expect(recognition.conflicts).toMatchObject([{ column: 'manufacturer', given: 'Novosibirsk' }]);
    expect(recognition.maker).toMatchObject({ key: 'su-188' });
  });

  it('does not see a conflict between a producer named and its own code', () => {
    const { recognition } = recognise(item({ manufacturer: 'Tula', markings: '539 75' }), normaliser, null);
    expect(recognition.conflicts).toEqual([]);
  });

  it('does not see a conflict between USSR typed and Russia given', () => {
    const { recognition } = recognise(
      item({ markings: 'USSR 539 75', country_of_manufacture: 'RU' }),
      normaliser,
      null,
    );
    expect(recognition.conflicts).toEqual([]);
  });

  it('keeps the markings as typed when they are not a headstamp, and says why', () => {
    const { completed, recognition } = recognise(
      item({ category: 'weapon', calibre: null, markings: 'secondary mark FAMa, serial ground off' }),
      normaliser,
      null,
    );
    expect(completed.markings).toBe('secondary mark FAMa, serial ground off');
    expect(completed.manufacturer).toBeNull();
    expect(recognition.headstamp).toBeNull();
    expect(recognition.headstampUnread).toBeTruthy();
    // Said as a code, so that a French page says why in French.
    const why = recognition.headstampUnread!;
    expect(isProblemCode(why.code)).toBe(true);
    expect(problemText(why, 'fr')).not.toBe(problemText(why, 'en'));
  });

  it('says in either language why markings are not a headstamp, whatever the reason', () => {
    const reasons = [
      'AK-47 rifle, stock cracked',
      '539 75 12 31',
      '',
      'China USSR 539',
      'rusty',
      'x'.repeat(200),
    ];
    const said = reasons.map((markings) => {
      const { recognition } = recognise(item({ markings }), normaliser, null);
      return recognition.headstampUnread;
    });
    for (const why of said.filter((w) => w !== null)) {
      expect(problemText(why, 'fr')).not.toBe(problemText(why, 'en'));
      expect(problemText(why, 'fr')).not.toMatch(/headstamp|not a|is not/);
    }
    expect(new Set(said.filter((w) => w !== null).map((w) => w.code)).size).toBeGreaterThanOrEqual(4);
  });
});

describe('recognise: makers by what they make', () => {
  it('reads Tula on an AKM rifle as the arms plant, not the cartridge works', () => {
    const { recognition } = recognise(
      item({ category: 'weapon', model: 'AKM', calibre: '7.62x39', manufacturer: 'Tula' }),
      normaliser,
      null,
    );
    expect(recognition.maker).toMatchObject({ status: 'recognised', key: 'ru-tula-arms' });
  });

  it('reads Tula on a cartridge as the cartridge works', () => {
    const { recognition } = recognise(item({ manufacturer: 'Tula' }), normaliser, null);
    expect(recognition.maker).toMatchObject({ status: 'recognised', key: 'su-539' });
  });

  it('does not take a cartridge code as the maker of a rifle, and says why', () => {
    const { recognition } = recognise(item({ category: 'weapon', manufacturer: '539' }), normaliser, null);
    expect(recognition.maker).toMatchObject({ status: 'unrecognised' });
    expect(recognition.maker?.status === 'unrecognised' && recognition.maker.reason).toMatch(
      /makes ammunition/,
    );
  });
});

describe('recognise: makers by where', () => {
  it('does not make 27 made in Romania into Egypt’s factory 27', () => {
    const { recognition } = recognise(
      item({ manufacturer: '27', country_of_manufacture: 'RO' }),
      normaliser,
      null,
    );
    expect(recognition.maker).toMatchObject({ status: 'unrecognised', key: '~ro-27' });
  });

  it('does not keep 10 made in Egypt Bulgarian', () => {
    const { recognition } = recognise(
      item({ markings: '10 79', country_of_manufacture: 'EG' }),
      normaliser,
      null,
    );
    expect(recognition.maker?.key).not.toBe('bg-arsenal');
    expect(recognition.maker?.status).toBe('unrecognised');
  });

  it('does not make 3 made in China into Ulyanovsk', () => {
    const { recognition } = recognise(item({ markings: 'China 3 85' }), normaliser, null);
    expect(recognition.maker).toMatchObject({ status: 'unrecognised', key: '~cn-3' });
  });

  it('keeps a shared code ambiguous with its candidates when nothing settles it', () => {
    const { recognition } = recognise(item({ markings: '10 79' }), shared, null);
    expect(recognition.maker).toMatchObject({ status: 'ambiguous', key: 'code-10', code: '10' });
    expect(
      recognition.maker?.status === 'ambiguous' && recognition.maker.candidates.map((c) => c.key),
    ).toEqual(['bg-arsenal', 'eg-10']);
  });

  it('settles a shared code by the country typed on the headstamp', () => {
    const { recognition } = recognise(item({ markings: 'Egypt 10 79' }), shared, null);
    expect(recognition.maker).toMatchObject({ status: 'recognised', key: 'eg-10' });
  });

  it('settles a shared code by the years each producer used it', () => {
    const early = recognise(item({ markings: '27 85', country_of_manufacture: 'RO' }), shared, '2020-01-01');
    const late = recognise(item({ markings: '27 05', country_of_manufacture: 'RO' }), shared, '2020-01-01');
    expect(early.recognition.maker).toMatchObject({ key: 'ro-27' });
    expect(late.recognition.maker).toMatchObject({ key: 'xx-27-late' });
  });

  it('settles a shared code by the calibres each producer loads', () => {
    const { recognition } = recognise(
      item({ calibre: '12.7x108', markings: '3 85', country_of_manufacture: 'CN' }),
      shared,
      null,
    );
    expect(recognition.maker).toMatchObject({ key: 'cn-3' });
  });

  it('addresses tracing for a Soviet plant to the state where it stands today', () => {
    const { recognition } = recognise(item({ manufacturer: 'Lugansk Cartridge Plant' }), normaliser, null);
    expect(recognition.maker).toMatchObject({ key: 'su-270', country: 'SU', tracingCountry: 'UA' });
  });
});

describe('recognise: models and calibres', () => {
  it('marks a free-text model as not recognised', () => {
    const { recognition } = recognise(
      item({ category: 'weapon', model: 'AK 30-round magazine', calibre: null }),
      normaliser,
      null,
    );
    expect(recognition.model).toMatchObject({ known: false });
  });

  it('marks a listed model and calibre as recognised', () => {
    const { recognition } = recognise(item({ category: 'weapon', model: 'AKM' }), normaliser, null);
    expect(recognition.model).toEqual({ key: 'AKM', known: true });
    expect(recognition.calibre).toEqual({ key: '7.62x39', known: true });
  });
});

describe('countRecognitions', () => {
  it('counts items by what became of their producer', () => {
    const all = [
      item({ markings: '539 75' }),
      item({ markings: '10 79' }),
      item({ manufacturer: 'Usine de Kidal' }),
      item({}),
    ].map((i) => recognise(i, shared, null).recognition);
    expect(countRecognitions(all)).toEqual({
      items: 4,
      headstampsRead: 2,
      recognised: 1,
      ambiguous: 1,
      unrecognised: 1,
      noMaker: 1,
    });
  });
});

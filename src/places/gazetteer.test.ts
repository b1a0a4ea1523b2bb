import { describe, expect, it } from 'vitest';
import { foldKey } from '../core/text';
import { describePlace, foldName, Gazetteer, searchableAlternates, settle, type PlaceRow } from './gazetteer';
import { parseGeonames } from './geonames';
import { minPopulationAt } from './places.queries';
import { RegionLocator } from './region-locator';

const row = (overrides: Partial<PlaceRow> & Pick<PlaceRow, 'name' | 'country'>): PlaceRow => ({
  id: 1,
  alternates: [],
  lat: 0,
  lon: 0,
  population: 0,
  region: null,
  ...overrides,
});

// A small theatre with the homonyms that trouble geocoding: two Tripolis in two countries, a
// regional town and a hamlet of the same name in one country.
const ROWS: PlaceRow[] = [
  row({
    id: 1,
    name: 'Ménaka',
    country: 'ML',
    lat: 15.9182,
    lon: 2.4022,
    population: 9110,
    region: 'Ménaka',
  }),
  row({
    id: 2,
    name: 'Timbuktu',
    alternates: ['Tombouctou', 'Timbuctoo'],
    country: 'ML',
    lat: 16.77348,
    lon: -3.00742,
    population: 32460,
    region: 'Tombouctou',
  }),
  row({
    id: 3,
    name: 'Tripoli',
    alternates: ['Tarabulus'],
    country: 'LY',
    lat: 32.88743,
    lon: 13.18733,
    population: 1150989,
    region: 'Tripoli',
  }),
  row({
    id: 4,
    name: 'Tripoli',
    alternates: ['Tarabulus'],
    country: 'LB',
    lat: 34.43352,
    lon: 35.84415,
    population: 229398,
    region: 'North Lebanon',
  }),
  row({
    id: 5,
    name: 'Kidal',
    country: 'ML',
    lat: 18.44111,
    lon: 1.40778,
    population: 11643,
    region: 'Kidal',
  }),
  row({ id: 6, name: 'Kidal', country: 'ML', lat: 14.1, lon: -4.2, population: 600, region: 'Mopti' }),
  row({ id: 7, name: 'Gao', country: 'ML', lat: 16.27167, lon: -0.04472, population: 87000, region: 'Gao' }),
  row({
    id: 8,
    name: 'Gaoua',
    country: 'BF',
    lat: 10.32,
    lon: -3.17,
    population: 28000,
    region: 'Sud-Ouest',
  }),
  row({ id: 9, name: 'Bourem', country: 'ML', lat: 16.95, lon: -0.35, population: 27488, region: 'Gao' }),
  row({ id: 10, name: 'Bourem', country: 'ML', lat: 14.3, lon: -2.1, population: 20000, region: 'Mopti' }),
  row({ id: 11, name: 'Sévaré', country: 'ML', lat: 14.5311, lon: -4.0921, population: 0, region: 'Mopti' }),
];
const gazetteer = new Gazetteer(ROWS);
const names = (places: { name: string; country: string }[]) => places.map((p) => `${p.name} ${p.country}`);

describe('the gazetteer', () => {
  it('finds a place by its name or the beginning of it, whatever the accents and case', () => {
    expect(names(gazetteer.search('Ménaka'))).toEqual(['Ménaka ML']);
    expect(names(gazetteer.search('menaka'))).toEqual(['Ménaka ML']);
    expect(names(gazetteer.search('MENA'))).toEqual(['Ménaka ML']);
    expect(names(gazetteer.search('Sevare'))).toEqual(['Sévaré ML']);
    expect(gazetteer.search('Ménaka')[0]).toMatchObject({
      lat: 15.9182,
      lon: 2.4022,
      region: 'Ménaka',
      alias: null,
    });
  });

  it('finds a place by another of its names, and says which one matched', () => {
    const [timbuktu] = gazetteer.search('Tombouctou');
    expect(timbuktu).toMatchObject({ name: 'Timbuktu', alias: 'Tombouctou', country: 'ML' });
    expect(gazetteer.search('Timbuktu')[0]).toMatchObject({ name: 'Timbuktu', alias: null });
    expect(gazetteer.search('tombou')[0]!.name).toBe('Timbuktu');
  });

  it('finds nothing for a name it does not hold, an empty query, junk or a very long text', () => {
    expect(gazetteer.search('Zzyzx')).toEqual([]);
    expect(gazetteer.search('')).toEqual([]);
    expect(gazetteer.search('  !!  ')).toEqual([]);
    expect(gazetteer.search('\u0000\u200b🙂💣')).toEqual([]);
    expect(gazetteer.search('a'.repeat(10_000))).toEqual([]);
  });

  it('ranks homonyms by population, exact names before longer ones', () => {
    expect(names(gazetteer.search('Tripoli'))).toEqual(['Tripoli LY', 'Tripoli LB']);
    // Gao is typed in full: it comes before Gaoua, a larger town whose name merely starts so.
    expect(names(gazetteer.search('Gao'))).toEqual(['Gao ML', 'Gaoua BF']);
    expect(names(gazetteer.search('Ga'))).toEqual(['Gao ML', 'Gaoua BF']);
  });

  it('puts the places of a given country first', () => {
    expect(names(gazetteer.search('Tripoli', { country: 'LB' }))).toEqual(['Tripoli LB', 'Tripoli LY']);
    expect(names(gazetteer.search('Ga', { country: 'BF' }))).toEqual(['Gaoua BF', 'Gao ML']);
    expect(gazetteer.search('Tripoli', { limit: 1 })).toHaveLength(1);
  });

  it('names the largest towns of a map view, none smaller than asked', () => {
    const view = { west: -5, south: 14, east: 3, north: 19 };
    expect(gazetteer.towns(view, 10_000, 3).map((p) => p.name)).toEqual(['Gao', 'Timbuktu', 'Bourem']);
    expect(gazetteer.towns(view, 50_000, 10).map((p) => p.name)).toEqual(['Gao']);
    expect(gazetteer.towns({ west: 170, south: -10, east: -170, north: 10 }, 0, 10)).toEqual([]);
  });

  it('names only large cities over a whole theatre, villages close up, nothing further out', () => {
    expect(minPopulationAt(3)).toBe(Number.MAX_SAFE_INTEGER);
    expect(minPopulationAt(4.5)).toBe(500_000);
    expect(minPopulationAt(6)).toBe(30_000);
    expect(minPopulationAt(12)).toBe(0);
  });

  it('folds names as the rest of the register does', () => {
    for (const name of ["N'Djaména", 'Ségou', 'TESSALIT', 'Kaga-Bandoro', 'Al Fāshir', 'I-n-Tillit'])
      expect(foldName(name)).toBe(foldKey(name));
  });

  it('searches the other names in Latin script that field teams type, not codes or other scripts', () => {
    expect(
      searchableAlternates(['TOM', 'Tombouctou', 'tmbktw', 'تمبكتو', 'Тимбукту', 'Timbúktú', 'http://x']),
    ).toEqual(['Tombouctou', 'Timbúktú']);
  });
});

describe('settling a place name', () => {
  it('places a name with one place in the country, and counts the homonyms passed over', () => {
    const outcome = settle(gazetteer.named('Ménaka'), { country: 'ML' });
    expect(outcome).toMatchObject({ kind: 'placed', place: { name: 'Ménaka' }, others: 0 });
    expect(describePlace(gazetteer.named('Ménaka')[0]!)).toBe('Ménaka, ML (15.92, 2.40)');
  });

  it('takes the country’s place when the name is also another country’s', () => {
    expect(settle(gazetteer.named('Tripoli'), { country: 'LB' })).toMatchObject({
      kind: 'placed',
      place: { country: 'LB' },
      others: 1,
    });
  });

  it('does not choose between homonyms in different countries when no country settles it', () => {
    const outcome = settle(gazetteer.named('Tripoli'));
    expect(outcome.kind).toBe('ambiguous');
    if (outcome.kind === 'ambiguous') expect(names(outcome.candidates)).toEqual(['Tripoli LY', 'Tripoli LB']);
  });

  it('takes a regional town over a hamlet of the same name, not over a town of similar size', () => {
    expect(settle(gazetteer.named('Kidal'), { country: 'ML' })).toMatchObject({
      kind: 'placed',
      place: { lat: 18.44111 },
      others: 1,
    });
    expect(settle(gazetteer.named('Bourem'), { country: 'ML' }).kind).toBe('ambiguous');
  });

  it('lets the region settle homonyms of one country', () => {
    expect(settle(gazetteer.named('Bourem'), { country: 'ML', region: 'Mopti' })).toMatchObject({
      kind: 'placed',
      place: { region: 'Mopti' },
    });
    expect(settle(gazetteer.named('Kidal'), { country: 'ML', region: 'mopti' })).toMatchObject({
      kind: 'placed',
      place: { region: 'Mopti', population: 600 },
    });
  });

  it('says when a name is missing, and where else it is', () => {
    expect(settle(gazetteer.named('Nowhere'), { country: 'ML' })).toEqual({ kind: 'missing', elsewhere: [] });
    const outcome = settle(gazetteer.named('Tripoli'), { country: 'ML' });
    expect(outcome.kind).toBe('missing');
    if (outcome.kind === 'missing') expect(names(outcome.elsewhere)).toEqual(['Tripoli LY', 'Tripoli LB']);
  });
});

describe('reading GeoNames', () => {
  it('reads the populated places of a dump, with their other names, population and region', () => {
    const line = (columns: string[]) => columns.join('\t');
    const dump = [
      line([
        '2449067',
        'Timbuktu',
        'Timbuktu',
        'TOM,Tombouctou,tmbktw,تمبكتو',
        '16.77348',
        '-3.00742',
        'P',
        'PPLA',
        'ML',
        '',
        '08',
        '',
        '',
        '',
        '32460',
        '',
        '274',
        'Africa/Bamako',
        '2021-03-10',
      ]),
      line([
        '1',
        'Some Hill',
        'Some Hill',
        '',
        '16',
        '-3',
        'T',
        'HLL',
        'ML',
        '',
        '08',
        '',
        '',
        '',
        '0',
        '',
        '',
        '',
        '',
      ]),
      'broken line',
    ].join('\n');
    expect([...parseGeonames(dump, new Map([['ML.08', 'Tombouctou']]))]).toEqual([
      {
        id: 2449067,
        name: 'Timbuktu',
        alternates: ['Tombouctou'],
        country: 'ML',
        lat: 16.77348,
        lon: -3.00742,
        population: 32460,
        region: 'Tombouctou',
      },
    ]);
  });
});

describe('the region of a point', () => {
  const square = (west: number, south: number, east: number, north: number): [number, number][] => [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
  const locator = new RegionLocator([
    { country: 'ML', admin1: 'Kidal', geometry: { type: 'Polygon', coordinates: [square(0, 17, 4, 21)] } },
    {
      country: 'ML',
      admin1: 'Gao',
      // A region with a hole (an enclave) and a second part.
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[square(-1, 15, 3, 17), square(0, 15.5, 0.5, 16)], [square(5, 15, 6, 16)]],
      },
    },
  ]);

  it('finds the imported region a point lies in, holes and all', () => {
    expect(locator.locate(18.44, 1.41)).toEqual({ country: 'ML', admin1: 'Kidal' });
    expect(locator.locate(16.27, -0.04)).toEqual({ country: 'ML', admin1: 'Gao' });
    expect(locator.locate(15.7, 0.2)).toBeUndefined();
    expect(locator.locate(15.5, 5.5)?.admin1).toBe('Gao');
    expect(locator.locate(16.27, -0.04, 'NE')).toBeUndefined();
    expect(locator.covers('ML')).toBe(true);
    expect(locator.covers('NE')).toBe(false);
  });
});

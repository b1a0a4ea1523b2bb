import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLineStore, runHeadstamp } from '../test/cli';
import { type Client, startServer, type TestServer } from '../test/server';
import type { RegionBoundaries } from './boundaries.queries';

/** A square region around a point, as GeoJSON (lon, lat). */
const square = (lon: number, lat: number, size = 1) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});
const feature = (name: unknown, geometry: unknown = square(0, 17)) => ({
  type: 'Feature',
  properties: { ADM1_FR: name, ADM0_PCODE: 'ML' },
  geometry,
});
const file = (features: unknown[]) => ({
  nameProperty: 'ADM1_FR',
  source: 'OCHA COD-AB Mali, 2023',
  geojson: { type: 'FeatureCollection', features },
});

describe('region boundaries', () => {
  let server: TestServer;
  let analyst: Client;
  const stored = () =>
    server.store.db.selectFrom('region_boundaries').select(['country', 'admin1']).orderBy('admin1').execute();

  beforeAll(async () => {
    server = await startServer();
    analyst = await server.signIn('analyst', { username: 'amina' });
  });
  afterAll(() => server.close());

  it('imports a country’s regions from a GeoJSON file and serves them to every signed-in role', async () => {
    const imported = await analyst.put(
      '/reference/region-boundaries/Mali',
      file([
        feature('Kidal', square(0, 18, 3)),
        feature('Gao', {
          type: 'MultiPolygon',
          coordinates: [square(-1, 15).coordinates, square(1, 15).coordinates],
        }),
      ]),
    );
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ country: 'ML', regions: ['Kidal', 'Gao'] });

    const partner = await server.signIn('partner');
    const served = await partner.get<RegionBoundaries>('/reference/region-boundaries');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('application/geo+json');
    expect(
      served.body.features.map((f) => [f.properties.country, f.properties.admin1, f.geometry.type]),
    ).toEqual([
      ['ML', 'Gao', 'MultiPolygon'],
      ['ML', 'Kidal', 'Polygon'],
    ]);
    const listed =
      await partner.get<{ country: string; admin1: string; source: string; importedBy: string }[]>(
        '/reference/regions',
      );
    expect(listed.body.map((r) => [r.country, r.admin1, r.source, r.importedBy])).toEqual([
      ['ML', 'Gao', 'OCHA COD-AB Mali, 2023', 'amina'],
      ['ML', 'Kidal', 'OCHA COD-AB Mali, 2023', 'amina'],
    ]);
    const audit = await server.store.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'after'])
      .where('entity', '=', 'region_boundaries')
      .execute();
    expect(audit).toEqual([
      {
        actor: 'amina',
        action: 'create',
        after: { regions: ['Gao', 'Kidal'], source: 'OCHA COD-AB Mali, 2023' },
      },
    ]);
  });

  it('replaces a country’s regions as a whole, leaving other countries alone', async () => {
    await analyst.put('/reference/region-boundaries/NE', file([feature('Tillabéri', square(1, 14))]));
    expect(
      (await analyst.put('/reference/region-boundaries/ML', file([feature('Ménaka', square(2, 15))]))).status,
    ).toBe(200);
    expect(await stored()).toEqual([
      { country: 'ML', admin1: 'Ménaka' },
      { country: 'NE', admin1: 'Tillabéri' },
    ]);
  });

  it('refuses a malformed, hostile or oversized file with a clear error and changes nothing', async () => {
    const before = await stored();
    const open = [
      [0, 17],
      [1, 17],
      [1, 18],
      [0, 18],
    ];
    const cases: [string, unknown][] = [
      ['ML', file([])],
      ['ML', file([feature('')])],
      ['ML', file([feature(42)])],
      ['ML', file([feature('Kidal'), feature('Kidal')])],
      ['ML', file([feature('Kidal', { type: 'Polygon', coordinates: [open] })])],
      ['ML', file([feature('Kidal', { type: 'Point', coordinates: [0, 17] })])],
      ['ML', file([feature('Kidal', square(200, 17))])],
      [
        'ML',
        file([
          feature('Kidal', {
            type: 'Polygon',
            coordinates: [
              [
                ['0', 17],
                [1, 17],
                [1, 18],
                ['0', 17],
              ],
            ],
          }),
        ]),
      ],
      ['ML', { ...file([feature('Kidal')]), source: '' }],
      ['ML', { ...file([feature('Kidal')]), extra: true }],
      ['ML', { source: 'x'.repeat(10), geojson: { type: 'Topology' } }],
      ['Atlantis', file([feature('Kidal')])],
      ['ML', file(Array.from({ length: 501 }, (_, i) => feature(`R${i}`, square(0, 0.001 * i, 0.001))))],
    ];
    for (const [country, body] of cases) {
      const answer = await analyst.put<{ error: string }>(`/reference/region-boundaries/${country}`, body);
      expect([JSON.stringify(body).slice(0, 120), answer.status]).toEqual([
        JSON.stringify(body).slice(0, 120),
        400,
      ]);
      expect(answer.body.error).toBeTruthy();
    }
    const truncated = await analyst.request(
      'PUT',
      '/reference/region-boundaries/ML',
      undefined,
      '{"source":"OCHA","geojson":{"type":"Featu',
    );
    expect(truncated.status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it('lets only analysts and administrators import boundaries', async () => {
    for (const role of ['reviewer', 'documenter', 'partner'] as const) {
      const client = await server.signIn(role);
      expect((await client.put('/reference/region-boundaries/ML', file([feature('Kidal')]))).status).toBe(
        403,
      );
    }
    expect((await server.anonymous().get('/reference/region-boundaries')).status).toBe(401);
  });
});

describe('headstamp boundaries', () => {
  it('imports a GeoJSON file from the command line, and refuses a file that is not one', async () => {
    const work = mkdtempSync(join(tmpdir(), 'headstamp-boundaries-'));
    try {
      await commandLineStore(join(work, 'store'));
      writeFileSync(
        join(work, 'mali.geojson'),
        JSON.stringify(file([feature('Kidal'), feature('Gao', square(0, 15))]).geojson),
      );
      const args = ['--country', 'ML', '--name-property', 'ADM1_FR', '--source', 'OCHA COD-AB Mali'];
      const run = await runHeadstamp(work, 'store', 'boundaries', 'mali.geojson', ...args);
      expect([run.code, run.stdout.trim()]).toEqual([0, 'ML: 2 regions (Kidal, Gao).']);
      writeFileSync(
        join(work, 'points.geojson'),
        JSON.stringify({
          type: 'FeatureCollection',
          features: [feature('Kidal', { type: 'Point', coordinates: [0, 17] })],
        }),
      );
      const bad = await runHeadstamp(work, 'store', 'boundaries', 'points.geojson', ...args);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/^headstamp: geojson\.features\.0\.geometry/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

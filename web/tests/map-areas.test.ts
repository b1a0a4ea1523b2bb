import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { detailAround, within, type Area } from '../src/map/areas';

// The boundaries the application ships (world-atlas), as the map converts them.
const require = createRequire(import.meta.url);
const countries = (file: string) => {
  const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as Topology<{
    countries: GeometryCollection;
  }>;
  return feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name?: string }>;
};
const fine = countries('countries-50m.json');
const coarse = countries('countries-110m.json');
const names = (collection: FeatureCollection<Geometry, { name?: string }>) =>
  collection.features.map((f) => f.properties?.name);

describe('country boundaries in detail where the reader looks', () => {
  /** Around Mopti, as a map of an incident in central Mali shows it. */
  const sahel: Area = [-8, 12, 0, 18];

  it('draws the countries reaching into the view in detail, every other coarse, each once', () => {
    const drawn = detailAround(fine, coarse, sahel);
    const detailed = new Set(
      fine.features.filter((f) => drawn.features.includes(f)).map((f) => f.properties?.name),
    );
    expect([...detailed]).toEqual(expect.arrayContaining(['Mali', 'Burkina Faso', 'Mauritania']));
    expect(detailed.has('Brazil')).toBe(false);
    expect(detailed.size).toBeLessThan(15);
    // A country far away is still drawn, from the coarse set.
    expect(names(drawn)).toContain('Brazil');
    expect(names(drawn)).toEqual(expect.arrayContaining(names(coarse)));
    expect(new Set(names(drawn)).size).toBe(drawn.features.length);
  });

  it('draws the whole world in detail when the view is the whole world', () => {
    const drawn = detailAround(fine, coarse, [-540, -90, 540, 90]);
    expect(drawn.features.length).toBe(fine.features.length);
  });

  it('reads a collection of shapes by all its parts, and keeps a feature without a shape coarse', () => {
    const shape = (name: string, geometry: Geometry | null) =>
      ({ type: 'Feature', properties: { name }, geometry }) as Feature<Geometry, { name?: string }>;
    const islands = shape('Islands', {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [-40, -40] },
        // Reaches into the view at its far end only.
        {
          type: 'LineString',
          coordinates: [
            [-30, -30],
            [-5, 14],
          ],
        },
      ],
    });
    const nowhere = shape('Nowhere', null);
    const drawn = detailAround(
      { type: 'FeatureCollection', features: [islands, nowhere] },
      { type: 'FeatureCollection', features: [shape('Islands', null), nowhere] },
      sahel,
    );
    expect(drawn.features).toEqual([islands, nowhere]);
  });

  it('tells a view inside the detailed area from one that left it', () => {
    expect(within([-6, 13, -2, 16], sahel)).toBe(true);
    expect(within([-10, 13, -2, 16], sahel)).toBe(false);
  });
});

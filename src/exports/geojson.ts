import type { Language } from '../core/vocabulary';
import { exportProperties, type ExportHeader, type ExportRow } from './export-rows';

/**
 * An RFC 7946 FeatureCollection: one Point feature per located incident, [longitude, latitude]
 * in WGS 84 (no "crs" member: RFC 7946 has none), one feature per line. What the file leaves
 * out is said in a foreign member, `headstamp`, which readers that do not know it ignore.
 */
export function toGeoJson(located: ExportRow[], language: Language, header: ExportHeader): string {
  const head = JSON.stringify({
    type: 'FeatureCollection',
    headstamp: {
      export: header.exportId,
      exportedAt: header.at.toISOString(),
      selected: header.selected,
      features: located.length,
      withoutCoordinates: header.selected - located.length,
    },
  });
  const features = located.map((row) =>
    JSON.stringify({
      type: 'Feature',
      id: row.ref,
      geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
      properties: exportProperties(row, language),
    }),
  );
  return `${head.slice(0, -1)},"features":[\n${features.join(',\n')}\n]}\n`;
}

import type { Language } from '../core/vocabulary';
import { PIECE } from '../transfer/export';
import { exportProperties, type ExportHeader, type ExportRow } from './export-rows';

/**
 * An RFC 7946 FeatureCollection: one Point feature per located incident, [longitude, latitude]
 * in WGS 84 (no "crs" member: RFC 7946 has none), one feature per line. What the file leaves
 * out is said in a foreign member, `headstamp`, which readers that do not know it ignore. Made
 * as the incidents come (`placed` of them), a piece of text at a time.
 */
export async function* geoJsonPieces(
  located: AsyncIterable<ExportRow>,
  placed: number,
  language: Language,
  header: ExportHeader,
): AsyncGenerator<string> {
  const head = JSON.stringify({
    type: 'FeatureCollection',
    headstamp: {
      export: header.exportId,
      exportedAt: header.at.toISOString(),
      selected: header.selected,
      features: placed,
      withoutCoordinates: header.selected - placed,
    },
  });
  let piece = `${head.slice(0, -1)},"features":[\n`;
  let separator = '';
  for await (const row of located) {
    piece += `${separator}${JSON.stringify({
      type: 'Feature',
      id: row.ref,
      geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
      properties: exportProperties(row, language),
    })}`;
    separator = ',\n';
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}\n]}\n`;
}

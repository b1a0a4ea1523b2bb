import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultUser, withStore } from '../context';

export function boundariesCommand(program: Command) {
  program
    .command('boundaries')
    .description(
      "replace a country's region (admin1) boundaries for the maps with those of a GeoJSON file, e.g. an OCHA COD-AB admin1 layer; audited",
    )
    .argument('<file>', 'a GeoJSON FeatureCollection of Polygons or MultiPolygons')
    .requiredOption('--country <code>', 'the country the regions belong to (ISO code or name)')
    .option(
      '--name-property <name>',
      'the property holding each region’s name, as the incidents write it',
      'name',
    )
    .requiredOption('--source <text>', 'where the boundaries come from, e.g. "OCHA COD-AB Mali 2023"')
    .option('--user <name>', 'who imports them, for the audit log', defaultUser())
    .action(
      async (
        file: string,
        options: { country: string; nameProperty: string; source: string; user: string },
      ) => {
        const [{ systemViewer }, { importRegionBoundaries }] = await Promise.all([
          import('../../access/policy'),
          import('../../reference/boundaries.service'),
        ]);
        const geojson: unknown = JSON.parse(readFileSync(file, 'utf8'));
        const result = await withStore((store) =>
          importRegionBoundaries(store.db, { ...systemViewer, username: options.user }, options.country, {
            nameProperty: options.nameProperty,
            source: options.source,
            geojson,
          }),
        );
        console.log(`${result.country}: ${result.regions.length} regions (${result.regions.join(', ')}).`);
      },
    );
}

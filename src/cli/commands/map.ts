import type { Command } from 'commander';
import { referenceMappingQuery, referenceMappingSchema } from '../../reference/reference.schema';
import { deferFindingsOption, defaultUser, withStore } from '../context';

/** `headstamp map`: say once what a value field teams write means; stored samples follow. */
export function mapCommand(program: Command) {
  program
    .command('map')
    .description(
      'map a value as field teams write it to a reference entry (e.g. map manufacturer "Tulskiy" su-539); the stored samples and their findings are keyed again; audited. Without arguments, lists the mappings',
    )
    .argument('[field]', 'manufacturer, model or calibre')
    .argument('[written]', 'the value as written')
    .argument('[target]', 'the key of the reference entry')
    .option('--remove', 'remove the mapping of that value instead')
    .option('--user <name>', 'who maps it, for the audit log', defaultUser())
    .option(...deferFindingsOption)
    .action(
      async (
        field: string | undefined,
        written: string | undefined,
        target: string | undefined,
        options: { remove?: boolean; user: string; deferFindings?: boolean },
      ) => {
        const [{ systemViewer }, { mapReferenceValue, unmapReferenceValue }, { loadMappings }] =
          await Promise.all([
            import('../../access/policy'),
            import('../../reference/mappings.service'),
            import('../../reference/reference.repository'),
          ]);
        const viewer = { ...systemViewer, username: options.user };
        await withStore(
          async ({ db }) => {
            if (field === undefined) {
              for (const m of await loadMappings(db)) console.log(`${m.field}\t${m.written}\t→ ${m.target}`);
              return;
            }
            let report;
            if (options.remove) {
              const value = referenceMappingQuery.parse({ field, written });
              report = await unmapReferenceValue(db, viewer, value.field, value.written);
            } else {
              const mapping = referenceMappingSchema.parse({ field, written, target });
              report = await mapReferenceValue(db, viewer, mapping);
            }
            console.log(`Keyed again: ${report.items} item(s), ${report.baselines} baseline row(s).`);
          },
          options.deferFindings ? 'defer' : 'write',
        );
      },
    );
}

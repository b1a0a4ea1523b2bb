import { languageSchema } from '../../core/vocabulary';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { exportFormats, type ExportFormat } from '../../exports/formats';
import { canonicalFile, entityKinds } from '../../records/entity';
import { defaultUser, invalidOptions, serverConfig, withStore } from '../context';

export function exportCommand(program: Command) {
  program
    .command('export')
    .description(
      'export the register as canonical CSV files into a folder, or as one .xlsx workbook; with --format, a selection of incidents as one GeoJSON, KML, CSV or XLSX file for other tools (audited)',
    )
    .argument(
      '<target>',
      'a folder for CSV files, or a file name ending in .xlsx; with --format, the file to write',
    )
    .option(
      '--delimiter <char>',
      'CSV separator: "," or ";" (French Excel)',
      (value) => {
        if (value !== ',' && value !== ';' && value !== '\t')
          throw new InvalidArgumentError('use "," or ";" or a tab');
        return value;
      },
      ',',
    )
    .addOption(
      new Option(
        '--format <format>',
        'export the incidents selected by the filters below in this format',
      ).choices(exportFormats),
    )
    .option('--from <day>', 'with --format: incidents on or after this day (YYYY-MM-DD)')
    .option('--to <day>', 'with --format: incidents on or before this day')
    .option('--type <type>', 'with --format: incidents of this type (e.g. ied_attack)')
    .option('--country <code>', 'with --format: incidents in this country (ISO code, e.g. ML)')
    .option('--admin1 <region>', 'with --format: incidents in this region')
    .option('--actor <name>', 'with --format: incidents attributed to this actor')
    .option('--search <words>', 'with --format: words in the reference, place, target or summary')
    .addOption(
      new Option('--has-items <bool>', 'with --format: with or without materiel').choices(['true', 'false']),
    )
    .addOption(
      new Option('--status <status>', 'with --format: drafts or validated incidents').choices([
        'draft',
        'validated',
      ]),
    )
    .addOption(
      new Option('--lang <language>', 'with --format: language of the labels')
        .choices(languageSchema.options)
        .default('en'),
    )
    .option('--base-url <url>', 'with --format: the web address the links to each incident start with')
    .option('--user <name>', 'with --format: who is exporting, for the audit log', defaultUser())
    .action(
      async (
        target: string,
        options: {
          delimiter: string;
          format?: ExportFormat;
          from?: string;
          to?: string;
          type?: string;
          country?: string;
          admin1?: string;
          actor?: string;
          search?: string;
          hasItems?: string;
          status?: string;
          lang: string;
          baseUrl?: string;
          user: string;
        },
      ) => {
        const { delimiter, format, lang, baseUrl, user, search, ...filters } = options;
        if (format) {
          const [{ systemViewer }, { exportIncidents }, { exportQuerySchema }] = await Promise.all([
            import('../../access/policy'),
            import('../../exports/exports.queries'),
            import('../../exports/exports.schema'),
          ]);
          const query = exportQuerySchema.safeParse({ ...filters, q: search, format, lang });
          if (!query.success)
            throw invalidOptions(query.error, (field) =>
              String(field).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
            );
          const { host, port } = serverConfig();
          // The file is made as it is written, from the store: written before the store closes.
          const file = await withStore(async (store) => {
            const made = await exportIncidents(store.db, systemViewer, query.data, {
              actor: user,
              baseUrl: baseUrl ?? `http://${host}:${port}`,
              delimiter,
            });
            await pipeline(made.body, createWriteStream(target));
            return made;
          });
          const left = file.selected - file.written;
          console.log(
            `Wrote ${target}: ${file.written} incident${file.written === 1 ? '' : 's'}${left ? ` (${left} without coordinates left out)` : ''}; export ${file.exportId} is in the audit log.`,
          );
          return;
        }
        const stray = Object.entries({ ...filters, search }).find(([, v]) => v !== undefined);
        if (stray)
          throw new Error(`the filters (--${stray[0]} …) select incidents for --format exports only`);
        const { exportTables, toCsv, toXlsx } = await import('../../transfer/export');
        const tables = await withStore((store) => exportTables(store.db));
        if (target.toLowerCase().endsWith('.xlsx')) {
          writeFileSync(target, await toXlsx(tables));
          console.log(`Wrote ${target}`);
          return;
        }
        mkdirSync(target, { recursive: true });
        for (const kind of entityKinds) {
          const file = join(target, canonicalFile[kind]);
          writeFileSync(file, toCsv(kind, tables[kind], delimiter));
          console.log(`Wrote ${file} (${tables[kind].length} rows)`);
        }
      },
    );
}

import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { entityKinds, type EntityKind } from '../../records/entity';
import { deferFindingsOption, defaultUser, importLimits, printImportReport, withStore } from '../context';

export function importCommand(program: Command) {
  program
    .command('import')
    .description(
      'import canonical CSV files (incidents.csv, items.csv, actors.csv, baselines.csv, embargoes.csv) or an XLSX workbook with those sheets; all or nothing',
    )
    .argument('<files...>')
    .option('--dry-run', 'check the files and report, writing nothing')
    .option(
      '--no-geocode',
      'leave incidents that name a place without coordinates as they are (by default the offline gazetteer places them, with a warning)',
    )
    .addOption(
      new Option('--kind <kind>', 'what a CSV file holds, when its name does not say').choices(entityKinds),
    )
    .option('--user <name>', 'who is importing, for the audit log', defaultUser())
    .option('--json', 'print the report as JSON')
    .option(...deferFindingsOption)
    .action(
      async (
        files: string[],
        options: {
          dryRun?: boolean;
          geocode: boolean;
          kind?: EntityKind;
          user: string;
          json?: boolean;
          deferFindings?: boolean;
        },
      ) => {
        const { importFiles } = await import('../../transfer/import');
        const inputs = files.map((file) => ({ name: file, data: readFileSync(file), kind: options.kind }));
        const report = await withStore(
          (store) =>
            importFiles(store.db, inputs, {
              dryRun: options.dryRun,
              geocode: options.geocode,
              user: options.user,
              limits: importLimits(),
            }),
          options.deferFindings ? 'defer' : 'write',
        );
        if (options.json) console.log(JSON.stringify(report, null, 2));
        else printImportReport(report);
        process.exitCode = report.ok ? 0 : 1;
      },
    );
}

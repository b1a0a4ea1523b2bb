import { languageSchema } from '../../core/vocabulary';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import type { Language } from '../../core/vocabulary';
import { defaultUser, invalidOptions, withStore } from '../context';

const periodOptions = (command: Command) =>
  command
    .requiredOption('--from <day>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <day>', 'last day of the period')
    .option('--country <code>', 'only incidents in this country (ISO code or name)');

/** The period options checked as the API checks them, named as the command line names them. */
async function period({ from, to, country }: { from: string; to: string; country?: string }) {
  const { reportPeriodSchema } = await import('../../reports/reports.schema');
  const parsed = reportPeriodSchema.safeParse({ from, to, country });
  if (!parsed.success) throw invalidOptions(parsed.error, (field) => String(field ?? 'from'));
  return parsed.data;
}

export function reportCommand(program: Command) {
  const report = program
    .command('report')
    .description('what the mission declares: the convention register of weapons, SDG indicator 16.4.2');
  periodOptions(
    report
      .command('register')
      .description(
        'weapons seized, collected or destroyed in a period (ECOWAS Convention art. 11, Kinshasa Convention art. 22), as a .csv or .xlsx file; audited',
      ),
  )
    .requiredOption('--out <file>', 'where to write it: a name ending in .csv or .xlsx')
    .addOption(
      new Option('--lang <language>', 'language of the labels').choices(languageSchema.options).default('en'),
    )
    .option('--user <name>', 'who produces it, for the audit log', defaultUser())
    .action(
      async (options: {
        from: string;
        to: string;
        country?: string;
        out: string;
        lang: Language;
        user: string;
      }) => {
        const format = /\.xlsx$/i.test(options.out)
          ? 'xlsx'
          : /\.csv$/i.test(options.out)
            ? 'csv'
            : undefined;
        if (!format) throw new Error('--out: give a file name ending in .csv or .xlsx');
        const [{ systemViewer }, { conventionReportFile }] = await Promise.all([
          import('../../access/policy'),
          import('../../reports/reports.queries'),
        ]);
        const checked = await period(options);
        // The file is made as it is written, from the store: written before the store closes.
        const file = await withStore(async (store) => {
          const made = await conventionReportFile(
            store.db,
            { ...systemViewer, username: options.user },
            checked,
            format,
            options.lang,
          );
          await pipeline(made.body, createWriteStream(options.out));
          return made;
        });
        const { seized, collected, destroyed } = file.totals;
        console.log(
          `Wrote ${options.out}: ${seized} seized, ${collected} collected, ${destroyed} destroyed.`,
        );
      },
    );
  periodOptions(
    report
      .command('sdg')
      .description('SDG indicator 16.4.2: the share of recovered arms whose diversion was established'),
  )
    .option('--json', 'print as JSON')
    .action(async (options: { from: string; to: string; country?: string; json?: boolean }) => {
      const [{ systemViewer }, { sdgIndicator }] = await Promise.all([
        import('../../access/policy'),
        import('../../reports/reports.queries'),
      ]);
      const checked = await period(options);
      const indicator = await withStore((store) => sdgIndicator(store.db, systemViewer, checked));
      if (options.json) return console.log(JSON.stringify(indicator, null, 2));
      const share = indicator.proportion === null ? 'n/a' : `${(indicator.proportion * 100).toFixed(1)} %`;
      console.log(
        `${indicator.period.from} to ${indicator.period.to}: ${indicator.established} of ${indicator.arms} arms (${share}) traced to their point of diversion; ${indicator.traceRequested} under a tracing request.`,
      );
    });
}

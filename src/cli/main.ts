import { systemViewer } from '../access/policy';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ZodError } from 'zod';
import { verifyAuditLog } from '../audit/audit';
import { buildCasePackage } from '../casefiles/casefile-package';
import { renderCaseFilePdf } from '../casefiles/casefile-pdf';
import { readCaseFile } from '../casefiles/casefiles.service';
import { BackupError, backupStore, restoreStore } from '../backup/backup';
import type { Store } from '../db/store';
import { openStore } from '../register/store';
import { demoFiles, loadDemoIfEmpty } from '../demo/load';
import { EvidenceFiles } from '../evidence/evidence-files';
import { describeSample } from '../leads/detect';
import { refreshLeads } from '../leads/engine';
import { leadStatuses, type LeadStatus } from '../leads/vocabulary';
import { leadKinds, type LeadKind } from '../leads/facts';
import { leadQuerySchema, listLeads } from '../leads/leads.repository';
import { leadSettingsFromEnv } from '../leads/settings';
import { importRegionBoundaries } from '../reference/boundaries.service';
import { conventionReportFile, reportPeriodSchema, sdgIndicator } from '../reports/reports';
import { sampleProfile } from '../samples/profile';
import type { Language } from '../core/vocabulary';
import { registerStats } from '../stats/stats';
import { configuredEnvironment, serverConfigFromEnv, storeOptionsFromEnv } from '../config';
import { buildServer } from '../server/app';
import { createDemoAccountsIfNone } from '../demo/accounts';
import { createUser } from '../users/users.service';
import { roles, type Role } from '../access/policy';
import { theatreStats } from '../stats/theatre';
import { canonicalFile, entityKinds, type EntityKind } from '../records/entity';
import { exportTables, toCsv, toXlsx } from '../transfer/export';
import { exportIncidents } from '../exports/exports.service';
import { exportFormats, type ExportFormat } from '../exports/formats';
import { exportQuerySchema } from '../exports/selection';
import { formatProblem, importFiles, type ImportReport } from '../transfer/import';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';

async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(storeOptionsFromEnv(configuredEnvironment()));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

function defaultUser(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function printImportReport(report: ImportReport) {
  for (const warning of report.warnings) console.error(`warning: ${formatProblem(warning)}`);
  for (const error of report.errors) console.error(formatProblem(error));
  if (!report.ok) {
    console.error(`\nNothing was written: ${report.errors.length} problem(s) to fix, then import again.`);
    return;
  }
  for (const t of report.tables) {
    console.log(
      `${t.file} (${t.kind}): ${t.rows} rows — ${t.created} new, ${t.updated} changed, ${t.unchanged} unchanged`,
    );
  }
  if (report.dryRun) console.log('Dry run: the files are valid; nothing was written.');
}

const program = new Command('headstamp')
  .description('Headstamp: a register of recovered weapons and ammunition, and the leads they give')
  .showHelpAfterError();

program
  .command('import')
  .description(
    'import canonical CSV files (incidents.csv, items.csv, actors.csv, baselines.csv, embargoes.csv) or an XLSX workbook with those sheets; all or nothing',
  )
  .argument('<files...>')
  .option('--dry-run', 'check the files and report, writing nothing')
  .addOption(
    new Option('--kind <kind>', 'what a CSV file holds, when its name does not say').choices(entityKinds),
  )
  .option('--user <name>', 'who is importing, for the audit log', defaultUser())
  .option('--json', 'print the report as JSON')
  .action(
    async (
      files: string[],
      options: { dryRun?: boolean; kind?: EntityKind; user: string; json?: boolean },
    ) => {
      const inputs = files.map((file) => ({ name: file, data: readFileSync(file), kind: options.kind }));
      const report = await withStore((store) =>
        importFiles(store.db, inputs, { dryRun: options.dryRun, user: options.user }),
      );
      if (options.json) console.log(JSON.stringify(report, null, 2));
      else printImportReport(report);
      process.exitCode = report.ok ? 0 : 1;
    },
  );

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
      .choices(['en', 'fr'])
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
        const query = exportQuerySchema.safeParse({ ...filters, q: search, format, lang });
        if (!query.success)
          throw new Error(
            query.error.issues
              .map(
                (i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`,
              )
              .join('; '),
          );
        const { host, port } = serverConfigFromEnv(configuredEnvironment());
        const file = await withStore((store) =>
          exportIncidents(store.db, systemViewer, query.data, {
            actor: user,
            baseUrl: baseUrl ?? `http://${host}:${port}`,
            delimiter,
          }),
        );
        writeFileSync(target, file.data);
        const left = file.selected - file.written;
        console.log(
          `Wrote ${target}: ${file.written} incident${file.written === 1 ? '' : 's'}${left ? ` (${left} without coordinates left out)` : ''}; export ${file.exportId} is in the audit log.`,
        );
        return;
      }
      const stray = Object.entries({ ...filters, search }).find(([, v]) => v !== undefined);
      if (stray) throw new Error(`the filters (--${stray[0]} …) select incidents for --format exports only`);
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

program
  .command('stats')
  .description('counts of incidents, items, samples, actors, baselines and embargoes')
  .option('--json', 'print as JSON')
  .action(async (options: { json?: boolean }) => {
    const { stats, theatre } = await withStore(async (store) => ({
      stats: await registerStats(store.db, systemViewer),
      theatre: await theatreStats(store.db, systemViewer),
    }));
    if (options.json) {
      console.log(JSON.stringify({ ...stats, theatre }, null, 2));
      return;
    }
    console.log(`Incidents: ${stats.incidents.total}`);
    for (const [type, n] of Object.entries(stats.incidents.byType)) console.log(`  ${type}: ${n}`);
    console.log(`Items: ${stats.items.total} rows, ${stats.items.quantity} objects`);
    for (const [category, n] of Object.entries(stats.items.byCategory)) console.log(`  ${category}: ${n}`);
    console.log(`Samples: ${stats.samples.total}`);
    for (const [kind, n] of Object.entries(stats.samples.byKind)) console.log(`  ${kind}: ${n}`);
    console.log(
      `Actors: ${stats.actors.total}; baselines: ${stats.baselines.total}; embargoes: ${stats.embargoes.total}`,
    );
    console.log('\nIncidents per year (IED attacks / IED found before detonation; killed / injured):');
    for (const [year, byType] of Object.entries(theatre.incidentsPerYearByType)) {
      const total = Object.values(byType).reduce((a, b) => a + b, 0);
      const ied = theatre.iedAttacksAgainstFindsPerYear[year] ?? { attacks: 0, finds: 0 };
      const victims = theatre.victimsPerYear[year];
      console.log(
        `  ${year}: ${total} (${ied.attacks} / ${ied.finds}; ${victims?.killed ?? 0} / ${victims?.injured ?? 0})`,
      );
    }
    console.log('Ammunition samples by decade of production:');
    for (const [decade, n] of Object.entries(theatre.ammunitionSamplesByDecade))
      console.log(`  ${decade}: ${n}`);
  });

program
  .command('leads')
  .description(
    'what the materiel tells: new materiel, embargo breaches, links, attribution, diversion, spread',
  )
  .addOption(new Option('--kind <kind>', 'only leads of this kind').choices(leadKinds))
  .option('--since <date>', 'only leads about events on or after this day (YYYY-MM-DD)')
  .option('--sample <key>', 'only leads citing this sample')
  .option('--min-score <n>', 'only leads scored at least this (0–1)', (v) => Number(v))
  .addOption(new Option('--status <status>', 'only leads the cell left in this state').choices(leadStatuses))
  .option('--recompute', 'recompute every lead from the whole register first')
  .option('--json', 'print a JSON array')
  .action(
    async (options: {
      kind?: LeadKind;
      since?: string;
      sample?: string;
      minScore?: number;
      status?: LeadStatus;
      recompute?: boolean;
      json?: boolean;
    }) => {
      const query = leadQuerySchema.safeParse({
        kind: options.kind,
        since: options.since,
        sample: options.sample,
        minScore: options.minScore,
        status: options.status,
      });
      if (!query.success)
        throw new Error(query.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
      const leads = await withStore(async (store) => {
        if (options.recompute) {
          const report = await store.db
            .transaction()
            .execute((trx) =>
              refreshLeads(trx, { full: true, settings: leadSettingsFromEnv(configuredEnvironment()) }),
            );
          if (!options.json) console.error(`Recomputed ${report.written} leads.`);
        }
        return listLeads(store.db, systemViewer, {
          kind: options.kind,
          since: options.since,
          sample: options.sample,
          minScore: options.minScore,
          status: options.status,
        });
      });
      if (options.json) {
        console.log(
          JSON.stringify(
            leads.map(({ subject: _subject, ...lead }) => lead),
            null,
            2,
          ),
        );
        return;
      }
      for (const lead of leads)
        console.log(`${lead.date}  ${lead.kind.padEnd(16)} ${lead.score.toFixed(2)}  ${lead.explanation}`);
      console.log(`${leads.length} lead(s).`);
    },
  );

program
  .command('sample')
  .description(
    'the profile of one sample: where and when it was documented, by whom, and the leads citing it',
  )
  .argument('<key>', 'a sample key, e.g. ammo:7.62x39:su-711:1979 (see `leads` or `export`)')
  .option('--json', 'print as JSON')
  .action(async (key: string, options: { json?: boolean }) => {
    const profile = await withStore((store) => sampleProfile(store.db, systemViewer, key));
    if (!profile) {
      console.error(`No item has the sample ${key}.`);
      process.exitCode = 1;
      return;
    }
    if (options.json) {
      console.log(JSON.stringify(profile, null, 2));
      return;
    }
    console.log(
      `${describeSample(profile.sample)}: ${profile.items} items (${profile.quantity} objects) at ${profile.incidents.length} incidents, ${profile.firstSeen} to ${profile.lastSeen}`,
    );
    console.log(
      `Countries: ${profile.countries.join(', ')}; actors: ${profile.actors.join(', ') || 'none known'}`,
    );
    for (const [year, regions] of Object.entries(profile.regionsByYear))
      console.log(`  ${year}: ${regions.join(', ')}`);
    for (const lead of profile.leads) console.log(`  lead ${lead.kind}: ${lead.explanation}`);
  });

program
  .command('demo')
  .description(
    'write the demo data set as canonical CSV files, to see the import format or load it elsewhere',
  )
  .argument('<folder>')
  .option('--seed <n>', 'seed of the generator', (v) => Number.parseInt(v, 10))
  .action((folder: string, options: { seed?: number }) => {
    mkdirSync(folder, { recursive: true });
    for (const file of demoFiles({ seed: options.seed })) writeFileSync(join(folder, file.name), file.data);
    console.log(`Wrote the demo CSV files to ${folder}`);
  });

program
  .command('serve')
  .description('run the HTTP server: the API at /api/v1 (OpenAPI at /api/v1/openapi.json)')
  .option('--demo', 'load the demo data set and demo accounts into an empty register')
  .action(async (options: { demo?: boolean }) => {
    const config = serverConfigFromEnv(configuredEnvironment());
    const store = await openStore(storeOptionsFromEnv(configuredEnvironment()));
    try {
      if (options.demo) {
        const report = await loadDemoIfEmpty(store.db);
        if (report && !report.ok) {
          printImportReport(report);
          throw new Error('the demo data set did not load');
        }
        if (report) console.log('Loaded the demo data set (a Sahel theatre, 2011–2024).');
        const accounts = await createDemoAccountsIfNone(store.db);
        for (const a of accounts) console.log(`  demo account: ${a.username} / ${a.password} (${a.role})`);
      }
      const stats = await registerStats(store.db, systemViewer);
      console.log(`Headstamp register: ${store.kind} store at ${store.location}`);
      console.log(
        `  ${stats.incidents.total} incidents, ${stats.items.total} items, ${stats.samples.total} samples`,
      );
      const app = await buildServer({
        store,
        secret: config.secret,
        secureCookies: config.secureCookies,
        logger: config.log,
        evidenceDir: config.evidenceDir,
        maxUploadBytes: config.maxUploadBytes,
        leadSettings: leadSettingsFromEnv(configuredEnvironment()),
        webDir: fileURLToPath(new URL('../../web/dist', import.meta.url)),
      });
      await app.listen({ host: config.host, port: config.port });
      console.log(
        `Headstamp is serving http://${config.host}:${config.port}/ (API: /api/v1, press Ctrl+C to stop)`,
      );
      // Finish requests in flight and close the store cleanly: PGlite must flush its files.
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      console.log('Stopping…');
      await app.close();
    } finally {
      await store.close();
    }
  });

const user = program.command('user').description('accounts');
user
  .command('add')
  .description(
    'create an account; the password is read from HEADSTAMP_PASSWORD or the first line of standard input',
  )
  .argument('<username>')
  .addOption(new Option('--role <role>', 'what the account may do').choices(roles).makeOptionMandatory())
  .option('--name <name>', 'display name (default: the username)')
  .option('--partner <organisation>', 'for a partner account: the organisation records are released to')
  .action(async (username: string, options: { role: Role; name?: string; partner?: string }) => {
    const password = process.env.HEADSTAMP_PASSWORD ?? (await firstLineOfStdin());
    const created = await withStore((store) =>
      createUser(
        store.db,
        {
          username,
          displayName: options.name ?? username,
          role: options.role,
          partner: options.partner ?? null,
          password,
        },
        defaultUser(),
      ),
    );
    console.log(`Created ${created.username} (${options.role}).`);
  });

program
  .command('backup')
  .description(
    'write the whole register (records, accounts, audit log, leads) to one compressed file; evidence files are copied separately',
  )
  .argument('<file>', 'the backup file, or - for standard output')
  .action(async (file: string) => {
    const summary = await withStore((store) => backupStore(store.db, file === '-' ? process.stdout : file));
    if (file !== '-')
      console.log(`Wrote ${file}: ${summary.rows} rows in ${Object.keys(summary.tables).length} tables.`);
  });

program
  .command('restore')
  .description('restore a backup into an empty register; all or nothing')
  .argument('<file>')
  .action(async (file: string) => {
    try {
      const summary = await withStore((store) => restoreStore(store.db, file));
      console.log(
        `Restored ${summary.rows} rows in ${Object.keys(summary.tables).length} tables (backup of ${summary.createdAt}).`,
      );
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      console.error(`headstamp: ${error.message}`);
      process.exitCode = 1;
    }
  });

const casefile = program.command('casefile').description('case files, as shared with partners');
for (const [name, what, render] of [
  ['pdf', 'write a case file as a PDF', renderCaseFilePdf],
  ['package', 'write a case file for other programs: a zip of JSON, CSV and photos', buildCasePackage],
] as const) {
  casefile
    .command(name)
    .description(what)
    .argument('<id>', 'the case file number', (value: string) => {
      if (!/^[1-9]\d{0,9}$/.test(value)) throw new InvalidArgumentError('a case file number, e.g. 12');
      return Number(value);
    })
    .requiredOption('--out <file>', 'where to write it')
    .action(async (id: number, options: { out: string }) => {
      const evidence = new EvidenceFiles(serverConfigFromEnv(configuredEnvironment()).evidenceDir);
      const data = await withStore(async (store) =>
        render(await readCaseFile(store.db, systemViewer, id), (sha256) => evidence.read(sha256)),
      );
      writeFileSync(options.out, data);
      console.log(`Wrote ${options.out} (${data.length} bytes).`);
    });
}

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

const report = program
  .command('report')
  .description('what the mission declares: the convention register of weapons, SDG indicator 16.4.2');
const periodOptions = (command: Command) =>
  command
    .requiredOption('--from <day>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <day>', 'last day of the period')
    .option('--country <code>', 'only incidents in this country (ISO code or name)');
/** The period options checked as the API checks them, named as the command line names them. */
function period({ from, to, country }: { from: string; to: string; country?: string }) {
  const parsed = reportPeriodSchema.safeParse({ from, to, country });
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((i) => `--${String(i.path[0] ?? 'from')}: ${i.message}`).join('; '),
    );
  return parsed.data;
}
periodOptions(
  report
    .command('register')
    .description(
      'weapons seized, collected or destroyed in a period (ECOWAS Convention art. 11, Kinshasa Convention art. 22), as a .csv or .xlsx file; audited',
    ),
)
  .requiredOption('--out <file>', 'where to write it: a name ending in .csv or .xlsx')
  .addOption(new Option('--lang <language>', 'language of the labels').choices(['en', 'fr']).default('en'))
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
      const format = /\.xlsx$/i.test(options.out) ? 'xlsx' : /\.csv$/i.test(options.out) ? 'csv' : undefined;
      if (!format) throw new Error('--out: give a file name ending in .csv or .xlsx');
      const file = await withStore((store) =>
        conventionReportFile(
          store.db,
          { ...systemViewer, username: options.user },
          period(options),
          format,
          options.lang,
        ),
      );
      writeFileSync(options.out, file.data);
      const { seized, collected, destroyed } = file.report.totals;
      console.log(`Wrote ${options.out}: ${seized} seized, ${collected} collected, ${destroyed} destroyed.`);
    },
  );
periodOptions(
  report
    .command('sdg')
    .description('SDG indicator 16.4.2: the share of recovered arms whose diversion was established'),
)
  .option('--json', 'print as JSON')
  .action(async (options: { from: string; to: string; country?: string; json?: boolean }) => {
    const indicator = await withStore((store) => sdgIndicator(store.db, systemViewer, period(options)));
    if (options.json) return console.log(JSON.stringify(indicator, null, 2));
    const share = indicator.proportion === null ? 'n/a' : `${(indicator.proportion * 100).toFixed(1)} %`;
    console.log(
      `${indicator.period.from} to ${indicator.period.to}: ${indicator.established} of ${indicator.arms} arms (${share}) traced to their point of diversion; ${indicator.traceRequested} under a tracing request.`,
    );
  });

const audit = program.command('audit').description('the tamper-evident audit log');
audit
  .command('verify')
  .description('recompute the hash chain of the audit log and report the first broken entry')
  .action(async () => {
    const result = await withStore((store) => verifyAuditLog(store.db));
    if (result.ok) console.log(`Audit log intact: ${result.entries} entries.`);
    else
      console.error(
        `Audit log BROKEN at entry ${result.brokenAt?.id}: ${result.brokenAt?.reason} (${result.entries} entries verified before it).`,
      );
    process.exitCode = result.ok ? 0 : 1;
  });

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

program.parseAsync(process.argv).catch((error: unknown) => {
  // A refused input says where, field by field, as the API does.
  const message =
    error instanceof ZodError
      ? error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')
      : error instanceof Error
        ? error.message
        : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'ENOENT'
      ? `headstamp: no such file: ${basename((error as NodeJS.ErrnoException).path ?? '')}`
      : `headstamp: ${message}`,
  );
  process.exitCode = 2;
});

import { join } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../core/package-root';
import {
  auditSettings,
  databaseUrl,
  importLimits,
  leadSettings,
  printImportReport,
  serverConfig,
  withStore,
} from '../context';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('run the HTTP server: the API at /api/v1 (OpenAPI at /api/v1/openapi.json)')
    .option('--demo', 'load the demo data set and demo accounts into an empty register')
    .action(async (options: { demo?: boolean }) => {
      const [
        { systemViewer },
        { auditKeyOf },
        { checkpointAuditLog },
        { createDemoAccountsIfNone },
        { loadDemoIfEmpty },
        { geonamesGazetteer },
        { buildServer },
        { registerStats },
      ] = await Promise.all([
        import('../../access/policy'),
        import('../../audit/audit-key'),
        import('../../audit/checkpoints'),
        import('../../demo/accounts'),
        import('../../demo/load'),
        import('../../places/geonames'),
        import('../../server/app'),
        import('../../stats/stats.queries'),
      ]);
      const config = serverConfig();
      const audit = auditSettings();
      const postgres = databaseUrl();
      await withStore(
        async (store) => {
          // Signed checkpoints of the audit log's head, outside the database: at start, on a
          // schedule and at stop, so that cutting the log's end shows at the next `audit verify`.
          const checkpoint = async () => {
            if (!audit.checkpointDir) return;
            try {
              const written = await checkpointAuditLog(store.db, auditKeyOf(store.db)!, audit.checkpointDir);
              if (written?.file) console.log(`Audit checkpoint: ${written.file}`);
            } catch (error) {
              console.error(
                `AUDIT CHECKPOINT REFUSED: ${error instanceof Error ? error.message : String(error)}`,
              );
            }
          };
          await checkpoint();
          if (options.demo) {
            const report = await loadDemoIfEmpty(store.db);
            if (report && !report.ok) {
              printImportReport(report);
              throw new Error('the demo data set did not load');
            }
            if (report) console.log('Loaded the demo data set (a Sahel theatre, 2011–2024).');
            const accounts = await createDemoAccountsIfNone(store.db);
            for (const a of accounts)
              console.log(`  demo account: ${a.username} / ${a.password} (${a.role})`);
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
            leadSettings: leadSettings(),
            importLimits: importLimits(),
            webDir: join(packageRoot, 'web', 'dist'),
            // On PostgreSQL the findings are refreshed beside the requests, not between them.
            findingsThread: postgres ? { databaseUrl: postgres } : undefined,
          });
          await app.listen({ host: config.host, port: config.port });
          console.log(
            `Headstamp is serving http://${config.host}:${config.port}/ (API: /api/v1, press Ctrl+C to stop)`,
          );
          // The gazetteer takes a few seconds to read: read it now rather than at the first place typed.
          geonamesGazetteer().catch((error: unknown) => console.warn('gazetteer:', error));
          const timer =
            audit.checkpointMinutes > 0
              ? setInterval(() => void checkpoint(), audit.checkpointMinutes * 60_000)
              : undefined;
          // Finish requests in flight before the store closes: PGlite must flush its files.
          await new Promise<void>((resolve) => {
            const stop = () => resolve();
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
          console.log('Stopping…');
          clearInterval(timer);
          await app.close();
          await checkpoint();
        },
        undefined,
        { longLived: true },
      );
    });
}

import type { Command } from 'commander';
import { auditSettings, withStore } from '../context';

export function backupCommand(program: Command) {
  program
    .command('backup')
    .description(
      'write the whole register (records, accounts, audit log, leads) to one compressed file, with a signed checkpoint of its audit log beside it (<file>.checkpoint.json); evidence files are copied separately',
    )
    .argument('<file>', 'the backup file, or - for standard output')
    .action(async (file: string) => {
      const [{ auditKeyOf }, { checkpointAuditLog, writeCheckpointFile }, { backupStore }] =
        await Promise.all([
          import('../../audit/audit-key'),
          import('../../audit/checkpoints'),
          import('../../backup/backup'),
        ]);
      const { checkpointDir } = auditSettings();
      const { summary, signed } = await withStore(async (store) => {
        const summary = await backupStore(store.db, file === '-' ? process.stdout : file);
        // A checkpoint kept with each backup: a later truncation or rewrite of the log shows
        // against it, wherever the backups are kept.
        const signed = summary.auditHead
          ? await checkpointAuditLog(store.db, auditKeyOf(store.db)!, checkpointDir, summary.auditHead)
          : undefined;
        return { summary, signed };
      });
      if (file === '-') return;
      console.log(`Wrote ${file}: ${summary.rows} rows in ${Object.keys(summary.tables).length} tables.`);
      if (signed) {
        const beside = writeCheckpointFile(`${file}.checkpoint.json`, signed.checkpoint);
        console.log(`Wrote ${beside}: the audit log's checkpoint (entry ${signed.checkpoint.id}).`);
      }
    });
}

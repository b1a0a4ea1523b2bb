import type { Command } from 'commander';
import { backupStore } from '../../backup/backup';
import { withStore } from '../context';

export function backupCommand(program: Command) {
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
}

import type { Command } from 'commander';
import { printError, withStore } from '../context';

export function restoreCommand(program: Command) {
  program
    .command('restore')
    .description('restore a backup into an empty register; all or nothing')
    .argument('<file>')
    .action(async (file: string) => {
      const { BackupError, restoreStore } = await import('../../backup/backup');
      try {
        const summary = await withStore((store) => restoreStore(store.db, file));
        console.log(
          `Restored ${summary.rows} rows in ${Object.keys(summary.tables).length} tables (backup of ${summary.createdAt}).`,
        );
      } catch (error) {
        // A backup the register refuses exits 1, as a refused import does; other failures exit 2.
        if (!(error instanceof BackupError)) throw error;
        printError(error);
        process.exitCode = 1;
      }
    });
}

import type { Command } from 'commander';
import { verifyAuditLog } from '../../audit/audit';
import { withStore } from '../context';

export function auditCommand(program: Command) {
  program
    .command('audit')
    .description('the tamper-evident audit log')
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
}

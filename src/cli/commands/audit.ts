import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Checkpoint } from '../../audit/checkpoints';
import { auditSettings, withStore } from '../context';

export function auditCommand(program: Command) {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description(
      'recompute the keyed hash chain of the audit log, check it against the latest signed checkpoint, and report the first broken entry, a truncation or a rewrite',
    )
    .option('--checkpoint <file>', 'check against this checkpoint (e.g. the one kept with a backup)')
    .action(async (options: { checkpoint?: string }) => {
      const [{ verifyAuditLog }, { auditKeyOf }, { readCheckpoint, readCheckpointFolder }] =
        await Promise.all([
          import('../../audit/audit'),
          import('../../audit/audit-key'),
          import('../../audit/checkpoints'),
        ]);
      const { checkpointDir } = auditSettings();
      const result = await withStore(async (store) => {
        const key = auditKeyOf(store.db)!;
        let checkpoint: Checkpoint | undefined;
        if (options.checkpoint) {
          const read = readCheckpoint(readFileSync(options.checkpoint, 'utf8'), key);
          if ('error' in read) throw new Error(`${options.checkpoint}: cannot be trusted: ${read.error}`);
          checkpoint = read;
        } else if (checkpointDir) {
          const folder = readCheckpointFolder(checkpointDir, key);
          // A file that fails its signature is someone's attempt, or another store's: say so.
          for (const r of folder.rejected) console.error(`warning: ignored ${r.file}: ${r.error}`);
          checkpoint = folder.latest;
        }
        return { verification: await verifyAuditLog(store.db, { checkpoint }), checkpoint };
      });
      const { verification: v, checkpoint } = result;
      const keyed = v.keyedFrom ? `, keyed from entry ${v.keyedFrom}` : ', not keyed yet';
      if (v.ok) {
        console.log(`Audit log intact: ${v.entries} entries${keyed}.`);
        console.log(
          checkpoint
            ? `It holds the checkpoint of ${checkpoint.at} (entry ${checkpoint.id}, ${checkpoint.count} entries).`
            : 'No checkpoint to check against: deletions from the end of the log cannot be detected.',
        );
      } else {
        const what =
          v.checkpoint === 'truncated' ? 'TRUNCATED' : v.checkpoint === 'rewritten' ? 'REWRITTEN' : 'BROKEN';
        console.error(
          `Audit log ${what} at entry ${v.brokenAt?.id}: ${v.brokenAt?.reason} (${v.entries} entries verified before it).`,
        );
      }
      process.exitCode = v.ok ? 0 : 1;
    });
  audit
    .command('checkpoint')
    .description('sign the head of the audit log into the checkpoints folder (the server does this hourly)')
    .action(async () => {
      const [{ auditKeyOf }, { checkpointAuditLog }] = await Promise.all([
        import('../../audit/audit-key'),
        import('../../audit/checkpoints'),
      ]);
      const { checkpointDir } = auditSettings();
      if (!checkpointDir) throw new Error('a store in memory has no checkpoints folder');
      const written = await withStore((store) =>
        checkpointAuditLog(store.db, auditKeyOf(store.db)!, checkpointDir),
      );
      console.log(
        written
          ? `Wrote ${written.file}: entry ${written.checkpoint.id}, ${written.checkpoint.count} entries.`
          : 'The latest checkpoint already holds the head of the log (or the log is empty).',
      );
    });
}

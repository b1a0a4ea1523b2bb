import { Command } from 'commander';
import { auditCommand } from './commands/audit';
import { backupCommand } from './commands/backup';
import { boundariesCommand } from './commands/boundaries';
import { casefileCommand } from './commands/casefile';
import { demoCommand } from './commands/demo';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { leadsCommand } from './commands/leads';
import { mapCommand } from './commands/map';
import { reportCommand } from './commands/report';
import { restoreCommand } from './commands/restore';
import { sampleCommand } from './commands/sample';
import { serveCommand } from './commands/serve';
import { statsCommand } from './commands/stats';
import { userCommand } from './commands/user';
import { printError } from './context';

const program = new Command('headstamp')
  .description('Headstamp: a register of recovered weapons and ammunition, and the leads they give')
  .showHelpAfterError();

// In the order `headstamp --help` lists them.
for (const register of [
  importCommand,
  exportCommand,
  statsCommand,
  leadsCommand,
  sampleCommand,
  mapCommand,
  demoCommand,
  serveCommand,
  userCommand,
  backupCommand,
  restoreCommand,
  casefileCommand,
  boundariesCommand,
  reportCommand,
  auditCommand,
])
  register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  printError(error);
  process.exitCode = 2;
});

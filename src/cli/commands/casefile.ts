import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { serverConfig, withStore } from '../context';

export function casefileCommand(program: Command) {
  const casefile = program.command('casefile').description('case files, as shared with partners');
  for (const [name, what, renderer] of [
    [
      'pdf',
      'write a case file as a PDF',
      async () => (await import('../../casefiles/casefile-pdf')).renderCaseFilePdf,
    ],
    [
      'package',
      'write a case file for other programs: a zip of JSON, CSV and photos',
      async () => (await import('../../casefiles/casefile-package')).buildCasePackage,
    ],
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
        const [{ systemViewer }, { readCaseFile }, { EvidenceFiles }, render] = await Promise.all([
          import('../../access/policy'),
          import('../../casefiles/casefiles.queries'),
          import('../../evidence/evidence-files'),
          renderer(),
        ]);
        const evidence = new EvidenceFiles(serverConfig().evidenceDir);
        const data = await withStore(
          async (store) =>
            render(await readCaseFile(store.db, systemViewer, id), (sha256) => evidence.read(sha256)),
          'read',
        );
        writeFileSync(options.out, data);
        console.log(`Wrote ${options.out} (${data.length} bytes).`);
      });
  }
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';

export function demoCommand(program: Command) {
  program
    .command('demo')
    .description(
      'write the demo data set as canonical CSV files, to see the import format or load it elsewhere',
    )
    .argument('<folder>')
    .option('--seed <n>', 'seed of the generator', (v) => Number.parseInt(v, 10))
    .action(async (folder: string, options: { seed?: number }) => {
      const { demoFiles } = await import('../../demo/load');
      mkdirSync(folder, { recursive: true });
      for (const file of demoFiles({ seed: options.seed })) writeFileSync(join(folder, file.name), file.data);
      console.log(`Wrote the demo CSV files to ${folder}`);
    });
}

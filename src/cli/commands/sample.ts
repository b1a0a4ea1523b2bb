import type { Command } from 'commander';
import { withStore } from '../context';

export function sampleCommand(program: Command) {
  program
    .command('sample')
    .description(
      'the profile of one sample: where and when it was documented, by whom, and the leads citing it',
    )
    .argument('<key>', 'a sample key, e.g. ammo:7.62x39:su-711:1979 (see `leads` or `export`)')
    .option('--json', 'print as JSON')
    .action(async (key: string, options: { json?: boolean }) => {
      const [{ systemViewer }, { describeSample }, { sampleProfile }] = await Promise.all([
        import('../../access/policy'),
        import('../../leads/describe'),
        import('../../samples/samples.queries'),
      ]);
      const profile = await withStore((store) => sampleProfile(store.db, systemViewer, key), 'read');
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
}

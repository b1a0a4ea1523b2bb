import type { Command } from 'commander';
import { withStore } from '../context';

export function statsCommand(program: Command) {
  program
    .command('stats')
    .description('counts of incidents, items, samples, actors, baselines and embargoes')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const [{ systemViewer }, { registerStats }, { theatreStats }] = await Promise.all([
        import('../../access/policy'),
        import('../../stats/stats.queries'),
        import('../../stats/theatre.queries'),
      ]);
      const { stats, theatre } = await withStore(async (store) => ({
        stats: await registerStats(store.db, systemViewer),
        theatre: await theatreStats(store.db, systemViewer),
      }));
      if (options.json) {
        console.log(JSON.stringify({ ...stats, theatre }, null, 2));
        return;
      }
      console.log(`Incidents: ${stats.incidents.total}`);
      for (const [type, n] of Object.entries(stats.incidents.byType)) console.log(`  ${type}: ${n}`);
      console.log(`Items: ${stats.items.total} rows, ${stats.items.quantity} objects`);
      for (const [category, n] of Object.entries(stats.items.byCategory)) console.log(`  ${category}: ${n}`);
      console.log(`Samples: ${stats.samples.total}`);
      for (const [kind, n] of Object.entries(stats.samples.byKind)) console.log(`  ${kind}: ${n}`);
      console.log(
        `Actors: ${stats.actors.total}; baselines: ${stats.baselines.total}; embargoes: ${stats.embargoes.total}`,
      );
      console.log('\nIncidents per year (IED attacks / IED found before detonation; killed / injured):');
      for (const [year, byType] of Object.entries(theatre.incidentsPerYearByType)) {
        const total = Object.values(byType).reduce((a, b) => a + b, 0);
        const ied = theatre.iedAttacksAgainstFindsPerYear[year] ?? { attacks: 0, finds: 0 };
        const victims = theatre.victimsPerYear[year];
        console.log(
          `  ${year}: ${total} (${ied.attacks} / ${ied.finds}; ${victims?.killed ?? 0} / ${victims?.injured ?? 0})`,
        );
      }
      console.log('Ammunition samples by decade of production:');
      for (const [decade, n] of Object.entries(theatre.ammunitionSamplesByDecade))
        console.log(`  ${decade}: ${n}`);
    });
}

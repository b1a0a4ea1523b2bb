import { sql } from 'kysely';
import { visibleIncidents, visibleItems, type Viewer } from '../access/policy';
import type { Db } from '../db/store';

/** The figures analysts publish about a theatre, computed from the register. */
export interface TheatreStats {
  incidentsPerYearByType: Record<string, Record<string, number>>;
  victimsPerYear: Record<
    string,
    { killed: number; injured: number; peacekeepersKilled: number; peacekeepersInjured: number }
  >;
  peacekeepersKilledByAttackType: Record<string, number>;
  iedAttacksAgainstFindsPerYear: Record<string, { attacks: number; finds: number }>;
  ammunitionSamplesByDecade: Record<string, number>;
  ammunitionSamplesByCountryOfManufacture: Record<string, number>;
  /** Years from production to a sample's first documented use: count of samples per gap. */
  yearsFromProductionToFirstUse: {
    histogram: Record<string, number>;
    median: number | null;
    samples: number;
  };
}

const GAP_BANDS: [string, number, number][] = [
  ['0-2', 0, 2],
  ['3-5', 3, 5],
  ['6-10', 6, 10],
  ['11-20', 11, 20],
  ['21-30', 21, 30],
  ['31+', 31, Number.POSITIVE_INFINITY],
];

export async function theatreStats(db: Db, viewer: Viewer): Promise<TheatreStats> {
  const year = sql<string>`extract(year from date)::integer::text`;
  const perYearType = await visibleIncidents(db, viewer)
    .select([year.as('year'), 'type', sql<number>`count(*)`.as('n')])
    .groupBy(['year', 'type'])
    .orderBy('year')
    .orderBy('type')
    .execute();
  const incidentsPerYearByType: TheatreStats['incidentsPerYearByType'] = {};
  for (const r of perYearType) (incidentsPerYearByType[r.year] ??= {})[r.type] = r.n;

  const sum = (column: 'killed' | 'injured' | 'peacekeepers_killed' | 'peacekeepers_injured') =>
    sql<number>`coalesce(sum(${sql.ref(column)}), 0)::integer`;
  const victims = await visibleIncidents(db, viewer)
    .select([
      year.as('year'),
      sum('killed').as('killed'),
      sum('injured').as('injured'),
      sum('peacekeepers_killed').as('pk_killed'),
      sum('peacekeepers_injured').as('pk_injured'),
    ])
    .groupBy('year')
    .orderBy('year')
    .execute();
  const victimsPerYear = Object.fromEntries(
    victims.map((r) => [
      r.year,
      {
        killed: r.killed,
        injured: r.injured,
        peacekeepersKilled: r.pk_killed,
        peacekeepersInjured: r.pk_injured,
      },
    ]),
  );

  const pkByType = await visibleIncidents(db, viewer)
    .select(['type', sum('peacekeepers_killed').as('n')])
    .groupBy('type')
    .having(sql<boolean>`coalesce(sum(peacekeepers_killed), 0) > 0`)
    .orderBy('type')
    .execute();

  const iedAttacksAgainstFindsPerYear: TheatreStats['iedAttacksAgainstFindsPerYear'] = {};
  for (const r of perYearType) {
    if (r.type !== 'ied_attack' && r.type !== 'ied_find') continue;
    const entry = (iedAttacksAgainstFindsPerYear[r.year] ??= { attacks: 0, finds: 0 });
    if (r.type === 'ied_attack') entry.attacks = r.n;
    else entry.finds = r.n;
  }

  const ammo = visibleItems(db, viewer)
    .where('category', '=', 'ammunition')
    .where('sample_key', 'is not', null)
    .where('year', 'is not', null);
  const byDecade = await ammo
    .select([
      sql<string>`(year / 10 * 10)::text || 's'`.as('decade'),
      sql<number>`count(distinct sample_key)`.as('n'),
    ])
    .groupBy('decade')
    .orderBy('decade')
    .execute();
  const byCountry = await ammo
    .select([
      sql<string>`coalesce(origin_country, 'unknown')`.as('country'),
      sql<number>`count(distinct sample_key)`.as('n'),
    ])
    .groupBy('country')
    .orderBy('country')
    .execute();

  const gaps = await visibleItems(db, viewer)
    .innerJoin('live_incidents as incidents', 'incidents.id', 'items.incident_id')
    .where('items.sample_key', 'is not', null)
    .where('items.year', 'is not', null)
    .select([
      'items.sample_key',
      sql<number>`min(extract(year from incidents.date)::integer - items.year)`.as('gap'),
    ])
    .groupBy('items.sample_key')
    .execute();
  const sorted = gaps
    .map((g) => g.gap)
    .filter((g) => g >= 0)
    .sort((a, b) => a - b);
  const histogram = Object.fromEntries(
    GAP_BANDS.map(([label, low, high]) => [label, sorted.filter((g) => g >= low && g <= high).length]),
  );

  return {
    incidentsPerYearByType,
    victimsPerYear,
    peacekeepersKilledByAttackType: Object.fromEntries(pkByType.map((r) => [r.type, r.n])),
    iedAttacksAgainstFindsPerYear,
    ammunitionSamplesByDecade: Object.fromEntries(byDecade.map((r) => [r.decade, r.n])),
    ammunitionSamplesByCountryOfManufacture: Object.fromEntries(byCountry.map((r) => [r.country, r.n])),
    yearsFromProductionToFirstUse: {
      histogram,
      median: sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)]!,
      samples: sorted.length,
    },
  };
}

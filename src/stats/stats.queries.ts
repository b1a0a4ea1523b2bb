import { sql } from 'kysely';
import { visibleIncidents, visibleItems, type Viewer } from '../access/policy';
import type { Db } from '../db/store';

export interface RegisterStats {
  incidents: { total: number; byType: Record<string, number> };
  items: { total: number; quantity: number; byCategory: Record<string, number> };
  samples: { total: number; byKind: Record<string, number> };
  actors: { total: number; withParent: number };
  baselines: { total: number; byCountry: Record<string, number> };
  embargoes: { total: number; byScope: Record<string, number> };
}

const tally = (rows: { key: string | null; n: number }[]) =>
  Object.fromEntries(
    rows.map((r) => [r.key ?? 'unknown', r.n]).sort(([a], [b]) => String(a).localeCompare(String(b))),
  );

/** Counts at a glance, so a user can check an import landed as expected. */
export async function registerStats(db: Db, viewer: Viewer): Promise<RegisterStats> {
  const count = sql<number>`count(*)`;
  const [incidentTypes, itemCategories, itemTotals, sampleKinds, actors, baselineCountries, embargoScopes] =
    await Promise.all([
      visibleIncidents(db, viewer)
        .select(['type as key', count.as('n')])
        .groupBy('type')
        .execute(),
      visibleItems(db, viewer)
        .select(['category as key', count.as('n')])
        .groupBy('category')
        .execute(),
      visibleItems(db, viewer)
        .select([count.as('n'), sql<number>`coalesce(sum(quantity), 0)`.as('quantity')])
        .executeTakeFirstOrThrow(),
      visibleItems(db, viewer)
        .where('sample_key', 'is not', null)
        .select([
          sql<string>`split_part(sample_key, ':', 1)`.as('key'),
          sql<number>`count(distinct sample_key)`.as('n'),
        ])
        .groupBy(sql`split_part(sample_key, ':', 1)`)
        .execute(),
      db
        .selectFrom('actors')
        .select([count.as('n'), sql<number>`count(parent_id)`.as('withParent')])
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('baselines')
        .select(['country as key', count.as('n')])
        .groupBy('country')
        .execute(),
      db
        .selectFrom('embargoes')
        .select(['scope as key', count.as('n')])
        .groupBy('scope')
        .execute(),
    ]);
  const sum = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
  return {
    incidents: { total: sum(incidentTypes), byType: tally(incidentTypes) },
    items: { total: itemTotals.n, quantity: itemTotals.quantity, byCategory: tally(itemCategories) },
    samples: { total: sum(sampleKinds), byKind: tally(sampleKinds) },
    actors: { total: actors.n, withParent: actors.withParent },
    baselines: { total: sum(baselineCountries), byCountry: tally(baselineCountries) },
    embargoes: { total: sum(embargoScopes), byScope: tally(embargoScopes) },
  };
}

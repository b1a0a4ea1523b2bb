import { sql } from 'kysely';
import type { Db, Tx } from '../db/store';
import { append } from '../core/collections';
import { chunks, inChunks } from '../core/chunks';
import {
  DIVERSION_EVENTS,
  type BaselineFact,
  type IncidentFact,
  type ItemFact,
  type Lead,
  type LeadContext,
  type LeadKind,
  type LinkingOccurrence,
} from './facts';
import type { LeadSettings } from './settings';
import { links, maxLinkingIncidents, sampleWeight, theatreScale, type SampleStanding } from './weight';

// The facts the leads engine reads from the store: the whole register, with no viewer.

type Filter<T> = 'all' | readonly T[];

export async function loadContext(db: Db | Tx, settings: LeadSettings): Promise<LeadContext> {
  const actors = await db.selectFrom('actors').select(['id', 'name', 'parent_id']).execute();
  const models = await db.selectFrom('models').select(['key', 'type']).execute();
  const calibres = await db.selectFrom('calibres').select('key').execute();
  const embargoes = await db.selectFrom('embargoes').selectAll().orderBy('id').execute();
  const embargoActors = await db.selectFrom('embargo_actors').select(['embargo_id', 'actor_id']).execute();
  const baselines = await db
    .selectFrom('baselines')
    .select(['holder', 'country', 'category', 'model_key', 'calibre_key', 'manufacturer_key', 'year'])
    .execute();
  const byCountry = new Map<string, BaselineFact[]>();
  for (const b of baselines) {
    const list = byCountry.get(b.country) ?? [];
    list.push({
      holder: b.holder,
      category: b.category,
      modelKey: b.model_key,
      calibreKey: b.calibre_key,
      manufacturerKey: b.manufacturer_key,
      year: b.year,
    });
    byCountry.set(b.country, list);
  }
  const { n, start } = await db
    .selectFrom('live_incidents')
    .select([sql<number>`count(*)::integer`.as('n'), sql<string | null>`min(date)::text`.as('start')])
    .executeTakeFirstOrThrow();
  return {
    settings,
    theatreScale: theatreScale(settings.theatreIncidents ?? n),
    theatreStart: start,
    modelTypes: new Map(models.map((m) => [m.key, m.type])),
    knownCalibres: new Set(calibres.map((c) => c.key)),
    actors: new Map(actors.map((a) => [a.id, { name: a.name, parentId: a.parent_id }])),
    embargoes: embargoes.map((e) => ({
      id: e.id,
      regime: e.regime,
      scope: e.scope,
      country: e.country,
      actorIds: embargoActors.filter((a) => a.embargo_id === e.id).map((a) => a.actor_id),
      start: e.start_date,
      end: e.end_date,
    })),
    baselines: byCountry,
  };
}

export async function loadIncidents(db: Db | Tx, filter: Filter<number>): Promise<Map<number, IncidentFact>> {
  const select = () =>
    db.selectFrom('live_incidents').select(['id', 'ref', 'date', 'type', 'country', 'admin1', 'actor_id']);
  const rows =
    filter === 'all'
      ? await select().execute()
      : await inChunks(filter, (part) => select().where('id', 'in', part).execute());
  const facts = new Map<number, IncidentFact>();
  for (const r of rows) {
    facts.set(r.id, {
      id: r.id,
      ref: r.ref,
      date: r.date,
      type: r.type,
      country: r.country,
      admin1: r.admin1,
      actorId: r.actor_id,
    });
  }
  return facts;
}

type ItemFilter =
  | 'all'
  | { incidentIds: readonly number[] }
  | { sampleKeys: readonly string[] }
  | { serialKeys: readonly string[] }
  | { itemIds: readonly number[] };

const ITEM_BATCH = 50_000;

export async function loadItems(db: Db | Tx, filter: ItemFilter): Promise<ItemFact[]> {
  const select = () =>
    db
      .selectFrom('live_items')
      .select([
        'id',
        'ref',
        'incident_id',
        'category',
        'sample_key',
        'model_key',
        'calibre_key',
        'manufacturer_key',
        'year',
        'lot',
        'serial',
        'serial_key',
        'quantity',
      ])
      .orderBy('id');
  let rows: Awaited<ReturnType<ReturnType<typeof select>['execute']>> = [];
  if (filter === 'all') {
    // In id ranges, so a theatre of a million items never travels as one result.
    for (let after = 0; ;) {
      const batch = await select().where('id', '>', after).limit(ITEM_BATCH).execute();
      append(rows, batch);
      if (batch.length < ITEM_BATCH) break;
      after = batch[batch.length - 1]!.id;
    }
  } else if ('incidentIds' in filter) {
    rows = await inChunks(filter.incidentIds, (part) => select().where('incident_id', 'in', part).execute());
  } else if ('sampleKeys' in filter) {
    rows = await inChunks(filter.sampleKeys, (part) => select().where('sample_key', 'in', part).execute());
  } else if ('serialKeys' in filter) {
    rows = await inChunks(filter.serialKeys, (part) => select().where('serial_key', 'in', part).execute());
  } else {
    rows = await inChunks(filter.itemIds, (part) => select().where('id', 'in', part).execute());
  }
  return rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    incidentId: r.incident_id,
    category: r.category,
    sampleKey: r.sample_key,
    modelKey: r.model_key,
    calibreKey: r.calibre_key,
    manufacturerKey: r.manufacturer_key,
    year: r.year,
    lot: r.lot,
    serial: r.serial,
    serialKey: r.serial_key,
    quantity: r.quantity,
  }));
}

/**
 * For each model and calibre, the items at the incidents where it was first documented, and the
 * number of incidents it is documented at: read from `materiel_incidents` (migration 0020), so
 * that a calibre seen at half the theatre costs its first day, not its history.
 */
export async function firstAppearances(
  db: Db | Tx,
  typeKeys: Filter<string>,
): Promise<Map<string, { itemIds: number[]; incidents: number }>> {
  if (typeKeys === 'all') {
    const { rows } = await sql<FirstRow>`
      WITH first AS (
        SELECT kind, key, min(date) AS date, count(*)::integer AS incidents
          FROM materiel_incidents WHERE kind IN ('model', 'calibre') GROUP BY kind, key
      )
      SELECT first.kind || ':' || first.key AS type_key, array_agg(items.id ORDER BY items.id) AS item_ids,
             min(first.incidents) AS incidents
        FROM first
        JOIN materiel_incidents at ON at.kind = first.kind AND at.key = first.key AND at.date = first.date
        JOIN live_items items ON items.incident_id = at.incident_id
                  AND first.key = CASE first.kind WHEN 'model' THEN items.model_key ELSE items.calibre_key END
       GROUP BY first.kind, first.key`.execute(db);
    return toFirsts(rows);
  }
  // Type by type: the planner, joining the types' first days to the materiel index as a whole,
  // expected thousands of rows where there are a few and hashed the whole index (442 ms at
  // 1,000,000 items in EXPLAIN ANALYZE; 215 ms type by type).
  const rows = await inChunks(typeKeys, async (part) => {
    const [kinds, keys] = [part.map((k) => k.split(':')[0]!), part.map((k) => k.slice(k.indexOf(':') + 1))];
    const { rows } = await sql<FirstRow>`
      SELECT t.kind || ':' || t.key AS type_key, at_first.item_ids, first.incidents
        FROM unnest(${kinds}::text[], ${keys}::text[]) AS t(kind, key)
       CROSS JOIN LATERAL (
         SELECT min(date) AS date, count(*)::integer AS incidents
           FROM materiel_incidents WHERE kind = t.kind AND key = t.key) first
       CROSS JOIN LATERAL (
         SELECT array_agg(items.id ORDER BY items.id) AS item_ids
           FROM materiel_incidents at
           JOIN live_items items ON items.incident_id = at.incident_id
                AND t.key = CASE t.kind WHEN 'model' THEN items.model_key ELSE items.calibre_key END
          WHERE at.kind = t.kind AND at.key = t.key AND at.date = first.date) at_first
       WHERE t.kind IN ('model', 'calibre') AND at_first.item_ids IS NOT NULL`.execute(db);
    return rows;
  });
  return toFirsts(rows);
}

type FirstRow = { type_key: string; item_ids: number[]; incidents: number };
const toFirsts = (rows: FirstRow[]) =>
  new Map(rows.map((row) => [row.type_key, { itemIds: row.item_ids, incidents: row.incidents }]));

/**
 * Where these samples stand (incidents, first day, marked: what their weight depends on) and
 * whether one of their first incidents is a diversion event, from `materiel_incidents` rather than
 * their items. A sample with no live item is absent.
 */
export async function sampleStandings(
  db: Db | Tx,
  sampleKeys: readonly string[],
): Promise<Map<string, SampleStanding & { firstAtDiversion: boolean }>> {
  const rows = await inChunks(sampleKeys, async (part) => {
    const { rows } = await sql<{
      key: string;
      incidents: number;
      first_seen: string;
      marked: boolean;
      first_at_diversion: boolean;
    }>`
      SELECT given.key, incidents, first_seen::text AS first_seen, marked,
             EXISTS (SELECT FROM materiel_incidents earliest JOIN incidents ON incidents.id = earliest.incident_id
                      WHERE earliest.kind = 'sample' AND earliest.key = given.key AND earliest.date = standing.first_seen
                        AND incidents.type = ANY(${DIVERSION_EVENTS}::text[])) AS first_at_diversion
        FROM unnest(${part}::text[]) AS given(key)
       CROSS JOIN LATERAL (
         SELECT count(*)::integer AS incidents, min(date) AS first_seen, bool_or(marked) AS marked
           FROM materiel_incidents WHERE kind = 'sample' AND key = given.key) standing
       WHERE incidents > 0`.execute(db);
    return rows;
  });
  return new Map(
    rows.map((r) => [
      r.key,
      {
        sampleKey: r.key,
        incidents: r.incidents,
        firstSeen: r.first_seen,
        marked: r.marked,
        firstAtDiversion: r.first_at_diversion,
      },
    ]),
  );
}

/**
 * The keys of the items at these incidents, deleted incidents included: a deleted incident's
 * samples lose an occurrence.
 */
export async function keysHeldAt(db: Db | Tx, incidentIds: readonly number[]) {
  return inChunks(incidentIds, (part) =>
    db
      .selectFrom('items')
      .select(['incident_id', 'sample_key', 'model_key', 'calibre_key', 'serial_key'])
      .distinct()
      .where('incident_id', 'in', part)
      .execute(),
  );
}

/**
 * Occurrences of the samples that link incidents (documented at two incidents or more, with an
 * evidence weight of at least `linkMinWeight`): all of them, those of some samples, or those of
 * the samples at some incidents. Each carries its sample's weight.
 */
export async function linkingOccurrences(
  db: Db | Tx,
  context: Pick<LeadContext, 'settings' | 'theatreScale'>,
  filter: 'all' | { sampleKeys: readonly string[] } | { incidentIds: readonly number[] },
): Promise<LinkingOccurrence[]> {
  const { settings, theatreScale: scale } = context;
  const max = maxLinkingIncidents(scale, settings);
  const query = async (samples: readonly string[] | null) => {
    // Of given samples, only the first `max` + 1 incidents of each are counted: a cartridge seen
    // at half the theatre costs no more than a rare lot to rule out. `materiel_incidents` holds
    // live incidents only; their live items are then read from one index (migration 0027).
    const linking =
      samples === null
        ? sql`
          SELECT key AS sample_key, count(*)::integer AS n, min(date)::text AS first_seen,
                 bool_or(marked) AS marked, array_agg(incident_id) AS incident_ids
            FROM materiel_incidents WHERE kind = 'sample' GROUP BY key HAVING count(*) BETWEEN 2 AND ${max}`
        : sql`
          SELECT given.sample_key, n, first_seen, marked, incident_ids
            FROM unnest(${samples}::text[]) AS given(sample_key)
           CROSS JOIN LATERAL (
             SELECT count(*)::integer AS n, min(date)::text AS first_seen, bool_or(marked) AS marked,
                    array_agg(incident_id) AS incident_ids
               FROM (SELECT date, marked, incident_id FROM materiel_incidents
                      WHERE kind = 'sample' AND key = given.sample_key LIMIT ${max + 1}) counted) standing
           WHERE n BETWEEN 2 AND ${max}`;
    const { rows } = await sql<{
      sample_key: string;
      incident_id: number;
      id: number;
      serial_key: string | null;
      serial: string | null;
      n: number;
      first_seen: string;
      marked: boolean;
    }>`
      WITH linking AS (${linking})
      SELECT linking.sample_key, items.incident_id, items.id, items.serial_key, items.serial, linking.n,
             linking.first_seen, linking.marked
        FROM linking CROSS JOIN LATERAL (
          SELECT items.incident_id, items.id, items.serial_key, items.serial FROM items
           WHERE items.sample_key = linking.sample_key AND items.incident_id = ANY (linking.incident_ids)
             AND items.deleted_at IS NULL) items
       ORDER BY items.id`.execute(db);
    const weights = new Map<string, number>();
    const weightOf = (r: (typeof rows)[number]) => {
      let w = weights.get(r.sample_key);
      if (w === undefined) {
        w = sampleWeight(
          { sampleKey: r.sample_key, incidents: r.n, firstSeen: r.first_seen, marked: r.marked },
          scale,
          settings,
        ).weight;
        weights.set(r.sample_key, w);
      }
      return w;
    };
    return rows
      .map((r) => ({
        sampleKey: r.sample_key,
        incidentId: r.incident_id,
        itemId: r.id,
        serialKey: r.serial_key,
        serial: r.serial,
        incidents: r.n,
        weight: weightOf(r),
      }))
      .filter((o) => links(o.weight, settings));
  };
  if (filter === 'all') return query(null);
  const sampleKeys = 'sampleKeys' in filter ? filter.sampleKeys : await samplesAt(db, filter.incidentIds);
  return inChunks(sampleKeys, query);
}

/** What the stored findings were computed against (see `refreshLeads`), or null if nothing is. */
export async function storedState(
  db: Db | Tx,
): Promise<{ scale: number; start: string | null; engineVersion: number } | null> {
  const row = await db
    .selectFrom('leads_state')
    .select(['theatre_scale', sql<string | null>`theatre_start::text`.as('start'), 'engine_version'])
    .executeTakeFirst();
  return row ? { scale: row.theatre_scale, start: row.start, engineVersion: row.engine_version } : null;
}

export async function storeState(
  db: Db | Tx,
  context: Pick<LeadContext, 'theatreScale' | 'theatreStart'>,
  engineVersion: number,
) {
  const values = {
    theatre_scale: context.theatreScale,
    theatre_start: context.theatreStart,
    engine_version: engineVersion,
  };
  await db
    .insertInto('leads_state')
    .values(values)
    .onConflict((c) => c.column('singleton').doUpdateSet(values))
    .execute();
}

/**
 * The parts of stored findings of a kind naming any of these incidents: findings told together
 * (an attribution series, a diversion event's matches) are recomputed whole.
 */
export async function storedParts(
  db: Db | Tx,
  kind: LeadKind,
  incidentIds: readonly number[],
): Promise<string[]> {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .selectFrom('leads')
    .select('part')
    .distinct()
    .where('kind', '=', kind)
    .where(sql<boolean>`incident_ids && ${sql.val(incidentIds)}::integer[]`)
    .execute();
  return rows.map((r) => r.part);
}

/**
 * The attributions stored for the series `parts` (`attribution_members`), of incidents other than
 * `except`: the members a change did not touch, told again with those it did.
 */
export async function storedAttributions(
  db: Db | Tx,
  parts: readonly string[],
  except: readonly number[],
): Promise<Map<number, Lead>> {
  const rows = await inChunks(parts, (part) =>
    db
      .selectFrom('attribution_members')
      .select(['incident_id', 'lead'])
      .where('part', 'in', part)
      .where('incident_id', '<>', sql<number>`ALL(${sql.val(except)}::integer[])`)
      .execute(),
  );
  return new Map(rows.map((r) => [r.incident_id, r.lead as Lead]));
}

/** The series the stored attributions of these incidents are in. */
export async function attributionPartsOf(db: Db | Tx, incidentIds: readonly number[]): Promise<string[]> {
  const rows = await inChunks(incidentIds, (part) =>
    db.selectFrom('attribution_members').select('part').distinct().where('incident_id', 'in', part).execute(),
  );
  return [...new Set(rows.map((r) => r.part))];
}

/**
 * Stores the attributions computed for `recomputed` incidents (every incident: 'all'), in place
 * of what was stored for them.
 */
export async function storeAttributions(
  trx: Tx,
  recomputed: readonly number[] | 'all',
  attributions: ReadonlyMap<number, Lead>,
): Promise<void> {
  if (recomputed === 'all') await trx.deleteFrom('attribution_members').execute();
  else
    for (const part of chunks(recomputed))
      await trx.deleteFrom('attribution_members').where('incident_id', 'in', part).execute();
  const rows = [...attributions].map(([id, lead]) => ({ incident_id: id, part: lead.part, lead }));
  for (const part of chunks(rows, 2000))
    await sql`
      INSERT INTO attribution_members (incident_id, part, lead)
      SELECT incident_id, part, lead FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb)
          AS x(incident_id integer, part text, lead jsonb)`.execute(trx);
}

/**
 * Every sample of the stored link findings (clusters, and stories told within their supply) of
 * the supplies holding any of these samples, whether a finding cites it or only its supply's
 * list does (`supplySamples`, engine.ts): a supply
 * is recomputed whole, and a change that splits it leaves findings in parts the touched samples
 * no longer reach.
 */
export async function storedLinkSamples(db: Db | Tx, sampleKeys: string[]): Promise<string[]> {
  if (sampleKeys.length === 0) return [];
  const keys = sql`${sql.val(sampleKeys)}::text[]`;
  // Each branch on its own index (migration 0026): an OR of them reads every stored finding. The
  // supplies as an array: as a subquery, PostgreSQL expects hundreds where there are a handful
  // and reads every link finding (150 ms at 1,000,000 items, 2 ms this way).
  // The supply's list too: a sample in no finding is still part of the supply a change may split.
  const { rows } = await sql<{ sample_keys: string[]; supply_samples: string[] | null }>`
    WITH supplies AS (
      SELECT evidence ->> 'supply' AS supply FROM leads WHERE part = 'link' AND sample_keys && ${keys}
      UNION
      SELECT evidence ->> 'supply' FROM leads WHERE part = 'link' AND (evidence -> 'supplySamples') ?| ${keys}
    )
    SELECT sample_keys, NULL AS supply_samples FROM leads WHERE part = 'link' AND sample_keys && ${keys}
    UNION ALL
    SELECT sample_keys, evidence -> 'supplySamples' FROM leads
     WHERE part = 'link' AND (evidence ->> 'supply') = ANY (ARRAY(SELECT supply FROM supplies))`.execute(db);
  return [...new Set(rows.flatMap((r) => [...r.sample_keys, ...(r.supply_samples ?? [])]))];
}

/** The samples documented at these incidents. */
async function samplesAt(db: Db | Tx, incidentIds: readonly number[]): Promise<string[]> {
  // The samples of live items at live incidents, from their index rather than the items.
  const rows = await inChunks(incidentIds, (part) =>
    db
      .selectFrom('materiel_incidents')
      .select('key')
      .distinct()
      .where('kind', '=', 'sample')
      .where('incident_id', 'in', part)
      .execute(),
  );
  return [...new Set(rows.map((r) => r.key))];
}

import { sql } from 'kysely';
import type { Db, Tx } from '../db/store';
import type { IncidentType } from '../incidents/vocabulary';
import type { ItemCategory } from '../items/vocabulary';
import { chunks } from '../core/chunks';
import {
  detectAttribution,
  detectIncidentLeads,
  detectLinkGroup,
  detectSampleLeads,
  detectSerialLeads,
  detectTypeLead,
  type LinkingOccurrence,
} from './detect';
import type { BaselineFact, IncidentFact, ItemFact, Lead, LeadContext } from './facts';
import { defaultLeadSettings, type LeadSettings } from './settings';

/** What a refresh recomputed. */
export interface RefreshReport {
  mode: 'none' | 'incremental' | 'full';
  /** Slices recomputed (incidents, samples, types, serials, link groups). */
  slices: number;
  removed: number;
  written: number;
}

type Filter<T> = 'all' | readonly T[];

/** Changes waiting beyond this many rows are recomputed whole rather than slice by slice. */
const FULL_REFRESH_ABOVE = 50_000;

/** Appends without spreading: a spread of a few hundred thousand rows overflows the stack. */
function append<T>(target: T[], rows: readonly T[]): void {
  for (const row of rows) target.push(row);
}

/**
 * Brings the leads up to date with what changed since the last refresh (recorded by triggers
 * in `leads_pending`), in the caller's transaction. Only the slices of data a change touches
 * are recomputed; `full` recomputes the theatre. Both give the same leads (tested).
 */
export async function refreshLeads(
  trx: Tx,
  options: { full?: boolean; settings?: LeadSettings } = {},
): Promise<RefreshReport> {
  const settings = options.settings ?? defaultLeadSettings;
  const { n: waiting, everything } = await trx
    .selectFrom('leads_pending')
    .select([
      sql<number>`count(*)::integer`.as('n'),
      sql<boolean>`coalesce(bool_or(everything), false)`.as('everything'),
    ])
    .executeTakeFirstOrThrow();
  // A change touching much of the theatre (a large import) is cheaper to recompute whole.
  const full = options.full === true || everything || waiting > FULL_REFRESH_ABOVE;
  if (!full && waiting === 0) return { mode: 'none', slices: 0, removed: 0, written: 0 };
  const context = await loadContext(trx, settings);

  if (full) {
    await trx.deleteFrom('leads_pending').execute();
    const removed = Number((await trx.deleteFrom('leads').executeTakeFirst()).numDeletedRows);
    const { leads, slices } = await computeLeads(trx, context, 'all');
    await insertLeads(trx, leads);
    await sql`ANALYZE leads`.execute(trx);
    return { mode: 'full', slices, removed, written: leads.length };
  }

  const pending = await trx.deleteFrom('leads_pending').returningAll().execute();
  // An incident's own change (date, place, actor, deletion) bears on every sample it holds; an
  // item's change only on that item's sample, model, calibre and serial number.
  const changedIncidents = unique(pending.filter((p) => p.incident_changed).map((p) => p.incident_id));
  const held = await keysHeldAt(trx, changedIncidents);
  const items = pending.filter((p) => !p.incident_changed);
  const dirty: Dirty = {
    incidentIds: unique(pending.map((p) => p.incident_id)),
    sampleKeys: unique([...items, ...held].map((p) => p.sample_key)),
    typeKeys: unique([...items, ...held].flatMap(typeKeysOf(pendingAsType))),
    serialKeys: unique([...items, ...held].map((p) => p.serial_key)),
  };
  const { leads, slices, linkSamples, attributionIds } = await computeLeads(trx, context, dirty);
  const parts = [
    ...dirty.incidentIds.map((id) => `incident:${id}`),
    ...dirty.sampleKeys.map((k) => `sample:${k}`),
    ...dirty.typeKeys.map((k) => `type:${k}`),
    ...dirty.serialKeys.map((k) => `serial:${k}`),
    ...attributionIds.map((id) => `attribution:${id}`),
  ];
  let removed = 0;
  for (const part of chunks(parts)) {
    removed += Number(
      (await trx.deleteFrom('leads').where('part', 'in', part).executeTakeFirst()).numDeletedRows,
    );
  }
  // A link group is replaced whole: any stored group holding a recomputed sample goes.
  for (const part of chunks(linkSamples)) {
    const result = await trx
      .deleteFrom('leads')
      .where('part', '=', 'link')
      .where(sql<boolean>`sample_keys && ${sql.val(part)}::text[]`)
      .executeTakeFirst();
    removed += Number(result.numDeletedRows);
  }
  await insertLeads(trx, leads);
  return { mode: 'incremental', slices, removed, written: leads.length };
}

interface Dirty {
  incidentIds: number[];
  sampleKeys: string[];
  typeKeys: string[];
  serialKeys: string[];
}

const unique = <T>(list: (T | null)[]): T[] => [...new Set(list.filter((v): v is T => v !== null))];
const pendingAsType = (p: { model_key: string | null; calibre_key: string | null }) => ({
  modelKey: p.model_key,
  calibreKey: p.calibre_key,
});
function typeKeysOf<T>(keys: (t: T) => { modelKey: string | null; calibreKey: string | null }) {
  return (t: T): string[] => {
    const { modelKey, calibreKey } = keys(t);
    return [...(modelKey ? [`model:${modelKey}`] : []), ...(calibreKey ? [`calibre:${calibreKey}`] : [])];
  };
}

async function computeLeads(db: Db | Tx, context: LeadContext, dirty: Dirty | 'all') {
  const leads: Lead[] = [];
  let slices = 0;
  const all = dirty === 'all';
  const items = all ? await loadItems(db, 'all') : [];
  const incidents = await loadIncidents(db, all ? 'all' : []);
  const need = async (list: ItemFact[]) => {
    const missing = [...new Set(list.map((i) => i.incidentId))].filter((id) => !incidents.has(id));
    for (const [id, fact] of await loadIncidents(db, missing)) incidents.set(id, fact);
  };

  // Incidents: their own items.
  const incidentItems = all ? items : await loadItems(db, { incidentIds: dirty.incidentIds });
  if (!all) for (const [id, fact] of await loadIncidents(db, dirty.incidentIds)) incidents.set(id, fact);
  const byIncident = group(incidentItems, (i) => i.incidentId);
  for (const id of all ? incidents.keys() : dirty.incidentIds) {
    const incident = incidents.get(id);
    slices++;
    if (incident) append(leads, detectIncidentLeads(incident, byIncident.get(id) ?? [], context));
  }

  // Samples: every occurrence of each.
  const sampleItems = all ? items : await loadItems(db, { sampleKeys: dirty.sampleKeys });
  await need(sampleItems);
  for (const [key, list] of group(
    sampleItems.filter((i) => i.sampleKey !== null),
    (i) => i.sampleKey!,
  )) {
    slices++;
    append(leads, detectSampleLeads(key, list, incidents, context));
  }
  if (!all) slices += dirty.sampleKeys.filter((k) => !sampleItems.some((i) => i.sampleKey === k)).length;

  // Types: the items at their first appearance.
  const firsts = await firstAppearances(db, all ? 'all' : dirty.typeKeys);
  const firstItems = await loadItems(db, { itemIds: [...new Set([...firsts.values()].flat())] });
  await need(firstItems);
  const itemById = new Map(firstItems.map((i) => [i.id, i]));
  for (const [typeKey, itemIds] of firsts) {
    leads.push(
      detectTypeLead(
        typeKey,
        itemIds.map((id) => itemById.get(id)!),
        incidents,
      ),
    );
  }
  slices += all ? firsts.size : dirty.typeKeys.length;

  // Serial numbers: every item bearing each.
  const serialItems = all ? items : await loadItems(db, { serialKeys: dirty.serialKeys });
  await need(serialItems);
  for (const [key, list] of group(
    serialItems.filter((i) => i.serialKey !== null),
    (i) => i.serialKey!,
  )) {
    slices++;
    if (list.length > 1) append(leads, detectSerialLeads(key, list, incidents));
  }

  // Link groups and attribution rest only on distinctive samples: a touched sample matters to
  // them if it is distinctive now, or was (then it is in a stored link group).
  const settings = context.settings;
  const linking = all ? [] : await linkRelevant(db, settings, dirty.sampleKeys, sampleItems);
  const seedSamples = all ? [] : [...new Set([...linking, ...(await storedLinkSamples(db, linking))])];
  const groupOccurrences = all
    ? await linkingOccurrences(db, settings, 'all')
    : await growLinkGroups(db, settings, seedSamples);
  await need(groupOccurrences.map((o) => ({ incidentId: o.incidentId }) as ItemFact));
  const linkSamples = new Set(seedSamples);
  for (const component of sampleGroups(groupOccurrences)) {
    slices++;
    component.forEach((o) => linkSamples.add(o.sampleKey));
    leads.push(detectLinkGroup(component, incidents, context));
  }

  // Attribution: incidents with no known actor, beside the distinctive samples they hold.
  const attributionIds = all
    ? [...incidents.values()].filter((i) => i.actorId === null).map((i) => i.id)
    : [
        ...new Set([
          ...dirty.incidentIds,
          ...sampleItems.filter((i) => linking.includes(i.sampleKey!)).map((i) => i.incidentId),
        ]),
      ];
  const nearby = all
    ? groupOccurrences
    : await linkingOccurrences(db, settings, { incidentIds: attributionIds });
  await need(nearby.map((o) => ({ incidentId: o.incidentId }) as ItemFact));
  const samplesAt = group(nearby, (o) => o.incidentId);
  const occurrencesOf = group(nearby, (o) => o.sampleKey);
  for (const id of attributionIds) {
    const incident = incidents.get(id);
    slices++;
    if (!incident) continue;
    const local = [...new Set((samplesAt.get(id) ?? []).map((o) => o.sampleKey))].flatMap((k) =>
      occurrencesOf.get(k)!,
    );
    const lead = detectAttribution(incident, local, incidents, context);
    if (lead) leads.push(lead);
  }
  return { leads, slices, linkSamples: [...linkSamples], attributionIds };
}

function group<T, K>(list: T[], key: (t: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const t of list) {
    const k = key(t);
    const g = groups.get(k);
    if (g) g.push(t);
    else groups.set(k, [t]);
  }
  return groups;
}

/** Samples documented together at two or more incidents come from one supply: they form a group. */
function sampleGroups(occurrences: LinkingOccurrence[]): LinkingOccurrence[][] {
  const bySample = group(occurrences, (o) => o.sampleKey);
  const samplesAt = group(occurrences, (o) => o.incidentId);
  const parent = new Map<string, string>([...bySample.keys()].map((k) => [k, k]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let node = x; node !== root;) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const [sample, list] of bySample) {
    const together = new Map<string, number>();
    for (const incidentId of new Set(list.map((o) => o.incidentId))) {
      for (const other of new Set(samplesAt.get(incidentId)!.map((o) => o.sampleKey))) {
        if (other > sample) together.set(other, (together.get(other) ?? 0) + 1);
      }
    }
    for (const [other, count] of together) if (count >= 2) parent.set(find(other), find(sample));
  }
  return [...group(occurrences, (o) => find(o.sampleKey)).values()];
}

/**
 * Every occurrence of the samples in the groups of `seeds`: a sample joins when it is
 * documented together with a sample of the group at two or more incidents.
 */
async function growLinkGroups(
  db: Db | Tx,
  settings: LeadSettings,
  seeds: string[],
): Promise<LinkingOccurrence[]> {
  const bySample = new Map<string, LinkingOccurrence[]>();
  const samplesAt = new Map<number, Set<string>>();
  const remember = (list: LinkingOccurrence[]) => {
    for (const o of list) {
      const known = bySample.get(o.sampleKey) ?? [];
      if (!known.some((k) => k.itemId === o.itemId)) known.push(o);
      bySample.set(o.sampleKey, known);
      samplesAt.set(o.incidentId, (samplesAt.get(o.incidentId) ?? new Set()).add(o.sampleKey));
    }
  };
  remember(await linkingOccurrences(db, settings, { sampleKeys: seeds }));
  const included = new Set(bySample.keys());
  const expanded = new Set<number>();
  for (let added = [...included]; added.length > 0;) {
    const incidentIds = [...new Set(added.flatMap((s) => bySample.get(s)!.map((o) => o.incidentId)))].filter(
      (id) => !expanded.has(id),
    );
    incidentIds.forEach((id) => expanded.add(id));
    remember(await linkingOccurrences(db, settings, { incidentIds }));
    added = [];
    for (const [candidate, list] of bySample) {
      if (included.has(candidate)) continue;
      const together = new Map<string, number>();
      for (const incidentId of new Set(list.map((o) => o.incidentId))) {
        for (const other of samplesAt.get(incidentId) ?? []) {
          if (included.has(other)) together.set(other, (together.get(other) ?? 0) + 1);
        }
      }
      if ([...together.values()].some((n) => n >= 2)) added.push(candidate);
    }
    added.forEach((s) => included.add(s));
  }
  return [...included].flatMap((s) => bySample.get(s)!);
}

// --- Loading ----------------------------------------------------------------------------------

async function loadContext(db: Db | Tx, settings: LeadSettings): Promise<LeadContext> {
  const actors = await db.selectFrom('actors').select(['id', 'name', 'parent_id']).execute();
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
  return {
    settings,
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

async function loadIncidents(db: Db | Tx, filter: Filter<number>): Promise<Map<number, IncidentFact>> {
  const facts = new Map<number, IncidentFact>();
  const select = () =>
    db.selectFrom('live_incidents').select(['id', 'ref', 'date', 'type', 'country', 'admin1', 'actor_id']);
  const batches =
    filter === 'all' ? [select()] : chunks(filter).map((part) => select().where('id', 'in', part));
  for (const query of batches) {
    for (const r of await query.execute()) {
      facts.set(r.id, {
        id: r.id,
        ref: r.ref,
        date: r.date,
        type: r.type as IncidentType,
        country: r.country,
        admin1: r.admin1,
        actorId: r.actor_id,
      });
    }
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

async function loadItems(db: Db | Tx, filter: ItemFilter): Promise<ItemFact[]> {
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
        'serial',
        'serial_key',
        'quantity',
      ])
      .orderBy('id');
  const rows: Awaited<ReturnType<ReturnType<typeof select>['execute']>> = [];
  if (filter === 'all') {
    // In id ranges, so a theatre of a million items never travels as one result.
    for (let after = 0; ;) {
      const batch = await select().where('id', '>', after).limit(ITEM_BATCH).execute();
      append(rows, batch);
      if (batch.length < ITEM_BATCH) break;
      after = batch[batch.length - 1]!.id;
    }
  } else if ('incidentIds' in filter) {
    for (const part of chunks(filter.incidentIds))
      append(rows, await select().where('incident_id', 'in', part).execute());
  } else if ('sampleKeys' in filter) {
    for (const part of chunks(filter.sampleKeys))
      append(rows, await select().where('sample_key', 'in', part).execute());
  } else if ('serialKeys' in filter) {
    for (const part of chunks(filter.serialKeys))
      append(rows, await select().where('serial_key', 'in', part).execute());
  } else {
    for (const part of chunks(filter.itemIds)) append(rows, await select().where('id', 'in', part).execute());
  }
  return rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    incidentId: r.incident_id,
    category: r.category as ItemCategory,
    sampleKey: r.sample_key,
    modelKey: r.model_key,
    calibreKey: r.calibre_key,
    manufacturerKey: r.manufacturer_key,
    year: r.year,
    serial: r.serial,
    serialKey: r.serial_key,
    quantity: r.quantity,
  }));
}

/** For each model and calibre, the items at the incidents where it was first documented. */
async function firstAppearances(db: Db | Tx, typeKeys: Filter<string>): Promise<Map<string, number[]>> {
  const firsts = new Map<string, number[]>();
  const run = async (models: string[] | null, calibres: string[] | null) => {
    const { rows } = await sql<{ type_key: string; item_ids: number[] }>`
      WITH typed AS (
        SELECT 'model:' || model_key AS type_key, items.id, incidents.date
          FROM live_items items JOIN live_incidents incidents ON incidents.id = items.incident_id
         WHERE model_key IS NOT NULL AND (${models}::text[] IS NULL OR model_key = ANY(${models}::text[]))
        UNION ALL
        SELECT 'calibre:' || calibre_key, items.id, incidents.date
          FROM live_items items JOIN live_incidents incidents ON incidents.id = items.incident_id
         WHERE calibre_key IS NOT NULL AND (${calibres}::text[] IS NULL OR calibre_key = ANY(${calibres}::text[]))
      ), first AS (SELECT type_key, min(date) AS date FROM typed GROUP BY type_key)
      SELECT typed.type_key, array_agg(typed.id ORDER BY typed.id) AS item_ids
        FROM typed JOIN first ON first.type_key = typed.type_key AND first.date = typed.date
       GROUP BY typed.type_key`.execute(db);
    for (const row of rows) firsts.set(row.type_key, row.item_ids);
  };
  if (typeKeys === 'all') await run(null, null);
  else {
    for (const part of chunks(typeKeys)) {
      const of = (prefix: string) =>
        part.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
      await run(of('model:'), of('calibre:'));
    }
  }
  return firsts;
}

/** The touched samples documented at 2 to `linkMaxIncidents` incidents now, or held by a stored link group. */
async function linkRelevant(
  db: Db | Tx,
  settings: LeadSettings,
  sampleKeys: string[],
  occurrences: ItemFact[],
) {
  const incidentsOf = new Map<string, Set<number>>();
  for (const item of occurrences) {
    if (item.sampleKey === null) continue;
    const set = incidentsOf.get(item.sampleKey) ?? new Set<number>();
    set.add(item.incidentId);
    incidentsOf.set(item.sampleKey, set);
  }
  const distinctive = sampleKeys.filter((k) => {
    const n = incidentsOf.get(k)?.size ?? 0;
    return n >= 2 && n <= settings.linkMaxIncidents;
  });
  const stored = new Set(await storedLinkSamples(db, sampleKeys));
  return [...new Set([...distinctive, ...sampleKeys.filter((k) => stored.has(k))])];
}

/**
 * The keys of the items at these incidents, deleted incidents included: a deleted incident's
 * samples lose an occurrence.
 */
async function keysHeldAt(db: Db | Tx, incidentIds: number[]) {
  const rows: {
    sample_key: string | null;
    model_key: string | null;
    calibre_key: string | null;
    serial_key: string | null;
  }[] = [];
  for (const part of chunks(incidentIds)) {
    append(
      rows,
      await db
        .selectFrom('items')
        .select(['sample_key', 'model_key', 'calibre_key', 'serial_key'])
        .distinct()
        .where('incident_id', 'in', part)
        .execute(),
    );
  }
  return rows;
}

/** Samples of stored link groups that hold any of these samples: those groups may split or merge. */
async function storedLinkSamples(db: Db | Tx, sampleKeys: string[]): Promise<string[]> {
  if (sampleKeys.length === 0) return [];
  const rows = await db
    .selectFrom('leads')
    .select('sample_keys')
    .where('part', '=', 'link')
    .where(sql<boolean>`sample_keys && ${sql.val(sampleKeys)}::text[]`)
    .execute();
  return rows.flatMap((r) => r.sample_keys);
}

/**
 * Occurrences of the samples that link incidents (documented at 2 to `linkMaxIncidents`
 * incidents): all of them, those of some samples, or those of the samples at some incidents.
 */
async function linkingOccurrences(
  db: Db | Tx,
  settings: LeadSettings,
  filter: 'all' | { sampleKeys: readonly string[] } | { incidentIds: readonly number[] },
): Promise<LinkingOccurrence[]> {
  const query = async (samples: readonly string[] | null) => {
    const { rows } = await sql<{ sample_key: string; incident_id: number; id: number; n: number }>`
      WITH linking AS (
        SELECT sample_key, count(DISTINCT incident_id)::integer AS n FROM live_items
         WHERE sample_key IS NOT NULL AND (${samples}::text[] IS NULL OR sample_key = ANY(${samples}::text[]))
         GROUP BY sample_key HAVING count(DISTINCT incident_id) BETWEEN 2 AND ${settings.linkMaxIncidents}
      )
      SELECT items.sample_key, items.incident_id, items.id, linking.n
        FROM live_items items JOIN linking ON linking.sample_key = items.sample_key
       ORDER BY items.id`.execute(db);
    return rows.map((r) => ({
      sampleKey: r.sample_key,
      incidentId: r.incident_id,
      itemId: r.id,
      incidents: r.n,
    }));
  };
  if (filter === 'all') return query(null);
  let sampleKeys = 'sampleKeys' in filter ? filter.sampleKeys : [];
  if ('incidentIds' in filter) {
    const found = new Set<string>();
    for (const part of chunks(filter.incidentIds)) {
      const rows = await db
        .selectFrom('live_items')
        .select('sample_key')
        .distinct()
        .where('incident_id', 'in', part)
        .where('sample_key', 'is not', null)
        .execute();
      rows.forEach((r) => found.add(r.sample_key!));
    }
    sampleKeys = [...found];
  }
  const occurrences: LinkingOccurrence[] = [];
  for (const part of chunks(sampleKeys)) append(occurrences, await query(part));
  return occurrences;
}

/**
 * Writes leads as one JSON parameter per batch: building a multi-row VALUES statement cost more
 * than the database's work (measured in docs/benchmarks.md).
 */
async function insertLeads(trx: Tx, leads: Lead[]) {
  for (const part of chunks(leads, 5000)) {
    const rows = part.map((l) => ({
      kind: l.kind,
      subject: l.subject,
      part: l.part,
      incident_ids: l.incidentIds,
      item_ids: l.itemIds,
      sample_keys: l.sampleKeys,
      actor_id: l.actorId,
      score: l.score,
      date: l.date,
      explanation: l.explanation,
      evidence: l.evidence,
    }));
    await sql`
      INSERT INTO leads (kind, subject, part, incident_ids, item_ids, sample_keys, actor_id, score, date, explanation, evidence)
      SELECT kind, subject, part, incident_ids, item_ids, sample_keys, actor_id, score, date, explanation, evidence
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
          kind text, subject text, part text, incident_ids integer[], item_ids integer[], sample_keys text[],
          actor_id integer, score real, date date, explanation text, evidence jsonb)`.execute(trx);
  }
}

import { sql } from 'kysely';
import type { Db, Tx } from '../db/store';
import { chunks } from '../core/chunks';
import { append, groupBy } from '../core/collections';
import {
  detectAttribution,
  detectIncidentLeads,
  detectLinkGroup,
  detectSampleLeads,
  detectSerialLeads,
  detectTypeLead,
} from './detect';
import type { ItemFact, Lead, LeadContext } from './facts';
import {
  firstAppearances,
  keysHeldAt,
  linkingOccurrences,
  loadContext,
  loadIncidents,
  loadItems,
  storedLinkSamples,
  storedTheatreScale,
} from './facts.repository';
import { growLinkGroups, linkRelevant, sampleGroups } from './link-groups';
import { defaultLeadSettings, type LeadSettings } from './settings';

/** What a refresh recomputed. */
export interface RefreshReport {
  mode: 'none' | 'incremental' | 'full';
  /** Slices recomputed (incidents, samples, types, serials, link groups). */
  slices: number;
  removed: number;
  written: number;
}

/** Changes waiting beyond this many rows are recomputed whole rather than slice by slice. */
const FULL_REFRESH_ABOVE = 50_000;

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
  let full = options.full === true || everything || waiting > FULL_REFRESH_ABOVE;
  if (!full && waiting === 0) return { mode: 'none', slices: 0, removed: 0, written: 0 };
  const context = await loadContext(trx, settings);
  // Evidence weights depend on the theatre's scale: when it has changed (the theatre doubled or
  // halved), every sample's weight may have, touched or not.
  if (!full) {
    const stored = await storedTheatreScale(trx);
    full = stored !== null && stored !== context.theatreScale;
  }

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

/** Detects the leads of the slices a change touched (or of the whole theatre), loading what each needs. */
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
  const byIncident = groupBy(incidentItems, (i) => i.incidentId);
  for (const id of all ? incidents.keys() : dirty.incidentIds) {
    const incident = incidents.get(id);
    slices++;
    if (incident) append(leads, detectIncidentLeads(incident, byIncident.get(id) ?? [], context));
  }

  // Samples: every occurrence of each.
  const sampleItems = all ? items : await loadItems(db, { sampleKeys: dirty.sampleKeys });
  await need(sampleItems);
  for (const [key, list] of groupBy(
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
  for (const [key, list] of groupBy(
    serialItems.filter((i) => i.serialKey !== null),
    (i) => i.serialKey!,
  )) {
    slices++;
    if (list.length > 1) append(leads, detectSerialLeads(key, list, incidents));
  }

  // Link groups and attribution rest only on distinctive samples: a touched sample matters to
  // them if it is distinctive now, or was (then it is in a stored link group).
  const linking = all ? [] : await linkRelevant(db, context, dirty.sampleKeys);
  const seedSamples = all ? [] : [...new Set([...linking, ...(await storedLinkSamples(db, linking))])];
  const groupOccurrences = all
    ? await linkingOccurrences(db, context, 'all')
    : await growLinkGroups(db, context, seedSamples);
  await need(groupOccurrences.map((o) => ({ incidentId: o.incidentId }) as ItemFact));
  const linkSamples = new Set(seedSamples);
  for (const component of sampleGroups(groupOccurrences, context.settings)) {
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
    : await linkingOccurrences(db, context, { incidentIds: attributionIds });
  await need(nearby.map((o) => ({ incidentId: o.incidentId }) as ItemFact));
  const samplesAt = groupBy(nearby, (o) => o.incidentId);
  const occurrencesOf = groupBy(nearby, (o) => o.sampleKey);
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

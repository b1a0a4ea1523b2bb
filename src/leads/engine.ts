import { sql } from 'kysely';
import type { Db, Tx } from '../db/store';
import { chunks, timedBreather } from '../core/chunks';
import { groupBy } from '../core/collections';
import { detectAttribution, evaluateAttributions, groupAttributions } from './attribution';
import { detectLinkClusters } from './clusters';
import { detectSerialLeads, detectTypeLead, diversionEventOf, groupDiversions } from './detect';
import type { ItemFact, Lead, LeadContext } from './facts';
import {
  attributionPartsOf,
  firstAppearances,
  storedLinkSamples,
  keysHeldAt,
  linkingOccurrences,
  loadContext,
  loadIncidents,
  loadItems,
  sampleStandings,
  storeAttributions,
  storedAttributions,
  storedParts,
  storedState,
  storeState,
} from './facts.repository';
import { growLinkGroups, linkRelevant, sampleGroups } from './link-groups';
import { defaultLeadSettings, type LeadSettings } from './settings';
import { maxLinkingIncidents } from './weight';
import { detectStory, sampleLinks, storyCeiling } from './story';

/** What a refresh recomputed. */
export interface RefreshReport {
  mode: 'none' | 'incremental' | 'full';
  /** Slices recomputed (incidents, samples, types, serials, link groups). */
  slices: number;
  removed: number;
  written: number;
  /** Queued changes the refresh accounted for (and took off the queue). */
  claimed: number;
}

/**
 * The version of the engine's rules (scores, grouping): stored findings computed by another
 * version are recomputed whole at the next refresh. Raise it with any change to what a full
 * computation gives.
 */
export const LEADS_ENGINE_VERSION = 8;

/** Changes waiting beyond this many rows are recomputed whole rather than slice by slice. */
const FULL_REFRESH_ABOVE = 50_000;

/**
 * Brings the leads up to date with what changed since the last refresh (recorded by triggers
 * in `leads_pending`), in the caller's transaction: the queue's drain (`queue.ts`) after writes
 * commit. Only the slices of data a change touches are recomputed; `full` recomputes the
 * theatre. Both give the same leads (tested).
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
  // Nothing stored yet (a new store, or one upgraded from rule-hit leads): compute the theatre.
  const stored = await storedState(trx);
  // A change touching much of the theatre (a large import) is cheaper to recompute whole.
  let full = options.full === true || everything || waiting > FULL_REFRESH_ABOVE || stored === null;
  // Findings of another version of the engine are recomputed at the next refresh, changes or not.
  const current = stored?.engineVersion === LEADS_ENGINE_VERSION;
  if (!full && waiting === 0 && current)
    return { mode: 'none', slices: 0, removed: 0, written: 0, claimed: 0 };
  const context = await loadContext(trx, settings);
  // Evidence weights depend on the theatre's scale, and what is new on its first day: when either
  // has changed (the theatre doubled or halved, an older incident arrived), every finding may have.
  if (stored?.scale !== context.theatreScale || stored.start !== context.theatreStart || !current) {
    full = true;
    await storeState(trx, context, LEADS_ENGINE_VERSION);
  }

  if (full) {
    await trx.deleteFrom('leads_pending').execute();
    const removed = Number((await trx.deleteFrom('leads').executeTakeFirst()).numDeletedRows);
    const { leads, slices, attributions } = await computeLeads(trx, context, 'all');
    await insertLeads(trx, leads);
    await storeAttributions(trx, 'all', attributions.computed);
    await sql`ANALYZE leads`.execute(trx);
    return { mode: 'full', slices, removed, written: leads.length, claimed: waiting };
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
    changedAt: new Map(
      [...groupBy([...items, ...held], (p) => p.sample_key ?? '')].map(([key, rows]) => [
        key,
        new Set(rows.map((r) => r.incident_id)).size,
      ]),
    ),
    changedIncidents,
    itemSamplesAt: new Map(
      [...groupBy(items, (p) => p.incident_id)].flatMap(([id, rows]) =>
        id === null ? [] : [[id, unique(rows.map((r) => r.sample_key))] as const],
      ),
    ),
  };
  const { leads, slices, linkSamples, attributionParts, diversionParts, attributions } = await computeLeads(
    trx,
    context,
    dirty,
  );
  await storeAttributions(trx, attributions.recomputed, attributions.computed);
  const parts = [
    ...dirty.incidentIds.map((id) => `incident:${id}`),
    ...dirty.sampleKeys.map((k) => `sample:${k}`),
    ...dirty.typeKeys.map((k) => `type:${k}`),
    ...diversionParts,
    ...attributionParts,
  ];
  let removed = 0;
  for (const part of chunks(parts)) {
    removed += Number(
      (await trx.deleteFrom('leads').where('part', 'in', part).executeTakeFirst()).numDeletedRows,
    );
  }
  // A cluster is replaced with its sample group: any stored cluster holding a recomputed sample goes.
  for (const part of chunks(linkSamples)) {
    const result = await trx
      .deleteFrom('leads')
      .where('part', '=', 'link')
      .where(sql<boolean>`sample_keys && ${sql.val(part)}::text[]`)
      .executeTakeFirst();
    removed += Number(result.numDeletedRows);
  }
  await insertLeads(trx, leads);
  return { mode: 'incremental', slices, removed, written: leads.length, claimed: waiting };
}

interface Dirty {
  incidentIds: number[];
  sampleKeys: string[];
  typeKeys: string[];
  serialKeys: string[];
  /** For each touched sample, at how many incidents the change touched it. */
  changedAt: Map<string, number>;
  /** Incidents whose own record changed (date, place, actor, deletion), not only their items. */
  changedIncidents: number[];
  /** Incidents whose items changed, with the samples of those items before and after. */
  itemSamplesAt: Map<number, string[]>;
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

/** Detects the findings of the slices a change touched (or of the whole theatre), loading what each needs. */
async function computeLeads(db: Db | Tx, context: LeadContext, dirty: Dirty | 'all') {
  // On the embedded store the refresh runs on the server's thread: other requests get turns.
  const breathe = timedBreather();
  const leads: Lead[] = [];
  let slices = 0;
  const all = dirty === 'all';
  const items = all ? await loadItems(db, 'all') : [];
  const incidents = await loadIncidents(db, all ? 'all' : []);
  const need = async (incidentIds: number[]) => {
    const missing = [...new Set(incidentIds)].filter((id) => !incidents.has(id));
    for (const [id, fact] of await loadIncidents(db, missing)) incidents.set(id, fact);
  };
  // Findings weaker than `findingMinScore` are not kept: their facts stay on the record's pages.
  const strongEnough = (lead: Lead) => lead.score >= context.settings.findingMinScore;
  const found = (lead: Lead | undefined) => {
    if (lead && strongEnough(lead)) leads.push(lead);
  };

  // Incidents: the stories of their items too vaguely described to have a sample key.
  const incidentItems = all ? items : await loadItems(db, { incidentIds: dirty.incidentIds });
  if (!all) await need(dirty.incidentIds);
  const unkeyed = groupBy(
    incidentItems.filter((i) => i.sampleKey === null),
    (i) => i.incidentId,
  );
  for (const id of all ? incidents.keys() : dirty.incidentIds) {
    slices++;
    for (const item of unkeyed.get(id) ?? [])
      found(detectStory(`item:${item.id}`, [item], incidents, context));
  }

  // Samples: the story of each, from every occurrence. A touched sample's history is loaded only
  // if it links or did before the change (clusters, attributions below), or if its story could
  // be a finding (`storyCeiling`, from where it stands): a cartridge seen across the theatre is
  // ruled out by its standing alone, however long its history.
  const maxLinking = maxLinkingIncidents(context.theatreScale, context.settings);
  const changedAt = (key: string) => (all ? 0 : (dirty.changedAt.get(key) ?? 0));
  const sampleItems = all
    ? items
    : await loadItems(db, { sampleKeys: await storySamples(db, context, dirty) });
  await need(sampleItems.map((i) => i.incidentId));
  const bySample = groupBy(
    sampleItems.filter((i) => i.sampleKey !== null),
    (i) => i.sampleKey!,
  );
  // A linking sample's story is told with its link clusters, below.
  for (const [key, list] of bySample) {
    if (!sampleLinks(key, list, incidents, context)) found(detectStory(key, list, incidents, context));
    await breathe();
  }
  slices += all ? bySample.size : dirty.sampleKeys.length;

  // Types: the items at their first appearance.
  const firsts = await firstAppearances(db, all ? 'all' : dirty.typeKeys);
  const firstItems = await loadItems(db, {
    itemIds: [...new Set([...firsts.values()].flatMap((f) => f.itemIds))],
  });
  await need(firstItems.map((i) => i.incidentId));
  const itemById = new Map(firstItems.map((i) => [i.id, i]));
  for (const [typeKey, first] of firsts) {
    const at = first.itemIds.map((id) => itemById.get(id)!);
    found(detectTypeLead(typeKey, at, first.incidents, incidents, context));
  }
  slices += all ? firsts.size : dirty.typeKeys.length;

  // Serial numbers: every item bearing each, told by diversion event (detect.ts). A touched
  // serial number, or a touched incident holding a stored match, bears on every match of its
  // events: their items' serial numbers are all read again.
  const matchesOf = async (serialKeys: string[]) => {
    const serialItems = all ? items : await loadItems(db, { serialKeys });
    await need(serialItems.map((i) => i.incidentId));
    const bySerial = groupBy(
      serialItems.filter((i) => i.serialKey !== null),
      (i) => i.serialKey!,
    );
    slices += bySerial.size;
    return [...bySerial].flatMap(([key, list]) =>
      list.length > 1 ? detectSerialLeads(key, list, incidents) : [],
    );
  };
  let matches = await matchesOf(all ? [] : dirty.serialKeys);
  const diversionParts = new Set([
    ...(all ? [] : await storedParts(db, 'diversion_match', dirty.incidentIds)),
    ...matches.map((m) => m.part),
  ]);
  if (!all) {
    const events = [...diversionParts].map(diversionEventOf);
    const atEvents = await loadItems(db, { incidentIds: events });
    matches = await matchesOf([...new Set(atEvents.flatMap((i) => (i.serialKey ? [i.serialKey] : [])))]);
  }
  groupDiversions(
    matches.filter((m) => diversionParts.has(m.part)),
    incidents,
  ).forEach(found);

  // Clusters rest only on linking samples, grouped by supply (link-groups.ts): a touched sample
  // matters if it links now, or did (then it is in a stored cluster). Groups are recomputed whole.
  const linking = all ? [] : await linkRelevant(db, context, dirty.sampleKeys);
  // The stored supplies of every touched sample: one that bound a supply and no longer links
  // is in no finding's samples, only in its supply's (`supplySamples`).
  let seedSamples = all ? [] : [...new Set([...linking, ...(await storedLinkSamples(db, dirty.sampleKeys))])];
  let occurrences = all ? await linkingOccurrences(db, context, 'all') : [];
  // Every stored finding of a supply holding a recomputed sample is replaced (refreshLeads): the
  // other samples of those supplies are recomputed too, or the parts of a supply the change
  // split would lose their findings. Until no stored supply reaches beyond what is recomputed.
  while (!all) {
    occurrences = await growLinkGroups(db, context, seedSamples);
    const reached = new Set([...seedSamples, ...occurrences.map((o) => o.sampleKey)]);
    const beyond = (await storedLinkSamples(db, [...reached])).filter((k) => !reached.has(k));
    if (beyond.length === 0) break;
    seedSamples = [...reached, ...new Set(beyond)];
  }
  await need(occurrences.map((o) => o.incidentId));
  const linkSamples = new Set(seedSamples);
  const linkingKeys = [...new Set(occurrences.map((o) => o.sampleKey))];
  // The touched samples' items are loaded already; only the other samples of their groups are not.
  const unloaded = linkingKeys.filter((k) => !bySample.has(k));
  const linkingItems = new Map([
    ...bySample,
    ...groupBy(await loadItems(db, { sampleKeys: unloaded }), (i) => i.sampleKey!),
  ]);
  await need([...linkingItems.values()].flat().map((i) => i.incidentId));
  for (const group of sampleGroups(occurrences, context.settings)) {
    slices++;
    const stories = new Map<string, Lead>();
    const keys = [...new Set(group.map((o) => o.sampleKey))].sort();
    for (const key of keys) {
      linkSamples.add(key);
      const story = detectStory(key, linkingItems.get(key)!, incidents, context);
      if (story) stories.set(key, story);
    }
    // Each finding of a supply names it (by its first sample), and the first kept lists all its
    // samples, those in no finding too: a change to any of them finds all the supply's findings
    // again (storedLinkSamples), even when the sample that bound the supply stops linking.
    const kept = detectLinkClusters(group, incidents, context, stories)
      .filter(strongEnough)
      .sort((a, b) => (a.subject < b.subject ? -1 : 1));
    kept.forEach((lead, k) =>
      found({
        ...lead,
        evidence: { ...lead.evidence, supply: keys[0]!, ...(k === 0 ? { supplySamples: keys } : {}) },
      }),
    );
    await breathe();
  }

  // Attribution: incidents with no known actor, from the linking samples they hold. A touched
  // sample bears on its holders' attributions only if it links now or did before the change: it
  // did not if, even without the incidents the change touched, it is at more incidents than any
  // linking sample (a common cartridge at 50,000 incidents leaves their attributions alone).
  // An incident's own change (its actor, date, deletion) bears on its attribution; a change to
  // its items only through their samples, when one links or did (an item of a linking sample
  // taken away is not among the sample's items any more, hence the items' incidents here).
  const mayHaveLinked = (key: string, list: ItemFact[]) =>
    new Set(list.map((i) => i.incidentId)).size - changedAt(key) <= maxLinking;
  const linkedBefore = (key: string) => {
    const list = bySample.get(key);
    return list !== undefined && mayHaveLinked(key, list);
  };
  const touched = all
    ? []
    : [
        ...new Set([
          ...dirty.changedIncidents,
          ...[...dirty.itemSamplesAt].filter(([, keys]) => keys.some(linkedBefore)).map(([id]) => id),
          ...[...bySample]
            .filter(([key, list]) => mayHaveLinked(key, list))
            .flatMap(([, list]) => list.map((i) => i.incidentId)),
        ]),
      ];
  // Every touched incident's attribution is computed again (it may have gained an actor), and
  // with it every series (attribution.ts) it was or is now part of, told again from all its
  // members: those not touched keep the attribution stored for them (`attribution_members`,
  // every incident's, the members of series too weak to be findings included).
  const attributionIds = all ? [...incidents.keys()] : touched;
  const attributions = new Map<number, Lead>();
  const attribute = async (ids: number[]) => {
    const unattributed = ids.filter((id) => !attributions.has(id) && incidents.get(id)?.actorId === null);
    const nearby = all ? occurrences : await linkingOccurrences(db, context, { incidentIds: unattributed });
    await need(nearby.map((o) => o.incidentId));
    const samplesAt = groupBy(nearby, (o) => o.incidentId);
    const occurrencesOf = groupBy(nearby, (o) => o.sampleKey);
    for (const id of unattributed) {
      await breathe();
      slices++;
      const local = [...new Set((samplesAt.get(id) ?? []).map((o) => o.sampleKey))].flatMap((k) =>
        occurrencesOf.get(k)!,
      );
      const lead = detectAttribution(incidents.get(id)!, local, incidents, context);
      if (lead) attributions.set(id, lead);
    }
  };
  await attribute(attributionIds);
  const computed = new Map(attributions);
  const attributionParts = new Set([
    ...(all ? [] : await storedParts(db, 'attribution', attributionIds)),
    ...(all ? [] : await attributionPartsOf(db, attributionIds)),
    ...[...attributions.values()].map((a) => a.part),
  ]);
  if (!all) {
    // An attribution rests on the incident's linking samples and their holders: a change to any
    // of them touched the incident, so one not touched is as it was stored.
    const kept = await storedAttributions(db, [...attributionParts], attributionIds);
    await need([...kept.values()].flatMap((a) => a.incidentIds));
    for (const [id, lead] of kept) attributions.set(id, lead);
  }
  const series = [...attributions.values()].filter((a) => attributionParts.has(a.part));
  groupAttributions(series, incidents).forEach(found);
  return {
    leads,
    slices,
    linkSamples: [...linkSamples],
    attributionParts: [...attributionParts],
    diversionParts: [...diversionParts],
    attributions: { recomputed: all ? ('all' as const) : attributionIds, computed },
  };
}

/**
 * The touched samples whose history the refresh needs: those that link now or may have before the
 * change (then they are at few incidents), and those whose story could reach `findingMinScore`.
 */
async function storySamples(db: Db | Tx, context: LeadContext, dirty: Dirty): Promise<string[]> {
  const { settings } = context;
  const maxLinking = maxLinkingIncidents(context.theatreScale, settings);
  const standings = await sampleStandings(db, dirty.sampleKeys);
  return [...standings.values()]
    .filter(
      (s) =>
        s.incidents - (dirty.changedAt.get(s.sampleKey) ?? 0) <= maxLinking ||
        storyCeiling(s, s.firstAtDiversion, context) >= settings.findingMinScore,
    )
    .map((s) => s.sampleKey);
}

/**
 * How well attribution does on the register's own data: each attributed incident's actor hidden
 * in turn and predicted from the rest (`headstamp leads --evaluate`).
 */
export async function evaluateAttribution(db: Db | Tx, settings: LeadSettings = defaultLeadSettings) {
  const context = await loadContext(db, settings);
  const occurrences = await linkingOccurrences(db, context, 'all');
  const incidents = await loadIncidents(db, [...new Set(occurrences.map((o) => o.incidentId))]);
  return evaluateAttributions(occurrences, incidents, context);
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
    // Findings are deleted and re-inserted on every refresh; only this table remembers when each
    // was first found, so that the inbox can tell what is new since an analyst's last visit.
    await trx
      .insertInto('lead_first_seen')
      .values(part.map((l) => ({ kind: l.kind, subject: l.subject })))
      .onConflict((oc) => oc.columns(['kind', 'subject']).doNothing())
      .execute();
  }
}

import { sql } from 'kysely';
import { may, visibleItems, type Viewer } from '../access/policy';
import { columns } from '../db/columns';
import type { Db } from '../db/store';
import { listItems, type ItemView } from '../items/items.queries';
import { loadExplainNames } from '../leads/explain-names.repository';
import { sampleLabel } from '../leads/explain';
import { listLeads } from '../leads/leads.queries';
import { leadListReferences } from '../leads/leads.schema';
import { itemMatches, readSearch } from '../search/search.queries';
import type { LeadView } from '../leads/leads.schema';
import { formatPartialDate } from '../core/dates';
import type { Language } from '../core/vocabulary';

/** A profile lists at most this many item records; `items` still counts them all. */
export const PROFILE_ITEM_RECORDS = 500;

/** Everything the register knows about one sample, over time. */
export interface SampleProfile {
  sample: string;
  /** As the leads name it, in the reader's language: `munitions 7,62 × 39 mm, usine 539 (Union soviétique), 1975`. */
  label: string;
  firstSeen: string;
  lastSeen: string;
  items: number;
  quantity: number;
  incidents: {
    ref: string;
    /** As precise as recorded: `2016-09-18`, `2016-09` or `2016`. */
    date: string;
    type: string;
    country: string;
    admin1: string | null;
    place: string | null;
    lat: number | null;
    lon: number | null;
    actor: string | null;
    items: string[];
  }[];
  /** Regions (country/admin1) documented per year. */
  regionsByYear: Record<string, string[]>;
  countries: string[];
  actors: string[];
  leads: LeadView[];
  /** The items' records, the first `PROFILE_ITEM_RECORDS` by reference. */
  records: ItemView[];
}

export async function sampleProfile(
  db: Db,
  viewer: Viewer,
  sample: string,
  language: Language = 'en',
): Promise<SampleProfile | undefined> {
  const rows = await visibleItems(db, viewer)
    .innerJoin('live_incidents as incidents', 'incidents.id', 'items.incident_id')
    .leftJoin('actors', 'actors.id', 'incidents.actor_id')
    .where('items.sample_key', '=', sample)
    .select([
      'items.ref as item',
      'items.quantity',
      ...columns.incidentSummary,
      'incidents.place',
      'incidents.lat',
      'incidents.lon',
    ])
    .orderBy('incidents.date')
    .orderBy('incidents.ref')
    .orderBy('items.ref')
    .execute();
  if (rows.length === 0) return undefined;

  const incidents = new Map<string, SampleProfile['incidents'][number]>();
  const regionsByYear: Record<string, Set<string>> = {};
  for (const r of rows) {
    const incident = incidents.get(r.ref) ?? {
      ref: r.ref,
      date: formatPartialDate({ date: r.date, precision: r.date_precision }),
      type: r.type,
      country: r.country,
      admin1: r.admin1,
      place: r.place,
      lat: r.lat,
      lon: r.lon,
      actor: r.actor,
      items: [],
    };
    incident.items.push(r.item);
    incidents.set(r.ref, incident);
    (regionsByYear[r.date.slice(0, 4)] ??= new Set()).add(r.admin1 ? `${r.country}/${r.admin1}` : r.country);
  }
  const list = [...incidents.values()];
  return {
    sample,
    label: sampleLabel(sample, language, await loadExplainNames(db)),
    firstSeen: list[0]!.date,
    lastSeen: list[list.length - 1]!.date,
    items: rows.length,
    quantity: rows.reduce((n, r) => n + r.quantity, 0),
    incidents: list,
    regionsByYear: Object.fromEntries(Object.entries(regionsByYear).map(([y, set]) => [y, [...set].sort()])),
    countries: [...new Set(list.map((i) => i.country))].sort(),
    actors: [...new Set(list.flatMap((i) => (i.actor ? [i.actor] : [])))].sort(),
    leads: may.readLeads(viewer)
      ? await listLeads(db, viewer, { sample, sort: 'date' }, language, { references: leadListReferences })
      : [],
    records: await listItems(db, viewer, { sample, limit: PROFILE_ITEM_RECORDS }),
  };
}

/** A sample a search suggests: its key, as people say it, and how often the viewer may see it. */
export interface SampleSuggestion {
  key: string;
  /** As the leads name it: `7.62 × 39 mm ammunition, Factory 539 (Soviet Union), 1975`. */
  label: string;
  /** The producer's name in the reference lists, which a numbered factory's label leaves out. */
  maker: string | null;
  incidents: number;
  items: number;
}

/**
 * The samples whose items answer every term of what a person typed (`7.62x39 539 1975`,
 * `Tula 1975`, `munitions Chine 2015`, or a sample key), among the items the viewer may see,
 * the most documented first.
 */
export async function suggestSamples(
  db: Db,
  viewer: Viewer,
  text: string,
  language: Language = 'en',
  limit = 10,
): Promise<SampleSuggestion[]> {
  const keys = await matchingSamples(db, viewer, text, limit);
  if (keys.length === 0) return [];
  const names = await loadExplainNames(db);
  return keys.map((s) => {
    const label = sampleLabel(s.key, language, names);
    const name = names.manufacturers.get(s.key.split(':')[2] ?? '')?.name ?? null;
    return { ...s, label, maker: name && !label.includes(name) ? name : null };
  });
}

/** The keys of the samples a typed text stands for, the most documented first. */
export async function samplesFor(db: Db, viewer: Viewer, text: string, limit: number): Promise<string[]> {
  return (await matchingSamples(db, viewer, text, limit)).map((s) => s.key);
}

async function matchingSamples(db: Db, viewer: Viewer, text: string, limit: number) {
  const terms = await readSearch(db, text);
  if (terms.length === 0) return [];
  let query = visibleItems(db, viewer).where('items.sample_key', 'is not', null);
  for (const term of terms) query = query.where(itemMatches(term));
  const rows = await query
    .select([
      'items.sample_key',
      sql<number>`count(DISTINCT items.incident_id)::integer`.as('incidents'),
      sql<number>`count(*)::integer`.as('items'),
    ])
    .groupBy('items.sample_key')
    .orderBy('incidents', 'desc')
    .orderBy('items.sample_key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ key: r.sample_key!, incidents: r.incidents, items: r.items }));
}

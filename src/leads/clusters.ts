import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { connectedComponents } from 'graphology-components';
import { groupBy } from '../core/collections';
import {
  DIVERSION_EVENTS,
  storyFacets,
  type IncidentFact,
  type Lead,
  type LeadContext,
  type LinkingOccurrence,
  type StoryFacet,
} from './facts';
import { actorName, byDateThenRef, describeSample, ids, refList, withScore } from './describe';
import { round, type ScoreTerm } from './weight';

// Link clusters: the incidents of one supply (a group of linking samples documented together,
// link-groups.ts), cut into stories by community detection (Louvain) on their weighted incident
// graph, so that one sample shared by two stories does not merge them. Each group is cut on its
// own: a change recomputes the groups it touches and gets what a full computation would.

/**
 * A deterministic generator for Louvain's random walk (mulberry32): the same component always
 * gives the same clusters, in a full computation or an incremental one.
 */
function seeded(seed = 0x5eed) {
  let t = seed;
  return () => {
    t = (t + 0x6d2b79f5) | 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The occurrences of each connected component of the incident graph (two incidents are joined
 * when they share a sample). The same components whatever order the occurrences come in: a
 * refresh loads them sample by sample, a full computation item by item.
 */
export function components(occurrences: LinkingOccurrence[]): LinkingOccurrence[][] {
  const graph = new Graph({ type: 'undirected' });
  for (const list of groupBy(occurrences, (o) => o.sampleKey).values()) {
    const first = String(list[0]!.incidentId);
    graph.mergeNode(first);
    for (const o of list) if (String(o.incidentId) !== first) graph.mergeEdge(first, String(o.incidentId));
  }
  const componentOf = new Map<number, number>();
  connectedComponents(graph).forEach((nodes, k) => nodes.forEach((node) => componentOf.set(Number(node), k)));
  return [...groupBy(occurrences, (o) => componentOf.get(o.incidentId)!).values()];
}

/**
 * How much of a sample's weight ties two incidents: all of it, but a fraction
 * (`SHARED_HOLDER_FACTOR`) between two diversion events. At a diversion event materiel leaves its
 * lawful holder, so what two of them share is, first of all, the stock of the holder they were
 * lost from: the same lot lost at two captures says the holder had it, not that one supply links
 * them. The supply's story starts where the materiel turns up elsewhere (an attack, a cache, a
 * seizure), and those ties keep their whole weight.
 */
export type TieFactor = (a: number, b: number) => number;

/** The share of a sample's weight that ties two diversion events (see `TieFactor`). */
export const SHARED_HOLDER_FACTOR = 0.25;

/** The tie factor of a theatre's incidents. */
export function tieFactor(incidents: Map<number, IncidentFact>): TieFactor {
  const diversion = (id: number) => DIVERSION_EVENTS.includes(incidents.get(id)!.type);
  return (a, b) => (diversion(a) && diversion(b) ? SHARED_HOLDER_FACTOR : 1);
}

/**
 * The communities of one component. Two incidents are joined by 1 − Π(1 − f·w) over the samples
 * they share (w the sample's evidence weight, f the pair's `TieFactor`): the chance that not
 * every shared sample is a coincidence.
 */
export function communities(
  component: LinkingOccurrence[],
  resolution: number,
  factor: TieFactor,
): number[][] {
  const incidentIds = [...new Set(component.map((o) => o.incidentId))].sort((a, b) => a - b);
  if (incidentIds.length <= 2) return [incidentIds];
  const graph = new Graph({ type: 'undirected' });
  incidentIds.forEach((id) => graph.addNode(String(id)));
  const bySample = groupBy(component, (o) => o.sampleKey);
  const apart = new Map<string, number>();
  for (const key of [...bySample.keys()].sort()) {
    const at = [...new Set(bySample.get(key)!.map((o) => o.incidentId))].sort((a, b) => a - b);
    const w = bySample.get(key)![0]!.weight;
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        const pair = `${at[i]}:${at[j]}`;
        apart.set(pair, (apart.get(pair) ?? 1) * (1 - factor(at[i]!, at[j]!) * w));
      }
    }
  }
  for (const [pair, away] of apart) {
    const [a, b] = pair.split(':') as [string, string];
    graph.addEdge(a, b, { weight: 1 - away });
  }
  const assigned = louvain(graph, { rng: seeded(), resolution });
  const byCommunity = groupBy(incidentIds, (id) => assigned[String(id)]!);
  return [...byCommunity.values()];
}

/** The mean tie of the strongest spanning tree of the incidents (Prim's algorithm). */
function meanSpanningTie(samplesAt: Map<number, Map<string, number>>, factor: TieFactor): number {
  const nodes = [...samplesAt.keys()].sort((a, b) => a - b);
  if (nodes.length < 2) return 0;
  // Two incidents are tied by 1 − Π(1 − f·w) over the samples they share.
  const tie = (a: number, b: number) => {
    let apart = 1;
    const there = samplesAt.get(b)!;
    const f = factor(a, b);
    for (const [sample, w] of samplesAt.get(a)!) if (there.has(sample)) apart *= 1 - f * w;
    return 1 - apart;
  };
  const best = new Map(nodes.slice(1).map((n) => [n, tie(nodes[0]!, n)]));
  let sum = 0;
  while (best.size > 0) {
    let [next, strongest] = [-1, -1];
    for (const [n, t] of best) if (t > strongest) [next, strongest] = [n, t];
    sum += strongest;
    best.delete(next);
    for (const [n, t] of best) best.set(n, Math.max(t, tie(next, n)));
  }
  return sum / (nodes.length - 1);
}

const fraction = (n: number) => Math.min(1, Math.max(0, n));

/** Serial numbers of one sample at most this far apart count as numbered in one run. */
export const SERIAL_SEQUENCE_SPAN = 50;

/** Serial numbers in sequence across a cluster's incidents (`serialSequence`). */
export interface SerialSequence {
  sample: string;
  /** The incidents whose weapons are numbered in the run. */
  incidents: number;
  /** The lowest and highest serial numbers of the run, as written. */
  first: string;
  last: string;
}

/** A serial number as it was written, else as it is matched. */
const written = (o: LinkingOccurrence) => o.serial ?? o.serialKey!;

/**
 * The longest run of serial numbers in sequence across the cluster's incidents: weapons of one
 * sample whose numbers share their letters and length and lie at most `SERIAL_SEQUENCE_SPAN`
 * apart, at two incidents or more. Weapons numbered in one run most often left their maker, and
 * the depot that issued them, together: tracing one traces the consignment. A number seen twice
 * is one weapon recorded twice, not a run.
 */
export function serialSequence(occurrences: LinkingOccurrence[]): SerialSequence | undefined {
  const numbered = occurrences.flatMap((o) => {
    const parts = o.serialKey ? /^(.*?)(\d+)$/.exec(o.serialKey) : null;
    return parts
      ? [{ o, series: `${o.sampleKey}|${parts[1]}|${parts[2]!.length}`, n: Number(parts[2]) }]
      : [];
  });
  // Most incidents, then most numbers, then the first series by key and its lowest numbers: the
  // same run whatever order the occurrences come in (a full computation or a refresh).
  let best: { run: SerialSequence; serials: number; series: string } | undefined;
  for (const [series, list] of groupBy(numbered, (s) => s.series)) {
    list.sort((a, b) => a.n - b.n || a.o.incidentId - b.o.incidentId);
    for (let start = 0; start < list.length;) {
      let end = start + 1;
      while (end < list.length && list[end]!.n - list[end - 1]!.n <= SERIAL_SEQUENCE_SPAN) end++;
      const run = list.slice(start, end);
      start = end;
      const incidents = new Set(run.map((s) => s.o.incidentId)).size;
      const serials = new Set(run.map((s) => s.n)).size;
      if (incidents < 2 || serials < 2) continue;
      const order = best
        ? incidents - best.run.incidents || serials - best.serials || (series < best.series ? 1 : -1)
        : 1;
      if (order > 0) {
        const sample = run[0]!.o.sampleKey;
        best = {
          run: { sample, incidents, first: written(run[0]!.o), last: written(run[run.length - 1]!.o) },
          serials,
          series,
        };
      }
    }
  }
  return best?.run;
}

const facetsOf = (story: Lead) => (story.evidence.facets as StoryFacet[] | undefined) ?? [];

/**
 * How far a cluster's size adds to its strength: nothing for two incidents, then growing with
 * the logarithm of the incidents beyond the first, full at six. Each incident firmly held to
 * the others is one more independent sighting of the supply; the logarithm keeps a large
 * group of a common lot from outranking a tight batch on size alone.
 */
export const sizeFactor = (incidents: number) =>
  fraction(Math.log2(Math.max(1, incidents - 1)) / Math.log2(5));

/**
 * What the stories of a cluster's samples add to it: 60% of the strongest value of each facet
 * (a post-embargo rifle batch linking attacks ranks above the same batch without the embargo),
 * at most `MAX_STORY_TERMS` in all, shared in proportion: the facets order clusters of like
 * strength; the link itself ranks them. Yet a cluster never ranks below the strongest story it
 * tells would alone (the link adds to that story, it cannot take from it): the facets then
 * make up the difference, in the same proportions.
 */
function facetTerms(stories: Lead[], link: number): ScoreTerm[] {
  const terms = storyFacets.flatMap((facet) => {
    const values = stories.flatMap((story) =>
      ((story.evidence.scoreTerms as ScoreTerm[] | undefined) ?? [])
        .filter((t) => t.term === facet)
        .map((t) => t.value),
    );
    return values.length > 0 ? [{ term: facet, value: STORY_SHARE * Math.max(...values) }] : [];
  });
  const total = terms.reduce((sum, t) => sum + t.value, 0);
  const alone = Math.max(0, ...stories.map((story) => story.score));
  const target = Math.max(Math.min(total, MAX_STORY_TERMS), alone - link);
  return total === 0 ? [] : terms.map((t) => ({ term: t.term, value: (t.value * target) / total }));
}
const MAX_STORY_TERMS = 0.35;
/** The share of a facet's value a cluster telling the story gains. */
const STORY_SHARE = 0.6;

/**
 * The link clusters of whole components: one finding per community of two incidents or more
 * whose link strength reaches `findingMinScore`. `stories` holds the stories of the linking
 * samples (story.ts): a cluster tells those of its samples, as facets; the others are returned alone. A cluster rests on its own samples, those documented
 * at two of its incidents or more, and is scored by the mean tie of its strongest spanning tree
 * (how firmly each incident is held to the rest), the incidents and the countries it spans.
 */
export function detectLinkClusters(
  occurrences: LinkingOccurrence[],
  incidents: Map<number, IncidentFact>,
  context: LeadContext,
  stories: Map<string, Lead> = new Map(),
): Lead[] {
  const found: { lead: Lead; key: string; size: number }[] = [];
  const factor = tieFactor(incidents);
  for (const component of components(occurrences)) {
    const atIncident = groupBy(component, (o) => o.incidentId);
    for (const members of communities(component, context.settings.clusterResolution, factor)) {
      if (members.length < 2) continue;
      const own = members.flatMap((id) => atIncident.get(id)!);
      const incidentsOf = groupBy(own, (o) => o.sampleKey);
      const shared = [...incidentsOf].filter(([, list]) => new Set(list.map((o) => o.incidentId)).size >= 2);
      const samples = new Map(shared.map(([key, list]) => [key, list[0]!]));
      const kept = own.filter((o) => samples.has(o.sampleKey));
      const samplesAt = new Map<number, Map<string, number>>();
      for (const o of kept)
        samplesAt.set(o.incidentId, (samplesAt.get(o.incidentId) ?? new Map()).set(o.sampleKey, o.weight));
      const group = [...samplesAt.keys()].map((id) => incidents.get(id)!).sort(byDateThenRef);
      if (group.length < 2) continue;
      const strength = meanSpanningTie(samplesAt, factor);
      const ranked = [...samples.values()].sort(
        (a, b) => b.weight - a.weight || (a.sampleKey < b.sampleKey ? -1 : 1),
      );
      const countries = [...new Set(group.map((i) => i.country))].sort();
      const actors = [...new Set(group.flatMap((i) => (i.actorId === null ? [] : [i.actorId])))];
      const names = actors.map((a) => actorName(a, context)).sort();
      const first = group[0]!;
      const last = group[group.length - 1]!;
      const told = ranked.flatMap((o) => {
        const story = stories.get(o.sampleKey);
        return story ? [story] : [];
      });
      const shown = ranked
        .slice(0, 3)
        .map((o) => `${describeSample(o.sampleKey)} (at ${o.incidents} incidents, weight ${o.weight})`)
        .join('; ');
      const sequence = serialSequence(kept);
      const linkTerms = [
        { term: 'tie_strength', value: 0.55 * strength },
        { term: 'incidents_linked', value: 0.15 * strength * sizeFactor(group.length) },
        { term: 'countries', value: 0.15 * strength * fraction((countries.length - 1) / 2) },
      ];
      const link = linkTerms.reduce((sum, t) => sum + t.value, 0);
      const lead = withScore(
        {
          kind: 'linked_incidents',
          subject: '',
          part: 'link',
          incidentIds: group.map((i) => i.id),
          itemIds: ids(kept.map((o) => ({ id: o.itemId }))),
          sampleKeys: [...samples.keys()].sort(),
          actorId: actors.length === 1 ? actors[0]! : null,
          date: last.date,
          explanation: `${group.length} incidents (${refList(group)}; ${first.date} to ${last.date}${countries.length > 1 ? `; ${countries.length} countries` : ''}) share ${ranked.length === 1 ? 'a distinctive sample' : `${ranked.length} distinctive samples`}: ${shown}${ranked.length > 3 ? `; and ${ranked.length - 3} more` : ''}${names.length > 0 ? `; actors: ${names.join(', ')}` : ''}.${sequence ? ` At ${sequence.incidents} of them, ${describeSample(sequence.sample)} bears serial numbers in sequence (${sequence.first} to ${sequence.last}).` : ''}${told.length > 0 ? ` ${told[0]!.explanation}` : ''}`,
          evidence: {
            samples: ranked.map((o) => ({ sample: o.sampleKey, incidents: o.incidents, weight: o.weight })),
            meanTie: round(strength),
            firstSeen: first.date,
            theatreScale: context.theatreScale,
            actors: names,
            countries,
            ...(sequence ? { serialSequence: sequence } : {}),
            facets: storyFacets.filter((f) => told.some((story) => facetsOf(story).includes(f))),
            stories: told.map((story) => ({ sample: story.subject, ...story.evidence })),
          },
        },
        [...linkTerms, ...facetTerms(told, link)],
      );
      // The link itself must be strong enough: its samples' stories rank it, they do not make it.
      if (link < context.settings.findingMinScore) continue;
      // Named after the sample at most of its incidents: stable as data arrives, so the cell's
      // decision stays with it.
      const key = [...samples.values()].sort(
        (a, b) =>
          new Set(incidentsOf.get(b.sampleKey)!.map((o) => o.incidentId)).size -
            new Set(incidentsOf.get(a.sampleKey)!.map((o) => o.incidentId)).size ||
          b.weight - a.weight ||
          (a.sampleKey < b.sampleKey ? -1 : 1),
      )[0]!.sampleKey;
      found.push({ lead, key, size: group.length });
    }
  }
  // The story of a linking sample no cluster tells is told on its own.
  const told = new Set(found.flatMap((f) => f.lead.sampleKeys));
  const leads: Lead[] = [...stories.values()]
    .filter((story) => !told.has(story.subject))
    .map((story) => ({ ...story, part: 'link' }));
  // Two clusters of one component may be named after the same sample: the larger keeps the name.
  for (const [key, list] of groupBy(found, (f) => f.key)) {
    list.sort((a, b) => b.size - a.size || a.lead.incidentIds[0]! - b.lead.incidentIds[0]!);
    list.forEach((f, i) => {
      const first = incidents.get(f.lead.incidentIds[0]!)!;
      leads.push({ ...f.lead, subject: i === 0 ? `group:${key}` : `group:${key}@${first.ref}` });
    });
  }
  return leads;
}

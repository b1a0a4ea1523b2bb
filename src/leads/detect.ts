import { groupBy } from '../core/collections';
import { incidentTypes } from '../incidents/vocabulary';
import {
  DIVERSION_EVENTS,
  type BaselineFact,
  type IncidentFact,
  type ItemFact,
  type Lead,
  type LeadContext,
} from './facts';
import {
  isWeaponSample,
  OLD_PRODUCTION_LOSS,
  round,
  sampleWeight,
  saturation,
  scored,
  type SampleWeight,
  type ScoreTerm,
} from './weight';

// Pure detection: each function sees one slice of the theatre (an incident, a sample, a type,
// a serial number, a group of linked incidents) and returns every lead of that slice. The
// engine decides which slices to load; full and incremental runs share these functions.

/** A lead scored by its terms: `score` is their sum and `evidence.scoreTerms` lists them. */
function withScore(lead: Omit<Lead, 'score'>, terms: ScoreTerm[]): Lead {
  const { score, scoreTerms } = scored(terms);
  return { ...lead, score, evidence: { ...lead.evidence, scoreTerms } };
}
const byDateThenRef = (a: IncidentFact, b: IncidentFact) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
const year = (date: string) => Number(date.slice(0, 4));
const ids = (items: Iterable<{ id: number }>) =>
  [...new Set([...items].map((i) => i.id))].sort((a, b) => a - b);
const isDiversion = (incident: IncidentFact) => DIVERSION_EVENTS.includes(incident.type);
const typeLabel = (incident: IncidentFact) => incidentTypes.label(incident.type, 'en').toLowerCase();
const refList = (incidents: IncidentFact[], max = 4) =>
  incidents.length <= max
    ? incidents.map((i) => i.ref).join(', ')
    : `${incidents
        .slice(0, max)
        .map((i) => i.ref)
        .join(', ')} and ${incidents.length - max} more`;

/** `ammo:7.62x39:su-711:1979` → `7.62x39 ammunition, producer su-711, 1979`. */
export function describeSample(key: string): string {
  const [kind, what, maker, made] = key.split(':');
  const noun = { ammo: 'ammunition', weapon: 'weapon', explosive: 'explosive', ied: 'IED component' }[
    kind ?? ''
  ];
  return `${what} ${noun ?? kind}, producer ${maker}, ${made}`;
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

function actorAndAncestors(actorId: number | null, context: LeadContext): number[] {
  const chain: number[] = [];
  for (let id = actorId; id !== null && !chain.includes(id); id = context.actors.get(id)?.parentId ?? null)
    chain.push(id);
  return chain;
}

const actorName = (id: number | null, context: LeadContext) =>
  id === null ? 'unknown' : (context.actors.get(id)?.name ?? `#${id}`);

// --- Slice: one incident and its items -----------------------------------------------------

/** post_embargo and rapid_diversion: facts about the items of one incident. */
export function detectIncidentLeads(incident: IncidentFact, items: ItemFact[], context: LeadContext): Lead[] {
  const leads: Lead[] = [];
  const part = `incident:${incident.id}`;
  const groups = groupBy(items, (item) => item.sampleKey ?? `item:${item.ref}`);
  const used = year(incident.date);
  const inForce = context.embargoes.filter(
    (e) => e.start <= incident.date && (e.end === null || incident.date <= e.end),
  );
  const actorChain = actorAndAncestors(incident.actorId, context);
  const covering = inForce.filter((e) =>
    e.scope === 'territory'
      ? e.country === incident.country
      : e.actorIds.some((id) => actorChain.includes(id)),
  );

  for (const [group, members] of groups) {
    const first = members[0]!;
    const made = first.year;
    const what = first.sampleKey ? describeSample(first.sampleKey) : `item ${first.ref}`;
    const base = {
      part,
      incidentIds: [incident.id],
      itemIds: ids(members),
      sampleKeys: first.sampleKey ? [first.sampleKey] : [],
    };
    const count = members.reduce((n, m) => n + m.quantity, 0);

    if (made !== null) {
      // The strongest embargo: produced after its start year beats produced in it.
      const breaches = covering
        .filter((e) => made >= year(e.start))
        .sort((a, b) => year(a.start) - year(b.start) || a.id - b.id);
      const embargo = breaches[0];
      if (embargo) {
        const sameYear = made === year(embargo.start);
        const cover =
          embargo.scope === 'territory'
            ? `in ${incident.country}`
            : `by ${actorName(incident.actorId, context)}, a listed actor${incident.actorId !== null && !embargo.actorIds.includes(incident.actorId) ? ' through its parent group' : ''}`;
        leads.push(
          withScore(
            {
              ...base,
              kind: 'post_embargo',
              subject: `${incident.id}:${group}`,
              actorId: incident.actorId,
              date: incident.date,
              explanation: `${what} was produced in ${made}, ${sameYear ? 'the year' : 'after'} the ${embargo.regime} began (${embargo.start}), and was recovered ${cover} at ${incident.ref} (${incident.date}) while it was in force.`,
              evidence: {
                embargo: embargo.regime,
                embargoStart: embargo.start,
                produced: made,
                sameYear,
                quantity: count,
              },
            },
            [
              sameYear
                ? { term: 'produced in the embargo’s first year', value: 0.5 }
                : { term: 'produced after the embargo began', value: 0.9 },
            ],
          ),
        );
      }
    }

    const age = made === null ? null : used - made;
    if (age !== null && age >= 0 && age <= context.settings.rapidDiversionYears && !isDiversion(incident)) {
      leads.push(
        withScore(
          {
            ...base,
            kind: 'rapid_diversion',
            subject: `${incident.id}:${group}`,
            actorId: incident.actorId,
            date: incident.date,
            explanation: `${what} was produced in ${made} and recovered at ${incident.ref} (${incident.date}) ${age === 0 ? 'the same year' : `${age} year${age > 1 ? 's' : ''} later`}: materiel diverted soon after production.`,
            evidence: { produced: made, used, years: age, quantity: count },
          },
          [{ term: `used ${age} year(s) after production`, value: Math.max(0.5, 0.9 - 0.15 * age) }],
        ),
      );
    }
  }
  return leads;
}

function baselineHolds(row: BaselineFact, item: ItemFact): boolean {
  return (
    row.category === item.category &&
    (row.modelKey === null || row.modelKey === item.modelKey) &&
    (row.calibreKey === null || row.calibreKey === item.calibreKey) &&
    (row.manufacturerKey === null || row.manufacturerKey === item.manufacturerKey) &&
    (row.year === null || row.year === item.year)
  );
}

// --- Slice: every occurrence of one sample ---------------------------------------------------

/** new_sample, not_in_baseline, diversion_match (by sample) and spread: the history of one sample. */
export function detectSampleLeads(
  sampleKey: string,
  items: ItemFact[],
  incidents: Map<number, IncidentFact>,
  context: LeadContext,
): Lead[] {
  const leads: Lead[] = [];
  const part = `sample:${sampleKey}`;
  const what = describeSample(sampleKey);
  const itemsAt = groupBy(items, (i) => String(i.incidentId));
  const history = [...itemsAt.keys()].map((id) => incidents.get(Number(id))!).sort(byDateThenRef);
  const itemIdsAt = (list: IncidentFact[]) => ids(list.flatMap((i) => itemsAt.get(String(i.id)) ?? []));
  if (history.length === 0) return leads;

  const firstDate = history[0]!.date;
  const firsts = history.filter((i) => i.date === firstDate);
  const marked = items.some((i) => i.lot !== null || i.serialKey !== null);
  const weight = sampleWeight(
    { sampleKey, incidents: history.length, firstSeen: firstDate, marked },
    context.theatreScale,
    context.settings,
  );
  const standing = { ...weight, theatreScale: context.theatreScale };
  const weapon = isWeaponSample(sampleKey);
  // 1 for production first seen within `recentProductionYears`, 0 from `oldProductionYears`.
  const recent = round((weight.age - (1 - OLD_PRODUCTION_LOSS)) / OLD_PRODUCTION_LOSS);
  leads.push(
    withScore(
      {
        kind: 'new_sample',
        subject: sampleKey,
        part,
        incidentIds: firsts.map((i) => i.id),
        itemIds: itemIdsAt(firsts),
        sampleKeys: [sampleKey],
        actorId: firsts.length === 1 ? firsts[0]!.actorId : null,
        date: firstDate,
        explanation: `First documented appearance of ${what}: ${refList(firsts)} (${firstDate}); seen at ${history.length - firsts.length} later incident(s).`,
        evidence: { firstSeen: firstDate, incidents: history.length, ...standing },
      },
      [
        { term: 'first appearance', value: 0.2 },
        { term: 'weapon', value: weapon ? 0.15 : 0 },
        { term: 'lot or serial number recorded', value: marked ? 0.05 : 0 },
        { term: 'recent production', value: 0.2 * recent },
      ],
    ),
  );

  const diversion = history.find(isDiversion);
  if (diversion) {
    const later = history.filter((i) => !isDiversion(i) && i.date > diversion.date);
    if (later.length > 0) {
      leads.push(
        withScore(
          {
            kind: 'diversion_match',
            subject: `sample:${sampleKey}`,
            part,
            incidentIds: [diversion.id, ...later.map((i) => i.id)],
            itemIds: itemIdsAt([diversion, ...later]),
            sampleKeys: [sampleKey],
            actorId: later[0]!.actorId,
            date: later[0]!.date,
            explanation: `${what} was documented at the diversion event ${diversion.ref} (${typeLabel(diversion)}, ${diversion.date}) before ${later.length} later incident(s), first ${later[0]!.ref} (${later[0]!.date}): that diversion is its likely origin.`,
            evidence: {
              diversionEvent: diversion.ref,
              diversionDate: diversion.date,
              laterIncidents: later.length,
              sampleWeight: weight.weight,
            },
          },
          [
            { term: 'documented at a diversion event before', value: 0.45 },
            { term: 'sample weight', value: 0.35 * weight.weight },
          ],
        ),
      );
    }
  }

  const facts = { sampleKey, what, history, part, itemIdsAt, weight, recent };
  leads.push(...detectNotInBaseline(facts, items[0]!, context));
  leads.push(...detectSpread(facts, context));
  return leads;
}

/**
 * A sample recovered in a country whose forces' holdings are documented for its category, but
 * not among them. A country without baseline rows of that category says nothing either way.
 */
function detectNotInBaseline(
  { sampleKey, what, history, part, itemIdsAt, weight, recent }: SampleFacts,
  item: ItemFact,
  context: LeadContext,
): Lead[] {
  if (item.category !== 'weapon' && item.category !== 'ammunition') return [];
  const leads: Lead[] = [];
  for (const [country, found] of groupBy(history, (i) => i.country)) {
    const baseline = (context.baselines.get(country) ?? []).filter((row) => row.category === item.category);
    if (baseline.length === 0 || baseline.some((row) => baselineHolds(row, item))) continue;
    const holders = [...new Set(baseline.map((b) => b.holder))].sort();
    leads.push(
      withScore(
        {
          kind: 'not_in_baseline',
          subject: `${sampleKey}@${country}`,
          part,
          incidentIds: found.map((i) => i.id),
          itemIds: itemIdsAt(found),
          sampleKeys: [sampleKey],
          actorId: found.length === 1 ? found[0]!.actorId : null,
          date: found[0]!.date,
          explanation: `${what}, recovered at ${refList(found)} in ${country} (first ${found[0]!.date}), is not among the ${item.category} known to be held by ${holders.join(', ')}: likely trafficked from abroad rather than diverted from national stocks.`,
          evidence: {
            country,
            holders,
            baselineEntries: baseline.length,
            incidents: found.length,
            sampleWeight: weight.weight,
          },
        },
        [
          { term: 'not held by national forces', value: 0.3 },
          { term: 'weapon', value: item.category === 'weapon' ? 0.1 : 0 },
          { term: 'recent production', value: 0.15 * recent },
          { term: 'rarity in the theatre', value: 0.25 * weight.rarity },
        ],
      ),
    );
  }
  return leads;
}

/** What the leads of one sample's history share. */
interface SampleFacts {
  sampleKey: string;
  what: string;
  history: IncidentFact[];
  part: string;
  itemIdsAt: (list: IncidentFact[]) => number[];
  weight: SampleWeight;
  /** 1 for recent production, 0 for old (see `ageFactor`). */
  recent: number;
}

function detectSpread(
  { sampleKey, what, history, part, itemIdsAt, weight }: SampleFacts,
  context: LeadContext,
): Lead[] {
  const leads: Lead[] = [];
  const { spreadConfinementMonths, spreadMinPriorIncidents } = context.settings;
  const regions = new Set<string>();
  const countries = new Set<string>();
  let areaSince: string | null = null;
  let prior = 0;
  for (const incident of history) {
    const region = `${incident.country}/${incident.admin1 ?? ''}`;
    const newCountry = !countries.has(incident.country);
    const newRegion = incident.admin1 !== null && !regions.has(region);
    if ((newCountry || newRegion) && areaSince !== null) {
      const confined = monthsBetween(areaSince, incident.date);
      if (prior >= spreadMinPriorIncidents && confined >= spreadConfinementMonths) {
        const area = [...regions].sort();
        leads.push(
          withScore(
            {
              kind: 'spread',
              subject: `${sampleKey}@${region}`,
              part,
              incidentIds: [incident.id],
              itemIds: itemIdsAt([incident]),
              sampleKeys: [sampleKey],
              actorId: incident.actorId,
              date: incident.date,
              explanation: `${what} was documented only in ${area.join(', ')} for ${confined} months (${prior} incidents since ${areaSince}); ${incident.ref} (${incident.date}) is its first appearance in ${newCountry ? `a new country, ${incident.country}` : `${incident.admin1} (${incident.country})`}: the supply line is expanding.`,
              evidence: {
                previousArea: area,
                confinedSince: areaSince,
                months: confined,
                priorIncidents: prior,
                newCountry,
                sampleWeight: weight.weight,
              },
            },
            [
              newCountry ? { term: 'new country', value: 0.45 } : { term: 'new region', value: 0.3 },
              { term: 'sample weight', value: 0.35 * weight.weight },
            ],
          ),
        );
      }
    }
    if (newCountry || newRegion || areaSince === null) areaSince = incident.date;
    countries.add(incident.country);
    if (incident.admin1 !== null) regions.add(region);
    prior++;
  }
  return leads;
}

// --- Slice: the first appearances of one model or calibre ------------------------------------

/** new_type: `typeKey` is `model:<key>` or `calibre:<key>`; items are those at its earliest incidents. */
export function detectTypeLead(
  typeKey: string,
  firstItems: ItemFact[],
  incidents: Map<number, IncidentFact>,
): Lead {
  const [dimension, key] = typeKey.split(/:(.*)/s) as [string, string];
  const at = [...new Set(firstItems.map((i) => i.incidentId))]
    .map((id) => incidents.get(id)!)
    .sort(byDateThenRef);
  const first = at[0]!;
  return withScore(
    {
      kind: 'new_type',
      subject: typeKey,
      part: `type:${typeKey}`,
      incidentIds: at.map((i) => i.id),
      itemIds: ids(firstItems),
      sampleKeys: [...new Set(firstItems.flatMap((i) => (i.sampleKey ? [i.sampleKey] : [])))].sort(),
      actorId: at.length === 1 ? first.actorId : null,
      date: first.date,
      explanation: `First documented appearance in the theatre of the ${dimension} ${key}: ${refList(at)} (${first.date}).`,
      evidence: { [dimension]: key, firstSeen: first.date },
    },
    [{ term: `first ${dimension} of its kind in the theatre`, value: dimension === 'model' ? 0.8 : 0.7 }],
  );
}

// --- Slice: every item bearing one serial number --------------------------------------------

/** diversion_match by serial number: the same weapon lost or captured, then used again. */
export function detectSerialLeads(
  serialKey: string,
  items: ItemFact[],
  incidents: Map<number, IncidentFact>,
): Lead[] {
  const leads: Lead[] = [];
  const withIncident = items
    .map((item) => ({ item, incident: incidents.get(item.incidentId)! }))
    .sort((a, b) => byDateThenRef(a.incident, b.incident) || a.item.id - b.item.id);
  for (const { item: lost, incident: event } of withIncident.filter(({ incident }) =>
    isDiversion(incident),
  )) {
    const reused = withIncident.filter(
      ({ item, incident }) =>
        !isDiversion(incident) &&
        incident.date > event.date &&
        (item.modelKey === null || lost.modelKey === null || item.modelKey === lost.modelKey),
    );
    for (const { item, incident } of reused) {
      leads.push(
        withScore(
          {
            kind: 'diversion_match',
            subject: `serial:${serialKey}:${lost.id}:${item.id}`,
            part: `serial:${serialKey}`,
            incidentIds: [event.id, incident.id],
            itemIds: [lost.id, item.id],
            sampleKeys: [
              ...new Set([lost.sampleKey, item.sampleKey].filter((k): k is string => k !== null)),
            ].sort(),
            actorId: incident.actorId,
            date: incident.date,
            explanation: `Serial number ${item.serial ?? serialKey}${item.modelKey ? ` (${item.modelKey})` : ''} was recorded at the diversion event ${event.ref} (${typeLabel(event)}, ${event.date}) and again at ${incident.ref} (${incident.date}): the same item, diverted.`,
            evidence: {
              serial: serialKey,
              diversionEvent: event.ref,
              diversionDate: event.date,
              lostItem: lost.ref,
              foundItem: item.ref,
            },
          },
          [{ term: 'same serial number after a diversion event', value: 0.95 }],
        ),
      );
    }
  }
  return leads;
}

// --- Slice: a group of incidents linked by distinctive samples -------------------------------

/** One occurrence of a linking sample: a sample whose evidence weight reaches `linkMinWeight`. */
export interface LinkingOccurrence {
  sampleKey: string;
  incidentId: number;
  itemId: number;
  /** How many incidents the sample is documented at, in the whole theatre. */
  incidents: number;
  /** The sample's evidence weight (`sampleWeight` in weight.ts), the same at every occurrence. */
  weight: number;
}

const fraction = (n: number) => Math.min(1, Math.max(0, n));
const percent = (n: number) => `${Math.round(n * 100)}%`;

function sampleSummary(bySample: Map<string, LinkingOccurrence[]>, list: string[]): string {
  const shown = list
    .slice(0, 3)
    .map((s) => {
      const o = bySample.get(s)![0]!;
      return `${describeSample(s)} (at ${o.incidents} incidents, weight ${o.weight})`;
    })
    .join('; ');
  return list.length > 3 ? `${shown}; and ${list.length - 3} more` : shown;
}

/** The mean tie of the strongest spanning tree of the incidents (Prim's algorithm). */
function meanSpanningTie(occurrences: LinkingOccurrence[]): number {
  const samplesAt = new Map<number, Map<string, number>>();
  for (const o of occurrences)
    samplesAt.set(o.incidentId, (samplesAt.get(o.incidentId) ?? new Map()).set(o.sampleKey, o.weight));
  const nodes = [...samplesAt.keys()].sort((a, b) => a - b);
  if (nodes.length < 2) return 0;
  const tie = (a: number, b: number) => {
    let apart = 1;
    const there = samplesAt.get(b)!;
    for (const [sample, w] of samplesAt.get(a)!) if (there.has(sample)) apart *= 1 - w;
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

/**
 * linked_incidents for one group of linking samples (samples documented together at two or
 * more incidents belong to one group: the same supply). `occurrences` holds every occurrence of
 * the group's samples. Two incidents are tied by 1 − Π(1 − w) over the samples they share; the
 * group is scored by the mean tie of its strongest spanning tree: how firmly each incident is
 * held to the rest, so a long chain of weak ties does not outrank a few strong ones.
 */
export function detectLinkGroup(
  occurrences: LinkingOccurrence[],
  incidents: Map<number, IncidentFact>,
  context: LeadContext,
): Lead {
  const bySample = groupBy(occurrences, (o) => o.sampleKey);
  const weight = (sample: string) => bySample.get(sample)![0]!.weight;
  const group = [...new Set(occurrences.map((o) => o.incidentId))]
    .map((id) => incidents.get(id)!)
    .sort(byDateThenRef);
  const samples = [...bySample.keys()].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1));
  const first = group[0]!;
  const last = group[group.length - 1]!;
  const actors = [
    ...new Set(group.flatMap((i) => (i.actorId === null ? [] : [actorName(i.actorId, context)]))),
  ].sort();
  const countries = [...new Set(group.map((i) => i.country))].sort();
  const strength = meanSpanningTie(occurrences);
  return withScore(
    {
      kind: 'linked_incidents',
      subject: `group:${[...samples].sort()[0]}`,
      part: 'link',
      incidentIds: group.map((i) => i.id),
      itemIds: ids(occurrences.map((o) => ({ id: o.itemId }))),
      sampleKeys: [...samples].sort(),
      actorId: actors.length === 1 ? (group.find((i) => i.actorId !== null)?.actorId ?? null) : null,
      date: last.date,
      explanation: `${group.length} incidents (${refList(group)}; ${first.date} to ${last.date}${countries.length > 1 ? `; ${countries.length} countries` : ''}) share ${samples.length === 1 ? 'a distinctive sample' : `${samples.length} distinctive samples`}: ${sampleSummary(bySample, samples)}${actors.length > 0 ? `; actors: ${actors.join(', ')}` : ''}.`,
      evidence: {
        samples: samples.map((s) => ({
          sample: s,
          incidents: bySample.get(s)![0]!.incidents,
          weight: weight(s),
        })),
        meanTie: round(strength),
        theatreScale: context.theatreScale,
        actors,
        countries,
      },
    },
    [
      { term: 'tie strength', value: 0.7 * strength },
      { term: 'incidents linked', value: 0.1 * strength * fraction((group.length - 2) / 4) },
      { term: 'countries', value: 0.2 * strength * fraction((countries.length - 1) / 2) },
    ],
  );
}

/**
 * attribution for one incident with no known actor: `occurrences` holds every occurrence of
 * the linking samples documented at it. Each shared sample's weight is shared out among the
 * actors of the attributed incidents holding it, in proportion to their number; an incident of a
 * parent group supports each of its groups present. The actor carrying most of the weight, and
 * `attributionMargin` times the next, is suggested.
 */
export function detectAttribution(
  incident: IncidentFact,
  occurrences: LinkingOccurrence[],
  incidents: Map<number, IncidentFact>,
  context: LeadContext,
): Lead | undefined {
  if (incident.actorId !== null) return undefined;
  const { attributionMinIncidents, attributionMargin } = context.settings;
  const bySample = groupBy(occurrences, (o) => o.sampleKey);
  const shared = [...bySample.keys()]
    .filter((s) => bySample.get(s)!.some((o) => o.incidentId === incident.id))
    .sort();
  const weight = (sample: string) => bySample.get(sample)![0]!.weight;
  // The attributed incidents holding each shared sample.
  const holders = new Map<string, IncidentFact[]>();
  const neighbours = new Map<number, IncidentFact>();
  for (const s of shared) {
    const at = new Map<number, IncidentFact>();
    for (const o of bySample.get(s)!) {
      if (o.incidentId === incident.id) continue;
      const other = incidents.get(o.incidentId)!;
      neighbours.set(other.id, other);
      if (other.actorId !== null) at.set(other.id, other);
    }
    if (at.size > 0) holders.set(s, [...at.values()]);
  }
  const present = [...new Set([...holders.values()].flat().map((i) => i.actorId!))];
  // Incidents attributed to a group and to its parent agree: the most specific actors compete.
  const candidates = present.filter(
    (a) => !present.some((b) => b !== a && actorAndAncestors(b, context).includes(a)),
  );
  if (candidates.length === 0) return undefined;
  const total = [...holders.keys()].reduce((sum, s) => sum + weight(s), 0);
  const support = candidates
    .map((actorId) => {
      const line = actorAndAncestors(actorId, context);
      const mine = (list: IncidentFact[]) => list.filter((i) => line.includes(i.actorId!));
      const carried = [...holders].reduce(
        (sum, [s, list]) => sum + (weight(s) * mine(list).length) / list.length,
        0,
      );
      const supporting = [...neighbours.values()]
        .filter((i) => i.actorId !== null && line.includes(i.actorId))
        .sort(byDateThenRef);
      return { actorId, carried, supporting };
    })
    .sort((a, b) => b.carried - a.carried || a.actorId - b.actorId);
  const [best, next] = [support[0]!, support[1]];
  const share = best.carried / total;
  if (best.supporting.length < attributionMinIncidents) return undefined;
  if (share <= 0.5 || (next !== undefined && best.carried < attributionMargin * next.carried))
    return undefined;

  const actorId = best.actorId;
  const attributed = [...neighbours.values()].filter((i) => i.actorId !== null);
  const others = support.slice(1).filter((o) => o.carried > 0);
  const unanimous = others.length === 0 && best.supporting.length === attributed.length;
  const backing = shared
    .filter((s) => holders.get(s)?.some((i) => best.supporting.includes(i)))
    .sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1));
  const strength = saturation(best.carried);
  return withScore(
    {
      kind: 'attribution',
      subject: `incident:${incident.id}`,
      part: `attribution:${incident.id}`,
      incidentIds: [incident.id, ...best.supporting.map((i) => i.id)],
      itemIds: ids(
        occurrences
          .filter(
            (o) =>
              backing.includes(o.sampleKey) &&
              (o.incidentId === incident.id || best.supporting.some((i) => i.id === o.incidentId)),
          )
          .map((o) => ({ id: o.itemId })),
      ),
      sampleKeys: [...backing].sort(),
      actorId,
      date: incident.date,
      explanation: unanimous
        ? `${incident.ref} (${incident.date}) has no known actor, but shares ${sampleSummary(bySample, backing)} with ${best.supporting.length} incidents all attributed to ${actorName(actorId, context)}: ${refList(best.supporting)}.`
        : `${incident.ref} (${incident.date}) has no known actor, but shares ${sampleSummary(bySample, backing)} with ${best.supporting.length} incidents attributed to ${actorName(actorId, context)} (${refList(best.supporting)}), which carry ${percent(share)} of the evidence weight it shares with attributed incidents${others.length > 0 ? `; next: ${actorName(others[0]!.actorId, context)}, ${percent(others[0]!.carried / total)}` : ''}.`,
      evidence: {
        suggestedActor: actorName(actorId, context),
        attributedIncidents: best.supporting.length,
        unattributedIncidents: neighbours.size - attributed.length,
        samples: backing,
        evidenceWeight: round(best.carried),
        evidenceShare: round(share),
        otherActors: others.map((o) => ({
          actor: actorName(o.actorId, context),
          evidenceWeight: round(o.carried),
          incidents: o.supporting.length,
        })),
        theatreScale: context.theatreScale,
      },
    },
    [
      { term: `evidence weight for ${actorName(actorId, context)}`, value: 0.7 * strength },
      { term: 'share of the evidence weight', value: 0.2 * share },
      { term: 'incidents agreeing', value: 0.1 * fraction((best.supporting.length - 1) / 4) },
    ],
  );
}

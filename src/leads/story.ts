import { groupBy } from '../core/collections';
import type { LeadSettings } from './settings';
import {
  DIVERSION_EVENTS,
  type BaselineFact,
  type IncidentFact,
  type ItemFact,
  type Lead,
  type LeadContext,
  storyFacets,
  type StoryFacet,
} from './facts';
import { actorAndAncestors, byDateThenRef, describeSample, ids, refList, withScore } from './describe';
import {
  isLinking,
  materielFactor,
  round,
  sampleWeight,
  sampleYear,
  scored,
  type SampleStanding,
  type ScoreTerm,
} from './weight';

// A sample's story: everything one sample's history tells, as one finding with facets (its
// first appearance, production after an embargo, a diversion event it came from, spread to new
// regions or countries, absence from national stocks, use soon after production). A history
// with nothing beyond a first appearance is a fact on the sample's page, not a finding.

/**
 * What each facet adds to a story's strength (docs/leads.md), before specificity: all but an
 * embargo breach count for less when the sample is common, old or seen once.
 */
export const FACET_VALUE: Record<StoryFacet, number> = {
  post_embargo: 0.75,
  diversion_origin: 0.65,
  spread_country: 0.5,
  spread_region: 0.2,
  not_in_baseline: 0.1,
  rapid_diversion: 0.15,
};
/** Production in the embargo's first year may predate it. */
const SAME_YEAR_EMBARGO = 0.35;
/**
 * How much a facet of this sample says: its evidence weight w when seen at two incidents or more
 * (a lot seen at a handful says much, old stock seen everywhere little); when seen once, 0.3 ×
 * its materiel factor (`materiel`, weight.ts: a weapon with a serial number above loose rounds).
 */
export const specificity = (weight: number | null, incidents: number, materiel = 1) =>
  incidents >= 2 && weight !== null ? weight : SINGLE_SPECIFICITY * materiel;
const SINGLE_SPECIFICITY = 0.3;
/**
 * Facets that stand partly on their own, whatever the sample: a breach of an embargo wholly; a
 * sample first seen at a diversion event and then elsewhere for the most part (the event itself
 * is the specific fact). The share shown keeps its value however common the sample, weighed only
 * by what the materiel is: a rifle with its serial number can be traced to the transfer that
 * breached the embargo; loose rounds with no lot number rarely can.
 */
const CORROBORATED: Partial<Record<StoryFacet, number>> = { post_embargo: 1, diversion_origin: 0.5 };

const year = (date: string) => Number(date.slice(0, 4));
const isDiversion = (incident: IncidentFact) => DIVERSION_EVENTS.includes(incident.type);

function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
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

/** Where a sample stands: its incidents, first day and weight (see weight.ts). */
function standing(
  sampleKey: string,
  items: ItemFact[],
  incidents: Map<number, IncidentFact>,
  context: LeadContext,
) {
  const at = [...new Set(items.map((i) => i.incidentId))].map((id) => incidents.get(id)!);
  const firstSeen = at.map((i) => i.date).sort()[0]!;
  const marked = items.some((i) => i.lot !== null || i.serialKey !== null);
  const weight = sampleWeight(
    { sampleKey, incidents: at.length, firstSeen, marked },
    context.theatreScale,
    context.settings,
  );
  return { incidents: at.length, weight };
}

/**
 * Whether the sample links incidents: then its story is told within its link clusters
 * (clusters.ts), not on its own.
 */
export function sampleLinks(
  sampleKey: string,
  items: ItemFact[],
  incidents: Map<number, IncidentFact>,
  context: LeadContext,
) {
  const { incidents: n, weight } = standing(sampleKey, items, incidents, context);
  return isLinking(n, weight.weight, context.theatreScale, context.settings);
}

/**
 * The story of one identity's history: a sample (`subject` its key) or, for an item too vaguely
 * described to have a sample key, that item alone (`item:<id>`). Undefined when the history
 * says nothing beyond its first appearance.
 */
export function detectStory(
  subject: string,
  items: ItemFact[],
  incidents: Map<number, IncidentFact>,
  context: LeadContext,
): Lead | undefined {
  if (items.length === 0) return undefined;
  const sampleKey = items[0]!.sampleKey;
  const what = sampleKey ? describeSample(sampleKey) : `item ${items[0]!.ref}`;
  const itemsAt = groupBy(items, (i) => i.incidentId);
  const history = [...itemsAt.keys()].map((id) => incidents.get(id)!).sort(byDateThenRef);
  const itemIdsAt = (list: IncidentFact[]) => ids(list.flatMap((i) => itemsAt.get(i.id) ?? []));
  const first = history[0]!;
  const made = items[0]!.year;
  const weight = sampleKey ? standing(sampleKey, items, incidents, context).weight : null;

  const facts: FacetFact[] = [
    ...embargoFacet(history, made, context),
    ...diversionFacet(history),
    ...spreadFacets(history, context),
    ...baselineFacet(history, items[0]!, context),
    ...rapidFacet(history, made, context),
  ];
  if (facts.length === 0) return undefined;
  const materiel = materielFactor(
    sampleKey ?? (items[0]!.category === 'weapon' ? 'weapon:' : 'other:'),
    items.some((i) => i.lot !== null || i.serialKey !== null),
  );
  const specific = specificity(weight?.weight ?? null, history.length, materiel);
  const terms = facts.map((f) => facetTerm(f.facet, f.value, specific, materiel));
  return withScore(
    {
      kind: 'sample_story',
      subject,
      part: sampleKey ? `sample:${sampleKey}` : `incident:${first.id}`,
      incidentIds: [...new Set([first.id, ...facts.flatMap((f) => f.incidents.map((i) => i.id))])].sort(
        (a, b) => a - b,
      ),
      itemIds: itemIdsAt(history),
      sampleKeys: sampleKey ? [sampleKey] : [],
      actorId: history.length === 1 ? first.actorId : null,
      date: facts.map((f) => f.incidents[0]!.date).sort()[0]!,
      explanation: `${what}, first documented at ${first.ref} (${first.date}) and at ${history.length} incident${history.length > 1 ? 's' : ''} in all: ${facts.map((f) => f.sentence).join('; ')}.`,
      evidence: {
        facets: facts.map((f) => f.facet),
        firstSeen: first.date,
        firstIncident: first.ref,
        incidents: history.length,
        countries: [...new Set(history.map((i) => i.country))].sort(),
        ...(made !== null ? { produced: made } : {}),
        ...(weight ? { ...weight, theatreScale: context.theatreScale } : {}),
        specificity: round(specific),
        ...Object.fromEntries(facts.map((f) => [f.facet, f.detail])),
      },
    },
    terms,
  );
}

/**
 * A facet's term in its story's score: its value times how specific the sample is, a
 * corroborated facet keeping its share whatever the sample.
 */
function facetTerm(facet: StoryFacet, value: number, specific: number, materiel: number): ScoreTerm {
  const corroborated = CORROBORATED[facet] ?? 0;
  return { term: facet, value: value * (corroborated * materiel + (1 - corroborated) * specific) };
}

/**
 * The highest score the story of a sample could reach, whatever its history, from where it stands
 * and whether it was first seen at a diversion event: every facet its standing allows, at its
 * strongest. Below `findingMinScore`, the engine knows without loading the history that the story
 * is no finding (a cartridge seen across the theatre, produced long before it and any embargo).
 */
export function storyCeiling(standing: SampleStanding, firstAtDiversion: boolean, context: LeadContext) {
  const made = sampleYear(standing.sampleKey);
  const known = Number.isFinite(made);
  // A facet no history of this standing could show; the spreads and the baseline always could.
  const possible: Record<StoryFacet, boolean> = {
    post_embargo: !known || context.embargoes.some((e) => made >= year(e.start)),
    diversion_origin: firstAtDiversion,
    spread_country: true,
    spread_region: true,
    not_in_baseline: true,
    rapid_diversion: !known || year(standing.firstSeen) - made <= context.settings.rapidDiversionYears,
  };
  const { weight } = sampleWeight(standing, context.theatreScale, context.settings);
  const materiel = materielFactor(standing.sampleKey, standing.marked);
  const specific = specificity(weight, standing.incidents, materiel);
  const strongest = (facet: StoryFacet) =>
    facet === 'post_embargo' ? Math.max(FACET_VALUE[facet], SAME_YEAR_EMBARGO) : FACET_VALUE[facet];
  return scored(
    storyFacets
      .filter((f) => possible[f])
      .map((facet) => facetTerm(facet, strongest(facet), specific, materiel)),
  ).score;
}

/** One facet of a story: the incidents it rests on (earliest first), in words and in data. */
interface FacetFact {
  facet: StoryFacet;
  value: number;
  incidents: IncidentFact[];
  sentence: string;
  detail: Record<string, unknown>;
}

/** Produced after an embargo began, and recovered where (or by whom) it was in force. */
function embargoFacet(history: IncidentFact[], made: number | null, context: LeadContext): FacetFact[] {
  if (made === null) return [];
  const breaches = history.flatMap((incident) => {
    const chain = actorAndAncestors(incident.actorId, context);
    return context.embargoes
      .filter(
        (e) =>
          e.start <= incident.date &&
          (e.end === null || incident.date <= e.end) &&
          made >= year(e.start) &&
          (e.scope === 'territory'
            ? e.country === incident.country
            : e.actorIds.some((id) => chain.includes(id))),
      )
      .map((embargo) => ({ incident, embargo }));
  });
  if (breaches.length === 0) return [];
  // The strongest breach: production after the start year beats production in it.
  const after = breaches.filter((b) => made > year(b.embargo.start));
  const shown = after.length > 0 ? after : breaches;
  const { embargo } = shown[0]!;
  const at = [...new Map(shown.map((b) => [b.incident.id, b.incident])).values()];
  const sameYear = after.length === 0;
  return [
    {
      facet: 'post_embargo',
      value: sameYear ? SAME_YEAR_EMBARGO : FACET_VALUE.post_embargo,
      incidents: at,
      sentence: `produced in ${made}, ${sameYear ? 'the year' : 'after'} the ${embargo.regime} began (${embargo.start}), and recovered at ${refList(at)} while it was in force`,
      detail: {
        regime: embargo.regime,
        scope: embargo.scope,
        start: embargo.start,
        sameYear,
        incidents: at.map((i) => i.ref),
      },
    },
  ];
}

/**
 * First documented at a diversion event (capture, theft, loss), then used elsewhere. A sample
 * already in circulation before the event may have come from anywhere: that says nothing.
 */
function diversionFacet(history: IncidentFact[]): FacetFact[] {
  const event = history.filter((i) => i.date === history[0]!.date).find(isDiversion);
  if (!event) return [];
  const later = history.filter((i) => !isDiversion(i) && i.date > event.date);
  if (later.length === 0) return [];
  return [
    {
      facet: 'diversion_origin',
      value: FACET_VALUE.diversion_origin,
      incidents: [event, ...later],
      sentence: `documented at the diversion event ${event.ref} (${event.date}) before ${later.length} later incident${later.length > 1 ? 's' : ''}, first ${later[0]!.ref} (${later[0]!.date}): that diversion is its likely origin`,
      detail: { event: event.ref, type: event.type, date: event.date, later: later.length },
    },
  ];
}

/**
 * How firmly a sample was held to its area before it left: √(incidents × time), each as a share
 * of four times the least that counts (`spreadMinPriorIncidents` beyond the first,
 * `spreadConfinementMonths`). A lot seen twice in one region over six months then elsewhere has
 * barely moved, as a group's supply ordinarily does; one seen at six incidents over two years in
 * one area, then across a border, marks a supply line spreading.
 */
export function confinement(prior: number, months: number, settings: LeadSettings): number {
  const { spreadMinPriorIncidents: least, spreadConfinementMonths: span } = settings;
  const often = Math.min(1, (prior - 1) / Math.max(1, 4 * (least - 1)));
  const long = Math.min(1, months / (4 * span));
  return Math.sqrt(often * long);
}

/** First appearance in a new country (or region) after staying in its area for a while. */
function spreadFacets(history: IncidentFact[], context: LeadContext): FacetFact[] {
  const { spreadConfinementMonths, spreadMinPriorIncidents } = context.settings;
  const regions = new Set<string>();
  const countries = new Set<string>();
  const moves: {
    incident: IncidentFact;
    newCountry: boolean;
    months: number;
    prior: number;
    area: string[];
  }[] = [];
  let areaSince: string | null = null;
  let prior = 0;
  for (const incident of history) {
    const region = `${incident.country}/${incident.admin1 ?? ''}`;
    const newCountry = !countries.has(incident.country);
    const newRegion = incident.admin1 !== null && !regions.has(region);
    if ((newCountry || newRegion) && areaSince !== null) {
      const months = monthsBetween(areaSince, incident.date);
      if (prior >= spreadMinPriorIncidents && months >= spreadConfinementMonths)
        moves.push({ incident, newCountry, months, prior, area: [...regions].sort() });
    }
    if (newCountry || newRegion || areaSince === null) areaSince = incident.date;
    countries.add(incident.country);
    if (incident.admin1 !== null) regions.add(region);
    prior++;
  }
  const facets: FacetFact[] = [];
  for (const newCountry of [true, false]) {
    const found = moves.filter((m) => m.newCountry === newCountry);
    if (found.length === 0) continue;
    const m = found[0]!;
    const confined = Math.max(...found.map((f) => confinement(f.prior, f.months, context.settings)));
    const place = newCountry ? m.incident.country : `${m.incident.admin1} (${m.incident.country})`;
    facets.push({
      facet: newCountry ? 'spread_country' : 'spread_region',
      value: FACET_VALUE[newCountry ? 'spread_country' : 'spread_region'] * confined,
      incidents: found.map((f) => f.incident),
      sentence: `after ${m.months} months only in ${m.area.join(', ')} (${m.prior} incidents), it reached ${newCountry ? 'a new country' : 'a new region'}, ${place}, at ${m.incident.ref} (${m.incident.date})${found.length > 1 ? `, then ${found.length - 1} more` : ''}`,
      detail: {
        confinement: round(confined),
        moves: found.map((f) => ({
          incident: f.incident.ref,
          date: f.incident.date,
          country: f.incident.country,
          admin1: f.incident.admin1,
          months: f.months,
          priorIncidents: f.prior,
          previousArea: f.area,
        })),
      },
    });
  }
  return facets;
}

/**
 * Recovered in a country whose forces' holdings are documented for its category, but not among
 * them. A country without baseline rows of that category says nothing either way.
 */
function baselineFacet(history: IncidentFact[], item: ItemFact, context: LeadContext): FacetFact[] {
  if (item.category !== 'weapon' && item.category !== 'ammunition') return [];
  const countries: { country: string; holders: string[]; incidents: IncidentFact[] }[] = [];
  for (const [country, found] of groupBy(history, (i) => i.country)) {
    const baseline = (context.baselines.get(country) ?? []).filter((row) => row.category === item.category);
    if (baseline.length === 0 || baseline.some((row) => baselineHolds(row, item))) continue;
    countries.push({
      country,
      holders: [...new Set(baseline.map((b) => b.holder))].sort(),
      incidents: found,
    });
  }
  if (countries.length === 0) return [];
  return [
    {
      facet: 'not_in_baseline',
      value: FACET_VALUE.not_in_baseline,
      incidents: countries.flatMap((c) => c.incidents).sort(byDateThenRef),
      sentence: `not among the ${item.category} known to be held by ${countries.map((c) => `${c.holders.join(', ')} (${c.country})`).join('; ')}: likely trafficked rather than diverted from national stocks`,
      detail: {
        countries: countries.map((c) => ({
          country: c.country,
          holders: c.holders,
          incidents: c.incidents.length,
        })),
      },
    },
  ];
}

/** Used within `rapidDiversionYears` of production, away from any diversion event. */
function rapidFacet(history: IncidentFact[], made: number | null, context: LeadContext): FacetFact[] {
  if (made === null) return [];
  const soon = history.filter((i) => {
    const age = year(i.date) - made;
    return age >= 0 && age <= context.settings.rapidDiversionYears && !isDiversion(i);
  });
  if (soon.length === 0) return [];
  const age = year(soon[0]!.date) - made;
  return [
    {
      facet: 'rapid_diversion',
      value: FACET_VALUE.rapid_diversion,
      incidents: soon,
      sentence: `produced in ${made} and in use ${age === 0 ? 'the same year' : `${age} year${age > 1 ? 's' : ''} later`} (${refList(soon)}): diverted soon after production`,
      detail: { produced: made, years: age, incidents: soon.length },
    },
  ];
}

import { DIVERSION_EVENTS, type IncidentFact, type ItemFact, type Lead, type LeadContext } from './facts';
import { incidentTypes } from '../incidents/vocabulary';
import type { ItemCategory } from '../items/vocabulary';
import { byDateThenRef, ids, refList, withScore } from './describe';
import type { LeadSettings } from './settings';
import { groupBy } from '../core/collections';
import { ageFactor, OLD_PRODUCTION_LOSS, type ScoreTerm } from './weight';

// Pure detection of the findings about a type and a serial number: each function sees one slice
// of the theatre and returns its findings. The engine decides which slices to load; full and
// incremental runs share these functions (and those of story.ts, clusters.ts, attribution.ts).

const isDiversion = (incident: IncidentFact) => DIVERSION_EVENTS.includes(incident.type);
const typeLabel = (incident: IncidentFact) => incidentTypes.label(incident.type, 'en').toLowerCase();

function monthsAfter(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const ARMS: readonly ItemCategory[] = ['weapon', 'ammunition', 'explosive'];

/**
 * Crew-served weapons and their ammunition (the light weapons of the UN definition): a first one
 * in theatre is a new capability, not one more rifle.
 */
const LIGHT_WEAPON_TYPES = new Set([
  'heavy machine gun',
  'anti-aircraft gun',
  'recoilless gun',
  'rocket launcher',
  'grenade launcher',
  'mortar',
  'anti-tank guided missile',
  'man-portable air-defence system',
]);
/** Calibres of 12.7 mm and above (`12.7x108`, `14.5x114`, `82mm`, `107mm`) serve light weapons. */
function lightWeapon(dimension: string, key: string, context: Pick<LeadContext, 'modelTypes'>) {
  if (dimension === 'model') return LIGHT_WEAPON_TYPES.has(context.modelTypes.get(key) ?? '');
  const bore = Number(/^(\d+(?:\.\d+)?)/.exec(key)?.[1]);
  return Number.isFinite(bore) && bore >= 12.7;
}

// --- Slice: the first appearances of one model or calibre ------------------------------------

/** new_type: `typeKey` is `model:<key>` or `calibre:<key>`; items are those at its earliest incidents. */
export function detectTypeLead(
  typeKey: string,
  firstItems: ItemFact[],
  documentedAt: number,
  incidents: Map<number, IncidentFact>,
  context: Pick<LeadContext, 'theatreStart' | 'settings' | 'modelTypes' | 'knownCalibres'>,
): Lead | undefined {
  const [dimension, key] = typeKey.split(/:(.*)/s) as [string, string];
  // Only what the reference lists name is a type: free text ("AK 30-round magazine") or a
  // misread calibre would otherwise be "new in theatre" at its first typing.
  const listed = dimension === 'model' ? context.modelTypes.has(key) : context.knownCalibres.has(key);
  if (!listed) return undefined;
  const at = [...new Set(firstItems.map((i) => i.incidentId))]
    .map((id) => incidents.get(id)!)
    .sort(byDateThenRef);
  const first = at[0]!;
  // Vehicles and IED components are documented for context, not tracked as arms in theatre.
  if (!firstItems.some((i) => ARMS.includes(i.category))) return undefined;
  // What the register holds from its first months is the theatre's inventory, not news.
  if (
    context.theatreStart === null ||
    first.date < monthsAfter(context.theatreStart, context.settings.newTypeAfterMonths)
  )
    return undefined;
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
      explanation: `First documented appearance in the theatre of the ${dimension} ${key}: ${refList(at)} (${first.date}), after ${context.theatreStart} when the register begins.`,
      evidence: {
        [dimension]: key,
        firstSeen: first.date,
        theatreStart: context.theatreStart,
        incidents: documentedAt,
        ...(dimension === 'model' && context.modelTypes.has(key)
          ? { type: context.modelTypes.get(key) }
          : {}),
      },
    },
    typeTerms(
      dimension,
      lightWeapon(dimension, key, context),
      documentedAt - at.length,
      newestProduction(firstItems),
      first.date,
      context.settings,
    ),
  );
}

/**
 * A new type's strength: new materiel in theatre, the first thing a cell watches for and rare by
 * nature (a handful in years); a new capability when it serves light weapons; established when
 * seen again. Production long before its first appearance takes up to 60% off: a decades-old
 * rifle first documented late is old stock surfacing, not a new supply.
 */
export function typeTerms(
  dimension: string,
  light: boolean,
  laterIncidents: number,
  produced: number | null,
  firstSeen: string,
  settings: LeadSettings,
): ScoreTerm[] {
  const terms = [
    { term: `first_${dimension}`, value: dimension === 'calibre' ? 0.7 : 0.6 },
    { term: 'light_weapon', value: light ? 0.25 : 0 },
    { term: 'seen_again', value: 0.25 * Math.min(1, laterIncidents / 2) },
  ];
  const oldness =
    produced === null ? 0 : (1 - ageFactor(produced, firstSeen, settings)) / OLD_PRODUCTION_LOSS;
  const subtotal = terms.reduce((sum, t) => sum + t.value, 0);
  return [...terms, { term: 'old_production', value: -0.6 * oldness * subtotal }];
}

/** The latest production year among a type's first items: the freshest says most. */
const newestProduction = (items: ItemFact[]) => {
  const years = items.flatMap((i) => (i.year === null ? [] : [i.year]));
  return years.length > 0 ? Math.max(...years) : null;
};

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
            part: diversionPart(event.id),
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
              recoveries: [{ serial: item.serial ?? serialKey, incident: incident.ref, date: incident.date }],
            },
          },
          serialTerms(1),
        ),
      );
    }
  }
  return leads;
}

/** Serial numbers recorded at one diversion event and found again later are one finding. */
export const diversionPart = (eventId: number) => `diversion:${eventId}`;
/** The diversion event a part names. */
export const diversionEventOf = (part: string) => Number(part.slice('diversion:'.length));

/** Certain by its nature; each further item of the event found again adds a little. */
const serialTerms = (recoveries: number): ScoreTerm[] => [
  { term: 'same_serial_after_diversion', value: 0.95 },
  { term: 'recoveries', value: 0.05 * Math.min(1, (recoveries - 1) / 3) },
];

/**
 * The matches of one diversion event told together: the items recorded at a theft or capture
 * and found again later, each match in `evidence.recoveries` (earliest first). One match stays
 * the serial number's finding.
 */
export function groupDiversions(matches: Lead[], incidents: Map<number, IncidentFact>): Lead[] {
  return [...groupBy(matches, (m) => m.part).values()].map((list) => {
    if (list.length === 1) return list[0]!;
    const event = incidents.get(diversionEventOf(list[0]!.part))!;
    const recoveries = list
      .flatMap((m) => m.evidence.recoveries as { serial: string; incident: string; date: string }[])
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.serial < b.serial ? -1 : 1));
    const found = [...new Set(list.map((m) => m.incidentIds[1]!))]
      .map((id) => incidents.get(id)!)
      .sort(byDateThenRef);
    const actors = [...new Set(list.map((m) => m.actorId))];
    return withScore(
      {
        kind: 'diversion_match',
        subject: `event:${event.id}`,
        part: list[0]!.part,
        incidentIds: [event.id, ...found.map((i) => i.id)],
        itemIds: ids(list.flatMap((m) => m.itemIds.map((id) => ({ id })))),
        sampleKeys: [...new Set(list.flatMap((m) => m.sampleKeys))].sort(),
        actorId: actors.length === 1 ? actors[0]! : null,
        date: found[found.length - 1]!.date,
        explanation: `${recoveries.length} items recorded at the diversion event ${event.ref} (${typeLabel(event)}, ${event.date}) were found again later: ${recoveries.map((r) => `${r.serial} at ${r.incident} (${r.date})`).join(', ')}.`,
        evidence: {
          serial: list[0]!.evidence.serial,
          diversionEvent: event.ref,
          diversionDate: event.date,
          recoveries,
        },
      },
      serialTerms(recoveries.length),
    );
  });
}

import { calibres } from '../reference/data/calibres';
import type { IncidentFact, ItemFact, LeadContext, LinkingOccurrence } from '../leads/facts';
import { defaultLeadSettings } from '../leads/settings';
import { sampleWeight } from '../leads/weight';

// Factories for the leads engine's pure functions: a theatre is written as a few incidents and
// items, and each test states only what matters to it.

let nextId = 1;
/** A fresh id for an incident, an item or an occurrence. */
export const nextFactId = () => nextId++;

export const JNIM = 1;
export const MACINA = 2;
export const ISGS = 3;

export function incident(overrides: Partial<IncidentFact> = {}): IncidentFact {
  const id = overrides.id ?? nextFactId();
  return {
    id,
    ref: `INC-${id}`,
    date: '2020-01-01',
    type: 'ied_attack',
    country: 'ML',
    admin1: 'Mopti',
    actorId: null,
    ...overrides,
  };
}

/** An item at `at`: a weapon with nothing known unless `overrides` say so. */
export function item(at: IncidentFact, overrides: Partial<ItemFact> = {}): ItemFact {
  const id = overrides.id ?? nextFactId();
  return {
    id,
    ref: `ITEM-${id}`,
    incidentId: at.id,
    category: 'weapon',
    sampleKey: null,
    modelKey: null,
    calibreKey: null,
    manufacturerKey: null,
    year: null,
    lot: null,
    serial: null,
    serialKey: null,
    quantity: 1,
    ...overrides,
  };
}

/** A theatre of 512 incidents begun in 2012, with JNIM, its Katibat Macina, and ISGS. */
export function leadContext(overrides: Partial<LeadContext> = {}): LeadContext {
  return {
    settings: defaultLeadSettings,
    theatreScale: 512,
    theatreStart: '2012-01-01',
    modelTypes: new Map(),
    knownCalibres: new Set(calibres.map((c) => c.key)),
    actors: new Map([
      [JNIM, { name: 'JNIM', parentId: null }],
      [MACINA, { name: 'Katibat Macina', parentId: JNIM }],
      [ISGS, { name: 'ISGS', parentId: null }],
    ]),
    embargoes: [],
    baselines: new Map(),
    ...overrides,
  };
}

export const byId = (...list: IncidentFact[]) => new Map(list.map((i) => [i.id, i]));

/** An occurrence of a sample documented at `incidents` incidents, weighed as the engine does. */
export const occurrence = (
  sampleKey: string,
  at: IncidentFact,
  incidents: number,
  {
    scale = 512,
    firstSeen = '2020-01-01',
    marked = false,
    serialKey = null,
  }: { scale?: number; firstSeen?: string; marked?: boolean; serialKey?: string | null } = {},
): LinkingOccurrence => ({
  sampleKey,
  incidentId: at.id,
  itemId: nextFactId(),
  serialKey,
  serial: null,
  incidents,
  weight: sampleWeight({ sampleKey, incidents, firstSeen, marked }, scale, defaultLeadSettings).weight,
});

// Default import: mgrs ships a UMD bundle, whose named exports Node's ESM loader cannot see
// (`import { forward } from 'mgrs'` works under vitest but fails under tsx/node).
import mgrs from 'mgrs';
import {
  incidentTypes,
  type Attribution,
  type Classification,
  type IncidentType,
} from '../incidents/vocabulary';
import type { EntityKind, RawRow } from '../records/entity';
import { describe, lotFor, type ItemDraft, type ItemRow } from './items';
import { Random } from './random';
import { ACTORS } from './theatre/actors';
import { BASELINES } from './theatre/baselines';
import { EMBARGOES } from './theatre/embargoes';
import {
  ATTACKS,
  YEAR_WEIGHTS,
  actorFor,
  casualtiesFor,
  classificationFor,
  sourceFor,
  summaryFor,
  targetFor,
  typesFor,
  type Casualties,
} from './theatre/incidents';
import { backgroundKit } from './theatre/kits';
import { PLACES, placeNamed, type Place } from './theatre/places';
import { PLANTS, type Materiel, type Plant } from './theatre/planted';
import { cellDate, randomDay, refDate, when, type When } from './when';

/**
 * A synthetic but plausible register for a Sahel theatre, 2013–2024 (Mali mainly, with
 * Burkina Faso, Niger and Côte d'Ivoire), as an analysis cell would have typed it: real place
 * names, headstamp codes and calibres spelled in the many ways field teams write them.
 *
 * On top of background noise it plants the patterns of the domain brief (domain.md) that the leads engine
 * must find; each is marked `PLANTED` in theatre/. Producers chosen for planted samples are
 * illustrative: the data is invented and no row is a finding about any state or company.
 *
 * Deterministic: everything random comes from one seeded PRNG, so the same options always
 * give the same rows.
 */

export interface DemoOptions {
  seed?: number;
  /** Total incidents; the planted ones are always included, background fills up the rest. */
  incidents?: number;
}

const DEFAULT_SEED = 20150807;
const DEFAULT_INCIDENTS = 400;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

type IncidentRow = {
  ref: string;
  date: string;
  type: string;
  country: string;
  admin1: string;
  place: string;
  lat: string;
  lon: string;
  mgrs: string;
  target: string;
  actor: string;
  attribution: string;
  killed: string;
  injured: string;
  peacekeepers_killed: string;
  peacekeepers_injured: string;
  summary: string;
  source: string;
  classification: string;
};

interface IncidentDraft {
  at: When;
  type: IncidentType;
  place: Place;
  actor: string;
  attribution: Attribution | '';
  target: string;
  casualties: Casualties | undefined;
  summary: string;
  source: string;
  classification: Classification;
  /** Located by an MGRS grid reference rather than lat/lon. */
  grid: boolean;
  items: ItemDraft[];
}

// ---------------------------------------------------------------------------------------------
// Incidents
// ---------------------------------------------------------------------------------------------

function backgroundIncident(rng: Random): IncidentDraft {
  const year = Number(rng.weightedKey(YEAR_WEIGHTS));
  const p = rng.weighted(
    PLACES.filter((x) => x.from <= year),
    (x) => x.weight,
  );
  const type = rng.weightedKey(typesFor(p.zone));
  const monthOnly = !ATTACKS.includes(type) && type !== 'assassination' && rng.chance(0.08);
  const day = randomDay(rng, year);
  const at: When = monthOnly ? when(day.slice(0, 7)) : when(day);
  const target = targetFor(rng, p, at.date, type);
  return {
    at,
    type,
    place: p,
    ...actorFor(rng, p, at.date, type),
    target,
    casualties: casualtiesFor(rng, type, target),
    summary: summaryFor(type, target, p),
    source: sourceFor(rng, type, p),
    classification: classificationFor(rng),
    grid: rng.chance(0.04),
    items: backgroundKit(rng, type, at, p.zone),
  };
}

function plantedItems(rng: Random, materiel: readonly Materiel[], at: When): ItemDraft[] {
  const items: ItemDraft[] = [];
  for (const m of materiel) {
    const rows = m.rows ?? 1;
    for (let i = 0; i < rows; i++) {
      const item = describe(rng, m.sample, at, false);
      item.condition = m.condition;
      if (item.category === 'ammunition' && m.condition === 'fired') item.type = 'cartridge case';
      if (!item.serial && m.quantity) item.quantity = String(rng.int(m.quantity[0], m.quantity[1]));
      if (m.lot) item.lot = lotFor(rng, item);
      if (m.notes) item.notes = m.notes;
      items.push(item);
    }
  }
  return items;
}

function plantedIncident(rng: Random, plant: Plant): IncidentDraft {
  const at = when(plant.date);
  const p = placeNamed(plant.place);
  const target = plant.target ?? '';
  const c = plant.casualties;
  return {
    at,
    type: plant.type,
    place: p,
    actor: plant.actor ?? '',
    attribution: plant.attribution ?? '',
    target,
    casualties: c
      ? { killed: c[0], injured: c[1], pkKilled: c[2], pkInjured: c[3] }
      : casualtiesFor(rng, plant.type, target),
    summary: plant.summary ?? summaryFor(plant.type, target, p),
    source: sourceFor(rng, plant.type, p),
    classification: plant.classification ?? classificationFor(rng),
    grid: false,
    items: [
      ...plantedItems(rng, plant.materiel, at),
      ...(plant.kit === false ? [] : backgroundKit(rng, plant.type, at, p.zone)),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------------

function location(rng: Random, draft: IncidentDraft): Pick<IncidentRow, 'lat' | 'lon' | 'mgrs'> {
  const spread =
    draft.place.zone === 'ivoire' || draft.place.name === 'Bamako' || draft.place.name === 'Ouagadougou'
      ? 0.02
      : 0.08;
  const lat = rng.jitter(draft.place.lat, spread);
  const lon = rng.jitter(draft.place.lon, spread);
  if (draft.grid) return { lat: '', lon: '', mgrs: mgrs.forward([lon, lat], 4) };
  return { lat: lat.toFixed(4), lon: lon.toFixed(4), mgrs: '' };
}

const count = (n: number | undefined) => (n === undefined ? '' : String(n));

function incidentRow(rng: Random, draft: IncidentDraft, ref: string): IncidentRow {
  const c = draft.casualties;
  return {
    ref,
    date: cellDate(draft.at),
    type: draft.type,
    country: draft.place.country,
    admin1: draft.place.admin1,
    place: draft.place.name,
    ...location(rng, draft),
    target: draft.target,
    actor: draft.actor,
    attribution: draft.attribution,
    killed: count(c?.killed),
    injured: count(c?.injured),
    peacekeepers_killed: count(c?.pkKilled),
    peacekeepers_injured: count(c?.pkInjured),
    summary: draft.summary,
    source: draft.source,
    classification: draft.classification,
  };
}

/** `YYMMDD <Type label>, <place>`, with ` (2)`, ` (3)`… when two case files would clash. */
function uniqueRef(draft: IncidentDraft, taken: Set<string>): string {
  const base = `${refDate(draft.at)} ${incidentTypes.label(draft.type, 'en')}, ${draft.place.name}`;
  let ref = base;
  for (let n = 2; taken.has(ref); n++) ref = `${base} (${n})`;
  taken.add(ref);
  return ref;
}

export function generateDemo(options: DemoOptions = {}): Record<EntityKind, RawRow[]> {
  const rng = new Random(options.seed ?? DEFAULT_SEED);
  const total = options.incidents ?? DEFAULT_INCIDENTS;
  const drafts = PLANTS.map((plant) => plantedIncident(rng, plant));
  for (let i = drafts.length; i < total; i++) drafts.push(backgroundIncident(rng));
  const ordered = drafts
    .map((draft, i) => ({ draft, i }))
    .sort((a, b) => a.draft.at.date.localeCompare(b.draft.at.date) || a.i - b.i)
    .map(({ draft }) => draft);

  const taken = new Set<string>();
  const incidents: IncidentRow[] = [];
  const items: ItemRow[] = [];
  for (const draft of ordered) {
    const ref = uniqueRef(draft, taken);
    incidents.push(incidentRow(rng, draft, ref));
    for (const item of draft.items)
      items.push({ ref: `M-${String(items.length + 1).padStart(5, '0')}`, incident_ref: ref, ...item });
  }

  return {
    actors: ACTORS.map((a) => ({ ...a })),
    incidents,
    items,
    baselines: BASELINES.map((b) => ({ ...b })),
    embargoes: EMBARGOES.map((e) => ({ ...e })),
  };
}

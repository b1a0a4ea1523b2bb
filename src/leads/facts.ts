import type { IncidentType } from '../incidents/vocabulary';
import type { ItemCategory } from '../items/vocabulary';
import type { LeadSettings } from './settings';

/** An incident as the leads engine sees it. */
export interface IncidentFact {
  id: number;
  ref: string;
  /** First day of the documented period (see `date_precision`). */
  date: string;
  type: IncidentType;
  country: string;
  admin1: string | null;
  actorId: number | null;
}

/** An item as the leads engine sees it: its normalised identity, not its raw text. */
export interface ItemFact {
  id: number;
  ref: string;
  incidentId: number;
  category: ItemCategory;
  sampleKey: string | null;
  modelKey: string | null;
  calibreKey: string | null;
  manufacturerKey: string | null;
  year: number | null;
  lot: string | null;
  serial: string | null;
  serialKey: string | null;
  quantity: number;
}

export interface EmbargoFact {
  id: number;
  regime: string;
  scope: 'territory' | 'actors';
  country: string | null;
  actorIds: number[];
  start: string;
  end: string | null;
}

export interface BaselineFact {
  holder: string;
  category: string;
  modelKey: string | null;
  calibreKey: string | null;
  manufacturerKey: string | null;
  year: number | null;
}

/** What every lead may consult besides incidents and items: small, loaded whole. */
export interface LeadContext {
  settings: LeadSettings;
  /** The theatre's size as evidence weights see it (`theatreScale` in weight.ts). */
  theatreScale: number;
  /** The date of the register's earliest incident: what is new is judged from there. */
  theatreStart: string | null;
  /** Each known model's type (`assault rifle`, `heavy machine gun`…), from the reference list. */
  modelTypes: Map<string, string>;
  /**
   * The calibres of the reference list. A model or calibre not listed (free text such as "AK
   * 30-round magazine") is kept on its item but is not news: it becomes a new type in theatre
   * only once an analyst adds it to the reference lists.
   */
  knownCalibres: Set<string>;
  actors: Map<number, { name: string; parentId: number | null }>;
  embargoes: EmbargoFact[];
  baselines: Map<string, BaselineFact[]>;
}

/** The kinds of finding (docs/leads.md). */
export const leadKinds = [
  'linked_incidents',
  'sample_story',
  'diversion_match',
  'attribution',
  'new_type',
] as const;
export type LeadKind = (typeof leadKinds)[number];

/** The facets of a sample's story (story.ts), strongest kind first. */
export const storyFacets = [
  'post_embargo',
  'diversion_origin',
  'spread_country',
  'spread_region',
  'not_in_baseline',
  'rapid_diversion',
] as const;
export type StoryFacet = (typeof storyFacets)[number];

export interface Lead {
  kind: LeadKind;
  /** What the lead is about; (kind, subject) is unique and stable across recomputations. */
  subject: string;
  /** The slice of data the lead was computed from: an update recomputes whole slices. */
  part: string;
  incidentIds: number[];
  itemIds: number[];
  sampleKeys: string[];
  actorId: number | null;
  /** 0–1: how strongly the evidence supports the lead; `evidence.scoreTerms` sum to it. */
  score: number;
  /** When what the lead reports happened. */
  date: string;
  explanation: string;
  evidence: Record<string, unknown>;
}

/** Incidents where materiel left the control of its lawful holder. */
export const DIVERSION_EVENTS: readonly IncidentType[] = ['battlefield_capture', 'theft_loss'];

/** Attacks: violence with a perpetrator to name, what attribution is for above all. */
export const ATTACKS: readonly IncidentType[] = [
  'ied_attack',
  'indirect_fire',
  'small_arms_fire',
  'complex_attack',
  'vehicle_ied',
  'assassination',
];

/** One occurrence of a linking sample: a sample whose evidence weight reaches `linkMinWeight`. */
export interface LinkingOccurrence {
  sampleKey: string;
  incidentId: number;
  itemId: number;
  /** The item's serial number as it is matched (`serial_key` in SQL), if it bears one. */
  serialKey: string | null;
  /** The same number as it was written, to show. */
  serial: string | null;
  /** How many incidents the sample is documented at, in the whole theatre. */
  incidents: number;
  /** The sample's evidence weight (`sampleWeight` in weight.ts), the same at every occurrence. */
  weight: number;
}

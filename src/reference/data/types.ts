import type { ReferenceField } from '../vocabulary';

export type CalibreKind =
  | 'small_arms'
  | 'heavy_machine_gun'
  | 'cannon'
  | 'mortar'
  | 'rocket'
  | 'grenade'
  | 'artillery'
  | 'other';
export interface CalibreRef {
  key: string;
  label: string;
  kind: CalibreKind;
  aliases: string[];
}
export type Confidence = 'high' | 'medium' | 'low';
/** What a producer makes: a maker is matched only to items of a kind it makes. */
export type MakerProduct = 'weapons' | 'ammunition' | 'explosives' | 'vehicles';
export interface ManufacturerRef {
  key: string;
  name: string;
  /** The producing state when the codes were in use (SU, YU, CS for factories of those eras). */
  country: string;
  makes: MakerProduct[];
  /** Where the works stand today (ISO alpha-2), the addressee of a tracing request; `country` when absent. */
  location?: string;
  /** Years the listed codes were in use: first, and last or null while still in use. */
  years?: [number, number | null];
  /** Calibre keys the producer is known to load, when short enough to settle a shared code. */
  calibres?: string[];
  headstampCodes: string[];
  aliases: string[];
  source: string;
  confidence: Confidence;
}
export type ModelCategory = 'weapon' | 'ammunition' | 'explosive';
export interface ModelRef {
  key: string;
  label: string;
  category: ModelCategory;
  type: string;
  calibre: string | null;
  aliases: string[];
}

/** A value as field teams write it, mapped once by an analyst to a reference entry's key. */
export interface ReferenceMapping {
  field: ReferenceField;
  written: string;
  target: string;
}

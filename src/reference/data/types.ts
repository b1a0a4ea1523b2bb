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
export interface ManufacturerRef {
  key: string;
  name: string;
  country: string;
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

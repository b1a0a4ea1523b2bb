-- Findings follow writes instead of being computed inside them (docs/leads.md, "The queue"):
-- `leads_pending` is the durable queue a background worker drains, and the engine reads where
-- each sample, model and calibre stands from an index kept on write instead of from its history.

-- When a change was queued: how far behind the findings are.
ALTER TABLE leads_pending ADD COLUMN queued_at timestamptz NOT NULL DEFAULT now();

-- Where each sample, model and calibre is documented: one row per key and live incident, with the
-- incident's date and whether an item there carries a lot or serial number. How many incidents a
-- sample is at, when it was first seen and whether it is marked (all its evidence weight needs)
-- are read from the primary key alone, however common the sample; a type's first appearance too.
CREATE TABLE materiel_incidents (
  kind text NOT NULL CHECK (kind IN ('sample', 'model', 'calibre')),
  key text NOT NULL,
  date date NOT NULL,
  incident_id integer NOT NULL,
  marked boolean NOT NULL,
  PRIMARY KEY (kind, key, date, incident_id) INCLUDE (marked)
);
CREATE INDEX materiel_incidents_incident_idx ON materiel_incidents (incident_id);

-- Rebuilds the rows of these incidents from their items: the cost is that of the incidents'
-- items, not of the samples' histories. A deleted incident has none, nor does a deleted item count.
CREATE FUNCTION materiel_incidents_at(ids integer[]) RETURNS void AS $$
  DELETE FROM materiel_incidents USING unnest(ids) AS at(id) WHERE materiel_incidents.incident_id = at.id;
  INSERT INTO materiel_incidents (kind, key, date, incident_id, marked)
  SELECT k.kind, k.key, incidents.date, incidents.id, bool_or(items.lot IS NOT NULL OR items.serial_key IS NOT NULL)
    FROM unnest(ids) AS at(id)
    JOIN incidents ON incidents.id = at.id AND incidents.deleted_at IS NULL
    JOIN items ON items.incident_id = at.id AND items.deleted_at IS NULL
   CROSS JOIN LATERAL (VALUES ('sample', items.sample_key), ('model', items.model_key),
                              ('calibre', items.calibre_key)) AS k(kind, key)
   WHERE k.key IS NOT NULL
   GROUP BY k.kind, k.key, incidents.date, incidents.id;
$$ LANGUAGE sql;

CREATE FUNCTION materiel_incidents_items() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- New items only add to where their keys stand: no need to read the incidents' other items.
    INSERT INTO materiel_incidents AS m (kind, key, date, incident_id, marked)
    SELECT k.kind, k.key, incidents.date, incidents.id, bool_or(new_rows.lot IS NOT NULL OR new_rows.serial_key IS NOT NULL)
      FROM new_rows
      JOIN incidents ON incidents.id = new_rows.incident_id AND incidents.deleted_at IS NULL
      AND new_rows.deleted_at IS NULL
     CROSS JOIN LATERAL (VALUES ('sample', new_rows.sample_key), ('model', new_rows.model_key),
                                ('calibre', new_rows.calibre_key)) AS k(kind, key)
     WHERE k.key IS NOT NULL
     GROUP BY k.kind, k.key, incidents.date, incidents.id
    ON CONFLICT (kind, key, date, incident_id) DO UPDATE SET marked = m.marked OR excluded.marked;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM materiel_incidents_at(array(SELECT DISTINCT incident_id FROM old_rows));
  ELSE
    PERFORM materiel_incidents_at(array(
      SELECT incident_id FROM old_rows UNION SELECT incident_id FROM new_rows));
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER items_materiel_insert AFTER INSERT ON items
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION materiel_incidents_items();
CREATE TRIGGER items_materiel_update AFTER UPDATE ON items
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION materiel_incidents_items();
CREATE TRIGGER items_materiel_delete AFTER DELETE ON items
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION materiel_incidents_items();

-- An incident's date or deletion moves its rows; other changes to it leave them as they are.
CREATE FUNCTION materiel_incidents_incidents() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM materiel_incidents WHERE incident_id IN (SELECT id FROM old_rows);
  ELSE
    PERFORM materiel_incidents_at(array(
      SELECT new_rows.id FROM new_rows JOIN old_rows ON old_rows.id = new_rows.id
       WHERE new_rows.date IS DISTINCT FROM old_rows.date
          OR new_rows.deleted_at IS DISTINCT FROM old_rows.deleted_at));
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER incidents_materiel_update AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION materiel_incidents_incidents();
CREATE TRIGGER incidents_materiel_delete AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION materiel_incidents_incidents();

-- The register as it stands (a restore, whose triggers are off, calls this too).
CREATE FUNCTION materiel_incidents_rebuild() RETURNS void AS $$
  DELETE FROM materiel_incidents;
  SELECT materiel_incidents_at(array(SELECT id FROM incidents));
$$ LANGUAGE sql;

SELECT materiel_incidents_rebuild();
ANALYZE materiel_incidents;

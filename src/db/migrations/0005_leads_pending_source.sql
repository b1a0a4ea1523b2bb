-- Tell a change to an incident itself (its date, place, actor, deletion: every sample it holds
-- is affected) from a change to one of its items (only that item's sample is).
ALTER TABLE leads_pending ADD COLUMN incident_changed boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION leads_mark_incidents() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO leads_pending (incident_id, incident_changed) SELECT id, true FROM old_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO leads_pending (incident_id, incident_changed) SELECT id, true FROM new_rows;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- The planner needs to know the leads table after a full computation fills it.
ANALYZE leads;

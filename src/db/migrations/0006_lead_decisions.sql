-- What the analysis cell decided about a lead (src/leads/decisions.ts). Keyed like the lead itself
-- (kind, subject), which stays the same when the engine recomputes it, so a decision outlives
-- every refresh; if new data makes the lead vanish and come back, its decision comes back with it.
CREATE TABLE lead_decisions (
  kind text NOT NULL,
  subject text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
  -- Why a lead was dismissed (required) or confirmed (optional): the next analyst needs to know.
  reason text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 2000),
  assignee_id integer REFERENCES users (id),
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, subject),
  CHECK (status <> 'dismissed' OR reason IS NOT NULL)
);
CREATE INDEX lead_decisions_assignee_idx ON lead_decisions (assignee_id) WHERE assignee_id IS NOT NULL;

-- The findings inbox of an analysis cell (docs/leads.md, "Inbox").

-- When each finding (by its kind and subject, which survive recomputation) was first found. The
-- engine deletes and re-inserts findings on every refresh, so the findings themselves cannot say
-- what is new; this table only ever gains rows (src/leads/engine.ts, `insertLeads`), and a
-- finding that vanishes and comes back keeps the day it was first found.
CREATE TABLE lead_first_seen (
  kind text NOT NULL,
  subject text NOT NULL,
  first_seen timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, subject)
);
-- The findings stored before this version are as new as the upgrade.
INSERT INTO lead_first_seen (kind, subject) SELECT kind, subject FROM leads ON CONFLICT DO NOTHING;

-- When each user last opened the inbox, so that it can show what was found since.
CREATE TABLE lead_inbox_visits (
  user_id integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  visited_at timestamptz NOT NULL
);

-- Users, sessions and API tokens; drafts, soft deletion and releases to partners (src/access).

CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('administrator', 'analyst', 'documenter', 'reviewer', 'partner')),
  -- The organisation a partner account belongs to (a Panel of Experts, a national authority).
  partner text,
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'partner') = (partner IS NOT NULL))
);

-- Only hashes of session and API tokens are stored: a copy of the database opens no session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE api_tokens (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);

ALTER TABLE incidents ADD COLUMN status text NOT NULL DEFAULT 'validated' CHECK (status IN ('draft', 'validated'));
ALTER TABLE incidents ADD COLUMN created_by integer REFERENCES users (id);
ALTER TABLE incidents ADD COLUMN deleted_at timestamptz;
ALTER TABLE incidents ADD COLUMN deleted_reason text;
CREATE INDEX incidents_live_idx ON incidents (classification) WHERE deleted_at IS NULL;

-- An incident (with its items) released to a partner organisation.
CREATE TABLE releases (
  incident_id integer NOT NULL REFERENCES incidents (id),
  partner text NOT NULL,
  released_by integer REFERENCES users (id),
  released_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, partner)
);
CREATE INDEX releases_partner_idx ON releases (partner);

-- Truncating the audit log would erase it without breaking the chain of what is left.
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- What analysis reads: incidents not deleted, and their items. Deleted records stay for the
-- audit trail and disappear from leads, statistics and lists.
CREATE VIEW live_incidents AS SELECT * FROM incidents WHERE deleted_at IS NULL;
CREATE VIEW live_items AS
  SELECT items.* FROM items JOIN incidents ON incidents.id = items.incident_id WHERE incidents.deleted_at IS NULL;

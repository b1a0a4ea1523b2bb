-- The materiel register: reference data, actors, incidents, items, baselines, embargoes,
-- and the append-only audit log every change is written to.

CREATE TABLE calibres (
  key text PRIMARY KEY,
  label text NOT NULL,
  kind text NOT NULL,
  aliases text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE manufacturers (
  key text PRIMARY KEY,
  name text NOT NULL,
  country text NOT NULL,
  headstamp_codes text[] NOT NULL DEFAULT '{}',
  aliases text[] NOT NULL DEFAULT '{}',
  source text NOT NULL DEFAULT '',
  confidence text NOT NULL DEFAULT 'medium'
);

CREATE TABLE models (
  key text PRIMARY KEY,
  label text NOT NULL,
  category text NOT NULL,
  type text NOT NULL,
  calibre text,
  aliases text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE actors (
  id serial PRIMARY KEY,
  name text NOT NULL,
  name_key text NOT NULL UNIQUE,
  aliases text[] NOT NULL DEFAULT '{}',
  parent_id integer REFERENCES actors (id),
  active_from text,
  active_to text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE incidents (
  id serial PRIMARY KEY,
  ref text NOT NULL UNIQUE,
  date date NOT NULL,
  date_precision text NOT NULL CHECK (date_precision IN ('day', 'month', 'year')),
  type text NOT NULL,
  country text NOT NULL,
  admin1 text,
  place text,
  lat double precision,
  lon double precision,
  mgrs text,
  target text,
  actor_id integer REFERENCES actors (id),
  attribution text NOT NULL,
  killed integer CHECK (killed >= 0),
  injured integer CHECK (injured >= 0),
  peacekeepers_killed integer CHECK (peacekeepers_killed >= 0),
  peacekeepers_injured integer CHECK (peacekeepers_injured >= 0),
  summary text,
  source text,
  classification text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX incidents_date_idx ON incidents (date);
CREATE INDEX incidents_actor_idx ON incidents (actor_id);

CREATE TABLE items (
  id serial PRIMARY KEY,
  ref text NOT NULL UNIQUE,
  incident_id integer NOT NULL REFERENCES incidents (id),
  category text NOT NULL,
  type text,
  model text,
  model_key text,
  calibre text,
  calibre_key text,
  manufacturer text,
  manufacturer_key text,
  country_of_manufacture text,
  origin_country text,
  year integer,
  lot text,
  serial text,
  markings text,
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
  condition text,
  notes text,
  -- The normalised identity that links items across incidents (see src/samples).
  sample_key text,
  sample_lot_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX items_incident_idx ON items (incident_id);
CREATE INDEX items_sample_idx ON items (sample_key);
CREATE INDEX items_serial_idx ON items (serial) WHERE serial IS NOT NULL;

CREATE TABLE baselines (
  id serial PRIMARY KEY,
  -- Baseline rows have no reference of their own: this folded key makes re-import idempotent.
  natural_key text NOT NULL UNIQUE,
  holder text NOT NULL,
  country text NOT NULL,
  category text NOT NULL,
  model text,
  model_key text,
  calibre text,
  calibre_key text,
  manufacturer text,
  manufacturer_key text,
  country_of_manufacture text,
  year integer,
  lot text,
  source text,
  sample_key text
);
CREATE INDEX baselines_country_idx ON baselines (country);

CREATE TABLE embargoes (
  id serial PRIMARY KEY,
  regime text NOT NULL,
  regime_key text NOT NULL UNIQUE,
  scope text NOT NULL CHECK (scope IN ('territory', 'actors')),
  country text,
  start_date date NOT NULL,
  end_date date,
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK (scope <> 'territory' OR country IS NOT NULL)
);

CREATE TABLE embargo_actors (
  embargo_id integer NOT NULL REFERENCES embargoes (id) ON DELETE CASCADE,
  actor_id integer NOT NULL REFERENCES actors (id),
  position integer NOT NULL,
  PRIMARY KEY (embargo_id, actor_id)
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  entity text NOT NULL,
  entity_key text NOT NULL,
  before jsonb,
  after jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_key);

-- The log is append-only: any update or delete through SQL fails; `headstamp audit verify`
-- detects changes made by other means through the hash chain.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- Case files (src/casefiles): what the analysis cell shares with partners. A case file is a
-- document: it keeps its own copy of each incident, item, photo and lead it cites, taken when
-- added, so what a partner received does not change under it and a partner reading it reads
-- nothing of the register outside it.

CREATE TABLE case_files (
  id serial PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  finding text NOT NULL DEFAULT '',
  classification text NOT NULL DEFAULT 'confidential'
    CHECK (classification IN ('public', 'internal', 'confidential', 'strictly_confidential')),
  -- Handling instructions printed beside the classification, e.g. "Releasable to the Panel only".
  handling text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What a case file cites. `key` is the incident or item reference, the attachment id of a photo,
-- or a lead's kind and subject (stable across recomputation of the leads).
CREATE TABLE case_file_members (
  case_file_id integer NOT NULL REFERENCES case_files (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('incident', 'item', 'photo', 'lead')),
  key text NOT NULL,
  snapshot jsonb NOT NULL,
  added_by text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_file_id, kind, key)
);

-- A case file released to a partner organisation (as `releases` does for incidents).
CREATE TABLE case_file_releases (
  case_file_id integer NOT NULL REFERENCES case_files (id) ON DELETE CASCADE,
  partner text NOT NULL,
  released_by text NOT NULL,
  released_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_file_id, partner)
);
CREATE INDEX case_file_releases_partner_idx ON case_file_releases (partner);

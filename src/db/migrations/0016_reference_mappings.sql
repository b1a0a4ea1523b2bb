-- Values an analyst has mapped once to a reference entry ("Tulskiy" is Tula Cartridge Works): the
-- normaliser reads them before its own rules, so later imports and the stored samples follow.
CREATE TABLE reference_mappings (
  field text NOT NULL CHECK (field IN ('manufacturer', 'model', 'calibre')),
  -- The value folded as the normaliser compares it (case, accents, spacing and punctuation forgiven).
  written_key text NOT NULL,
  -- The value as the analyst first wrote it, for display.
  written text NOT NULL,
  target text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (field, written_key)
);

-- The fingerprint of the reference lists the stored samples were keyed with: when the lists change
-- (a new version of Headstamp, an entry added), the samples are keyed again at the next start.
CREATE TABLE reference_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  fingerprint text NOT NULL
);

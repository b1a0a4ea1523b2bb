-- Tracing requests (src/tracing): what the cell asks the state of manufacture or the last legal
-- importer about items of interest (International Tracing Instrument), and what came back.
CREATE TABLE tracing_requests (
  id serial PRIMARY KEY,
  ref text NOT NULL UNIQUE,
  -- ISO 3166 code of the state asked, and the authority the letter is addressed to.
  addressee_country text NOT NULL,
  addressee text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('bilateral', 'iarms', 'panel_of_experts', 'other')),
  -- The ITI asks a request to say what the information will be used for.
  purpose text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'answered', 'closed')),
  sent_on date,
  answered_on date,
  -- What the answer established, in words: "exported to a mining company in 2016; reported stolen".
  outcome text,
  -- Where the items left legal hands, when established: the numerator of SDG indicator 16.4.2.
  diversion_established boolean NOT NULL DEFAULT false,
  diversion_point text,
  established_by text CHECK (established_by IN ('trace', 'authority')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT diversion_established OR (established_by IS NOT NULL AND diversion_point IS NOT NULL))
);

-- An item under a request cannot be deleted: the request and its answer are about it.
CREATE TABLE tracing_request_items (
  request_id integer NOT NULL REFERENCES tracing_requests (id),
  item_id integer NOT NULL REFERENCES items (id),
  PRIMARY KEY (request_id, item_id)
);
CREATE INDEX tracing_request_items_item_idx ON tracing_request_items (item_id);

-- The life of a request: sent, reminded, answered, and notes along the way.
CREATE TABLE tracing_events (
  id serial PRIMARY KEY,
  request_id integer NOT NULL REFERENCES tracing_requests (id),
  event text NOT NULL CHECK (event IN ('sent', 'reminder', 'answer', 'note')),
  on_date date NOT NULL,
  note text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tracing_events_request_idx ON tracing_events (request_id, on_date);

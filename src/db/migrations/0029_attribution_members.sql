-- Each incident's attribution as the engine last computed it, whether or not its series was
-- strong enough to be a finding. A refresh tells a series again with the attributions of the
-- members a change did not touch read from here, where it computed every holder of the series'
-- sample again: most of a refresh after a date was corrected, at 100,000 incidents.
CREATE TABLE attribution_members (
  incident_id integer PRIMARY KEY,
  part text NOT NULL,
  lead jsonb NOT NULL
);
CREATE INDEX attribution_members_part_idx ON attribution_members (part);

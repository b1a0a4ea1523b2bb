-- Findings instead of rule hits (docs/leads.md): a sample's first appearance, spread, absence
-- from national stocks, post-embargo production, rapid use and diversion origin are now facets
-- of one finding, the sample's story; link groups are cut into clusters by community detection.

-- What the stored findings were computed against: when the theatre's scale or its first day
-- changes, every finding may have, and the engine recomputes the theatre.
CREATE TABLE leads_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  theatre_scale integer NOT NULL,
  theatre_start date
);

-- A decision on a sample's diversion lead follows the sample into its story.
UPDATE lead_decisions SET kind = 'sample_story', subject = substr(subject, 8)
 WHERE kind = 'diversion_match' AND subject LIKE 'sample:%';

-- The old leads go; with no state stored, the next refresh (`headstamp serve` runs one at start)
-- computes the findings.
DELETE FROM leads;

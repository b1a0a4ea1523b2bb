-- Reads that stay fast as the register grows (issue #17): an index for every order and filter
-- the lists offer, so that a page is a range of an index and its next page starts where the
-- last one ended (keyset paging: incidents.queries.ts, leads.queries.ts).

-- The incident list, newest first or oldest first, ties by reference: one index per order. The
-- first also answers the date filters, which the index on the date alone did.
DROP INDEX incidents_date_idx;
CREATE INDEX incidents_date_ref_idx ON incidents (date, ref);
CREATE INDEX incidents_date_desc_ref_idx ON incidents (date DESC, ref);

-- The list's filters (web/src/incidents/filters.ts): type, country, region with case forgiven,
-- and the drafts awaiting review.
CREATE INDEX incidents_type_idx ON incidents (type);
CREATE INDEX incidents_country_idx ON incidents (country);
CREATE INDEX incidents_admin1_idx ON incidents (lower(admin1));
CREATE INDEX incidents_drafts_idx ON incidents (date) WHERE status = 'draft';

-- A search naming a kind of materiel ("munitions Chine"): without an index its arm could not
-- join the bitmap of the others, and the whole of the items was read.
CREATE INDEX items_category_idx ON items (category);

-- The findings, strongest first or newest first, ties by kind and subject (which survive
-- recomputation, unlike ids); and their filters by facet and by what is new since a visit.
CREATE INDEX leads_score_idx ON leads (score DESC, date DESC, kind, subject);
CREATE INDEX leads_date_idx ON leads (date DESC, score DESC, kind, subject);
CREATE INDEX leads_facets_idx ON leads USING gin ((evidence -> 'facets'));
CREATE INDEX lead_first_seen_idx ON lead_first_seen (first_seen);

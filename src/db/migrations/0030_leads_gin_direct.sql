-- The findings' array indexes take each new entry into the index itself rather than into GIN's
-- pending list. A full refresh writes every finding at once, and the list it left (18,000 entries,
-- 380 pages at 100,000 incidents) was read whole by every look-up of the findings citing an
-- incident or a sample until a vacuum emptied it (autovacuum on a server, the embedded store's own
-- maintenance, db/maintenance.ts, up to a minute later). Writing the entries directly costs a full
-- refresh no measurable time (docs/benchmarks.md).
ALTER INDEX leads_incidents_idx SET (fastupdate = off);
ALTER INDEX leads_samples_idx SET (fastupdate = off);
ALTER INDEX leads_facets_idx SET (fastupdate = off);
ALTER INDEX leads_supply_samples_idx SET (fastupdate = off);
-- Turning the list off does not empty it.
SELECT gin_clean_pending_list('leads_incidents_idx'::regclass),
       gin_clean_pending_list('leads_samples_idx'::regclass),
       gin_clean_pending_list('leads_facets_idx'::regclass),
       gin_clean_pending_list('leads_supply_samples_idx'::regclass);

-- Search on materiel (issue #14): an incident is found by what was recovered at it (calibre,
-- headstamp code, maker in any spelling, model, serial, lot) as well as by its own words, with
-- accents, case and punctuation forgiven. Both stores have the two contrib extensions this needs,
-- both trusted (a database owner may create them): PostgreSQL in its server package, PGlite in
-- its contrib bundle, loaded when the store is opened (src/db/store.ts).
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

-- Text as it is searched: accents dropped, lower case, punctuation and spacing as one space, so
-- "Ménaka", "MENAKA" and "menaka" meet, as do "PW-1457" and "pw 1457". unaccent() itself is only
-- STABLE (its rules file could change); with the dictionary named it is used as immutable here, so
-- that it can fill a stored column. The stored text and what is typed are folded by this one
-- function, so the two always agree whatever the store's locale.
CREATE FUNCTION search_fold(value text) RETURNS text AS $$
  SELECT btrim(regexp_replace(
    lower(public.unaccent('public.unaccent'::regdictionary, translate(value, '×', 'x'))),
    '[\s!-/:-@\[-`{-~‘’“”«»–—·]+', ' ', 'g'))
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;

-- What a typed word with digits (a serial, a lot, a code) is matched with: "contains", as a LIKE
-- pattern, so that "1457" finds "PW1457". Folding leaves no wildcard
-- (% and _ are punctuation), and a word with nothing left to search gives NULL, which matches
-- nothing rather than everything.
CREATE FUNCTION search_pattern(value text) RETURNS text AS $$
  SELECT '%' || nullif(public.search_fold(value), '') || '%'
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;

-- What a typed word without digits is matched with: the beginning of a word, as a regular
-- expression, so that "Chine" finds China's materiel but not a "machine gun". Folding leaves no
-- character a regular expression would read as an operator (they are all punctuation).
CREATE FUNCTION search_word_pattern(value text) RETURNS text AS $$
  SELECT '(^| )' || nullif(public.search_fold(value), '')
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;

-- The words of an incident and of an item, folded once when the row is written. An item's serial
-- is there as written and compacted (serial_key), so "PW 1457", "pw-1457" and "PW1457" find it.
ALTER TABLE incidents ADD COLUMN search_text text GENERATED ALWAYS AS (public.search_fold(
  ref || ' ' || coalesce(place, '') || ' ' || coalesce(admin1, '') || ' ' || coalesce(target, '')
  || ' ' || coalesce(summary, '')
)) STORED;
ALTER TABLE items ADD COLUMN search_text text GENERATED ALWAYS AS (public.search_fold(
  ref || ' ' || coalesce(type, '') || ' ' || coalesce(model, '') || ' ' || coalesce(calibre, '')
  || ' ' || coalesce(manufacturer, '') || ' ' || coalesce(lot, '') || ' ' || coalesce(serial, '')
  || ' ' || coalesce(public.serial_key(serial), '') || ' ' || coalesce(markings, '')
)) STORED;

-- "Contains" over 100,000 incidents and 1,000,000 items: trigram indexes. What a word resolves
-- to in the reference lists (producers, calibres, models, countries, years) is matched on the
-- keys, each indexed so that the alternatives of one word combine as a bitmap OR.
CREATE INDEX incidents_search_idx ON incidents USING gin (search_text public.gin_trgm_ops);
CREATE INDEX items_search_idx ON items USING gin (search_text public.gin_trgm_ops);
CREATE INDEX items_manufacturer_idx ON items (manufacturer_key) WHERE manufacturer_key IS NOT NULL;
CREATE INDEX items_year_idx ON items (year) WHERE year IS NOT NULL;
CREATE INDEX items_origin_country_idx ON items (origin_country) WHERE origin_country IS NOT NULL;

-- The views of live records list the columns their tables had when they were made: they are
-- made again so that they carry the search text (new columns come last, as OR REPLACE needs).
CREATE OR REPLACE VIEW live_incidents AS SELECT * FROM incidents WHERE deleted_at IS NULL;
CREATE OR REPLACE VIEW live_items AS
  SELECT items.* FROM items JOIN incidents ON incidents.id = items.incident_id WHERE incidents.deleted_at IS NULL;

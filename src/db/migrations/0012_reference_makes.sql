-- What each producer makes, where its works stand today and when its codes were in use, so that
-- a maker is matched by what it makes (docs/reference-sources.md) and traced to a successor state.
ALTER TABLE manufacturers
  ADD COLUMN makes text[] NOT NULL DEFAULT '{weapons,ammunition}',
  ADD COLUMN location text,
  ADD COLUMN first_year integer,
  ADD COLUMN last_year integer,
  ADD COLUMN calibres text[] NOT NULL DEFAULT '{}';

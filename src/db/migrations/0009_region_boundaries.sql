-- Boundaries of first-order regions (admin1) for the maps (src/reference/boundaries.ts). No public
-- package ships them for the Sahel; missions hold them (OCHA COD-AB, national mapping agencies)
-- and an analyst imports them per country. Geometry is GeoJSON, drawn by the browser only.
CREATE TABLE region_boundaries (
  country text NOT NULL,
  admin1 text NOT NULL,
  geometry jsonb NOT NULL,
  source text NOT NULL,
  imported_by text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, admin1)
);

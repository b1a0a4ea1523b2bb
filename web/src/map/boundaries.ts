import type { GeometryCollection, Topology } from 'topojson-specification';
import coarseUrl from 'world-atlas/countries-110m.json?url';
import fineUrl from 'world-atlas/countries-50m.json?url';
import { keptUnlessFailed } from '../common/kept';

/**
 * The country boundaries shipped with the application (Natural Earth, via world-atlas): a coarse
 * set (110 KB) drawn first, so the map shows its countries at once, and the detailed one (760 KB)
 * that replaces it. Free of MapLibre, so a page can start fetching them while the map's own code
 * is still on its way.
 */
export type BoundaryDetail = 'coarse' | 'fine';
export type Countries = Topology<{ countries: GeometryCollection }>;

const urls: Record<BoundaryDetail, string> = { coarse: coarseUrl, fine: fineUrl };
/** The boundaries as the server sends them (a hashed file the browser keeps), fetched once. */
export const fetchCountries = keptUnlessFailed((detail: BoundaryDetail) =>
  fetch(urls[detail]).then((response) => {
    if (!response.ok) throw new Error(`country boundaries: HTTP ${response.status}`);
    return response.json() as Promise<Countries>;
  }),
);

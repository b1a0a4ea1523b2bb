import mgrs from 'mgrs';

export interface LatLon {
  lat: number;
  lon: number;
}

/** Accepts a decimal comma, as French spreadsheets write numbers. */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export function checkLatLon(lat: number, lon: number): string | undefined {
  if (lat < -90 || lat > 90) return `latitude ${lat} is outside -90..90`;
  if (lon < -180 || lon > 180) return `longitude ${lon} is outside -180..180`;
  return undefined;
}

/** Centre of an MGRS grid square, its size in metres (its precision) and the reference as written canonically. */
export type MgrsSquare = LatLon & { squareMetres: number; canonical: string };

export function parseMgrs(text: string): MgrsSquare | { error: string } {
  const canonical = text.replace(/\s+/g, '').toUpperCase();
  const match = canonical.match(/^(\d{1,2}[C-HJ-NP-X][A-HJ-NP-Z]{2})(\d*)$/);
  if (!match || match[2]!.length % 2 !== 0 || match[2]!.length > 10) {
    return { error: `"${text}" is not an MGRS grid reference (e.g. 30PXC 12345 67890)` };
  }
  try {
    const [lon, lat] = mgrs.toPoint(canonical);
    const squareMetres = 10 ** (5 - match[2]!.length / 2);
    return { lat: round6(lat), lon: round6(lon), squareMetres, canonical };
  } catch {
    return { error: `"${text}" is not a valid MGRS grid reference` };
  }
}

/** Great-circle distance in metres. */
export function distanceMetres(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

export { round6 };

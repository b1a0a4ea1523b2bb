/** A node placed by the layout. */
export interface Placed {
  id: string;
  x: number;
  y: number;
}

export interface Edge {
  source: string;
  target: string;
  /** 0–1: stronger links are drawn shorter. */
  weight: number;
}

const ITERATIONS = 300;
/** Nodes farther apart than this do not push each other: keeps each step near linear. */
const REACH = 110;
const CHARGE = 1400;

/**
 * A small force layout (links pull, nodes push, a weak pull to the centre), run to the end at
 * once: the same network is always drawn the same way, and nothing moves under the reader.
 * Repulsion only counts neighbours within REACH, found through a grid, so a thousand nodes
 * lay out in a fraction of a second.
 */
export function forceLayout(ids: string[], edges: Edge[]): Placed[] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  // A sunflower spiral: spread, deterministic, no two nodes on the same spot.
  for (let i = 0; i < n; i++) {
    const r = 12 * Math.sqrt(i + 0.5);
    const a = i * 2.399963;
    x[i] = r * Math.cos(a);
    y[i] = r * Math.sin(a);
  }
  const springs = edges.flatMap((e) => {
    const a = index.get(e.source);
    const b = index.get(e.target);
    return a === undefined || b === undefined ? [] : [{ a, b, length: 30 + 40 * (1 - e.weight) }];
  });
  const degree = new Float64Array(n);
  for (const s of springs) {
    degree[s.a]! += 1;
    degree[s.b]! += 1;
  }
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let step = 0; step < ITERATIONS; step++) {
    const alpha = 1 - step / ITERATIONS;
    dx.fill(0);
    dy.fill(0);
    const grid = new Map<string, number[]>();
    const cell = (v: number) => Math.floor(v / REACH);
    for (let i = 0; i < n; i++) {
      const key = `${cell(x[i]!)},${cell(y[i]!)}`;
      const list = grid.get(key);
      if (list) list.push(i);
      else grid.set(key, [i]);
    }
    for (let i = 0; i < n; i++) {
      const cx = cell(x[i]!);
      const cy = cell(y[i]!);
      for (let gx = cx - 1; gx <= cx + 1; gx++) {
        for (let gy = cy - 1; gy <= cy + 1; gy++) {
          for (const j of grid.get(`${gx},${gy}`) ?? []) {
            if (j <= i) continue;
            let ux = x[i]! - x[j]!;
            let uy = y[i]! - y[j]!;
            let d2 = ux * ux + uy * uy;
            if (d2 > REACH * REACH) continue;
            if (d2 < 0.01) {
              ux = ((i * 7919) % 13) - 6;
              uy = ((j * 104729) % 11) - 5;
              d2 = ux * ux + uy * uy || 1;
            }
            const f = CHARGE / d2;
            dx[i]! += ux * f;
            dy[i]! += uy * f;
            dx[j]! -= ux * f;
            dy[j]! -= uy * f;
          }
        }
      }
    }
    for (const s of springs) {
      const ux = x[s.b]! - x[s.a]!;
      const uy = y[s.b]! - y[s.a]!;
      const d = Math.sqrt(ux * ux + uy * uy) || 1;
      // Spread the pull between the ends by their degree, as d3-force does: hubs move less.
      const f = ((d - s.length) / d) * 0.5;
      const share = degree[s.a]! / (degree[s.a]! + degree[s.b]!);
      dx[s.a]! += ux * f * (1 - share) * 2;
      dy[s.a]! += uy * f * (1 - share) * 2;
      dx[s.b]! -= ux * f * share * 2;
      dy[s.b]! -= uy * f * share * 2;
    }
    for (let i = 0; i < n; i++) {
      dx[i]! -= x[i]! * 0.02;
      dy[i]! -= y[i]! * 0.02;
      // Steps shrink as the layout cools, and never jump far.
      const len = Math.sqrt(dx[i]! * dx[i]! + dy[i]! * dy[i]!);
      const max = 20 * alpha + 0.5;
      const scale = len > max ? max / len : 1;
      x[i]! += dx[i]! * scale * alpha;
      y[i]! += dy[i]! * scale * alpha;
    }
  }
  return ids.map((id, i) => ({ id, x: x[i]!, y: y[i]! }));
}

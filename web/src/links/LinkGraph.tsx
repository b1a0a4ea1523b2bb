import { forwardRef, useMemo } from 'react';
import type { Link as NetworkLink, LinkNetwork, LinkNode } from '../api/types';
import { incidentPath, navigate } from '../app/router';
import { PALETTE } from '../charts/BarChart';
import { useI18n } from '../i18n/i18n';
import { forceLayout } from './layout';

/** Actors beyond this many share one colour: more would not be told apart. */
const MAX_ACTOR_COLOURS = 6;
const OTHER_ACTORS = PALETTE[7]!;
const NO_ACTOR = '#ffffff';
const INK = '#1b1f24';
const ACCENT = '#0b5394';
const PADDING = 30;
/** The drawing's size in its own units when the network fits in it. */
const WIDTH = 960;
const HEIGHT = 560;
const MIN_HEIGHT = 300;
/** How far a small network is spread out to fill the drawing. */
const MAX_SPREAD = 4;
const LABEL_ROOM = 220;
/** Names are written beside the nodes of a small network only; a large one would be unreadable. */
const MAX_LABELLED = 30;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface ActorColours {
  colour(actor: string | null): string;
  /** What the legend shows, in order. */
  entries: { label: string; colour: string }[];
}

export function actorColours(nodes: LinkNode[], otherLabel: string, noneLabel: string): ActorColours {
  const counts = new Map<string, number>();
  for (const n of nodes) if (n.actor) counts.set(n.actor, (counts.get(n.actor) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const named = new Map(ranked.slice(0, MAX_ACTOR_COLOURS).map(([actor], i) => [actor, PALETTE[i]!]));
  const entries = [...named.entries()].map(([label, colour]) => ({ label, colour }));
  if (ranked.length > MAX_ACTOR_COLOURS) entries.push({ label: otherLabel, colour: OTHER_ACTORS });
  if (nodes.some((n) => !n.actor)) entries.push({ label: noneLabel, colour: NO_ACTOR });
  return {
    colour: (actor) => (actor ? (named.get(actor) ?? OTHER_ACTORS) : NO_ACTOR),
    entries,
  };
}

export interface GraphProps {
  network: LinkNetwork;
  /** The incident pointed at or focused: it and its links stand out. */
  active: string | null;
  onActive(ref: string | null): void;
  title: string;
}

/** The network drawn in SVG: incidents as circles coloured by actor, links as lines by strength. */
export const LinkGraph = forwardRef<SVGSVGElement, GraphProps>(function LinkGraph(
  { network, active, onActive, title },
  svgRef,
) {
  const { t } = useI18n();
  const { nodes, links } = network;
  const placed = useMemo(
    () =>
      forceLayout(
        nodes.map((n) => n.ref),
        links,
      ),
    [nodes, links],
  );
  const colours = useMemo(() => actorColours(nodes, t('links.otherActors'), t('links.noActor')), [nodes, t]);
  const degree = useMemo(() => {
    const d = new Map<string, number>();
    for (const l of links) for (const end of [l.source, l.target]) d.set(end, (d.get(end) ?? 0) + 1);
    return d;
  }, [links]);
  const neighbours = useMemo(() => {
    if (!active) return null;
    const set = new Set([active]);
    for (const l of links) {
      if (l.source === active) set.add(l.target);
      if (l.target === active) set.add(l.source);
    }
    return set;
  }, [active, links]);

  const labelled = nodes.length <= MAX_LABELLED;
  const labelRoom = labelled ? LABEL_ROOM : 0;
  const xs = placed.map((p) => p.x);
  const ys = placed.map((p) => p.y);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  const spanX = Math.max(1, Math.max(...xs) - x0);
  const spanY = Math.max(1, Math.max(...ys) - y0);
  // A small network is spread over the drawing; a large one makes the drawing larger instead
  // (its nodes would overlap if squeezed), and the browser scales it to the page.
  const scale = Math.max(
    1,
    Math.min(MAX_SPREAD, (WIDTH - 2 * PADDING - labelRoom) / spanX, (HEIGHT - 4 * PADDING) / spanY),
  );
  const at = new Map(placed.map((p) => [p.id, { x: (p.x - x0) * scale, y: (p.y - y0) * scale }]));
  const graphWidth = spanX * scale + 2 * PADDING + labelRoom;
  const width = Math.max(WIDTH, graphWidth);
  const font = Math.max(13, width / 74);
  const legend = [
    ...colours.entries.map((e) => ({ ...e, kind: 'node' as const })),
    { label: t('links.sharedActor'), colour: INK, kind: 'solid' as const },
    { label: t('links.otherLink'), colour: INK, kind: 'dashed' as const },
  ];
  let lx = 0;
  let row = 0;
  const legendPlaced = legend.map((entry) => {
    const w = font * 2.2 + entry.label.length * font * 0.58;
    if (lx > 0 && lx + w > width - 2 * PADDING) {
      lx = 0;
      row += 1;
    }
    const placedEntry = { ...entry, x: lx, y: row * font * 1.6 };
    lx += w + font;
    return placedEntry;
  });
  const legendHeight = (row + 1) * font * 1.6 + font;
  const graphHeight = spanY * scale + 2 * PADDING + legendHeight;
  const height = Math.max(MIN_HEIGHT, graphHeight);
  const left = -PADDING - (width - graphWidth) / 2;
  const top = -PADDING - legendHeight - (height - graphHeight) / 2;
  const radius = (ref: string) => Math.min(14, 5 + 2 * Math.sqrt(degree.get(ref) ?? 1));
  const dim = (ref: string) => neighbours !== null && !neighbours.has(ref);
  const touches = (l: NetworkLink) => active !== null && (l.source === active || l.target === active);

  return (
    <svg
      ref={svgRef}
      className="link-graph"
      viewBox={`${left} ${top} ${width} ${height}`}
      aria-labelledby="link-graph-title"
      fontFamily={FONT}
      onMouseLeave={() => onActive(null)}
    >
      <title id="link-graph-title">{title}</title>
      <rect x={left} y={top} width={width} height={height} fill="#ffffff" />
      <g aria-hidden="true" transform={`translate(${left + PADDING} ${top + font * 1.5})`}>
        {legendPlaced.map((e) => (
          <g key={`${e.kind} ${e.label}`} transform={`translate(${e.x} ${e.y})`}>
            {e.kind === 'node' ? (
              <circle cx={font * 0.5} cy={-font * 0.35} r={font * 0.45} fill={e.colour} stroke={INK} />
            ) : (
              <line
                x1={0}
                x2={font * 1.4}
                y1={-font * 0.35}
                y2={-font * 0.35}
                stroke={e.colour}
                strokeWidth={2}
                strokeDasharray={e.kind === 'dashed' ? '5 3' : undefined}
              />
            )}
            <text x={font * 1.8} fontSize={font} fill={INK}>
              {e.label}
            </text>
          </g>
        ))}
      </g>
      <g aria-hidden="true">
        {links.map((l) => {
          const a = at.get(l.source);
          const b = at.get(l.target);
          if (!a || !b) return null;
          const on = touches(l);
          return (
            <line
              key={`${l.source} ${l.target}`}
              x1={a.x}
              y1={a.y}
              x2={b.x}
              y2={b.y}
              stroke={on ? ACCENT : INK}
              strokeOpacity={active === null ? 0.55 : on ? 1 : 0.1}
              strokeWidth={1 + 3 * l.weight + (on ? 1 : 0)}
              strokeDasharray={l.actor ? undefined : '5 3'}
            />
          );
        })}
      </g>
      <g>
        {nodes.map((n) => {
          const p = at.get(n.ref)!;
          const r = radius(n.ref);
          const count = degree.get(n.ref) ?? 0;
          return (
            <a
              key={n.ref}
              href={incidentPath(n.ref)}
              aria-label={`${n.ref}: ${t('links.nodeLinks', { count })}`}
              onClick={(event) => {
                if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                navigate(incidentPath(n.ref));
              }}
              onMouseEnter={() => onActive(n.ref)}
              onFocus={() => onActive(n.ref)}
            >
              <g opacity={dim(n.ref) ? 0.3 : 1}>
                <circle
                  cx={p.x}
                  cy={p.y}
                  r={r}
                  fill={colours.colour(n.actor)}
                  stroke={n.ref === active ? ACCENT : INK}
                  strokeWidth={n.ref === active ? 3 : 1.2}
                />
                {(labelled || n.ref === active) && (
                  <text
                    x={p.x + r + 4}
                    y={p.y + font * 0.35}
                    fontSize={font * 0.9}
                    fill={INK}
                    stroke="#ffffff"
                    strokeWidth={3}
                    paintOrder="stroke"
                  >
                    {n.ref}
                  </text>
                )}
              </g>
            </a>
          );
        })}
      </g>
    </svg>
  );
});

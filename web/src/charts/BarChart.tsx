import { useId } from 'react';
import { DataTable } from '../common/DataTable';
import { useI18n } from '../i18n/i18n';

export interface Series {
  key: string;
  label: string;
  colour: string;
  values: number[];
}

export interface BarChartProps {
  title: string;
  /** The bars' names: years, decades, types, countries. */
  categories: string[];
  series: Series[];
  /** Series on top of each other (parts of a whole) rather than side by side. */
  stacked?: boolean;
  /** Horizontal bars suit long category names. */
  horizontal?: boolean;
}

/** Colour-blind-safe colours (Okabe–Ito), dark enough against white. */
export const PALETTE = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#8a6d00',
  '#56b4e9',
  '#6b4f9e',
  '#7a7a7a',
];

/** A round axis maximum and step: 0, 5, 10 … rather than 0, 7, 14. */
function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const rounded = Math.max(1, step);
  return { top: Math.ceil(max / rounded) * rounded, step: rounded };
}

/**
 * A bar chart drawn as plain SVG, with its figures in a table beneath for screen readers and
 * for copying: no chart library to download.
 */
export function BarChart({ title, categories, series, stacked = false, horizontal = false }: BarChartProps) {
  const { t, number } = useI18n();
  const id = useId();
  const totals = categories.map((_, i) =>
    stacked
      ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
      : Math.max(0, ...series.map((s) => s.values[i] ?? 0)),
  );
  const { top, step } = niceScale(Math.max(0, ...totals));
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const empty = categories.length === 0 || totals.every((v) => v === 0);

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {empty ? (
        <p className="muted">{t('chart.noData')}</p>
      ) : horizontal ? (
        <HorizontalBars {...{ categories, series, stacked, top, ticks, number, title }} />
      ) : (
        <VerticalBars {...{ categories, series, stacked, top, ticks, number, title }} />
      )}
      {series.length > 1 && (
        <ul className="legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key}>
              <span className="swatch" style={{ background: s.colour }} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      {!empty && (
        <details className="chart-data">
          <summary>{t('chart.showData')}</summary>
          {/* A wide table scrolls: the keyboard reaches it as the chart's figures. */}
          <DataTable
            labelledBy={`${id}-title`}
            rows={categories}
            rowKey={(c) => c}
            columns={[
              { header: t('chart.category'), rowHeader: true, cell: (c) => c },
              ...series.map((s) => ({
                header: s.label,
                numeric: true,
                cell: (_: string, i: number) => number(s.values[i] ?? 0),
              })),
            ]}
          />
        </details>
      )}
    </figure>
  );
}

interface DrawProps {
  categories: string[];
  series: Series[];
  stacked: boolean;
  top: number;
  ticks: number[];
  number(value: number): string;
  title: string;
}

/** Each bar's segments: where it starts and how long it is, in data units. */
function segments(series: Series[], index: number, stacked: boolean) {
  let base = 0;
  return series.map((s, k) => {
    const value = s.values[index] ?? 0;
    const segment = { series: s, k, value, start: stacked ? base : 0 };
    base += value;
    return segment;
  });
}

function VerticalBars({ categories, series, stacked, top, ticks, number, title }: DrawProps) {
  const [width, height] = [520, 230];
  const margin = { left: 40, right: 6, top: 10, bottom: 28 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const band = plotW / categories.length;
  const groups = stacked ? 1 : series.length;
  const barW = Math.max(1, (band * 0.8) / groups);
  const y = (v: number) => margin.top + plotH - (v / top) * plotH;
  // Long runs of years: label every other (or every fifth) bar so labels do not collide.
  const every = Math.ceil(categories.length / 12);

  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="chart-svg">
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} className="grid" />
          <text x={margin.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="tick">
            {number(tick)}
          </text>
        </g>
      ))}
      {categories.map((category, i) => {
        const x0 = margin.left + i * band + band * 0.1;
        return (
          <g key={category}>
            {segments(series, i, stacked).map(({ series: s, k, value, start }) =>
              value > 0 ? (
                <rect
                  key={s.key}
                  x={stacked ? x0 : x0 + k * barW}
                  width={stacked ? band * 0.8 : barW}
                  y={y(start + value)}
                  height={y(start) - y(start + value)}
                  fill={s.colour}
                >
                  <title>{`${category} · ${s.label}: ${number(value)}`}</title>
                </rect>
              ) : null,
            )}
            {i % every === 0 && (
              <text x={x0 + band * 0.4} y={height - margin.bottom + 16} textAnchor="middle" className="tick">
                {category}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function HorizontalBars({ categories, series, stacked, top, ticks, number, title }: DrawProps) {
  const row = 24;
  const margin = { left: 170, right: 44, top: 4, bottom: 22 };
  const width = 520;
  const plotW = width - margin.left - margin.right;
  const height = margin.top + margin.bottom + row * categories.length;
  const x = (v: number) => margin.left + (v / top) * plotW;
  const groups = stacked ? 1 : series.length;
  const barH = (row * 0.7) / groups;

  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="chart-svg">
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={margin.top} y2={height - margin.bottom} className="grid" />
          <text x={x(tick)} y={height - 6} textAnchor="middle" className="tick">
            {number(tick)}
          </text>
        </g>
      ))}
      {categories.map((category, i) => {
        const y0 = margin.top + i * row + row * 0.15;
        const total = segments(series, i, stacked).reduce((sum, s) => sum + s.value, 0);
        return (
          <g key={category}>
            <text x={margin.left - 8} y={y0 + row * 0.35} dy="0.32em" textAnchor="end" className="label">
              {category.length > 24 ? `${category.slice(0, 23)}…` : category}
            </text>
            {segments(series, i, stacked).map(({ series: s, k, value, start }) =>
              value > 0 ? (
                <rect
                  key={s.key}
                  x={x(start)}
                  width={x(start + value) - x(start)}
                  y={stacked ? y0 : y0 + k * barH}
                  height={stacked ? row * 0.7 : barH}
                  fill={s.colour}
                >
                  <title>{`${category} · ${s.label}: ${number(value)}`}</title>
                </rect>
              ) : null,
            )}
            {(stacked || series.length === 1) && (
              <text x={x(total) + 4} y={y0 + row * 0.35} dy="0.32em" className="value">
                {number(total)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

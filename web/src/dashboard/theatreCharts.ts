import { incidentTypes } from '@headstamp/incidents/vocabulary';
import type { TheatreStats } from '../api/types';
import type { BarChartProps } from '../charts/BarChart';
import { PALETTE } from '../charts/BarChart';
import type { Formatter } from '../i18n/format';

/** Incident types beyond this many are summed as "other types", to keep the colours readable. */
const MAX_TYPES = 7;
const GREY = '#7a7a7a';

const sortedKeys = (record: Record<string, unknown>) => Object.keys(record).sort();

export function incidentsPerYear(stats: TheatreStats, f: Formatter): BarChartProps {
  const years = sortedKeys(stats.incidentsPerYearByType);
  const totals = new Map<string, number>();
  for (const byType of Object.values(stats.incidentsPerYearByType))
    for (const [type, n] of Object.entries(byType)) totals.set(type, (totals.get(type) ?? 0) + n);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([type]) => type);
  const shown = ranked.length > MAX_TYPES + 1 ? ranked.slice(0, MAX_TYPES) : ranked;
  const rest = ranked.filter((type) => !shown.includes(type));
  const count = (year: string, types: string[]) =>
    types.reduce((sum, type) => sum + (stats.incidentsPerYearByType[year]?.[type] ?? 0), 0);
  const series = shown.map((type, i) => ({
    key: type,
    label: f.term(incidentTypes, type),
    colour: PALETTE[i % (PALETTE.length - 1)]!,
    values: years.map((year) => count(year, [type])),
  }));
  if (rest.length)
    series.push({
      key: 'other-types',
      label: f.t('chart.otherTypes'),
      colour: GREY,
      values: years.map((year) => count(year, rest)),
    });
  return { title: f.t('chart.incidentsPerYear'), categories: years, series, stacked: true };
}

export function victimsPerYear(stats: TheatreStats, f: Formatter): BarChartProps {
  const years = sortedKeys(stats.victimsPerYear);
  const of = (pick: (v: TheatreStats['victimsPerYear'][string]) => number) =>
    years.map((year) => pick(stats.victimsPerYear[year]!));
  return {
    title: f.t('chart.victimsPerYear'),
    categories: years,
    series: [
      { key: 'killed', label: f.t('chart.killed'), colour: PALETTE[1]!, values: of((v) => v.killed) },
      { key: 'injured', label: f.t('chart.injured'), colour: PALETTE[0]!, values: of((v) => v.injured) },
    ],
  };
}

export function peacekeepersKilled(stats: TheatreStats, f: Formatter): BarChartProps {
  const entries = Object.entries(stats.peacekeepersKilledByAttackType).sort((a, b) => b[1] - a[1]);
  return {
    title: f.t('chart.peacekeepersKilled'),
    categories: entries.map(([type]) => f.term(incidentTypes, type)),
    series: [
      { key: 'killed', label: f.t('chart.killed'), colour: PALETTE[1]!, values: entries.map(([, n]) => n) },
    ],
    horizontal: true,
  };
}

export function iedAttacksAgainstFinds(stats: TheatreStats, f: Formatter): BarChartProps {
  const years = sortedKeys(stats.iedAttacksAgainstFindsPerYear);
  const of = (pick: 'attacks' | 'finds') =>
    years.map((year) => stats.iedAttacksAgainstFindsPerYear[year]![pick]);
  return {
    title: f.t('chart.iedAttacksAgainstFinds'),
    categories: years,
    series: [
      {
        key: 'attacks',
        label: f.term(incidentTypes, 'ied_attack'),
        colour: PALETTE[1]!,
        values: of('attacks'),
      },
      { key: 'finds', label: f.term(incidentTypes, 'ied_find'), colour: PALETTE[2]!, values: of('finds') },
    ],
  };
}

export function samplesByDecade(stats: TheatreStats, f: Formatter): BarChartProps {
  const decades = sortedKeys(stats.ammunitionSamplesByDecade);
  return {
    title: f.t('chart.samplesByDecade'),
    categories: decades.map((d) => f.t('chart.decade', { decade: d.replace(/s$/, '') })),
    series: [
      {
        key: 'samples',
        label: f.t('chart.samples'),
        colour: PALETTE[0]!,
        values: decades.map((d) => stats.ammunitionSamplesByDecade[d]!),
      },
    ],
  };
}

/** Countries of manufacture, the most frequent first; the long tail is summed. */
export function samplesByCountry(stats: TheatreStats, f: Formatter, limit = 12): BarChartProps {
  const entries = Object.entries(stats.ammunitionSamplesByCountryOfManufacture).sort((a, b) => b[1] - a[1]);
  const shown = entries.slice(0, limit);
  const rest = entries.slice(limit).reduce((sum, [, n]) => sum + n, 0);
  const categories = shown.map(([code]) => f.country(code));
  const values = shown.map(([, n]) => n);
  if (rest > 0) {
    categories.push(f.t('chart.otherCountries', { count: entries.length - limit }));
    values.push(rest);
  }
  return {
    title: f.t('chart.samplesByCountry'),
    categories,
    series: [{ key: 'samples', label: f.t('chart.samples'), colour: PALETTE[2]!, values }],
    horizontal: true,
  };
}

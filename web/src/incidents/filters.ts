import { parseDay } from '@headstamp/core/dates';
import { countryCodes } from '@headstamp/core/grammar';
import { incidentTypes } from '@headstamp/incidents/vocabulary';
import { withinSearchLimits } from '@headstamp/search/limits';
import { toQuery } from '../api/client';
import { readLink, type LinkNote, type LinkReader } from '../common/LinkNotes';
import type { IncidentQuery, Region } from '../api/types';

/** The incident list's filters, kept in the address so a selection can be shared and reloaded. */
export const FILTERS = [
  'q',
  'from',
  'to',
  'type',
  'country',
  'admin1',
  'actor',
  'hasItems',
  'status',
] as const;
export type FilterName = (typeof FILTERS)[number];
export type Filters = Partial<Record<FilterName, string>>;

export type Sort = 'date' | '-date' | 'ref';
export const PAGE_SIZE = 50;

export interface ListState {
  filters: Filters;
  sort: Sort;
  page: number;
  /**
   * Where the page starts when it was reached by "next" (the `nextCursor` of the page before):
   * read from there rather than counted from the first incident, however deep.
   */
  cursor?: string;
}

const TEXT_LENGTH = 200;
const text: LinkReader = (value) => (value.length <= TEXT_LENGTH ? value : undefined);

/** How each filter is read from a link: what the server would refuse is mapped or left out. */
const readers: Record<FilterName, LinkReader> = {
  q: (value) => (withinSearchLimits(value) ? value : undefined),
  from: (value) => dayOf(value),
  to: (value) => dayOf(value),
  // A label or a synonym names the type too: `type=cache` is the arms caches.
  type: (value) => incidentTypes.parse(value),
  country: (value) => (countryCodes.includes(value.toUpperCase()) ? value.toUpperCase() : undefined),
  admin1: text,
  actor: text,
  hasItems: (value) => (value === 'true' || value === 'false' ? value : undefined),
  status: (value) => (value === 'draft' || value === 'validated' ? value : undefined),
};

function dayOf(value: string): string | undefined {
  const day = parseDay(value);
  return typeof day === 'string' ? day : undefined;
}

/** The list as its address asks for it, and what of the address was read differently or left out. */
export function readList(search: URLSearchParams): ListState & { notes: LinkNote<FilterName>[] } {
  const { values: filters, notes } = readLink(search, readers);
  const sort = search.get('sort');
  return {
    filters,
    sort: sort === 'date' || sort === 'ref' ? sort : '-date',
    page: Math.max(1, Number(search.get('page')) || 1),
    cursor: search.get('cursor') || undefined,
    notes,
  };
}

export function listPath({ filters, sort, page, cursor }: ListState): string {
  return `/incidents${toQuery({
    ...filters,
    sort: sort === '-date' ? undefined : sort,
    page: page > 1 ? page : undefined,
    cursor: page > 1 ? cursor : undefined,
  })}`;
}

/** The API query for one page of the list. */
export function pageQuery({ filters, sort, page, cursor }: ListState): IncidentQuery {
  return { ...filters, sort, page: String(page), pageSize: String(PAGE_SIZE), cursor };
}

/** The regions (admin1) of each country, for a choice of "a whole country or one region". */
export function regionsByCountry(regions: Region[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const r of regions) {
    const list = groups.get(r.country) ?? [];
    if (r.admin1) list.push(r.admin1);
    groups.set(r.country, list);
  }
  return [...groups.entries()];
}

import { actorSpec } from '../actors/actor.record';
import { baselineSpec } from '../baselines/baseline.record';
import { embargoSpec } from '../embargoes/embargo.record';
import { incidentSpec } from '../incidents/incident.record';
import { itemSpec } from '../items/item.record';
import { foldKey } from '../core/text';
import type { EntityKind, EntitySpec, RawRow } from '../records/entity';

/** The canonical files, in the order an import writes them (actors before the incidents that name them). */
export const specs = {
  actors: actorSpec,
  incidents: incidentSpec,
  items: itemSpec,
  baselines: baselineSpec,
  embargoes: embargoSpec,
} satisfies Record<EntityKind, EntitySpec<unknown>>;

export type Specs = typeof specs;

/** The kind a file or sheet name stands for: `incidents.csv`, `Incidents 2021`, `objets`… */
export function kindFromName(name: string): EntityKind | undefined {
  const folded = foldKey(name.replace(/\.[a-z0-9]+$/i, ''));
  for (const [kind, spec] of Object.entries(specs) as [EntityKind, EntitySpec<unknown>][]) {
    for (const candidate of [kind, ...spec.fileNames].map(foldKey)) {
      if (folded === candidate || folded.startsWith(`${candidate} `) || folded.endsWith(` ${candidate}`))
        return kind;
    }
  }
  return undefined;
}

export interface ColumnMap {
  /** Canonical column name for each header position; null for columns we do not know. */
  positions: (string | null)[];
  unknown: string[];
  missing: string[];
  duplicated: string[];
}

/** Matches headers to columns forgiving case, accents, spacing and the French names users write. */
export function mapColumns(spec: EntitySpec<unknown>, header: string[]): ColumnMap {
  const lookup = new Map<string, string>();
  for (const column of spec.columns) {
    for (const alias of [column.name, ...(column.aliases ?? [])]) lookup.set(foldKey(alias), column.name);
  }
  const seen = new Set<string>();
  const map: ColumnMap = { positions: [], unknown: [], missing: [], duplicated: [] };
  for (const text of header) {
    const name = lookup.get(foldKey(text)) ?? null;
    if (name === null && text.trim() !== '') map.unknown.push(text.trim());
    if (name !== null && seen.has(name)) map.duplicated.push(text.trim());
    if (name !== null) seen.add(name);
    map.positions.push(name);
  }
  map.missing = spec.columns.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name);
  return map;
}

/**
 * A spreadsheet cell guarded against formula injection on export (`guardCell` in
 * transfer/export.ts: an apostrophe before a cell starting with `=`, `+`, `-`, `@`, tab or
 * carriage return, or with apostrophes and one of those) loses that one apostrophe on import.
 */
const GUARDED = /^''*[=+\-@\t\r]/;

export function rowCells(map: ColumnMap, cells: string[]): RawRow {
  const row: RawRow = {};
  map.positions.forEach((name, index) => {
    if (name === null) return;
    const cell = cells[index] ?? '';
    row[name] = GUARDED.test(cell) ? cell.slice(1) : cell;
  });
  return row;
}

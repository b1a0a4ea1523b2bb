import type { z } from 'zod';

export const entityKinds = ['actors', 'incidents', 'items', 'baselines', 'embargoes'] as const;
export type EntityKind = (typeof entityKinds)[number];

/** The file each kind is exported to and documented as (the names: `baseline.csv` is singular). */
export const canonicalFile: Record<EntityKind, string> = {
  actors: 'actors.csv',
  incidents: 'incidents.csv',
  items: 'items.csv',
  baselines: 'baseline.csv',
  embargoes: 'embargoes.csv',
};

/** Cells of one row keyed by canonical column name, as typed by the user. */
export type RawRow = Record<string, string>;

export interface Column {
  name: string;
  /** Other headers users write for this column, French ones included. */
  aliases?: readonly string[];
  required?: boolean;
  /**
   * Holds a number (a coordinate, a count, a year): exported as a number, so a negative one
   * (a longitude west of Greenwich) is not guarded as if it were a formula.
   */
  numeric?: boolean;
}

/** The numeric columns of a kind, by name. */
export const numericColumnsOf = (spec: { columns: readonly Column[] }): ReadonlySet<string> =>
  new Set(spec.columns.filter((c) => c.numeric).map((c) => c.name));

/**
 * How one kind of record travels in a canonical CSV file or XLSX sheet: its columns, the
 * zod schema that reads a row, the key that makes re-import idempotent, and the way back.
 */
export interface EntitySpec<R> {
  kind: EntityKind;
  /** File and sheet names that mean this kind (besides `kind` itself). */
  fileNames: readonly string[];
  columns: readonly Column[];
  schema: z.ZodType<R, Partial<RawRow>>;
  key(record: R): string;
  format(record: R): RawRow;
}

export function defineEntity<R>(spec: EntitySpec<R>): EntitySpec<R> {
  return spec;
}

/** Format helpers shared by the specs' `format`: empty cells for nulls. */
export const cellText = (value: string | number | null | undefined): string =>
  value == null ? '' : String(value);

/** Rows as read from one file or sheet, before any schema: cells as the user typed them. */
export interface Table {
  /** How errors name the table: `items.csv` or `register.xlsx[items]`. */
  source: string;
  /** The sheet or file name the kind is recognised from. */
  name: string;
  header: string[];
  headerLine: number;
  rows: { line: number; cells: string[] }[];
}

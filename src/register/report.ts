import type { ProblemCode, ProblemParams } from '../core/problems';
import type { Provenance } from '../incidents/incidents.repository';
import type { EntityKind } from '../records/entity';
import type { RecognitionCounts } from '../reference/recognise';

// What a write to the register reports: every problem found, and what it added or changed.

export interface ImportProblem {
  file: string;
  line?: number;
  column?: string;
  message: string;
  /** What is wrong as a stable code with its parameters, for a client to word (`core/problems.ts`). */
  code?: ProblemCode;
  params?: ProblemParams;
}

export interface TableSummary {
  file: string;
  kind: EntityKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** A row that the import adds or changes (unchanged rows are only counted). */
export interface RowChange {
  file: string;
  line: number;
  kind: EntityKind;
  key: string;
  change: 'create' | 'update';
}

/** How many changed rows a report names one by one: a preview to read, not a copy of the file. */
export const MAX_LISTED_CHANGES = 500;

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  tables: TableSummary[];
  /** The first MAX_LISTED_CHANGES rows added or changed, in write order; the tables count them all. */
  changes: RowChange[];
  /** What became of the items' producers and headstamps, when the import held items. */
  recognition?: RecognitionCounts;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Who is importing, for the audit log. */
  user: string;
  /** Who documented new incidents, and whether they still await review (the API's drafts). */
  provenance?: Provenance;
  /**
   * Gives coordinates to incidents that name a place and have none, from the offline gazetteer
   * (`src/places/`), with a warning for each: the importers (CLI, API, web) set it.
   */
  geocode?: boolean;
  /**
   * Every row must be new (the API's create): a row found stored when written, because a
   * concurrent request wrote the same reference after the caller's check, is refused and the
   * whole write rolled back, rather than turned into an update answered as a creation.
   */
  createOnly?: boolean;
}

export function formatProblem(p: ImportProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.column ? `${where}: ${p.column}: ${p.message}` : `${where}: ${p.message}`;
}

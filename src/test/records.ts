import type { EntitySpec, RawRow } from '../records/entity';

/** Parses rows of one canonical file from a valid base row, each test changing only what it is about. */
export function rowParser<R>(spec: EntitySpec<R>, base: RawRow) {
  const parse = (overrides: Partial<RawRow> = {}) => spec.schema.safeParse({ ...base, ...overrides });
  return {
    parse,
    /** The problems of a rejected row, as `column: message`. */
    issuesOf(overrides: Partial<RawRow>): string[] {
      const result = parse(overrides);
      if (result.success) throw new Error('expected the row to be rejected');
      return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    },
    recordOf(overrides: Partial<RawRow> = {}): R {
      const result = parse(overrides);
      if (!result.success) throw new Error(`expected the row to parse: ${result.error.message}`);
      return result.data;
    },
  };
}

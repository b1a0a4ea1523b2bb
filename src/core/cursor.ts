import type { z } from 'zod';
import { Invalid } from './errors';

// Keyset paging: a page ends with a cursor naming its last row by the values it is ordered by,
// and the next page starts after that row, read from the index where the last one ended rather
// than counted from the first row (`OFFSET`, which reads every row it skips).

/** The cursor of a row: its sort values, opaque to the caller (base64url of their JSON). */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * A cursor read back with the shape its list expects (the order's name first, so a cursor of
 * one order is refused by another); a damaged or foreign one is refused as the caller's mistake.
 */
export function decodeCursor<S extends z.ZodType>(cursor: string, shape: S): z.output<S> {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const parsed = shape.safeParse(values);
  if (!parsed.success)
    throw new Invalid(
      'cursor: not a cursor of this list in this order; take `nextCursor` from the last page',
    );
  return parsed.data;
}

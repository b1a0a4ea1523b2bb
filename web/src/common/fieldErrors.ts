import { ApiError, problemWords } from '../api/client';

export type FieldErrors = Partial<Record<string, string>>;

interface Detail {
  /** The field of the request (`date`, `items.1.calibre`); a file's `column` for older answers. */
  field?: unknown;
  column?: unknown;
  message?: unknown;
  code?: unknown;
  params?: unknown;
}

/**
 * The API's complaints about a record, by field, in the reader's language where the server gave
 * a code; what concerns no field is under ''.
 */
export function fieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return { '': error instanceof Error ? error.message : String(error) };
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => {
    const before = errors[field];
    // Worded problems are sentences; the English messages of older answers are clauses.
    errors[field] = before ? `${before}${/[.?!]$/.test(before) ? ' ' : '; '}${message}` : message;
  };
  const details = Array.isArray(error.body?.details) ? (error.body.details as Detail[]) : [];
  for (const d of details) {
    const field = typeof d.field === 'string' ? d.field : typeof d.column === 'string' ? d.column : '';
    add(field, problemWords(d));
  }
  for (const issue of error.body?.issues ?? []) add(issue.path, problemWords(issue));
  if (Object.keys(errors).length === 0) errors[''] = error.message;
  return errors;
}

/** What the server refused that no field of the form shows (the items chosen, or the request as a whole). */
export function otherErrors(errors: FieldErrors, fields: string[]): string {
  return Object.entries(errors)
    .filter(([path]) => !fields.includes(path))
    .map(([, message]) => message)
    .join('; ');
}

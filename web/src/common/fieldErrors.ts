import { ApiError } from '../api/client';

export type FieldErrors = Partial<Record<string, string>>;

interface Detail {
  column?: unknown;
  message?: unknown;
}

/** The API's complaints about a record, by column; what concerns no column is under ''. */
export function fieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return { '': error instanceof Error ? error.message : String(error) };
  const errors: FieldErrors = {};
  const details = Array.isArray(error.body?.details) ? (error.body.details as Detail[]) : [];
  for (const d of details) {
    const column = typeof d.column === 'string' ? d.column : '';
    const message = typeof d.message === 'string' ? d.message : String(d.message);
    errors[column] = errors[column] ? `${errors[column]}; ${message}` : message;
  }
  for (const issue of error.body?.issues ?? []) errors[issue.path] = issue.message;
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

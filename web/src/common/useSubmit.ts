import { useState } from 'react';
import { fieldErrors, type FieldErrors } from './fieldErrors';

/** The server's refusal as one message, under '' (for forms that show it whole, not by field). */
export const refusal = (error: unknown): FieldErrors => ({
  '': error instanceof Error ? error.message : String(error),
});

/**
 * A form's save: busy while it runs, what was wrong after a failure (by field, as `read` makes
 * it of the error; the server's field errors by default), done after a success.
 */
export function useSubmit(read: (error: unknown) => FieldErrors = fieldErrors) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);
  const run = async (save: () => Promise<void>) => {
    setBusy(true);
    setDone(false);
    try {
      await save();
      setErrors({});
      setDone(true);
    } catch (error) {
      setErrors(read(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, setErrors, done, setDone, run };
}

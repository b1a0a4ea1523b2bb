import { useState } from 'react';
import { fieldErrors, type FieldErrors } from './fieldErrors';

/** A form's save: busy while it runs, the server's field errors after a failure, done after a success. */
export function useSubmit() {
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
      setErrors(fieldErrors(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, setErrors, done, run };
}

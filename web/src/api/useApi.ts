import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { ApiError, get } from './client';

export interface Loaded<T> {
  /** The last answer; kept while a new one loads, so tables do not flicker. */
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload(): void;
}

interface Answer<T> {
  /** Which request this answers: the path, the language and how many times it was reloaded. */
  key?: string;
  data?: T;
  error?: ApiError | Error;
}

/**
 * GETs an API path (null: nothing yet), again whenever the path changes; `load` reads the answer
 * (`getPage` for a list with its total), and must be the same function from render to render.
 */
export function useApi<T>(
  path: string | null,
  load: (path: string, signal: AbortSignal) => Promise<T> = get,
): Loaded<T> {
  const [version, setVersion] = useState(0);
  const [answer, setAnswer] = useState<Answer<T>>({});
  // A change of language asks again: some answers (the leads' explanations) are written in it.
  const { language } = useI18n();
  const key = path === null ? null : `${version} ${language} ${path}`;
  useEffect(() => {
    if (path === null || key === null) return;
    const abort = new AbortController();
    load(path, abort.signal).then(
      (data) => setAnswer({ key, data }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setAnswer({ key, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => abort.abort();
  }, [path, key, load]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = answer.key === key;
  return {
    data: answer.data,
    error: current ? answer.error : undefined,
    loading: key !== null && !current,
    reload,
  };
}

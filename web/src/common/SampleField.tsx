import { useEffect, useState } from 'react';
import { paths } from '../api/client';
import type { SampleSuggestion } from '../api/types';
import { useApi } from '../api/useApi';
import { useI18n } from '../i18n/i18n';

/** How long typing pauses before samples are suggested: one request per word, not per key. */
const PAUSE_MS = 250;

/**
 * A sample as a person types it (`7.62x39 539 1975`, `Tula 1975`), with the samples it matches
 * suggested as they type (GET /samples/suggest). Picking one fills in its key; what was typed
 * may also be kept: the server reads it the same way.
 */
export function SampleField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string | undefined;
  onChange(sample: string): void;
}) {
  const { t } = useI18n();
  const text = value ?? '';
  const [asked, setAsked] = useState<string | null>(null);
  useEffect(() => {
    const wanted = text.trim();
    const timer = setTimeout(() => setAsked(wanted.length >= 2 ? wanted : null), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const suggestions = useApi<SampleSuggestion[]>(asked === null ? null : paths.sampleSuggestions(asked));
  const shown = asked === null ? [] : (suggestions.data ?? []);
  return (
    <div className="field grow">
      <label htmlFor={id}>{t('links.sample')}</label>
      <span id={`${id}-hint`} className="hint">
        {t('links.sampleHint')}
      </span>
      <input
        id={id}
        list={`${id}-list`}
        value={text}
        placeholder={t('links.samplePlaceholder')}
        aria-describedby={`${id}-hint ${id}-count`}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
      />
      <datalist id={`${id}-list`}>
        {shown.map((s) => (
          <option key={s.key} value={s.key} label={suggestionLabel(s)} />
        ))}
      </datalist>
      <span id={`${id}-count`} className="visually-hidden" aria-live="polite">
        {asked === null || suggestions.loading ? '' : t('links.sampleSuggestions', { count: shown.length })}
      </span>
    </div>
  );
}

/** A suggestion as people say it, with the producer's name when the label numbers its factory. */
export function suggestionLabel(s: SampleSuggestion): string {
  return s.maker ? `${s.label} — ${s.maker}` : s.label;
}

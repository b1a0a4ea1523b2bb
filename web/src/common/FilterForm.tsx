import { useState, type FormEvent, type ReactNode } from 'react';
import type { Actor } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { DayInput } from './DayInput';

/** Filters as the address keeps them: each a text, each optional. */
type Filters = Partial<Record<string, string>>;

interface Props<F extends Filters> {
  label: string;
  value: F;
  onApply(filters: F): void;
  /** The fields, given the draft and a way to change part of it. */
  children(draft: F, set: (patch: F) => void): ReactNode;
}

/** A list's filters; they apply on submit, so a slow link is asked once per change of mind. */
export function FilterForm<F extends Filters>({ label, value, onApply, children }: Props<F>) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<F>(value);
  const set = (patch: F) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    // Every filter is optional: none at all is a valid set of filters.
    const none = {} as F;
    setDraft(none);
    onApply(none);
  };
  return (
    <form className="filters card" role="search" aria-label={label} onSubmit={submit}>
      {children(draft, set)}
      <div className="actions">
        <button type="submit" className="primary">
          {t('filters.apply')}
        </button>
        <button type="button" onClick={clear}>
          {t('filters.clear')}
        </button>
      </div>
    </form>
  );
}

/** The first and last day of a period, as two fields `<prefix>-from` and `<prefix>-to`. */
export function DateRangeFields({
  prefix,
  from,
  to,
  onChange,
}: {
  prefix: string;
  from: string | undefined;
  to: string | undefined;
  onChange(patch: { from?: string; to?: string }): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor={`${prefix}-from`}>{t('filters.from')}</label>
        <DayInput id={`${prefix}-from`} value={from ?? ''} onChange={(day) => onChange({ from: day })} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-to`}>{t('filters.to')}</label>
        <DayInput id={`${prefix}-to`} value={to ?? ''} onChange={(day) => onChange({ to: day })} />
      </div>
    </>
  );
}

/** An actor, typed or picked from the known ones. */
export function ActorField({
  id,
  actors,
  value,
  onChange,
}: {
  id: string;
  actors: Actor[];
  value: string | undefined;
  onChange(actor: string): void;
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{t('filters.actor')}</label>
      <input
        id={id}
        list={`${id}-list`}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
      />
      <datalist id={`${id}-list`}>
        {actors.map((a) => (
          <option key={a.name} value={a.name} />
        ))}
      </datalist>
    </div>
  );
}

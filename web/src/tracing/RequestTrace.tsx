import { useState, type FormEvent } from 'react';
import { tracingChannels } from '@headstamp/tracing/vocabulary';
import { api } from '../api/client';
import type { ItemView, NewTracingRequest } from '../api/types';
import { navigate, tracingPath } from '../app/router';
import { Field } from '../common/Field';
import { otherErrors } from '../common/fieldErrors';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';

/** Under an incident's items: request a trace of those ticked, then go to the new request. */
export function RequestTrace({ items }: { items: ItemView[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <div className="request-trace">
      <div className="form-actions">
        <button type="button" disabled={items.length === 0 || open} onClick={() => setOpen(true)}>
          {t('tracing.request')}
        </button>
        <p className="muted" aria-live="polite">
          {items.length === 0 ? t('tracing.selectHint') : t('tracing.selected', { count: items.length })}
        </p>
      </div>
      {open && items.length > 0 && <RequestForm items={items} onCancel={() => setOpen(false)} />}
    </div>
  );
}

function RequestForm({ items, onCancel }: { items: ItemView[]; onCancel(): void }) {
  const { t, country } = useI18n();
  // The state of manufacture is the one first asked (for a dissolved state, the one where the
  // works stand today); the analyst may name the exporter instead.
  const [draft, setDraft] = useState<Omit<NewTracingRequest, 'items'>>(() => ({
    addresseeCountry: items.find((i) => i.tracingCountry)?.tracingCountry ?? '',
    addressee: '',
    channel: 'bilateral',
    purpose: '',
  }));
  const { busy, errors, run } = useSubmit();
  const set = (name: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [name]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const created = await api.createTracingRequest({
        ...draft,
        items: items.map((i) => i.record.ref ?? ''),
      });
      navigate(tracingPath(created.ref));
    });
  };

  return (
    <form className="trace-form" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="form-grid">
        <legend>{t('tracing.newTitle', { count: items.length })}</legend>
        <Field
          id="trace-country"
          label={t('tracing.addresseeCountry')}
          hint={
            /^[A-Z]{2}$/.test(draft.addresseeCountry)
              ? `${t('tracing.countryHint')} (${draft.addresseeCountry}: ${country(draft.addresseeCountry)})`
              : t('tracing.countryHint')
          }
          error={errors.addresseeCountry}
        >
          {(props) => (
            // Opened by a button that is then disabled: the form takes the focus.
            <input
              {...props}
              required
              autoFocus
              value={draft.addresseeCountry}
              onChange={set('addresseeCountry')}
            />
          )}
        </Field>
        <Field id="trace-channel" label={t('tracing.channel')} error={errors.channel}>
          {(props) => (
            <select {...props} value={draft.channel} onChange={set('channel')}>
              {tracingChannels.map((c) => (
                <option key={c} value={c}>
                  {t(`tracing.channel.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="trace-addressee"
          label={t('tracing.addressee')}
          hint={t('tracing.addresseeHint')}
          error={errors.addressee}
          wide
        >
          {(props) => <input {...props} required value={draft.addressee} onChange={set('addressee')} />}
        </Field>
        <Field
          id="trace-purpose"
          label={t('tracing.purpose')}
          hint={t('tracing.purposeHint')}
          error={errors.purpose}
          wide
        >
          {(props) => (
            <textarea {...props} required rows={3} value={draft.purpose} onChange={set('purpose')} />
          )}
        </Field>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('tracing.creating') : t('tracing.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('tracing.cancel')}
        </button>
        <p role="alert" className="error">
          {otherErrors(errors, ['addresseeCountry', 'addressee', 'channel', 'purpose'])}
        </p>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { referenceFields, type ReferenceField } from '@headstamp/reference/vocabulary';
import { api, paths } from '../api/client';
import type { CalibreRef, ManufacturerRef, ModelRef } from '../api/types';
import { useApi } from '../api/useApi';
import { Field } from '../common/Field';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';

/** The entries a value of this list can be mapped to, as key and what a reader knows it by. */
function useTargets(field: ReferenceField): { key: string; label: string }[] {
  const makers = useApi<ManufacturerRef[]>(field === 'manufacturer' ? paths.manufacturers : null);
  const models = useApi<ModelRef[]>(field === 'model' ? paths.models : null);
  const calibres = useApi<CalibreRef[]>(field === 'calibre' ? paths.calibres : null);
  if (field === 'manufacturer') return (makers.data ?? []).map((m) => ({ key: m.key, label: m.name }));
  if (field === 'model') return (models.data ?? []).map((m) => ({ key: m.key, label: m.label }));
  return (calibres.data ?? []).map((c) => ({ key: c.key, label: c.label }));
}

/**
 * Says once what a value written by field teams means. The server keys the stored samples again
 * and moves their findings, so the form says how many items changed.
 */
export function ReferenceMappingForm({ onMapped }: { onMapped(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<{ field: ReferenceField; written: string; target: string }>({
    field: 'manufacturer',
    written: '',
    target: '',
  });
  const targets = useTargets(draft.field);
  const { busy, errors, done, run } = useSubmit();
  const [result, setResult] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const report = await api.mapReferenceValue(draft);
      setResult(t('mappings.done', { items: report.items, baselines: report.baselines }));
      setDraft({ ...draft, written: '', target: '' });
      onMapped();
    });
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="form-grid">
        <legend>{t('mappings.add')}</legend>
        <Field id="mapping-field" label={t('mappings.field')} error={errors.field}>
          {(props) => (
            <select
              {...props}
              value={draft.field}
              onChange={(e) => setDraft({ ...draft, field: e.target.value as ReferenceField, target: '' })}
            >
              {referenceFields.map((field) => (
                <option key={field} value={field}>
                  {t(`mappings.field.${field}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="mapping-written"
          label={t('mappings.written')}
          hint={t('mappings.writtenHint')}
          error={errors.written}
        >
          {(props) => (
            <input
              {...props}
              value={draft.written}
              onChange={(e) => setDraft({ ...draft, written: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="mapping-target"
          label={t('mappings.target')}
          hint={t('mappings.targetHint')}
          error={errors.target}
        >
          {(props) => (
            <>
              <input
                {...props}
                list="mapping-targets"
                value={draft.target}
                onChange={(e) => setDraft({ ...draft, target: e.target.value })}
              />
              <datalist id="mapping-targets">
                {targets.map((entry) => (
                  <option key={entry.key} value={entry.key}>
                    {entry.label}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </Field>
      </fieldset>
      {errors[''] && <p className="field-error">{errors['']}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('mappings.submit')}
        </button>
      </div>
      {done && (
        <p role="status" className="notice">
          {result}
        </p>
      )}
    </form>
  );
}

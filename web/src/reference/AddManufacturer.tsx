import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { NewManufacturer } from '../api/types';
import { Field } from '../common/Field';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const PRODUCTS = ['weapons', 'ammunition', 'explosives', 'vehicles'] as const;
const CONFIDENCES = ['high', 'medium', 'low'] as const;
const list = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const year = (text: string) => (text.trim() ? Number(text) : null);

const EMPTY = {
  key: '',
  name: '',
  country: '',
  location: '',
  firstYear: '',
  lastYear: '',
  codes: '',
  aliases: '',
  calibres: '',
  source: '',
};

/** Adds a producer the manufacturer list lacks (administrators); the server checks and audits it. */
export function AddManufacturerForm({ onAdded }: { onAdded(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(EMPTY);
  const [makes, setMakes] = useState<NewManufacturer['makes']>([]);
  const [confidence, setConfidence] = useState<NewManufacturer['confidence']>('low');
  const [added, setAdded] = useState('');
  const { busy, errors, done, run } = useSubmit();

  const text = (field: keyof typeof EMPTY, hint?: MessageKey, error = errors[field]) => (
    <Field
      id={`maker-${field}`}
      label={t(`maker.${field}` as MessageKey)}
      hint={hint && t(hint)}
      error={error}
    >
      {(props) => (
        <input
          {...props}
          value={draft[field]}
          onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
        />
      )}
    </Field>
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const first = year(draft.firstYear);
      const entry: NewManufacturer = {
        key: draft.key.trim(),
        name: draft.name.trim(),
        country: draft.country.trim(),
        makes,
        ...(draft.location.trim() ? { location: draft.location.trim() } : {}),
        ...(first !== null ? { years: [first, year(draft.lastYear)] } : {}),
        calibres: list(draft.calibres),
        headstampCodes: list(draft.codes),
        aliases: list(draft.aliases),
        source: draft.source.trim(),
        confidence,
      };
      const result = await api.addManufacturer(entry);
      setAdded(t('maker.added', { name: result.name }));
      setDraft(EMPTY);
      setMakes([]);
      onAdded();
    });
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="form-grid">
        <legend>{t('maker.add')}</legend>
        <p className="muted wide">{t('maker.intro')}</p>
        {text('key', 'maker.keyHint')}
        {text('name')}
        {text('country', 'maker.countryHint')}
        {text('location', 'maker.locationHint')}
        <fieldset className="wide" aria-describedby={errors.makes ? 'maker-makes-error' : undefined}>
          <legend>{t('maker.makes')}</legend>
          {PRODUCTS.map((product) => (
            <label key={product} className="check">
              <input
                type="checkbox"
                checked={makes.includes(product)}
                onChange={(e) =>
                  setMakes(e.target.checked ? [...makes, product] : makes.filter((p) => p !== product))
                }
              />
              {t(`maker.makes.${product}`)}
            </label>
          ))}
          {errors.makes && (
            <span id="maker-makes-error" className="error">
              {errors.makes}
            </span>
          )}
        </fieldset>
        {text('firstYear', undefined, errors['years.0'] ?? errors.years)}
        {text('lastYear', 'maker.lastYearHint', errors['years.1'])}
        {text('codes', 'maker.codesHint', errors.headstampCodes)}
        {text('aliases', 'maker.aliasesHint')}
        {text('calibres', 'maker.calibresHint')}
        {text('source', 'maker.sourceHint')}
        <Field id="maker-confidence" label={t('maker.confidence')} error={errors.confidence}>
          {(props) => (
            <select
              {...props}
              value={confidence}
              onChange={(e) => setConfidence(e.target.value as NewManufacturer['confidence'])}
            >
              {CONFIDENCES.map((c) => (
                <option key={c} value={c}>
                  {t(`ref.confidence.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('maker.submit')}
        </button>
      </div>
      {done && (
        <p role="status" className="notice">
          {added}
        </p>
      )}
    </form>
  );
}

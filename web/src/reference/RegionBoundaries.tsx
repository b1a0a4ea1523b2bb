import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { Field } from '../common/Field';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';

/**
 * Imports one country's region boundaries from a GeoJSON file (an OCHA COD-AB admin1 layer, say);
 * the server checks the file and writes all of it or nothing.
 */
export function RegionBoundariesForm({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ country: '', nameProperty: 'name', source: '' });
  const [file, setFile] = useState<File>();
  const { busy, errors, done, run } = useSubmit();
  const [imported, setImported] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      let geojson: unknown;
      try {
        geojson = file ? JSON.parse(await file.text()) : undefined;
      } catch {
        // Shown by the file field, as the server's errors about the file are.
        throw new Error(t('regions.notJson'));
      }
      const { country, nameProperty, source } = draft;
      const result = await api.importBoundaries(country, { nameProperty, source, geojson });
      setImported(t('regions.imported', { country: result.country, count: result.regions.length }));
      onImported();
    });
  };
  // The server names the feature a problem is in (geojson.features.3.geometry…): shown by the file.
  const fileError = Object.entries(errors)
    .filter(([path]) => path.startsWith('geojson') || path === '')
    .map(([path, message]) => (path ? `${path}: ${message}` : message))
    .join('; ');

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="form-grid">
        <legend>{t('regions.import')}</legend>
        <Field id="regions-file" label={t('regions.file')} error={fileError || undefined} wide>
          {(props) => (
            <input
              {...props}
              type="file"
              accept=".geojson,.json,application/geo+json,application/json"
              onChange={(e) => setFile(e.target.files?.[0])}
            />
          )}
        </Field>
        <Field
          id="regions-country"
          label={t('regions.country')}
          hint={t('regions.countryHint')}
          error={errors.country}
        >
          {(props) => (
            <input
              {...props}
              value={draft.country}
              onChange={(e) => setDraft({ ...draft, country: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="regions-name"
          label={t('regions.nameProperty')}
          hint={t('regions.namePropertyHint')}
          error={errors.nameProperty}
        >
          {(props) => (
            <input
              {...props}
              value={draft.nameProperty}
              onChange={(e) => setDraft({ ...draft, nameProperty: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="regions-source"
          label={t('regions.source')}
          hint={t('regions.sourceHint')}
          error={errors.source}
        >
          {(props) => (
            <input
              {...props}
              value={draft.source}
              onChange={(e) => setDraft({ ...draft, source: e.target.value })}
            />
          )}
        </Field>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('regions.submit')}
        </button>
      </div>
      {done && (
        <p role="status" className="notice">
          {imported}
        </p>
      )}
    </form>
  );
}

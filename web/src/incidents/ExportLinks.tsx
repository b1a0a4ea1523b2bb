import { exportFormats } from '@headstamp/exports/formats';
import { paths } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { Filters } from './filters';

/**
 * Download links for the whole selection in each export format. Plain links: the browser
 * downloads with the session cookie, shows its own progress, and "save link as" works too.
 */
export function ExportLinks({ filters }: { filters: Filters }) {
  const { t, language } = useI18n();
  return (
    <div className="export-links" role="group" aria-labelledby="export-label" aria-describedby="export-note">
      <span id="export-label">{t('export.label')}</span>
      <ul>
        {exportFormats.map((format) => (
          <li key={format}>
            <a href={paths.incidentExport(filters, format, language)} download>
              {t(`export.format.${format}`)}
            </a>
          </li>
        ))}
      </ul>
      <p id="export-note" className="muted small">
        {t('export.note')}
      </p>
    </div>
  );
}

import { useEffect, useRef } from 'react';
import { paths } from '../api/client';
import type { LeadsStatus } from '../api/types';
import { useApi } from '../api/useApi';
import { useI18n } from '../i18n/i18n';

/** How often the status is asked while the findings are being updated, and otherwise. */
const WHILE_UPDATING_MS = 2000;
const OTHERWISE_MS = 20_000;

/**
 * Says when the findings are being brought up to date with recent changes (writes return before
 * the findings follow them), and calls `onUpdated` once they are, so that the page reads them again.
 */
export function FindingsUpdating({ onUpdated }: { onUpdated: () => void }) {
  const { t } = useI18n();
  const status = useApi<LeadsStatus>(paths.leadsStatus);
  const updating = status.data?.updating ?? false;
  const { reload } = status;
  useEffect(() => {
    const timer = setTimeout(reload, updating ? WHILE_UPDATING_MS : OTHERWISE_MS);
    return () => clearTimeout(timer);
  }, [status.data, status.error, updating, reload]);
  const wasUpdating = useRef(false);
  useEffect(() => {
    if (wasUpdating.current && !updating) onUpdated();
    wasUpdating.current = updating;
  }, [updating, onUpdated]);
  if (!updating) return null;
  return (
    <p className="notice findings-updating" role="status">
      {t('leads.updating')}
    </p>
  );
}

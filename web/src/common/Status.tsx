import { ApiError } from '../api/client';
import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';

/**
 * What to show while a page's data loads, or when it could not be loaded: then what went wrong,
 * and a way on (`retry`: ask again) or back to the dashboard.
 */
export function Status({
  loading,
  error,
  retry,
}: {
  loading: boolean;
  error: Error | undefined;
  retry?: () => void;
}) {
  const { t } = useI18n();
  if (error) {
    const message =
      error instanceof ApiError
        ? error.status === 404
          ? t('common.notFound')
          : error.status === 403
            ? t('common.forbidden')
            : t('common.failed', { message: error.message })
        : t('common.unreachable');
    return (
      <div className="status-failed">
        <Alert message={message} />
        <p>
          {retry && (
            <>
              <button type="button" onClick={retry}>
                {t('common.retry')}
              </button>{' '}
            </>
          )}
          <Link to="/">{t('common.home')}</Link>
        </p>
      </div>
    );
  }
  if (loading)
    return (
      <p role="status" className="muted">
        {t('common.loading')}
      </p>
    );
  return null;
}

/** What went wrong with the last action, when something did. */
export function Alert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}

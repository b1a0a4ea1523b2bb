import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** What to show while a page's data loads, or when it could not be loaded. */
export function Status({ loading, error }: { loading: boolean; error: Error | undefined }) {
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
    return <Alert message={message} />;
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

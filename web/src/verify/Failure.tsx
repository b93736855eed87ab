import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A request that failed for no fault of the person's: what happened, and a button to try again. */
export function Failure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const message =
    error instanceof ApiError ? (error.status === 429 ? t('errors.tooMany') : t('errors.server')) : t('errors.network');
  return (
    <div className="v-card v-failure v-stack" role="alert">
      <p>{message}</p>
      <button type="button" className="v-button v-button-red" onClick={onRetry}>
        {t('errors.retry')}
      </button>
    </div>
  );
}

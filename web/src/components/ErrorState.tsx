import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * What a person sees when a request failed for no fault of theirs: the network, the server, or
 * too many requests; with a button to try again. Never a blank page.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message =
    error instanceof ApiError ? (error.status === 429 ? t('errors.tooMany') : t('errors.server')) : t('errors.network');
  return (
    <Alert color="red" role="alert" variant="light">
      <Stack gap="sm">
        <Text>{message}</Text>
        {onRetry && (
          <Button onClick={onRetry} variant="filled" color="red.9" style={{ alignSelf: 'flex-start' }}>
            {t('errors.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

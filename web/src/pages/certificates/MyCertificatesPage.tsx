import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../../api/client';
import { RequireSignIn } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { formatDate } from '../../lib/format';

/**
 * `/constancias`: my certificates, for a promotion file: each with its registry number, topic,
 * dates, hours and status; its PDF exactly as issued, its signed credential, and a verification link
 * to send a committee; and the transcript of them all.
 */
export function MyCertificatesPage() {
  return (
    <RequireSignIn>
      <Certificates />
    </RequireSignIn>
  );
}

function Certificates() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [copied, setCopied] = useState<string>();
  const certificates = useQuery({
    queryKey: ['me', 'certificates'],
    queryFn: async () => dataOf(await api.GET('/api/v1/me/certificates')),
  });
  if (certificates.isPending) return <Text aria-busy>{t('certificates.loading')}</Text>;
  if (certificates.isError)
    return <ErrorState error={certificates.error} onRetry={() => void certificates.refetch()} />;
  const copy = async (id: string, url: string) => {
    await navigator.clipboard.writeText(url);
    setCopied(id);
  };
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>{t('certificates.title')}</Title>
      {certificates.data.length === 0 ? (
        <Text size="lg">{t('certificates.none')}</Text>
      ) : (
        <>
          <Button component="a" href="/api/v1/me/transcript.pdf" download variant="light" size="lg">
            {t('certificates.transcript')}
          </Button>
          {certificates.data.map((c) => (
            <Paper key={c.id} withBorder p="md">
              <Stack gap="xs">
                <Group justify="space-between" wrap="wrap">
                  <Text fw={700}>{c.registryNumber}</Text>
                  <Badge color={c.status === 'valid' ? 'teal.9' : 'gray.8'} size="lg">
                    {t(`certificates.status.${c.status}`)}
                  </Badge>
                </Group>
                <Text fw={600}>{c.topic}</Text>
                {c.seminarTitle !== c.topic && <Text>{c.seminarTitle}</Text>}
                <Text>
                  {t('home.dates', { from: formatDate(c.startDate, language), to: formatDate(c.endDate, language) })}
                </Text>
                <Text>{t('certificates.hours', { count: c.hours })}</Text>
                {c.status === 'valid' && (
                  <Stack gap="xs">
                    <Button component="a" href={`/api/v1/certificates/${c.id}/pdf`} download size="md">
                      {t('certificates.pdf')}
                    </Button>
                    <Button
                      variant="outline"
                      onClick={() => void copy(c.id, c.verificationUrl)}
                      aria-describedby={`copied-${c.id}`}
                    >
                      {t('certificates.copy')}
                    </Button>
                    <Text id={`copied-${c.id}`} role="status" size="sm">
                      {copied === c.id ? t('certificates.copied') : ''}
                    </Text>
                    <Anchor
                      href={`/api/v1/certificates/${c.id}/credential`}
                      download={`${c.registryNumber}.jwt`}
                      className="puente-touch"
                    >
                      {t('certificates.credential')}
                    </Anchor>
                    <Text size="sm">{t('certificates.credentialWhat')}</Text>
                  </Stack>
                )}
                {c.status === 'revoked' && c.revocationReason && (
                  <Alert color="gray" variant="light">
                    {t('certificates.revoked', { reason: c.revocationReason })}
                  </Alert>
                )}
              </Stack>
            </Paper>
          ))}
        </>
      )}
    </Stack>
  );
}

import { Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api, dataOf } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { PdfDrop } from './PdfDrop';
import { VerificationCard } from './VerificationCard';

/**
 * Public verification of a certificate, no account: `/verificar/{number}?code=…`, and the path the
 * certificates' QR codes print, `/verify/{number}?code=…`. Without a number it is the form alone.
 */
export function VerificationPage() {
  const { t } = useTranslation();
  const { number } = useParams();
  const [params] = useSearchParams();
  // `c` is the short form some printed samples use.
  const code = params.get('code') ?? params.get('c') ?? '';
  const asked = Boolean(number && code);
  const result = useQuery({
    queryKey: ['verify', number, code],
    enabled: asked,
    retry: false,
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/public/verify/{registryNumber}', {
          params: { path: { registryNumber: number! }, query: { code } },
        }),
      ),
  });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('verify.title')}</Title>
      {asked && result.isPending && <Text aria-live="polite">{t('verify.checking')}</Text>}
      {result.isError &&
        (result.error instanceof ApiError && result.error.status === 404 ? (
          <Paper withBorder p="md" role="alert">
            <Text fw={700}>{t('verify.notFound')}</Text>
          </Paper>
        ) : (
          <ErrorState error={result.error} onRetry={() => void result.refetch()} />
        ))}
      {result.data && <VerificationCard verification={result.data} />}
      <VerifyForm initialNumber={number ?? ''} initialCode={code} />
      <PdfDrop />
      <Anchor href="/.well-known/jwks.json" className="puente-touch">
        {t('verify.keys')}
      </Anchor>
    </Stack>
  );
}

function VerifyForm({ initialNumber, initialCode }: { initialNumber: string; initialCode: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [number, setNumber] = useState(initialNumber);
  const [code, setCode] = useState(initialCode);
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!number.trim() || !code.trim()) return;
    void navigate(
      `/verificar/${encodeURIComponent(number.trim().toUpperCase())}?code=${encodeURIComponent(code.trim())}`,
    );
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t('verify.intro')}</Text>
        <TextInput
          label={t('verify.number')}
          description={t('verify.numberHint')}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={tried && !number.trim() ? t('verify.required') : undefined}
          autoCapitalize="characters"
          autoComplete="off"
          required
        />
        <TextInput
          label={t('verify.code')}
          description={t('verify.codeHint')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={tried && !code.trim() ? t('verify.required') : undefined}
          autoCapitalize="characters"
          autoComplete="off"
          required
        />
        <Button type="submit" style={{ alignSelf: 'flex-start' }}>
          {t('verify.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}

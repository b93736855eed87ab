import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn } from '../../app/session';
import { formatInstant } from '../../lib/format';

type CheckIn = components['schemas']['CheckInResponseDto'];

/** The characters of a check-in code: no 0, O, 1, I or L, which people confuse. */
const CODE_CHARACTERS = /[^23456789ABCDEFGHJKMNPQRSTUVWXYZ]/g;
export const cleanCode = (typed: string) => typed.toUpperCase().replace(CODE_CHARACTERS, '').slice(0, 6);

/** Codes that a fresh one from the room can fix: the page then asks for it. */
const RETYPE = new Set(['check_in_code_expired', 'check_in_code_invalid', 'check_in_code_other_seminar']);

/**
 * `/check-in?seminar=…&code=…`, the URL of the room's QR code: the phone's camera opens it, one tap
 * checks in. The code survives a detour through signing in (it is in the query); when it has
 * expired meanwhile, the page asks for the one shown in the room now.
 */
export function CheckInPage() {
  return (
    <RequireSignIn>
      <CheckInFromAddress />
    </RequireSignIn>
  );
}

function CheckInFromAddress() {
  const [params] = useSearchParams();
  return <CheckInForm seminarId={params.get('seminar') ?? undefined} fromQr={cleanCode(params.get('code') ?? '')} />;
}

/**
 * Checking in: one tap for the code the room's QR carried, else the code on the screen typed into
 * one large field. `embedded` (on the home page of a seminar day) leaves the page's heading out.
 */
export function CheckInForm({
  seminarId,
  fromQr,
  embedded = false,
}: {
  seminarId?: string;
  fromQr: string;
  embedded?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [typing, setTyping] = useState(fromQr.length === 0);
  const [typed, setTyped] = useState('');
  const checkIn = useMutation({
    mutationFn: async (code: string): Promise<CheckIn> =>
      dataOf(
        await api.POST('/api/v1/me/check-ins', {
          body: { code, ...(seminarId ? { seminarId } : {}) },
        }),
      ),
    onError: (error) => {
      if (error instanceof ApiError && RETYPE.has(error.problem.code ?? '')) setTyping(true);
    },
  });
  const error = checkIn.error instanceof ApiError ? checkIn.error : undefined;
  const already = error?.problem.code === 'already_checked_in';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    checkIn.mutate(typed);
  };

  if (checkIn.isSuccess) {
    const done = checkIn.data;
    return (
      <Stack gap="lg" maw={480}>
        {!embedded && <Title order={1}>{t('checkIn.doneTitle')}</Title>}
        <Paper withBorder p="lg" role="status">
          <Stack gap="xs">
            <Text fz={28} fw={700} c="teal.9">
              {t(`checkIn.status.${done.status}`)}
            </Text>
            <Text fw={600}>{done.seminarTitle}</Text>
            <Text>{t('checkIn.at', { time: formatInstant(done.checkedInAt, i18n.language) })}</Text>
          </Stack>
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="lg" maw={480}>
      {!embedded && <Title order={1}>{t('checkIn.title')}</Title>}
      {checkIn.isError && (
        <Alert color={already ? 'green' : 'red'} variant="light" role="alert">
          {error ? error.message : t('errors.network')}
        </Alert>
      )}
      {!typing && !already && (
        <Stack gap="sm">
          <Text>{t('checkIn.fromQr', { code: fromQr })}</Text>
          <Button size="xl" fullWidth loading={checkIn.isPending} onClick={() => checkIn.mutate(fromQr)}>
            {t('checkIn.confirm')}
          </Button>
        </Stack>
      )}
      {typing && !already && (
        <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label={t('checkIn.code')}
              description={t('checkIn.codeHint')}
              value={typed}
              onChange={(e) => setTyped(cleanCode(e.currentTarget.value))}
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              size="xl"
              styles={{ input: { fontSize: 32, letterSpacing: '0.3em', textAlign: 'center', fontFamily: 'monospace' } }}
              required
            />
            <Button type="submit" size="xl" fullWidth loading={checkIn.isPending} disabled={typed.length !== 6}>
              {t('checkIn.confirm')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

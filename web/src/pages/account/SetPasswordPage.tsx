import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import { useProblem } from '../../components/ProblemFields';
import { safeNext } from '../../app/session';

/**
 * Choose a password from the link of the reset or account-created mail (`/restablecer-contrasena
 * ?token=…`): a physician's very first visit, so one sentence says what Puente is. Afterwards
 * they sign in and go on to the page the mail was about (`next`).
 */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const next = safeNext(params.get('next'));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const set = useMutation({
    mutationFn: async () =>
      dataOf(await api.POST('/api/v1/auth/password-reset/confirm', { body: { token, newPassword: password } })),
  });
  const problem = useProblem(set.error);
  const mismatch = tried && repeat !== password ? t('setPassword.mismatch') : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (repeat === password) set.mutate();
  };
  if (set.isSuccess)
    return (
      <Stack gap="lg" maw={480}>
        <Title order={1}>{t('setPassword.doneTitle')}</Title>
        <Text role="status">{t('setPassword.done')}</Text>
        <Button component={Link} to={`/entrar?next=${encodeURIComponent(next)}`} fullWidth>
          {t('setPassword.signIn')}
        </Button>
      </Stack>
    );
  return (
    <Stack gap="lg" maw={480}>
      <Title order={1}>{t('setPassword.title')}</Title>
      <Text>{t('setPassword.whatIsPuente')}</Text>
      <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
        <Stack gap="md">
          {problem.form && !problem.field('newPassword') && (
            <Alert color="red" role="alert" variant="light">
              {problem.form}
            </Alert>
          )}
          <PasswordInput
            label={t('setPassword.password')}
            description={t('setPassword.rule')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={problem.field('newPassword')}
            aria-invalid={problem.field('newPassword') ? true : undefined}
            required
          />
          <PasswordInput
            label={t('setPassword.repeat')}
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={mismatch}
            aria-invalid={mismatch ? true : undefined}
            required
          />
          <Button type="submit" loading={set.isPending} fullWidth>
            {t('setPassword.submit')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}

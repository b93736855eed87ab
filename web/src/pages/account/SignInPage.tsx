import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import { ME_KEY, safeNext, useMe } from '../../app/session';
import { useProblem } from '../../components/ProblemFields';

/** Sign in with email and password; afterwards the person returns to the page they came from. */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/v1/auth/browser-session', {
          params: { header: { 'x-puente-csrf': '1' } },
          body: { email: email.trim(), password },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ME_KEY });
      await navigate(next, { replace: true });
    },
  });
  const problem = useProblem(signIn.error);
  if (me.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next} replace />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <Stack gap="lg" maw={480}>
      <Title order={1}>{t('signIn.title')}</Title>
      <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
        <Stack gap="md">
          {problem.form && (
            <Alert color="red" role="alert" variant="light">
              {problem.form}
            </Alert>
          )}
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={problem.field('email')}
            required
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={problem.field('password')}
            aria-invalid={problem.field('password') ? true : undefined}
            required
          />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            {t('signIn.submit')}
          </Button>
          <Anchor component={Link} to="/contrasena/olvide" className="puente-touch">
            {t('signIn.forgot')}
          </Anchor>
        </Stack>
      </Paper>
      <Text size="sm">{t('signIn.firstTime')}</Text>
    </Stack>
  );
}

import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../../api/client';
import { useProblem } from '../../components/ProblemFields';

/** Asks for a password link by mail; the answer is the same whether or not the email has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: async () => dataOf(await api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } })),
  });
  const problem = useProblem(request.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  return (
    <Stack gap="lg" maw={480}>
      <Title order={1}>{t('forgot.title')}</Title>
      {request.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          <Text>{t('forgot.sent', { email: email.trim() })}</Text>
        </Alert>
      ) : (
        <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text>{t('forgot.intro')}</Text>
            {problem.form && !problem.field('email') && (
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
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('forgot.submit')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

import {
  Alert,
  Anchor,
  Button,
  CopyButton,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, dataOf } from '../../api/client';
import { ME_KEY, RequireSignIn, useMe, type Me } from '../../app/session';
import { useProblem } from '../../components/ProblemFields';
import { i18n as pages } from '../../i18n';

/**
 * `/perfil`: name and licence as the office registered them (read only), phone and language (the
 * language of the pages and of the mail), the password, and the personal calendar address.
 */
export function ProfilePage() {
  return (
    <RequireSignIn>
      <Profile />
    </RequireSignIn>
  );
}

function Profile() {
  const { t } = useTranslation();
  const me = useMe().data!;
  return (
    <Stack gap="lg" maw={560}>
      <Title order={1}>{t('profile.title')}</Title>
      <Paper withBorder p="md">
        <Stack gap={4}>
          <Text fw={700}>{me.fullName}</Text>
          <Text>{me.email}</Text>
          {me.licenceNumber && <Text>{t('profile.licence', { licence: me.licenceNumber })}</Text>}
          <Text size="sm">{t('profile.readOnly')}</Text>
        </Stack>
      </Paper>
      <Details me={me} />
      <Password />
      <CalendarFeed />
      {(me.roles.includes('attendee') || me.roles.includes('facilitator')) && (
        <Paper withBorder p="md" component="nav" aria-labelledby="profile-training">
          <Stack gap={0}>
            <Title order={2} size="h3" id="profile-training">
              {t('needs.profile.title')}
            </Title>
            {me.roles.includes('attendee') && (
              <Anchor component={Link} to="/necesidades" className="puente-touch">
                {t('needs.profile.needs')}
              </Anchor>
            )}
            <Anchor component={Link} to="/disponibilidad" className="puente-touch">
              {t('needs.profile.availability')}
            </Anchor>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function Details({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [phone, setPhone] = useState(me.phone ?? '');
  const [locale, setLocale] = useState<'es' | 'en'>(me.locale === 'en' ? 'en' : 'es');
  const save = useMutation({
    mutationFn: async () => dataOf(await api.PATCH('/api/v1/me', { body: { phone: phone.trim() || null, locale } })),
    onSuccess: async (person) => {
      client.setQueryData(ME_KEY, person);
      await pages.changeLanguage(person.locale === 'en' ? 'en' : 'es-MX');
    },
  });
  const problem = useProblem(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2} size="h3">
          {t('profile.details')}
        </Title>
        {problem.form && !problem.field('phone') && (
          <Alert color="red" variant="light" role="alert">
            {problem.form}
          </Alert>
        )}
        {save.isSuccess && (
          <Text role="status" fw={600}>
            {t('profile.saved')}
          </Text>
        )}
        <TextInput
          label={t('profile.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={problem.field('phone')}
        />
        <div role="group" aria-labelledby="profile-language">
          <Text id="profile-language" fw={500} mb={4}>
            {t('profile.language')}
          </Text>
          <SegmentedControl
            value={locale}
            onChange={(value) => setLocale(value === 'en' ? 'en' : 'es')}
            data={[
              { value: 'es', label: t('app.languages.es-MX') },
              { value: 'en', label: t('app.languages.en') },
            ]}
          />
          <Text size="sm" mt={4}>
            {t('profile.languageHint')}
          </Text>
        </div>
        <Button type="submit" loading={save.isPending}>
          {t('profile.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

function Password() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: async () =>
      dataOf(await api.POST('/api/v1/me/password', { body: { currentPassword: current, newPassword: next } })),
    onSuccess: () => {
      setCurrent('');
      setNext('');
    },
  });
  const problem = useProblem(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2} size="h3">
          {t('profile.password')}
        </Title>
        {problem.form && !problem.field('newPassword') && !problem.field('currentPassword') && (
          <Alert color="red" variant="light" role="alert">
            {problem.form}
          </Alert>
        )}
        {change.isSuccess && (
          <Text role="status" fw={600}>
            {t('profile.passwordChanged')}
          </Text>
        )}
        <PasswordInput
          label={t('profile.currentPassword')}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={problem.field('currentPassword')}
          aria-invalid={problem.field('currentPassword') ? true : undefined}
          required
        />
        <PasswordInput
          label={t('profile.newPassword')}
          description={t('setPassword.rule')}
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={problem.field('newPassword')}
          aria-invalid={problem.field('newPassword') ? true : undefined}
          required
        />
        <Button type="submit" loading={change.isPending}>
          {t('profile.changePassword')}
        </Button>
      </Stack>
    </Paper>
  );
}

function CalendarFeed() {
  const { t } = useTranslation();
  const create = useMutation({
    mutationFn: async () => dataOf(await api.POST('/api/v1/me/calendar-feed')),
  });
  const revoke = useMutation({
    mutationFn: async () => dataOf(await api.DELETE('/api/v1/me/calendar-feed')),
    onSuccess: () => create.reset(),
  });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('profile.calendar')}
        </Title>
        <Text>{t('profile.calendarWhat')}</Text>
        {create.data ? (
          <Stack gap="xs">
            <TextInput label={t('profile.calendarUrl')} value={create.data.url} readOnly />
            <CopyButton value={create.data.url}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? t('profile.copied') : t('profile.copy')}
                </Button>
              )}
            </CopyButton>
            <Text size="sm">{t('profile.calendarHowPhone')}</Text>
            <Text size="sm">{t('profile.calendarHowGoogle')}</Text>
            <Text size="sm">{t('profile.calendarSecret')}</Text>
          </Stack>
        ) : (
          <Button variant="light" onClick={() => create.mutate()} loading={create.isPending}>
            {t('profile.calendarCreate')}
          </Button>
        )}
        <Button variant="outline" color="red.9" onClick={() => revoke.mutate()} loading={revoke.isPending}>
          {t('profile.calendarRevoke')}
        </Button>
        {revoke.isSuccess && <Text role="status">{t('profile.calendarRevoked')}</Text>}
      </Stack>
    </Paper>
  );
}

import { Button, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/session';

const PhysicianHome = lazy(() => import('./home/PhysicianHome').then((m) => ({ default: m.PhysicianHome })));

/** What Puente is, for anyone; for a physician signed in, what they have to do now. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.data?.roles.includes('attendee'))
    return (
      <Suspense fallback={<Title order={1}>{t('home.greeting', { name: me.data.fullName })}</Title>}>
        <PhysicianHome me={me.data} />
      </Suspense>
    );
  return (
    <Stack gap="md">
      <Title order={1}>{me.data ? t('home.greeting', { name: me.data.fullName }) : t('home.title')}</Title>
      <Text size="lg">{t('home.lead')}</Text>
      <Button component="a" href="/verificar" variant="light" style={{ alignSelf: 'flex-start' }}>
        {t('home.verify')}
      </Button>
    </Stack>
  );
}

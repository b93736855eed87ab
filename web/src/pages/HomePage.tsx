import { Button, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/session';
import { useFacilitations } from './facilitator/facilitations';

const PhysicianHome = lazy(() => import('./home/PhysicianHome').then((m) => ({ default: m.PhysicianHome })));
const FacilitatorHome = lazy(() =>
  import('./facilitator/FacilitatorHome').then((m) => ({ default: m.FacilitatorHome })),
);

/**
 * What Puente is, for anyone; for a physician signed in, what they have to do now; for a specialist,
 * the seminars they facilitate and what each needs. Someone who is both sees both: the specialist's
 * part first on a day of a seminar they facilitate, the physician's first on other days (their
 * invitations and evaluations have deadlines; a facilitator's work is planned ahead).
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const attendee = me.data?.roles.includes('attendee') ?? false;
  const facilitator = me.data?.roles.includes('facilitator') ?? false;
  const facilitations = useFacilitations(facilitator && attendee);
  if (me.data && (attendee || facilitator)) {
    const greeting = <Title order={1}>{t('home.greeting', { name: me.data.fullName })}</Title>;
    if (!attendee)
      return (
        <Stack gap="lg" maw={640}>
          {greeting}
          <Suspense>
            <FacilitatorHome />
          </Suspense>
        </Stack>
      );
    if (!facilitator)
      return (
        <Suspense fallback={greeting}>
          <PhysicianHome me={me.data} />
        </Suspense>
      );
    if (facilitations.isPending) return greeting;
    const facilitatesToday = (facilitations.data ?? []).some((f) => f.today !== null);
    return facilitatesToday ? (
      <Stack gap="lg" maw={640}>
        {greeting}
        <Suspense>
          <FacilitatorHome />
          <PhysicianHome me={me.data} greeting={false} alongside />
        </Suspense>
      </Stack>
    ) : (
      <Stack gap="lg" maw={640}>
        <Suspense fallback={greeting}>
          <PhysicianHome me={me.data} alongside />
          <FacilitatorHome />
        </Suspense>
      </Stack>
    );
  }
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

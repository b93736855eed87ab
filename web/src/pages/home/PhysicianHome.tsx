import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { Me } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { CheckInForm } from '../attendance/CheckInPage';
import { enrolmentColour } from '../seminars/shared';
import { formatDate, formatDay, formatInstant, serviceToday } from '../../lib/format';

/**
 * A physician's home, "what I have to do now": today's check-in on a seminar day, invitations to
 * answer with their deadlines, evaluations still owed, the coming seminars and new certificates.
 */
export function PhysicianHome({
  me,
  greeting = true,
  alongside = false,
}: {
  me: Me;
  greeting?: boolean;
  /** Shown with the specialist's part of the home, which says what there is to do: no "nothing to do". */
  alongside?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const today = serviceToday();
  const invitations = useQuery({
    queryKey: ['home', 'invitations'],
    queryFn: async () =>
      dataOf(await api.GET('/api/v1/me/enrolments', { params: { query: { status: 'invited', pageSize: 20 } } })),
  });
  const seminars = useQuery({
    queryKey: ['home', 'seminars', today],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/me/seminars', { params: { query: { from: today, sort: 'startDate', pageSize: 10 } } }),
      ),
  });
  const evaluations = useQuery({
    queryKey: ['home', 'evaluations'],
    queryFn: async () => dataOf(await api.GET('/api/v1/me/evaluations/pending')),
  });
  const certificates = useQuery({
    queryKey: ['home', 'certificates'],
    queryFn: async () => dataOf(await api.GET('/api/v1/me/certificates')),
  });
  const failed = [invitations, seminars, evaluations, certificates].find((q) => q.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;

  const attending = (seminars.data?.items ?? []).filter((s) => s.myRole === 'attendee');
  const todays = attending.filter((s) => s.days.some((d) => d.date === today) && s.status !== 'cancelled');
  // Invitations have their own section above.
  const coming = attending.filter(
    (s) => s.startDate > today && s.status !== 'cancelled' && s.myEnrolment?.status !== 'invited',
  );
  const recent = (certificates.data ?? []).filter((c) => c.status === 'valid').slice(0, 3);
  const nothing =
    invitations.isSuccess &&
    seminars.isSuccess &&
    evaluations.isSuccess &&
    certificates.isSuccess &&
    todays.length + invitations.data.items.length + evaluations.data.length + coming.length + recent.length === 0;

  return (
    <Stack gap="lg" maw={640}>
      {greeting && <Title order={1}>{t('home.greeting', { name: me.fullName })}</Title>}

      {todays.map((s) => (
        <Paper key={s.id} withBorder p="md" bg="blue.0">
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('home.today', { title: s.title })}
            </Title>
            <CheckInForm seminarId={s.id} fromQr="" embedded />
          </Stack>
        </Paper>
      ))}

      {(invitations.data?.items.length ?? 0) > 0 && (
        <Section title={t('home.invitations')}>
          {invitations.data!.items.map((e) => (
            <Paper key={e.id} withBorder p="sm">
              <Stack gap={4}>
                <Anchor component={Link} to={`/inscripciones/${e.id}`} fw={600} className="puente-touch">
                  {e.seminar.title}
                </Anchor>
                <Text>
                  {t('home.dates', {
                    from: formatDate(e.seminar.startDate, language),
                    to: formatDate(e.seminar.endDate, language),
                  })}
                </Text>
                {e.respondBy && (
                  <Text fw={600}>{t('invitation.respondBy', { date: formatDate(e.respondBy, language) })}</Text>
                )}
              </Stack>
            </Paper>
          ))}
        </Section>
      )}

      {(evaluations.data?.length ?? 0) > 0 && (
        <Section title={t('home.evaluations')}>
          {evaluations.data!.map((e) => (
            <Paper key={`${e.seminarId}-${e.key}`} withBorder p="sm">
              <Stack gap={4}>
                <Anchor component={Link} to={`/evaluaciones/${e.seminarId}/${e.key}`} fw={600} className="puente-touch">
                  {e.title}
                </Anchor>
                <Text>{e.seminarTitle}</Text>
                {e.date && <Text>{formatDay(e.date, language)}</Text>}
                <Text>{t('home.closes', { time: formatInstant(e.closesAt, language) })}</Text>
              </Stack>
            </Paper>
          ))}
        </Section>
      )}

      {coming.length > 0 && (
        <Section title={t('home.coming')}>
          {coming.map((s) => (
            <Paper key={s.id} withBorder p="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={4}>
                  <Anchor component={Link} to={`/seminarios/${s.id}`} fw={600} className="puente-touch">
                    {s.title}
                  </Anchor>
                  <Text>
                    {t('home.dates', { from: formatDate(s.startDate, language), to: formatDate(s.endDate, language) })}
                  </Text>
                  {s.venue && <Text>{s.venue.name}</Text>}
                </Stack>
                {s.myEnrolment && (
                  <Badge color={enrolmentColour(s.myEnrolment.status)} size="lg" style={{ flexShrink: 0 }}>
                    {t(`seminars.badge.${s.myEnrolment.status}`)}
                  </Badge>
                )}
              </Group>
            </Paper>
          ))}
        </Section>
      )}

      {recent.length > 0 && (
        <Section title={t('home.certificates')}>
          {recent.map((c) => (
            <Paper key={c.id} withBorder p="sm">
              <Group justify="space-between" wrap="wrap">
                <Stack gap={4}>
                  <Text fw={600}>{c.topic}</Text>
                  <Text>{t('certificates.hours', { count: c.hours })}</Text>
                </Stack>
                <Badge color="teal.9" size="lg">
                  {c.registryNumber}
                </Badge>
              </Group>
            </Paper>
          ))}
          <Anchor component={Link} to="/constancias" className="puente-touch">
            {t('home.allCertificates')}
          </Anchor>
        </Section>
      )}

      {nothing && !alongside && <Text size="lg">{t('home.nothing')}</Text>}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

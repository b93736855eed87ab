import { Anchor, Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import { RequireSignIn, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, formatDay } from '../../lib/format';
import { isMissing, Missing } from '../seminars/shared';
import { facilitatorPaths, useFacilitations } from './facilitations';

/**
 * `/facilitar/{seminarId}`: one seminar as its specialist prepares and runs it: the agenda, the
 * cases, the room screen and each day's attendance, and the evaluation report, each leading to its page.
 */
export function SeminarOverviewPage() {
  return (
    <RequireSignIn>
      <SeminarOverview />
    </RequireSignIn>
  );
}

function SeminarOverview() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { seminarId = '' } = useParams();
  const me = useMe().data!;
  const seminar = useQuery({
    queryKey: ['seminar', seminarId],
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}', { params: { path: { id: seminarId } } })),
  });
  const facilitations = useFacilitations(me.roles.includes('facilitator'));
  if (seminar.isError) {
    if (isMissing(seminar.error))
      return <Missing title={t('seminars.notFound.title')} body={t('seminars.notFound.body')} />;
    return <ErrorState error={seminar.error} onRetry={() => void seminar.refetch()} />;
  }
  if (seminar.isPending) return <Loader role="status" aria-label={t('facilitator.loading')} />;
  const s = seminar.data;
  const mine = facilitations.data?.find((f) => f.seminarId === seminarId);
  const missingDays = mine?.daysWithoutAgenda.length ?? 0;
  const finished = s.status === 'completed' || s.status === 'closed';

  return (
    <Stack gap="lg" maw={640}>
      <Stack gap={4}>
        <Anchor component={Link} to="/" className="puente-touch">
          {t('facilitator.overview.toHome')}
        </Anchor>
        <Title order={1}>{s.title}</Title>
        <Group gap="sm">
          <Badge color={s.status === 'cancelled' ? 'red.9' : 'blue.9'} size="lg">
            {t(`facilitator.overview.status.${s.status}`)}
          </Badge>
          {mine?.lead && (
            <Badge color="teal.9" size="lg">
              {t('facilitator.home.lead')}
            </Badge>
          )}
        </Group>
        <Text>
          {t('facilitator.home.dates', {
            from: formatDate(s.startDate, language),
            to: formatDate(s.endDate, language),
          })}
        </Text>
        {mine && <Text>{mine.lead ? t('facilitator.overview.lead') : t('facilitator.overview.member')}</Text>}
      </Stack>

      <Title order={2} size="h3">
        {t('facilitator.overview.sections')}
      </Title>
      <Stack gap="sm">
        <Item title={t('facilitator.overview.agenda')} to={facilitatorPaths.agenda(seminarId)}>
          <Text>{t('facilitator.overview.agendaHint')}</Text>
          {missingDays > 0 && <Text fw={600}>{t('facilitator.overview.agendaMissing', { count: missingDays })}</Text>}
        </Item>
        <Item title={t('facilitator.overview.cases')} to={facilitatorPaths.cases(seminarId)}>
          <Text>{t('facilitator.overview.casesHint')}</Text>
        </Item>
        <Item title={t('facilitator.overview.room')} to={facilitatorPaths.room(seminarId)}>
          <Text>{t('facilitator.overview.roomHint')}</Text>
        </Item>
        <Section title={t('facilitator.overview.rosters')}>
          {s.days.map((day) => (
            <Anchor
              key={day.date}
              component={Link}
              to={facilitatorPaths.roster(seminarId, day.date)}
              className="puente-touch"
              fw={600}
            >
              {t('facilitator.overview.rosterDay', { day: formatDay(day.date, language) })}
            </Anchor>
          ))}
        </Section>
        <Item title={t('facilitator.overview.report')} to={facilitatorPaths.report(seminarId)}>
          <Text>{t('facilitator.overview.reportHint')}</Text>
          {!finished && <Text>{t('facilitator.overview.reportLater')}</Text>}
        </Item>
      </Stack>
      <Anchor component={Link} to={`/seminarios/${seminarId}`} className="puente-touch">
        {t('facilitator.overview.public')}
      </Anchor>
    </Stack>
  );
}

/** One thing to do for the seminar: its page as a link in the heading, and what it is for. */
function Item({ title, to, children }: { title: string; to: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={id}>
      <Stack gap={4}>
        <Title order={3} size="h4" id={id}>
          <Anchor component={Link} to={to} className="puente-touch" inherit>
            {title}
          </Anchor>
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={id}>
      <Stack gap={4}>
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

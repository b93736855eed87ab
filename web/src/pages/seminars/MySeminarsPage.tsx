import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, serviceToday } from '../../lib/format';
import { enrolmentColour } from './shared';
import { Section } from '../../components/Section';

type MySeminar = components['schemas']['MySeminarResponseDto'];

/**
 * `/seminarios`: the seminars I attend, am invited to, wait for or facilitate; those still to come
 * (or under way) first, soonest first, then the past ones, latest first. Each leads to its page.
 */
export function MySeminarsPage() {
  return (
    <RequireSignIn>
      <MySeminars />
    </RequireSignIn>
  );
}

function MySeminars() {
  const { t } = useTranslation();
  const today = serviceToday();
  const upcoming = useQuery({
    queryKey: ['me', 'seminars', 'upcoming', today],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/me/seminars', { params: { query: { from: today, sort: 'startDate', pageSize: 50 } } }),
      ),
  });
  // `to` keeps seminars that started by today; those still under way are among the coming ones.
  const past = useQuery({
    queryKey: ['me', 'seminars', 'past', today],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/me/seminars', { params: { query: { to: today, sort: '-startDate', pageSize: 50 } } }),
      ),
  });
  const failed = [upcoming, past].find((q) => q.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!upcoming.isSuccess || !past.isSuccess) return <Text aria-busy>{t('seminars.loading')}</Text>;

  const ended = past.data.items.filter((s) => s.endDate < today);
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>{t('seminars.title')}</Title>
      <Section title={t('seminars.upcoming')}>
        {upcoming.data.items.length === 0 ? (
          <Text>{t('seminars.noUpcoming')}</Text>
        ) : (
          <SeminarList seminars={upcoming.data.items} />
        )}
      </Section>
      <Section title={t('seminars.past')}>
        {ended.length === 0 ? <Text>{t('seminars.noPast')}</Text> : <SeminarList seminars={ended} past />}
      </Section>
    </Stack>
  );
}

function SeminarList({ seminars, past = false }: { seminars: MySeminar[]; past?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {seminars.map((s) => {
        const enrolment = s.myEnrolment;
        const [colour, badge] =
          s.status === 'cancelled'
            ? ['red.9', t('seminars.badge.cancelled')]
            : s.myRole === 'facilitator'
              ? ['grape.9', t('seminars.badge.facilitator')]
              : enrolment && !past
                ? [enrolmentColour(enrolment.status), t(`seminars.badge.${enrolment.status}`)]
                : [undefined, undefined];
        return (
          <Paper key={s.id} withBorder p="sm" component="li">
            <Stack gap={4}>
              <Anchor component={Link} to={`/seminarios/${s.id}`} fw={600} className="puente-touch">
                {s.title}
              </Anchor>
              <Text>
                {t('seminars.dates', { from: formatDate(s.startDate, language), to: formatDate(s.endDate, language) })}
              </Text>
              {s.venue && <Text>{s.venue.name}</Text>}
              {badge && (
                <Group>
                  <Badge color={colour} size="lg">
                    {badge}
                  </Badge>
                </Group>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, serviceToday } from '../../lib/format';
import { addDays, formatShortDay, formatSpan, isCalendarDate, mondayOf, workingDays } from './days';
import { Section } from '../../components/Section';

type Absences = components['schemas']['UnitAbsencesResponseDto'];
type StaffMember = Absences['people'][number];
type StaffSeminar = StaffMember['seminars'][number];
type Summary = components['schemas']['TrainingNeedsSummaryDto'];

/** Four weeks, Monday to Sunday, at a time. */
const WINDOW_DAYS = 28;

/**
 * `/mi-unidad`: for a unit's manager, who of their staff is away on which days (at seminars, or on
 * dates they declared unavailable), four weeks at a time from `?desde=` (this week by default), and
 * what their staff say they need to learn.
 */
export function MyUnitPage() {
  return (
    <RequireSignIn>
      <MyUnit />
    </RequireSignIn>
  );
}

function MyUnit() {
  const { t } = useTranslation();
  const me = useMe().data!;
  if (!me.roles.includes('manager'))
    return (
      <Stack gap="lg" maw={640}>
        <Title order={1}>{t('unit.title')}</Title>
        <Text size="lg">{t('unit.notManager')}</Text>
      </Stack>
    );
  return <ManagedUnit />;
}

function ManagedUnit() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [params] = useSearchParams();
  const asked = params.get('desde');
  const from = mondayOf(isCalendarDate(asked) ? asked : serviceToday());
  const to = addDays(from, WINDOW_DAYS - 1);

  const absences = useQuery({
    queryKey: ['unit', 'absences', from],
    queryFn: async () => dataOf(await api.GET('/api/v1/me/unit/absences', { params: { query: { from, to } } })),
  });
  const demand = useQuery({
    queryKey: ['unit', 'demand'],
    queryFn: async () => dataOf(await api.GET('/api/v1/training-needs/summary')),
  });
  const failed = [absences, demand].find((q) => q.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!absences.isSuccess || !demand.isSuccess) return <Text aria-busy>{t('unit.loading')}</Text>;

  const { unit, people } = absences.data;
  if (!unit)
    return (
      <Stack gap="lg" maw={640}>
        <Title order={1}>{t('unit.title')}</Title>
        <Text size="lg">{t('unit.noUnit')}</Text>
      </Stack>
    );

  return (
    <Stack gap="lg" maw={640}>
      <Stack gap={4}>
        <Title order={1}>{t('unit.title')}</Title>
        <Text fw={600} size="lg">
          {unit.name}
        </Text>
        <Text>{t('unit.intro')}</Text>
        <Anchor component={Link} to="/liberaciones" className="puente-touch">
          {t('unit.toReleases')}
        </Anchor>
      </Stack>

      <Stack gap="xs">
        <Text fw={600} role="status">
          {t('unit.window', { from: formatDate(from, language), to: formatDate(to, language) })}
        </Text>
        <Group grow gap="sm">
          <Button component={Link} to={`?desde=${addDays(from, -WINDOW_DAYS)}`} variant="outline" size="lg" px="xs">
            {t('unit.earlier')}
          </Button>
          <Button component={Link} to={`?desde=${addDays(from, WINDOW_DAYS)}`} variant="outline" size="lg" px="xs">
            {t('unit.later')}
          </Button>
        </Group>
      </Stack>

      <Section title={t('unit.byDayTitle')}>
        <AwayByDay people={people} from={from} to={to} />
      </Section>

      <Section title={t('unit.staffTitle')}>
        {people.length === 0 ? <Text>{t('unit.noStaff')}</Text> : <StaffList people={people} from={from} to={to} />}
      </Section>

      <Section title={t('unit.demandTitle')}>
        <Demand summary={demand.data} />
      </Section>
    </Stack>
  );
}

function List({ children }: { children: ReactNode }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {children}
    </Stack>
  );
}

/** Where an attendee stands in a seminar, or that they facilitate it. */
function standingKey(seminar: StaffSeminar): string {
  return `unit.standing.${seminar.role === 'facilitator' ? 'facilitator' : (seminar.enrolmentStatus ?? 'confirmed')}`;
}

interface Absence {
  personId: string;
  name: string;
  what: string;
}

/** Each working day of the window on which someone is away: who, and why. */
function AwayByDay({ people, from, to }: { people: StaffMember[]; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const byDay = new Map<string, Absence[]>();
  const add = (day: string, absence: Absence) => byDay.set(day, [...(byDay.get(day) ?? []), absence]);
  for (const person of people) {
    for (const seminar of person.seminars)
      for (const day of seminar.dates)
        add(day, {
          personId: person.personId,
          name: person.fullName,
          what: `${t('unit.seminar', { title: seminar.title })} · ${t(standingKey(seminar))}`,
        });
    for (const range of person.unavailable)
      for (const day of workingDays(range.from > from ? range.from : from, range.to < to ? range.to : to))
        // A seminar day already says where they are.
        if (!person.seminars.some((s) => s.dates.includes(day)))
          add(day, { personId: person.personId, name: person.fullName, what: t('unit.unavailable') });
  }
  const days = workingDays(from, to).filter((day) => byDay.has(day));
  if (days.length === 0) return <Text>{t('unit.noAbsences')}</Text>;
  return (
    <List>
      {days.map((day) => {
        const away = byDay.get(day)!;
        return (
          <Paper key={day} withBorder p="sm" component="li">
            <Stack gap={4}>
              <Group justify="space-between" gap="xs">
                <Text fw={600}>{formatShortDay(day, i18n.language)}</Text>
                <Text>
                  {t('unit.awayCount', { count: new Set(away.map((a) => a.personId)).size, total: people.length })}
                </Text>
              </Group>
              <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {away.map((absence) => (
                  <Text key={`${absence.personId}-${absence.what}`} component="li">
                    <Text span fw={600}>
                      {absence.name}
                    </Text>
                    {': '}
                    {absence.what}
                  </Text>
                ))}
              </Stack>
            </Stack>
          </Paper>
        );
      })}
    </List>
  );
}

/** Every person of the unit with their absences in the window, or that they have none. */
function StaffList({ people, from, to }: { people: StaffMember[]; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <List>
      {people.map((person) => (
        <Paper key={person.personId} withBorder p="sm" component="li">
          <Stack gap={4}>
            <Text fw={600}>{person.fullName}</Text>
            {person.seminars.length === 0 && person.unavailable.length === 0 && (
              <Text c="gray.8">{t('unit.notAway')}</Text>
            )}
            {person.seminars.map((seminar) => (
              <Text key={seminar.seminarId}>
                {formatSpan(seminar.dates[0], seminar.dates[seminar.dates.length - 1], language)}
                {' · '}
                {t('unit.seminar', { title: seminar.title })}
                {' · '}
                {t(standingKey(seminar))}
              </Text>
            ))}
            {person.unavailable.map((range) => (
              <Text key={range.from}>
                {formatSpan(range.from < from ? from : range.from, range.to > to ? to : range.to, language)}
                {' · '}
                {t('unit.unavailable')}
              </Text>
            ))}
          </Stack>
        </Paper>
      ))}
    </List>
  );
}

/** The unit's demand for training: topics someone wants, the most wanted (high interest) first. */
function Demand({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const staff = summary.units[0]?.attendeeStaff ?? 0;
  const topics = summary.topics
    .filter((topic) => topic.interested > 0)
    .sort((a, b) => b.level3 - a.level3 || b.interested - a.interested || a.topicTitle.localeCompare(b.topicTitle));
  return (
    <>
      <Text>{t('unit.demandIntro')}</Text>
      <Text>{t('unit.attendeeStaff', { count: staff })}</Text>
      {topics.length === 0 ? (
        <Text>{t('unit.noDemand')}</Text>
      ) : (
        <List>
          {topics.map((topic) => (
            <Paper key={topic.topicId} withBorder p="sm" component="li">
              <Stack gap={2}>
                <Text fw={600}>{topic.topicTitle}</Text>
                <Text>
                  {[
                    t('unit.interested', { count: topic.interested }),
                    t('unit.high', { count: topic.level3 }),
                    t('unit.willing', { count: topic.willing }),
                  ].join(' · ')}
                </Text>
              </Stack>
            </Paper>
          ))}
        </List>
      )}
    </>
  );
}

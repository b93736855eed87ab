import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, formatDay, serviceToday } from '../../lib/format';
import { ENROLMENTS_KEY, enrolmentColour, isMissing, Missing, useMyEnrolments, type Enrolment } from './shared';
import { Withdrawal } from './Withdrawal';
import { Section } from '../../components/Section';

type Seminar = components['schemas']['SeminarDetailResponseDto'];
type AgendaDay = components['schemas']['AgendaDayResponseDto'];
type EnrolmentPage = components['schemas']['EnrolmentPage'];

/** A seminar still takes withdrawals until it starts (the API's enrolling statuses). */
const ENROLLING: Seminar['status'][] = ['draft', 'open', 'confirmed'];
const WITHDRAWABLE: Enrolment['status'][] = ['accepted', 'released', 'confirmed', 'waitlisted'];
const HOLDS_SEAT: Enrolment['status'][] = ['accepted', 'released', 'confirmed'];

/**
 * `/seminarios/{id}`: one seminar for the physician who attends it: where they stand, when and
 * where, the calendar file, the agenda by day with who leads each block, the published cases, the
 * facilitators, and withdrawing (with the reason the rules require once the seminar is confirmed).
 */
export function SeminarPage() {
  return (
    <RequireSignIn>
      <SeminarView />
    </RequireSignIn>
  );
}

function SeminarView() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { id = '' } = useParams();
  const me = useMe().data!;
  const client = useQueryClient();
  const attendee = me.roles.includes('attendee');

  const seminar = useQuery({
    queryKey: ['seminar', id],
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}', { params: { path: { id } } })),
  });
  const agenda = useQuery({
    queryKey: ['seminar', id, 'agenda'],
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}/agenda', { params: { path: { id } } })),
  });
  const facilitators = useQuery({
    queryKey: ['seminar', id, 'facilitators'],
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}/facilitators', { params: { path: { id } } })),
  });
  const enrolments = useMyEnrolments(attendee);
  const enrolment = enrolments.data?.items.find((e) => e.seminar.id === id);
  const facilitates = facilitators.data?.items.some((f) => f.personId === me.id) ?? false;
  const readsCases = seminar.isSuccess && (enrolment?.status === 'confirmed' || facilitates);
  const cases = useQuery({
    queryKey: ['seminar', id, 'cases'],
    enabled: readsCases,
    queryFn: async () =>
      dataOf(await api.GET('/api/v1/seminars/{id}/cases', { params: { path: { id } } })).filter(
        (c) => c.status === 'published',
      ),
  });
  const withdraw = useMutation({
    mutationFn: async ({ enrolmentId, reason }: { enrolmentId: string; reason: string }) =>
      dataOf(
        await api.POST('/api/v1/enrolments/{id}/withdraw', {
          params: { path: { id: enrolmentId } },
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: async (withdrawn) => {
      client.setQueryData<EnrolmentPage>(ENROLMENTS_KEY, (page) =>
        page ? { ...page, items: page.items.map((e) => (e.id === withdrawn.id ? withdrawn : e)) } : page,
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: ['me', 'seminars'] }),
        client.invalidateQueries({ queryKey: ['home'] }),
      ]);
    },
  });

  if (seminar.isPending || (attendee && enrolments.isPending)) return <Text aria-busy>{t('seminars.loading')}</Text>;
  if (seminar.isError)
    return isMissing(seminar.error) ? (
      <Missing title={t('seminars.notFound.title')} body={t('seminars.notFound.body')} />
    ) : (
      <ErrorState error={seminar.error} onRetry={() => void seminar.refetch()} />
    );
  if (enrolments.isError) return <ErrorState error={enrolments.error} onRetry={() => void enrolments.refetch()} />;

  const s = seminar.data;
  const today = serviceToday();
  const mayWithdraw = enrolment && WITHDRAWABLE.includes(enrolment.status) && ENROLLING.includes(s.status);
  const mapUrl = s.venue
    ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(s.venue.address)}`
    : undefined;

  return (
    <Stack gap="lg" maw={640}>
      <Stack gap={4}>
        <Anchor component={Link} to="/seminarios" className="puente-touch">
          {t('seminars.back')}
        </Anchor>
        <Title order={1}>{s.title}</Title>
        {s.topic.title !== s.title && <Text>{s.topic.title}</Text>}
      </Stack>

      {s.status === 'cancelled' && (
        <Alert color="red" variant="light">
          {s.cancellation
            ? t('seminars.cancelledBecause', { reason: s.cancellation.reason })
            : t('seminars.badge.cancelled')}
        </Alert>
      )}

      {(enrolment || facilitates) && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Where enrolment={enrolment} facilitates={facilitates} />
            {facilitates && (
              <Button component={Link} to={`/facilitar/${s.id}`} size="lg" fullWidth>
                {t('seminars.prepare')}
              </Button>
            )}
          </Stack>
        </Paper>
      )}

      <Section title={t('seminars.when')}>
        <Text fw={600}>
          {t('seminars.dates', { from: formatDate(s.startDate, language), to: formatDate(s.endDate, language) })}
        </Text>
        <Text>{t('seminars.credits', { count: s.topic.creditHours })}</Text>
        {s.status !== 'cancelled' && s.endDate >= today && (
          <Button component="a" href={`/api/v1/seminars/${s.id}/calendar.ics`} variant="light" size="lg" fullWidth>
            {t('seminars.calendar')}
          </Button>
        )}
      </Section>

      {s.venue && (
        <Section title={t('seminars.where')}>
          <Text fw={600}>{s.venue.name}</Text>
          <Text>{s.venue.address}</Text>
          <Anchor href={mapUrl} target="_blank" rel="noopener noreferrer" className="puente-touch">
            {t('seminars.map')}
          </Anchor>
        </Section>
      )}

      <Section title={t('seminars.agenda')}>
        {agenda.isError ? (
          <ErrorState error={agenda.error} onRetry={() => void agenda.refetch()} />
        ) : (
          s.days.map((day) => (
            <Day
              key={day.date}
              date={day.date}
              start={day.startTime}
              end={day.endTime}
              agenda={agenda.data?.days.find((d) => d.date === day.date)}
              loading={agenda.isPending}
            />
          ))
        )}
      </Section>

      {readsCases && (
        <Section title={t('seminars.cases')}>
          {cases.isError ? (
            <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />
          ) : cases.isPending ? (
            <Text aria-busy>{t('seminars.loading')}</Text>
          ) : cases.data.length === 0 ? (
            <Text>{t('seminars.noCases')}</Text>
          ) : (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {cases.data.map((c) => {
                const found = agenda.data && blockOf(agenda.data.days, c.agendaBlockId);
                return (
                  <Paper key={c.id} withBorder p="sm" component="li">
                    <Anchor component={Link} to={`/seminarios/${s.id}/casos/${c.id}`} fw={600} className="puente-touch">
                      {c.title}
                    </Anchor>
                    {found && (
                      <Text size="sm">
                        {t('seminars.discussedIn', { day: formatDay(found.date, language), start: found.start })}
                      </Text>
                    )}
                  </Paper>
                );
              })}
            </Stack>
          )}
        </Section>
      )}

      <Section title={t('seminars.facilitators')}>
        {facilitators.isError ? (
          <ErrorState error={facilitators.error} onRetry={() => void facilitators.refetch()} />
        ) : facilitators.isPending ? (
          <Text aria-busy>{t('seminars.loading')}</Text>
        ) : facilitators.data.items.length === 0 ? (
          <Text>{t('seminars.noFacilitators')}</Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {facilitators.data.items.map((f) => (
              <li key={f.personId}>
                <Group gap="xs" wrap="wrap">
                  <Text fw={600}>{f.fullName}</Text>
                  {f.lead && (
                    <Badge color="blue.9" variant="outline">
                      {t('seminars.lead')}
                    </Badge>
                  )}
                </Group>
                {f.specialty && <Text>{language === 'en' ? f.specialty.nameEn : f.specialty.nameEs}</Text>}
                {f.unitName && <Text>{f.unitName}</Text>}
              </li>
            ))}
          </Stack>
        )}
      </Section>

      {enrolment && (mayWithdraw || withdraw.isSuccess) && (
        <Withdrawal
          waitlisted={enrolment.status === 'waitlisted'}
          reasonRequired={s.status === 'confirmed' && HOLDS_SEAT.includes(enrolment.status)}
          done={withdraw.isSuccess}
          pending={withdraw.isPending}
          error={withdraw.error}
          onWithdraw={(reason) => withdraw.mutate({ enrolmentId: enrolment.id, reason })}
        />
      )}
    </Stack>
  );
}

/** Where the physician stands in this seminar, in words. */
function Where({ enrolment, facilitates }: { enrolment?: Enrolment; facilitates: boolean }) {
  const { t } = useTranslation();
  if (facilitates || !enrolment)
    return (
      <Text role="status" fw={600}>
        {t('seminars.status.facilitator')}
      </Text>
    );
  return (
    <Stack gap="xs">
      <Group gap="sm" role="status">
        <Badge color={enrolmentColour(enrolment.status)} size="lg">
          {t(`seminars.badge.${enrolment.status}`)}
        </Badge>
        <Text>
          {enrolment.status === 'waitlisted'
            ? t('seminars.status.waitlisted', { place: enrolment.waitlistPlace ?? '' })
            : t(`seminars.status.${enrolment.status}`)}
        </Text>
      </Group>
      {enrolment.status === 'invited' && (
        <Button component={Link} to={`/inscripciones/${enrolment.id}`} size="lg" fullWidth>
          {t('seminars.answer')}
        </Button>
      )}
    </Stack>
  );
}

/** A day of the agenda: its date and hours, then each block with its time, title and who leads it. */
function Day({
  date,
  start,
  end,
  agenda,
  loading,
}: {
  date: string;
  start: string;
  end: string;
  agenda?: AgendaDay;
  loading: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('seminars.day', { date: formatDay(date, i18n.language), start, end })}
      </Title>
      {loading ? (
        <Text aria-busy>{t('seminars.loading')}</Text>
      ) : !agenda || agenda.blocks.length === 0 ? (
        <Text>{t('seminars.noBlocks')}</Text>
      ) : (
        <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {agenda.blocks.map((b) => (
            <Paper key={b.id} withBorder p="xs" component="li" bg={b.kind === 'break' ? 'gray.0' : undefined}>
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Text fw={700} miw={96} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {t('seminars.time', { start: b.start, end: b.end })}
                </Text>
                <Stack gap={2}>
                  <Text fw={b.kind === 'break' ? 400 : 600}>{b.title || t(`seminars.kind.${b.kind}`)}</Text>
                  {b.kind !== 'break' && b.title && <Text size="sm">{t(`seminars.kind.${b.kind}`)}</Text>}
                  {b.responsibleName && <Text size="sm">{t('seminars.leads', { name: b.responsibleName })}</Text>}
                </Stack>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function blockOf(days: AgendaDay[], blockId: string | null): { date: string; start: string } | undefined {
  for (const day of days) {
    const block = day.blocks.find((b) => b.id === blockId);
    if (block) return { date: day.date, start: block.start };
  }
  return undefined;
}

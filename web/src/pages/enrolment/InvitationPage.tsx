import { Alert, Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { AnswerChoice, LinkRefused, useMailedLink } from '../../components/MailedLink';
import { useProblem } from '../../components/ProblemFields';
import { formatDate, formatDay } from '../../lib/format';

type Invitation = components['schemas']['EnrolmentInvitationDto'];
type Enrolment = components['schemas']['EnrolmentResponseDto'];

/**
 * `/inscripciones/{id}`, the link of an invitation mail: the seminar and two large buttons. Opening
 * it changes nothing (mail scanners open links); a tap answers. A physician who is not signed in on
 * this phone answers with the token after the link's `#`, which allows this invitation only.
 */
export function InvitationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const client = useQueryClient();
  const link = useMailedLink();

  const invitation = useQuery({
    queryKey: ['invitation', id, link.signedIn],
    enabled: link.ready && !link.mustSignIn,
    queryFn: async (): Promise<Invitation> =>
      dataOf(await api.GET('/api/v1/enrolments/{id}', { params: { path: { id }, header: link.header } })),
  });
  const answer = useMutation({
    mutationFn: async ({ action, reason }: { action: 'accept' | 'decline'; reason?: string }): Promise<Enrolment> =>
      action === 'accept'
        ? dataOf(await api.POST('/api/v1/enrolments/{id}/accept', { params: { path: { id }, header: link.header } }))
        : dataOf(
            await api.POST('/api/v1/enrolments/{id}/decline', {
              params: { path: { id }, header: link.header },
              body: reason ? { reason } : {},
            }),
          ),
    // Signed in, the page reads the invitation again; through the link, the answer itself is the news.
    onSuccess: () => (link.signedIn ? client.invalidateQueries({ queryKey: ['invitation', id] }) : undefined),
  });
  const problem = useProblem(answer.error);

  if (!link.ready) return <Text aria-busy>{t('invitation.loading')}</Text>;
  if (link.mustSignIn) return <Navigate to={link.signInPath} replace />;
  if (invitation.isPending) return <Text aria-busy>{t('invitation.loading')}</Text>;
  if (invitation.isError)
    return (
      <LinkRefused
        title={t('invitation.title')}
        error={invitation.error}
        signedIn={link.signedIn}
        onRetry={() => void invitation.refetch()}
      />
    );

  const { seminar, facilitators } = invitation.data;
  const enrolment = answer.data ?? invitation.data.enrolment;
  const language = i18n.language;
  const mapUrl = seminar.venue
    ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(seminar.venue.address)}`
    : undefined;

  return (
    <Stack gap="lg" maw={560}>
      <Stack gap={4}>
        <Text fw={600}>{t('invitation.title')}</Text>
        <Title order={1}>{seminar.title}</Title>
        {seminar.topic.title !== seminar.title && <Text>{seminar.topic.title}</Text>}
      </Stack>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Status enrolment={enrolment} />
          {enrolment.status === 'invited' && (
            <>
              {enrolment.respondBy && (
                <Text fw={600}>{t('invitation.respondBy', { date: formatDate(enrolment.respondBy, language) })}</Text>
              )}
              {problem.form && (
                <Alert color="red" variant="light" role="alert">
                  {problem.form}
                </Alert>
              )}
              <AnswerChoice
                yes={t('invitation.accept')}
                no={t('invitation.decline')}
                reason={{
                  label: t('invitation.reason'),
                  hint: t('invitation.reasonHint'),
                  error: problem.field('reason'),
                }}
                confirmNo={t('invitation.confirmDecline')}
                back={t('invitation.back')}
                pending={answer.isPending}
                startWithNo={params.get('accion') === 'rechazar'}
                onYes={() => answer.mutate({ action: 'accept' })}
                onNo={(reason) => answer.mutate({ action: 'decline', reason })}
              />
            </>
          )}
          {answer.isSuccess && !link.signedIn && (
            <Text>
              {t('invitation.choosePassword')}{' '}
              <Anchor component={Link} to="/contrasena/olvide" className="puente-touch">
                {t('invitation.choosePasswordLink')}
              </Anchor>
            </Text>
          )}
        </Stack>
      </Paper>

      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('invitation.when')}
        </Title>
        <List spacing={4}>
          {seminar.days.map((day) => (
            <List.Item key={day.date}>
              {t('invitation.day', {
                date: formatDay(day.date, language),
                start: day.startTime,
                end: day.endTime,
              })}
            </List.Item>
          ))}
        </List>
        <Text>{t('invitation.credits', { count: seminar.topic.creditHours })}</Text>
      </Stack>

      {seminar.venue && (
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t('invitation.where')}
          </Title>
          <Text fw={600}>{seminar.venue.name}</Text>
          <Text>{seminar.venue.address}</Text>
          <Anchor href={mapUrl} target="_blank" rel="noopener noreferrer" className="puente-touch">
            {t('invitation.map')}
          </Anchor>
        </Stack>
      )}

      {facilitators.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t('invitation.facilitators')}
          </Title>
          <List spacing={4}>
            {facilitators.map((f) => (
              <List.Item key={f.personId}>
                {[f.fullName, f.specialty && (language === 'en' ? f.specialty.nameEn : f.specialty.nameEs), f.unitName]
                  .filter(Boolean)
                  .join(' · ')}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}

/** Where the invitation stands, in words. */
function Status({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  const release = enrolment.release?.status;
  const [colour, text] = ((): [string, string] => {
    switch (enrolment.status) {
      case 'invited':
        return ['blue.9', t('invitation.status.invited')];
      case 'accepted':
        return release === 'refused'
          ? ['red.9', t('invitation.status.refused')]
          : ['indigo.9', t('invitation.status.accepted')];
      case 'released':
      case 'confirmed':
        return ['teal.9', t('invitation.status.confirmed')];
      case 'waitlisted':
        return ['indigo.9', t('invitation.status.waitlisted', { place: enrolment.waitlistPlace ?? '' })];
      case 'declined':
        return ['gray.8', t('invitation.status.declined')];
      default:
        return ['gray.8', t('invitation.status.withdrawn')];
    }
  })();
  return (
    <Group gap="sm" role="status">
      <Badge color={colour} size="lg" variant="filled">
        {t(`invitation.badge.${enrolment.status}`)}
      </Badge>
      <Text>{text}</Text>
    </Group>
  );
}

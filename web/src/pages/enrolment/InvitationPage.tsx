import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams, useSearchParams } from 'react-router';
import { ApiError, api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { signInPath, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
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
  const location = useLocation();
  const [params] = useSearchParams();
  const token = location.hash.length > 1 ? location.hash.slice(1) : undefined;
  const me = useMe();
  const client = useQueryClient();
  const signedIn = Boolean(me.data);
  const link = !signedIn && token ? { 'x-puente-link': token } : {};
  const [declining, setDeclining] = useState(params.get('accion') === 'rechazar');
  const [reason, setReason] = useState('');

  const invitation = useQuery({
    queryKey: ['invitation', id, signedIn],
    enabled: !me.isPending && (signedIn || Boolean(token)),
    queryFn: async (): Promise<Invitation> =>
      dataOf(await api.GET('/api/v1/enrolments/{id}', { params: { path: { id }, header: link } })),
  });
  const answer = useMutation({
    mutationFn: async (action: 'accept' | 'decline'): Promise<Enrolment> =>
      action === 'accept'
        ? dataOf(await api.POST('/api/v1/enrolments/{id}/accept', { params: { path: { id }, header: link } }))
        : dataOf(
            await api.POST('/api/v1/enrolments/{id}/decline', {
              params: { path: { id }, header: link },
              body: reason.trim() ? { reason: reason.trim() } : {},
            }),
          ),
    // Signed in, the page reads the invitation again; through the link, the answer itself is the news.
    onSuccess: () => (signedIn ? client.invalidateQueries({ queryKey: ['invitation', id] }) : undefined),
  });
  const problem = useProblem(answer.error);

  if (me.isPending) return <Text aria-busy>{t('invitation.loading')}</Text>;
  if (!signedIn && !token) return <Navigate to={signInPath(location)} replace />;
  if (invitation.isPending) return <Text aria-busy>{t('invitation.loading')}</Text>;
  if (invitation.isError) {
    const refused = invitation.error instanceof ApiError && [403, 404].includes(invitation.error.status);
    if (!refused) return <ErrorState error={invitation.error} onRetry={() => void invitation.refetch()} />;
    return (
      <Stack gap="lg" maw={560}>
        <Title order={1}>{t('invitation.title')}</Title>
        <Alert color="red" variant="light" role="alert">
          {invitation.error instanceof ApiError ? invitation.error.message : t('errors.server')}
        </Alert>
        {!signedIn && (
          <Button component={Link} to={signInPath({ pathname: location.pathname, search: '' })} size="lg">
            {t('app.signIn')}
          </Button>
        )}
      </Stack>
    );
  }

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
              {!declining ? (
                <Stack gap="sm">
                  <Button size="xl" fullWidth loading={answer.isPending} onClick={() => answer.mutate('accept')}>
                    {t('invitation.accept')}
                  </Button>
                  <Button size="lg" variant="outline" fullWidth onClick={() => setDeclining(true)}>
                    {t('invitation.decline')}
                  </Button>
                </Stack>
              ) : (
                <Stack gap="sm">
                  <Textarea
                    label={t('invitation.reason')}
                    description={t('invitation.reasonHint')}
                    value={reason}
                    onChange={(e) => setReason(e.currentTarget.value)}
                    maxLength={500}
                    autosize
                    minRows={2}
                    error={problem.field('reason')}
                  />
                  <Button
                    size="lg"
                    fullWidth
                    color="red.9"
                    loading={answer.isPending}
                    onClick={() => answer.mutate('decline')}
                  >
                    {t('invitation.confirmDecline')}
                  </Button>
                  <Button variant="subtle" onClick={() => setDeclining(false)}>
                    {t('invitation.back')}
                  </Button>
                </Stack>
              )}
            </>
          )}
          {answer.isSuccess && !signedIn && (
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

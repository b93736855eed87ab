import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { ApiError, api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { signInPath, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { formatDay } from '../../lib/format';

type Release = components['schemas']['ReleaseResponseDto'];

/**
 * `/liberaciones/{id}`, the link of a release request mail: the physician, the seminar's days and how
 * many of the unit's staff are already away on each; Approve, or Refuse with a reason. A manager
 * who is not signed in on this phone decides with the token after the link's `#`.
 */
export function ReleasePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const token = location.hash.length > 1 ? location.hash.slice(1) : undefined;
  const me = useMe();
  const client = useQueryClient();
  const signedIn = Boolean(me.data);
  const link = !signedIn && token ? { 'x-puente-link': token } : {};
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');

  const release = useQuery({
    queryKey: ['release', id, signedIn],
    enabled: !me.isPending && (signedIn || Boolean(token)),
    queryFn: async (): Promise<Release> =>
      dataOf(await api.GET('/api/v1/release-requests/{id}', { params: { path: { id }, header: link } })),
  });
  const decide = useMutation({
    mutationFn: async (decision: 'approve' | 'refuse'): Promise<Release> =>
      decision === 'approve'
        ? dataOf(await api.POST('/api/v1/release-requests/{id}/approve', { params: { path: { id }, header: link } }))
        : dataOf(
            await api.POST('/api/v1/release-requests/{id}/refuse', {
              params: { path: { id }, header: link },
              body: { reason: reason.trim() },
            }),
          ),
    onSuccess: () => (signedIn ? client.invalidateQueries({ queryKey: ['release', id] }) : undefined),
  });
  const problem = useProblem(decide.error);

  if (me.isPending) return <Text aria-busy>{t('release.loading')}</Text>;
  if (!signedIn && !token) return <Navigate to={signInPath(location)} replace />;
  if (release.isPending) return <Text aria-busy>{t('release.loading')}</Text>;
  if (release.isError) {
    const refused = release.error instanceof ApiError && [403, 404].includes(release.error.status);
    if (!refused) return <ErrorState error={release.error} onRetry={() => void release.refetch()} />;
    return (
      <Stack gap="lg" maw={560}>
        <Title order={1}>{t('release.title')}</Title>
        <Alert color="red" variant="light" role="alert">
          {release.error.message}
        </Alert>
        {!signedIn && (
          <Button component={Link} to={signInPath({ pathname: location.pathname, search: '' })} size="lg">
            {t('app.signIn')}
          </Button>
        )}
      </Stack>
    );
  }

  const request = decide.data ?? release.data;
  const language = i18n.language;
  const away = new Map(request.awayByDate.map((d) => [d.date, d.away]));
  return (
    <Stack gap="lg" maw={560}>
      <Stack gap={4}>
        <Text fw={600}>{t('release.title')}</Text>
        <Title order={1}>{request.attendee.fullName}</Title>
        <Text>{t('release.asks', { seminar: request.seminar.title, unit: request.unit?.name ?? '' })}</Text>
      </Stack>

      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('release.days')}
        </Title>
        <List spacing={4}>
          {request.seminar.dates.map((date) => (
            <List.Item key={date}>
              {t('release.day', { date: formatDay(date, language), count: away.get(date) ?? 0 })}
            </List.Item>
          ))}
        </List>
        <Text>{t('release.staff', { count: request.unitStaff })}</Text>
      </Stack>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group gap="sm" role="status">
            <Badge
              color={request.status === 'approved' ? 'teal.9' : request.status === 'pending' ? 'blue.9' : 'gray.8'}
              size="lg"
            >
              {t(`release.badge.${request.status}`)}
            </Badge>
            <Text>{t(`release.status.${request.status}`)}</Text>
          </Group>
          {problem.form && !problem.field('reason') && (
            <Alert color="red" variant="light" role="alert">
              {problem.form}
            </Alert>
          )}
          {request.status === 'pending' &&
            (!refusing ? (
              <Stack gap="sm">
                <Button size="xl" fullWidth loading={decide.isPending} onClick={() => decide.mutate('approve')}>
                  {t('release.approve')}
                </Button>
                <Button size="lg" variant="outline" fullWidth onClick={() => setRefusing(true)}>
                  {t('release.refuse')}
                </Button>
              </Stack>
            ) : (
              <Stack gap="sm">
                <Textarea
                  label={t('release.reason')}
                  description={t('release.reasonHint')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  maxLength={500}
                  autosize
                  minRows={2}
                  required
                  error={problem.field('reason')}
                  aria-invalid={problem.field('reason') ? true : undefined}
                />
                <Button
                  size="lg"
                  fullWidth
                  color="red.9"
                  loading={decide.isPending}
                  onClick={() => decide.mutate('refuse')}
                >
                  {t('release.confirmRefuse')}
                </Button>
                <Button variant="subtle" onClick={() => setRefusing(false)}>
                  {t('release.back')}
                </Button>
              </Stack>
            ))}
        </Stack>
      </Paper>
    </Stack>
  );
}

import { Alert, Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { AnswerChoice, LinkRefused, useMailedLink } from '../../components/MailedLink';
import { useProblem } from '../../components/ProblemFields';
import { formatDate, formatDay } from '../../lib/format';

type Release = components['schemas']['ReleaseResponseDto'];

/**
 * `/liberaciones/{id}`, the link of a release request mail: the physician, the seminar's days and how
 * many of the unit's staff are already away on each; Approve, or Refuse with a reason. A manager
 * who is not signed in on this phone decides with the token after the link's `#`.
 */
export function ReleasePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const link = useMailedLink();

  const release = useQuery({
    queryKey: ['release', id, link.signedIn],
    enabled: link.ready && !link.mustSignIn,
    queryFn: async (): Promise<Release> =>
      dataOf(await api.GET('/api/v1/release-requests/{id}', { params: { path: { id }, header: link.header } })),
  });
  const decide = useMutation({
    mutationFn: async ({ decision, reason }: { decision: 'approve' | 'refuse'; reason?: string }): Promise<Release> =>
      decision === 'approve'
        ? dataOf(
            await api.POST('/api/v1/release-requests/{id}/approve', { params: { path: { id }, header: link.header } }),
          )
        : dataOf(
            await api.POST('/api/v1/release-requests/{id}/refuse', {
              params: { path: { id }, header: link.header },
              body: { reason: reason ?? '' },
            }),
          ),
    onSuccess: async () => {
      if (!link.signedIn) return;
      await Promise.all([
        client.invalidateQueries({ queryKey: ['release', id] }),
        client.invalidateQueries({ queryKey: ['releases'] }),
      ]);
    },
  });
  const problem = useProblem(decide.error);

  if (!link.ready) return <Text aria-busy>{t('release.loading')}</Text>;
  if (link.mustSignIn) return <Navigate to={link.signInPath} replace />;
  if (release.isPending) return <Text aria-busy>{t('release.loading')}</Text>;
  if (release.isError)
    return (
      <LinkRefused
        title={t('release.title')}
        error={release.error}
        signedIn={link.signedIn}
        onRetry={() => void release.refetch()}
      />
    );

  const request = decide.data ?? release.data;
  const language = i18n.language;
  const away = new Map(request.awayByDate.map((d) => [d.date, d.away]));
  return (
    <Stack gap="lg" maw={560}>
      <Stack gap={4}>
        {link.signedIn && (
          <Anchor component={Link} to="/liberaciones" className="puente-touch">
            {t('release.toList')}
          </Anchor>
        )}
        <Text fw={600}>{t('release.title')}</Text>
        <Title order={1}>{request.attendee.fullName}</Title>
        <Text>{t('release.asks', { seminar: request.seminar.title, unit: request.unit?.name ?? '' })}</Text>
        <Text>{t('release.requestedOn', { date: formatDate(request.requestedOn, language) })}</Text>
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
          {request.status === 'refused' && request.reason && (
            <Text>{t('release.refusedBecause', { reason: request.reason })}</Text>
          )}
          {problem.form && !problem.field('reason') && (
            <Alert color="red" variant="light" role="alert">
              {problem.form}
            </Alert>
          )}
          {request.status === 'pending' && (
            <AnswerChoice
              yes={t('release.approve')}
              no={t('release.refuse')}
              reason={{
                label: t('release.reason'),
                hint: t('release.reasonHint'),
                required: true,
                error: problem.field('reason'),
              }}
              confirmNo={t('release.confirmRefuse')}
              back={t('release.back')}
              pending={decide.isPending}
              onYes={() => decide.mutate({ decision: 'approve' })}
              onNo={(reason) => decide.mutate({ decision: 'refuse', reason })}
            />
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

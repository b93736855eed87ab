import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, dataOf } from '../../api/client';
import { RequireSignIn } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { formatDate } from '../../lib/format';

/** `/liberaciones`: the release requests a manager has to decide, soonest seminar first. */
export function ReleaseListPage() {
  return (
    <RequireSignIn>
      <Releases />
    </RequireSignIn>
  );
}

function Releases() {
  const { t, i18n } = useTranslation();
  const releases = useQuery({
    queryKey: ['releases', 'pending'],
    queryFn: async () => dataOf(await api.GET('/api/v1/me/release-requests', { params: { query: { pageSize: 100 } } })),
  });
  if (releases.isPending) return <Text aria-busy>{t('release.loading')}</Text>;
  if (releases.isError) return <ErrorState error={releases.error} onRetry={() => void releases.refetch()} />;
  const items = releases.data.items;
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>{t('release.listTitle')}</Title>
      {items.length === 0 && <Text size="lg">{t('release.none')}</Text>}
      {items.map((r) => (
        <Paper key={r.id} withBorder p="sm">
          <Stack gap={4}>
            <Anchor component={Link} to={`/liberaciones/${r.id}`} fw={600} className="puente-touch">
              {r.attendee.fullName}
            </Anchor>
            <Text>{r.seminar.title}</Text>
            <Text>
              {t('home.dates', {
                from: formatDate(r.seminar.dates[0], i18n.language),
                to: formatDate(r.seminar.dates[r.seminar.dates.length - 1], i18n.language),
              })}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

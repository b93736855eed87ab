import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';

/**
 * `/logros/{seminarId}/{kind}`: what an achievement named in a certificate's credential is, for
 * people; its URL in the credential answers machines with the Open Badges JSON and sends browsers here.
 */
export function AchievementPage() {
  const { t } = useTranslation();
  const { seminarId = '', kind = '' } = useParams();
  const achievement = useQuery({
    queryKey: ['achievement', seminarId, kind],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/public/achievements/{seminarId}/{kind}', {
          params: { path: { seminarId, kind } },
          headers: { Accept: 'application/json' },
        }),
      ),
  });
  if (achievement.isPending) return <Text aria-busy>{t('achievement.loading')}</Text>;
  if (achievement.isError) return <ErrorState error={achievement.error} onRetry={() => void achievement.refetch()} />;
  const a = achievement.data;
  return (
    <Stack gap="lg" maw={640}>
      <Stack gap={4}>
        <Text fw={600}>{t(`achievement.kind.${kind === 'facilitation' ? 'facilitation' : 'attendance'}`)}</Text>
        <Title order={1}>{a.name}</Title>
      </Stack>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text>{a.description}</Text>
          <Text>
            <Text span fw={600}>
              {t('achievement.criteria')}
            </Text>{' '}
            {a.criteria.narrative}
          </Text>
          <Text>
            <Text span fw={600}>
              {t('achievement.issuer')}
            </Text>{' '}
            {a.creator.name}
          </Text>
        </Stack>
      </Paper>
      <Text>{t('achievement.what')}</Text>
      <Anchor href="/verificar" className="puente-touch">
        {t('achievement.verify')}
      </Anchor>
    </Stack>
  );
}

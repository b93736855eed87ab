import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RequireSignIn, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useSeminar, useSeminarCases, useSeminarRole } from './data';
import { BackLink, isMissing, Missing, needOf, StatusBadge } from './shared';

/**
 * `/facilitar/{seminarId}/casos`: a seminar's clinical cases for those who prepare it, each with
 * where it stands and what it needs next (writing, fixing, the lead's review, publishing); a new
 * case, and a case reused from the library.
 */
export function SeminarCasesPage() {
  return (
    <RequireSignIn>
      <SeminarCases />
    </RequireSignIn>
  );
}

function SeminarCases() {
  const { t } = useTranslation();
  const { seminarId = '' } = useParams();
  const me = useMe().data!;
  const seminar = useSeminar(seminarId);
  const cases = useSeminarCases(seminarId);
  const role = useSeminarRole(seminarId, me);

  const failed = seminar.error ?? cases.error;
  if (failed)
    return isMissing(failed) ? (
      <Missing title={t('cases.list.notFoundTitle')} body={t('cases.list.notFound')} />
    ) : (
      <ErrorState
        error={failed}
        onRetry={() => {
          void seminar.refetch();
          void cases.refetch();
        }}
      />
    );
  if (seminar.isPending || cases.isPending || role.facilitators.isPending)
    return <Text aria-busy>{t('cases.loading')}</Text>;

  if (!role.facilitates) return <Missing title={t('cases.list.notFoundTitle')} body={t('cases.list.notFound')} />;

  const s = seminar.data!;
  const list = cases.data!;
  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <BackLink to={`/seminarios/${s.id}`}>{t('cases.list.backToSeminar')}</BackLink>
        <Text fw={600}>{s.title}</Text>
        <Title order={1}>{t('cases.list.title')}</Title>
        <Text>{t('cases.list.intro')}</Text>
      </Stack>

      <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
        <Button component={Link} to={`/facilitar/${s.id}/casos/nuevo`} size="lg">
          {t('cases.list.new')}
        </Button>
        <Button component={Link} to={`/facilitar/casos/biblioteca?seminario=${s.id}`} size="lg" variant="light">
          {t('cases.list.reuse')}
        </Button>
      </Group>

      {list.length === 0 ? (
        <Text>{t('cases.list.empty')}</Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {list.map((c) => (
            <Paper key={c.id} withBorder p="md" component="li">
              <Stack gap={6}>
                <Anchor component={Link} to={`/facilitar/${s.id}/casos/${c.id}`} fw={600} className="puente-touch">
                  {c.title}
                </Anchor>
                <Group gap="sm" wrap="wrap">
                  <StatusBadge status={c.status} />
                  <Text>{t(needOf(c, me.id, role.reviews))}</Text>
                </Group>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, formatInstantDate, serviceToday } from '../../lib/format';

type Release = components['schemas']['ReleaseResponseDto'];
type ReleaseStatus = Release['status'];

/** Decided requests shown below the pending ones: the latest decisions, enough for a few months of a unit. */
const DECIDED_SHOWN = 30;

/** The release requests of one status, as the API orders them (soonest seminar first). */
function useReleases(status: ReleaseStatus, pageSize: number) {
  return useQuery({
    queryKey: ['releases', status],
    queryFn: async () =>
      dataOf(await api.GET('/api/v1/me/release-requests', { params: { query: { status, pageSize } } })),
  });
}

/** Whole days from a calendar date to another (both `YYYY-MM-DD`). */
function daysFrom(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
}

/**
 * `/liberaciones`: the release requests of a manager's unit. Those still to decide first, soonest
 * seminar first, each with how long it has waited; then the latest decided ones, with when.
 */
export function ReleaseListPage() {
  return (
    <RequireSignIn>
      <Releases />
    </RequireSignIn>
  );
}

function Releases() {
  const { t } = useTranslation();
  const roles = useMe().data?.roles ?? [];
  if (!roles.includes('manager') && !roles.includes('office'))
    return (
      <Stack gap="lg" maw={640}>
        <Title order={1}>{t('release.listTitle')}</Title>
        <Text size="lg">{t('release.notManager')}</Text>
      </Stack>
    );
  return <ReleaseLists manager={roles.includes('manager')} />;
}

function ReleaseLists({ manager }: { manager: boolean }) {
  const { t } = useTranslation();
  const pending = useReleases('pending', 100);
  const approved = useReleases('approved', DECIDED_SHOWN);
  const refused = useReleases('refused', DECIDED_SHOWN);
  const failed = [pending, approved, refused].find((q) => q.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!pending.isSuccess || !approved.isSuccess || !refused.isSuccess)
    return <Text aria-busy>{t('release.loading')}</Text>;

  const today = serviceToday();
  const decided = [...approved.data.items, ...refused.data.items]
    .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''))
    .slice(0, DECIDED_SHOWN);
  return (
    <Stack gap="lg" maw={640}>
      <Stack gap="xs">
        <Title order={1}>{t('release.listTitle')}</Title>
        <Text>{t('release.listIntro')}</Text>
        {manager && (
          <Anchor component={Link} to="/mi-unidad" className="puente-touch">
            {t('release.toUnit')}
          </Anchor>
        )}
      </Stack>
      {pending.data.items.length === 0 ? (
        <Text size="lg">{t('release.none')}</Text>
      ) : (
        <ReleaseList>
          {pending.data.items.map((r) => {
            const days = daysFrom(r.requestedOn, today);
            return (
              <ReleaseCard key={r.id} release={r}>
                {/* Once the service has sent the reminder, the wait shows in red. */}
                <Text fw={600} c={r.remindedAt ? 'red.9' : undefined}>
                  {days === 0 ? t('release.waitingToday') : t('release.waiting', { count: days })}
                </Text>
              </ReleaseCard>
            );
          })}
        </ReleaseList>
      )}
      <Decided releases={decided} />
    </Stack>
  );
}

function Decided({ releases }: { releases: Release[] }) {
  const { t, i18n } = useTranslation();
  const heading = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={heading}>
      <Title order={2} size="h3" id={heading}>
        {t('release.decidedTitle')}
      </Title>
      {releases.length === 0 ? (
        <Text>{t('release.noneDecided')}</Text>
      ) : (
        <ReleaseList>
          {releases.map((r) => (
            <ReleaseCard key={r.id} release={r}>
              <Group gap="sm">
                <Badge color={r.status === 'approved' ? 'teal.9' : 'gray.8'} size="lg">
                  {t(`release.badge.${r.status}`)}
                </Badge>
                {r.decidedAt && (
                  <Text>{t('release.decidedOn', { date: formatInstantDate(r.decidedAt, i18n.language) })}</Text>
                )}
              </Group>
              {r.status === 'refused' && r.reason && <Text>{t('release.refusedBecause', { reason: r.reason })}</Text>}
              {r.onBehalf && <Text c="gray.8">{t('release.onBehalf')}</Text>}
            </ReleaseCard>
          ))}
        </ReleaseList>
      )}
    </Stack>
  );
}

function ReleaseList({ children }: { children: ReactNode }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {children}
    </Stack>
  );
}

/** One request: the physician (leading to its page), the seminar and its dates, then what `children` add. */
function ReleaseCard({ release: r, children }: { release: Release; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap={4}>
        <Anchor component={Link} to={`/liberaciones/${r.id}`} fw={600} className="puente-touch">
          {r.attendee.fullName}
        </Anchor>
        <Text>{r.seminar.title}</Text>
        {r.seminar.dates.length > 0 && (
          <Text>
            {t('release.dates', {
              from: formatDate(r.seminar.dates[0], language),
              to: formatDate(r.seminar.dates[r.seminar.dates.length - 1], language),
            })}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

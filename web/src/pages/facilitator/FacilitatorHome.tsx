import { Anchor, Badge, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { formatDate } from '../../lib/format';
import { facilitatorPaths, todosOf, useFacilitations, type Facilitation } from './facilitations';

/** Past seminars shown on the home: the latest few, whose reports are still read. */
const PAST_SHOWN = 3;

/**
 * A specialist's home: the seminars they facilitate, under way, coming and past, each with what it
 * needs from them now (the agenda, their cases, reviews as coordinator, today's roster, the report),
 * every item leading to its page, under a heading of `headingLevel`.
 */
export function FacilitatorHome({ headingLevel = 2 }: { headingLevel?: 1 | 2 }) {
  const { t } = useTranslation();
  const facilitations = useFacilitations();
  const titleId = useId();
  if (facilitations.isError)
    return <ErrorState error={facilitations.error} onRetry={() => void facilitations.refetch()} />;
  const items = facilitations.data ?? [];
  const sections: { key: string; title: string; items: Facilitation[] }[] = [
    {
      key: 'inProgress',
      title: t('facilitator.home.inProgress'),
      items: items.filter((f) => f.phase === 'in_progress'),
    },
    { key: 'upcoming', title: t('facilitator.home.upcoming'), items: items.filter((f) => f.phase === 'upcoming') },
    {
      key: 'past',
      title: t('facilitator.home.past'),
      items: items.filter((f) => f.phase === 'past').slice(0, PAST_SHOWN),
    },
  ];
  const sub = (headingLevel + 1) as 2 | 3;
  return (
    <Stack gap="md" component="section" aria-labelledby={titleId}>
      <Title order={headingLevel} size={headingLevel === 1 ? 'h2' : 'h3'} id={titleId}>
        {t('facilitator.home.title')}
      </Title>
      {facilitations.isPending ? (
        <Loader role="status" aria-label={t('facilitator.loading')} />
      ) : items.length === 0 ? (
        <Text>{t('facilitator.home.none')}</Text>
      ) : (
        sections
          .filter((section) => section.items.length > 0)
          .map((section) => (
            <Block key={section.key} title={section.title} order={sub}>
              {section.items.map((f) => (
                <FacilitationCard key={f.seminarId} facilitation={f} order={(sub + 1) as 3 | 4} />
              ))}
            </Block>
          ))
      )}
    </Stack>
  );
}

function Block({ title, order, children }: { title: string; order: 2 | 3; children: ReactNode }) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={order} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function FacilitationCard({ facilitation: f, order }: { facilitation: Facilitation; order: 3 | 4 }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const todos = todosOf(f);
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={order} size="h5">
              <Anchor component={Link} to={facilitatorPaths.overview(f.seminarId)} className="puente-touch" inherit>
                {f.title}
              </Anchor>
            </Title>
            <Text>
              {t('facilitator.home.dates', {
                from: formatDate(f.startDate, language),
                to: formatDate(f.endDate, language),
              })}
            </Text>
          </Stack>
          {f.status === 'cancelled' ? (
            <Badge color="red.9" size="lg" style={{ flexShrink: 0 }}>
              {t('facilitator.home.cancelled')}
            </Badge>
          ) : (
            f.lead && (
              <Badge color="blue.9" size="lg" style={{ flexShrink: 0 }}>
                {t('facilitator.home.lead')}
              </Badge>
            )
          )}
        </Group>
        {f.status !== 'cancelled' &&
          (todos.length === 0 ? (
            <Text>{t('facilitator.home.nothing')}</Text>
          ) : (
            <List spacing={4} aria-label={t('facilitator.home.todo')}>
              {todos.map((todo) => (
                <List.Item key={todo.key}>
                  <Anchor component={Link} to={todo.to} className="puente-touch" fw={600}>
                    {t(todo.label[0], todo.label[1])}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          ))}
      </Stack>
    </Paper>
  );
}

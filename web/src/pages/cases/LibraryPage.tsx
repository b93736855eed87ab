import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import { RequireSignIn } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { serviceToday } from '../../lib/format';
import type { ClinicalCase } from './data';
import { ReadView } from './ReadView';
import { BackLink, isMissing } from './shared';
import './cases.css';
import { Section } from '../../components/Section';

/** Seminars whose cases still change (the API's preparing statuses). */
const PREPARING = ['draft', 'open', 'confirmed', 'in_progress'];

/**
 * `/facilitar/casos/biblioteca`: the approved cases of every seminar, to search, read and reuse in
 * one of my seminars of the same topic (`?seminario=` preselects the seminar I came from).
 */
export function LibraryPage() {
  return (
    <RequireSignIn>
      <Library />
    </RequireSignIn>
  );
}

function Library() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const from = params.get('seminario') ?? undefined;
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const mine = useQuery({
    queryKey: ['me', 'seminars', 'preparing'],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/me/seminars', {
          params: { query: { from: serviceToday(), status: PREPARING.join(','), sort: 'startDate', pageSize: 100 } },
        }),
      ).items.filter((s) => s.myRole === 'facilitator'),
  });
  const topic = from ? mine.data?.find((s) => s.id === from)?.topic.id : undefined;
  const library = useQuery({
    queryKey: ['cases', 'library', q, topic ?? null],
    enabled: !from || mine.isSuccess,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/cases', {
          params: { query: { pageSize: 20, ...(q ? { q } : {}), ...(topic ? { topic } : {}) } },
        }),
      ),
  });

  return (
    <Stack gap="lg" maw={760}>
      <Stack gap={4}>
        {from && <BackLink to={`/facilitar/${from}/casos`}>{t('cases.library.back')}</BackLink>}
        <Title order={1}>{t('cases.library.title')}</Title>
        <Text>{t('cases.library.intro')}</Text>
      </Stack>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(typed.trim());
        }}
      >
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('cases.library.search')}
            description={t('cases.library.searchHelp')}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            maxLength={200}
            size="md"
            style={{ flex: '1 1 14rem' }}
            type="search"
          />
          <Button type="submit" size="lg">
            {t('cases.library.find')}
          </Button>
        </Group>
      </form>

      {mine.isError ? (
        <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
      ) : library.isError && isMissing(library.error) ? (
        <Text>{t('cases.library.notAllowed')}</Text>
      ) : library.isError ? (
        <ErrorState error={library.error} onRetry={() => void library.refetch()} />
      ) : library.isPending || mine.isPending ? (
        <Text aria-busy>{t('cases.loading')}</Text>
      ) : (
        <Section title={t('cases.library.results', { count: library.data.total })}>
          {library.data.items.length === 0 ? (
            <Text>{t('cases.library.none')}</Text>
          ) : (
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {library.data.items.map((c) => (
                <LibraryCase
                  key={c.id}
                  c={c}
                  seminars={(mine.data ?? []).filter((s) => s.topic.id === c.topicId && s.id !== c.seminarId)}
                  preferred={from}
                />
              ))}
            </Stack>
          )}
        </Section>
      )}
    </Stack>
  );
}

function excerpt(summary: string): string {
  const plain = summary
    .replace(/[#*_`>[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 220 ? `${plain.slice(0, 217)}…` : plain;
}

function LibraryCase({
  c,
  seminars,
  preferred,
}: {
  c: ClinicalCase;
  seminars: { id: string; title: string; startDate: string }[];
  preferred?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState(() => seminars.find((s) => s.id === preferred)?.id ?? seminars[0]?.id ?? '');
  const reuse = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/v1/seminars/{id}/cases/reuse', {
          params: { path: { id: target } },
          body: { caseId: c.id },
        }),
      ),
    onSuccess: (copy) => void navigate(`/facilitar/${copy.seminarId}/casos/${copy.id}`),
  });
  const problem = useProblem(reuse.error);
  return (
    <Paper component="li" withBorder p="md">
      <Stack gap="sm" component="article" aria-label={c.title}>
        <Title order={3} size="h4">
          {c.title}
        </Title>
        {!open && <Text>{excerpt(c.summary)}</Text>}
        <Button
          variant="light"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          style={{ alignSelf: 'flex-start' }}
        >
          {open ? t('cases.library.close') : t('cases.library.read')}
        </Button>
        {open && (
          <Paper withBorder p="sm">
            <ReadView c={c} order={3} />
          </Paper>
        )}
        {seminars.length === 0 ? (
          <Text size="sm">{t('cases.library.noSeminar')}</Text>
        ) : (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('cases.library.into')}
              value={target}
              onChange={(event) => setTarget(event.currentTarget.value)}
              data={seminars.map((s) => ({ value: s.id, label: s.title }))}
              size="md"
              style={{ flex: '1 1 14rem' }}
            />
            <Button size="lg" loading={reuse.isPending} onClick={() => reuse.mutate()}>
              {t('cases.library.reuse')}
            </Button>
          </Group>
        )}
        {problem.form && (
          <Alert color="red" variant="light" role="alert">
            {problem.form}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

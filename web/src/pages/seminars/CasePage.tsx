import { Anchor, Button, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import { RequireSignIn } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { formatInstantDate, formatSize } from '../../lib/format';
import { Markdown } from '../cases/Markdown';
import '../cases/cases.css';
import { isMissing, Missing } from './shared';
import { Section } from '../../components/Section';

/**
 * `/seminarios/{id}/casos/{caseId}`: a published clinical case to read on a phone before the
 * seminar: its summary, learning objectives and questions for the discussion, and its files.
 */
export function CasePage() {
  return (
    <RequireSignIn>
      <ClinicalCase />
    </RequireSignIn>
  );
}

function ClinicalCase() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { caseId = '' } = useParams();
  const found = useQuery({
    queryKey: ['case', caseId],
    queryFn: async () => dataOf(await api.GET('/api/v1/cases/{id}', { params: { path: { id: caseId } } })),
  });
  if (found.isPending) return <Text aria-busy>{t('seminars.loading')}</Text>;
  if (found.isError)
    return isMissing(found.error) ? (
      <Missing title={t('seminars.case.notFound.title')} body={t('seminars.case.notFound.body')} />
    ) : (
      <ErrorState error={found.error} onRetry={() => void found.refetch()} />
    );
  const c = found.data;
  return (
    <Stack gap="lg" maw={640} component="article">
      <Stack gap={4}>
        <Anchor component={Link} to={`/seminarios/${c.seminarId}`} className="puente-touch">
          {t('seminars.case.back')}
        </Anchor>
        <Text fw={600}>{t('seminars.case.kicker')}</Text>
        <Title order={1}>{c.title}</Title>
        {c.publishedAt && (
          <Text size="sm">{t('seminars.case.published', { date: formatInstantDate(c.publishedAt, language) })}</Text>
        )}
      </Stack>

      <Section title={t('seminars.case.summary')}>
        <Markdown source={c.summary} />
      </Section>

      {c.learningObjectives.length > 0 && (
        <Section title={t('seminars.case.objectives')}>
          <List spacing="xs" size="lg">
            {c.learningObjectives.map((o, i) => (
              <List.Item key={i}>{o}</List.Item>
            ))}
          </List>
        </Section>
      )}

      {c.discussionQuestions.length > 0 && (
        <Section title={t('seminars.case.questions')}>
          <List type="ordered" spacing="xs" size="lg">
            {c.discussionQuestions.map((q, i) => (
              <List.Item key={i}>{q}</List.Item>
            ))}
          </List>
        </Section>
      )}

      {c.attachments.length > 0 && (
        <Section title={t('seminars.case.files')}>
          {c.attachments.map((a) => (
            <Button
              key={a.id}
              component="a"
              href={`/api/v1/cases/${c.id}/attachments/${a.id}`}
              download={a.displayName}
              variant="light"
              size="lg"
              fullWidth
              justify="flex-start"
              styles={{ label: { overflowWrap: 'anywhere' } }}
            >
              {t('seminars.case.download', { name: a.displayName, size: formatSize(a.sizeBytes, language) })}
            </Button>
          ))}
        </Section>
      )}
    </Stack>
  );
}

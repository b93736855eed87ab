import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { formatDay, formatInstant } from '../../lib/format';
import { QuestionField, type Answer } from './QuestionField';
import './evaluation.css';

export type Questionnaire = components['schemas']['QuestionnaireDto'];

/**
 * `/evaluaciones/{seminarId}/{occasion}`: a daily or final evaluation, a pre-test or a post-test,
 * every item on one screen. Answers replace earlier ones while it is open; after, they are shown
 * read only, with a test's score.
 */
export function EvaluationPage() {
  return (
    <RequireSignIn>
      <Evaluation />
    </RequireSignIn>
  );
}

const formKey = (seminarId: string, occasion: string) => ['evaluation', seminarId, occasion] as const;

function Evaluation() {
  const { t } = useTranslation();
  const { seminarId = '', occasion = '' } = useParams();
  const questionnaire = useQuery({
    queryKey: formKey(seminarId, occasion),
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/me/evaluations/{seminarId}/{occasion}/form', {
          params: { path: { seminarId, occasion } },
        }),
      ),
  });
  if (questionnaire.isPending) return <Text aria-busy>{t('evaluation.loading')}</Text>;
  if (questionnaire.isError) {
    const error = questionnaire.error;
    if (error instanceof ApiError && error.status < 500 && error.status !== 429)
      return (
        <Stack gap="md" maw={640}>
          <Title order={1}>{t('evaluation.notFoundTitle')}</Title>
          <Text>{t('evaluation.notFound')}</Text>
        </Stack>
      );
    return <ErrorState error={error} onRetry={() => void questionnaire.refetch()} />;
  }
  return <EvaluationForm questionnaire={questionnaire.data} />;
}

function EvaluationForm({ questionnaire: q }: { questionnaire: Questionnaire }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('en') ? 'en' : 'es';
  const client = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, Answer>>(
    () => (q.response?.answers as Record<string, Answer> | undefined) ?? {},
  );
  const done = useRef<HTMLDivElement>(null);
  const submit = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.PUT('/api/v1/me/evaluations/{seminarId}/{occasion}', {
          params: { path: { seminarId: q.seminarId, occasion: q.key } },
          body: { formVersion: q.formVersion, answers: sent(answers) },
        }),
      ),
    onSuccess: async (response) => {
      client.setQueryData(formKey(q.seminarId, q.key), { ...q, response });
      await client.invalidateQueries({ queryKey: ['home', 'evaluations'] });
    },
    onError: async (error) => {
      // The office changed the form meanwhile: the page takes the new one, keeping what was typed.
      if (error instanceof ApiError && error.problem.code === 'evaluation_form_changed')
        await client.invalidateQueries({ queryKey: formKey(q.seminarId, q.key) });
    },
  });
  const problem = useProblem(submit.error);
  useEffect(() => {
    if (submit.isSuccess) done.current?.focus();
  }, [submit.isSuccess]);

  const open = q.state === 'open' && q.owed;
  const replacing = q.response !== null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };
  const scored = q.response?.maxScore != null && q.state === 'closed';

  return (
    <Stack gap="lg" maw={640}>
      <Stack gap={4}>
        <Title order={1}>{q.title[language]}</Title>
        <Text fw={600}>{q.seminarTitle}</Text>
        {q.date && <Text>{t('evaluation.about', { day: formatDay(q.date, i18n.language) })}</Text>}
      </Stack>
      <Text>{t('evaluation.anonymous')}</Text>

      {!q.owed && <Alert variant="light">{t('evaluation.notOwed')}</Alert>}
      {q.owed && q.state === 'not_yet_open' && q.opensAt && (
        <Alert variant="light">{t('evaluation.notYetOpen', { time: formatInstant(q.opensAt, i18n.language) })}</Alert>
      )}
      {q.owed && q.state === 'closed' && (
        <Alert variant="light">{t('evaluation.closed', { time: formatInstant(q.closesAt, i18n.language) })}</Alert>
      )}
      {open && <Text fw={600}>{t('evaluation.openUntil', { time: formatInstant(q.closesAt, i18n.language) })}</Text>}
      {scored && (
        <Text size="xl" fw={700}>
          {t('evaluation.score', { score: q.response!.score, max: q.response!.maxScore })}
        </Text>
      )}

      {submit.isSuccess && (
        <Alert color="teal" variant="light" role="status" ref={done} tabIndex={-1}>
          {t('evaluation.saved', { time: formatInstant(q.closesAt, i18n.language) })}
        </Alert>
      )}

      {q.state !== 'not_yet_open' && q.owed && (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="xl">
            {open && <Text>{t('evaluation.requiredNote')}</Text>}
            {q.items.map((item) => (
              <QuestionField
                key={item.id}
                item={item}
                facilitators={q.facilitators}
                language={language}
                value={answers[item.id]}
                onChange={(value) => setAnswers((current) => ({ ...current, [item.id]: value }))}
                error={problem.field(`answers.${item.id}`)}
                readOnly={!open}
              />
            ))}
            {submit.isError && (
              <Alert color="red" variant="light" role="alert">
                {problem.form}
              </Alert>
            )}
            {open && (
              <Button type="submit" size="lg" loading={submit.isPending} fullWidth>
                {replacing ? t('evaluation.replace') : t('evaluation.send')}
              </Button>
            )}
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** What is sent: unanswered items left out, as the service expects of optional ones. */
function sent(answers: Record<string, Answer>): Record<string, Answer> {
  return Object.fromEntries(
    Object.entries(answers).filter(([, value]) => {
      if (value === undefined || value === null || value === '') return false;
      if (Array.isArray(value)) return value.length > 0;
      if (typeof value === 'object') return Object.keys(value).length > 0;
      return true;
    }),
  );
}

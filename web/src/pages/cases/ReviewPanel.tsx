import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../../api/client';
import { useProblem } from '../../components/ProblemFields';
import { caseKey, seminarCasesKey, type ClinicalCase } from './data';
import { Section } from '../../components/Section';

/** The lead's review of a submitted case: approve it, or ask for changes with a comment. */
export function ReviewPanel({ c }: { c: ClinicalCase }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  const review = useMutation({
    mutationFn: async (decision: 'approve' | 'request_changes') =>
      dataOf(
        await api.POST('/api/v1/cases/{id}/review', {
          params: { path: { id: c.id } },
          body: decision === 'approve' ? { decision } : { decision, comment: comment.trim() },
        }),
      ),
    onSuccess: async (updated) => {
      client.setQueryData(caseKey(c.id), updated);
      await client.invalidateQueries({ queryKey: seminarCasesKey(c.seminarId) });
    },
  });
  const problem = useProblem(review.error);
  return (
    <Section title={t('cases.review.title')}>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text>{t('cases.review.intro')}</Text>
          <Group gap="sm" wrap="wrap">
            <Button
              size="lg"
              color="teal.9"
              loading={review.isPending && review.variables === 'approve'}
              onClick={() => review.mutate('approve')}
            >
              {t('cases.review.approve')}
            </Button>
            {!asking && (
              <Button size="lg" variant="default" onClick={() => setAsking(true)}>
                {t('cases.review.askChanges')}
              </Button>
            )}
          </Group>
          {asking && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                review.mutate('request_changes');
              }}
            >
              <Stack gap="sm">
                <Textarea
                  label={t('cases.review.comment')}
                  description={t('cases.review.commentHelp')}
                  value={comment}
                  onChange={(event) => setComment(event.currentTarget.value)}
                  error={problem.field('comment')}
                  required
                  autosize
                  minRows={3}
                  maxLength={2000}
                />
                <Group gap="sm">
                  <Button type="submit" loading={review.isPending && review.variables === 'request_changes'}>
                    {t('cases.review.sendChanges')}
                  </Button>
                  <Button variant="subtle" onClick={() => setAsking(false)}>
                    {t('cases.cancel')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
          {problem.form && !problem.field('comment') && (
            <Alert color="red" variant="light" role="alert">
              {problem.form}
            </Alert>
          )}
        </Stack>
      </Paper>
    </Section>
  );
}

/** Publishing an approved case: from then on the seminar's confirmed attendees read it. */
export function PublishPanel({ c }: { c: ClinicalCase }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const publish = useMutation({
    mutationFn: async () => dataOf(await api.POST('/api/v1/cases/{id}/publish', { params: { path: { id: c.id } } })),
    onSuccess: async (updated) => {
      client.setQueryData(caseKey(c.id), updated);
      await client.invalidateQueries({ queryKey: seminarCasesKey(c.seminarId) });
    },
  });
  const problem = useProblem(publish.error);
  return (
    <Section title={t('cases.publish.title')}>
      <Text>{t('cases.publish.intro')}</Text>
      <Button
        size="lg"
        loading={publish.isPending}
        onClick={() => publish.mutate()}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('cases.publish.button')}
      </Button>
      {problem.form && (
        <Alert color="red" variant="light" role="alert">
          {problem.form}
        </Alert>
      )}
    </Section>
  );
}

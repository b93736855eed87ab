import { List, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClinicalCase } from './data';
import { Markdown } from './Markdown';
import { Section } from '../../components/Section';

/** A case's text as its readers will see it: the summary's Markdown, the objectives and questions. */
export function ReadView({
  c,
  order = 2,
}: {
  c: Pick<ClinicalCase, 'summary' | 'learningObjectives' | 'discussionQuestions'>;
  order?: 2 | 3;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Section title={t('cases.field.summary')} order={order}>
        <Markdown source={c.summary} />
      </Section>
      {c.learningObjectives.length > 0 && (
        <Section title={t('cases.field.learningObjectives')} order={order}>
          <List spacing="xs">
            {c.learningObjectives.map((o, i) => (
              <List.Item key={i}>{o}</List.Item>
            ))}
          </List>
        </Section>
      )}
      {c.discussionQuestions.length > 0 && (
        <Section title={t('cases.field.discussionQuestions')} order={order}>
          <List type="ordered" spacing="xs">
            {c.discussionQuestions.map((q, i) => (
              <List.Item key={i}>{q}</List.Item>
            ))}
          </List>
        </Section>
      )}
    </Stack>
  );
}

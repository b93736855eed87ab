import { NativeSelect, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { diffWordsWithSpace } from 'diff';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { formatInstant } from '../../lib/format';
import type { ClinicalCase, CaseVersion } from './data';
import { Section } from '../../components/Section';

type Texts = Pick<ClinicalCase, 'title' | 'summary' | 'learningObjectives' | 'discussionQuestions'>;

const FIELDS = ['title', 'summary', 'learningObjectives', 'discussionQuestions'] as const;

const asText = (texts: Texts, field: (typeof FIELDS)[number]) => {
  const value = texts[field];
  return Array.isArray(value) ? value.join('\n') : value;
};

/**
 * The case's earlier approved versions, and one of them beside the text now, word by word: what
 * was taken out is struck through on the left, what was added is marked on the right (one above
 * the other on a phone).
 */
export function Versions({ c }: { c: ClinicalCase }) {
  const { t, i18n } = useTranslation();
  const selectId = useId();
  const versions = useQuery({
    queryKey: ['case', c.id, 'versions'],
    queryFn: async () => dataOf(await api.GET('/api/v1/cases/{id}/versions', { params: { path: { id: c.id } } })),
  });
  const [chosen, setChosen] = useState<number>();
  if (versions.isPending) return <Text aria-busy>{t('cases.loading')}</Text>;
  if (versions.isError) return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />;
  if (versions.data.length === 0) return null;
  const sorted = [...versions.data].sort((a, b) => b.version - a.version);
  const earlier: CaseVersion = sorted.find((v) => v.version === chosen) ?? sorted[0];
  const changed = FIELDS.filter((field) => asText(earlier, field) !== asText(c, field));
  return (
    <Section title={t('cases.versions.title')}>
      <NativeSelect
        id={selectId}
        label={t('cases.versions.compare')}
        value={String(earlier.version)}
        onChange={(event) => setChosen(Number(event.currentTarget.value))}
        data={sorted.map((v) => ({
          value: String(v.version),
          label: t('cases.versions.option', { version: v.version, date: formatInstant(v.replacedAt, i18n.language) }),
        }))}
        size="md"
      />
      {changed.length === 0 ? (
        <Text>{t('cases.versions.same')}</Text>
      ) : (
        changed.map((field) => (
          <Section key={field} title={t(`cases.field.${field}`)} order={3}>
            <FieldDiff
              before={asText(earlier, field)}
              after={asText(c, field)}
              version={earlier.version}
              now={c.version}
            />
          </Section>
        ))
      )}
    </Section>
  );
}

function FieldDiff({ before, after, version, now }: { before: string; after: string; version: number; now: number }) {
  const { t } = useTranslation();
  const parts = diffWordsWithSpace(before, after);
  return (
    <div className="cases-diff">
      <Stack gap={4}>
        <Text fw={600}>{t('cases.versions.before', { version })}</Text>
        <div className="cases-diff-text">
          {parts.map((p, i) =>
            p.added ? null : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>,
          )}
        </div>
      </Stack>
      <Stack gap={4}>
        <Text fw={600}>{t('cases.versions.after', { version: now })}</Text>
        <div className="cases-diff-text">
          {parts.map((p, i) =>
            p.removed ? null : p.added ? <ins key={i}>{p.value}</ins> : <span key={i}>{p.value}</span>,
          )}
        </div>
      </Stack>
    </div>
  );
}

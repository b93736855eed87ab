import { Alert, Button, Group, Paper, Stack, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../../api/client';
import { useProblem } from '../../components/ProblemFields';
import { attachmentIdOf, caseKey, fieldText, lineOf, type ClinicalCase, type Finding } from './data';

/** A finding with its number in the list, which its mark in the text repeats. */
export interface NumberedFinding extends Finding {
  n: number;
}

export function numbered(findings: Finding[]): NumberedFinding[] {
  return findings.map((f, i) => ({ ...f, n: i + 1 }));
}

/**
 * A field's text with each finding marked where it is (and its number), so the writer sees what
 * to fix in its place; the list below names each one by kind and position only.
 */
export function MarkedText({ text, findings }: { text: string; findings: NumberedFinding[] }) {
  const { t } = useTranslation();
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const f of sorted) {
    if (f.start < at || f.end > text.length) continue;
    parts.push(text.slice(at, f.start));
    parts.push(
      <Fragment key={f.n}>
        <mark className="cases-finding" data-finding={f.n}>
          {text.slice(f.start, f.end)}
        </mark>
        <sup className="cases-finding-number" aria-hidden>
          {f.n}
        </sup>
        <VisuallyHidden>{t('cases.findings.markLabel', { n: f.n, kind: t(`cases.kind.${f.kind}`) })}</VisuallyHidden>
      </Fragment>,
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  return <div className="cases-marked">{parts}</div>;
}

/** Where a finding is, in words: its kind, then the field and the line (never the text itself). */
export function useFindingPlace() {
  const { t } = useTranslation();
  return (c: ClinicalCase, f: Finding) => {
    const kind = t(`cases.kind.${f.kind}`);
    const attachment = attachmentIdOf(f.field);
    if (attachment) {
      const name = c.attachments.find((a) => a.id === attachment)?.displayName ?? '';
      return t('cases.findings.inFile', { kind, name });
    }
    const item = /^(learningObjectives|discussionQuestions)\[(\d+)\]$/.exec(f.field);
    if (item)
      return t(item[1] === 'learningObjectives' ? 'cases.findings.inObjective' : 'cases.findings.inQuestion', {
        kind,
        n: Number(item[2]) + 1,
      });
    const text = fieldText(c, f.field) ?? '';
    return t(f.field === 'title' ? 'cases.findings.inTitle' : 'cases.findings.inSummary', {
      kind,
      line: lineOf(text, f.start),
    });
  };
}

/**
 * The findings of a refused submission: each by kind and position, with "Fix it" (redacted in
 * place by a placeholder naming its kind) and "This is not an identifier" (waived with a reason).
 */
export function FindingsPanel({
  c,
  findings,
  onResolved,
  onRemoveFile,
  removing,
}: {
  c: ClinicalCase;
  findings: NumberedFinding[];
  onResolved: (finding: NumberedFinding, updated: ClinicalCase, redacted: boolean) => void;
  onRemoveFile: (attachmentId: string) => void;
  removing: boolean;
}) {
  const { t } = useTranslation();
  const place = useFindingPlace();
  return (
    <Alert color="red" variant="light" title={t('cases.findings.title')} role="alert">
      <Stack gap="sm">
        <Text>{findings.length === 0 ? t('cases.findings.allClear') : t('cases.findings.intro')}</Text>
        {findings.length > 0 && (
          <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {findings.map((f) => (
              <FindingItem
                key={`${f.field}|${f.start}|${f.kind}|${f.n}`}
                c={c}
                finding={f}
                place={place(c, f)}
                onResolved={onResolved}
                onRemoveFile={onRemoveFile}
                removing={removing}
              />
            ))}
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}

function FindingItem({
  c,
  finding,
  place,
  onResolved,
  onRemoveFile,
  removing,
}: {
  c: ClinicalCase;
  finding: NumberedFinding;
  place: string;
  onResolved: (finding: NumberedFinding, updated: ClinicalCase, redacted: boolean) => void;
  onRemoveFile: (attachmentId: string) => void;
  removing: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [waiving, setWaiving] = useState(false);
  const [reason, setReason] = useState('');
  const { field, kind, start, end } = finding;
  const attachment = attachmentIdOf(field);
  const redact = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/v1/cases/{id}/findings/redact', {
          params: { path: { id: c.id } },
          body: { field, kind: kind as never, start, end },
        }),
      ),
    onSuccess: (updated) => {
      client.setQueryData(caseKey(c.id), updated);
      onResolved(finding, updated, true);
    },
  });
  const waive = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/v1/cases/{id}/findings/waive', {
          params: { path: { id: c.id } },
          body: { field, kind: kind as never, start, end, reason: reason.trim() },
        }),
      ),
    onSuccess: (updated) => {
      client.setQueryData(caseKey(c.id), updated);
      onResolved(finding, updated, false);
    },
  });
  const redactProblem = useProblem(redact.error);
  const waiveProblem = useProblem(waive.error);
  return (
    <Paper component="li" withBorder p="sm" bg="white">
      <Stack gap="xs">
        <Text fw={600}>
          {finding.n}. {place}
        </Text>
        <Group gap="sm" wrap="wrap">
          {attachment ? (
            <Button color="red.9" loading={removing} onClick={() => onRemoveFile(attachment)}>
              {t('cases.findings.removeFile')}
            </Button>
          ) : (
            <Button color="red.9" loading={redact.isPending} onClick={() => redact.mutate()}>
              {t('cases.findings.fix')}
            </Button>
          )}
          {!waiving && (
            <Button variant="default" onClick={() => setWaiving(true)}>
              {t('cases.findings.notAnIdentifier')}
            </Button>
          )}
        </Group>
        {redactProblem.form && <Text c="red.9">{redactProblem.form}</Text>}
        {waiving && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              waive.mutate();
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t('cases.findings.reason')}
                description={t('cases.findings.reasonHelp')}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
                error={waiveProblem.field('reason')}
                required
                autosize
                minRows={2}
                maxLength={500}
              />
              {waiveProblem.form && !waiveProblem.field('reason') && <Text c="red.9">{waiveProblem.form}</Text>}
              <Group gap="sm">
                <Button type="submit" loading={waive.isPending} disabled={reason.trim().length < 5}>
                  {t('cases.findings.confirmWaiver')}
                </Button>
                <Button variant="subtle" onClick={() => setWaiving(false)}>
                  {t('cases.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

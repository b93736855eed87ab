import { Alert, Button, Group, Paper, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import '@mantine/core/styles/Tabs.css';
import '@mantine/core/styles/Progress.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, dataOf } from '../../api/client';
import { RequireSignIn, useMe, type Me } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { Attachments } from './Attachments';
import { caseKey, findingsOf, seminarCasesKey, useCase, useSeminar, useSeminarRole, type ClinicalCase } from './data';
import { FindingsPanel, MarkedText, numbered, type NumberedFinding } from './Findings';
import { Markdown } from './Markdown';
import { ReadView } from './ReadView';
import { PublishPanel, ReviewPanel } from './ReviewPanel';
import { BackLink, isMissing, Missing, needOf, StatusBadge } from './shared';
import { Versions } from './Versions';
import './cases.css';
import { Section } from '../../components/Section';

/**
 * `/facilitar/{seminarId}/casos/nuevo` and `/facilitar/{seminarId}/casos/{caseId}`: writing a
 * clinical case (title and summary are all it needs; the summary in Markdown with a preview), its
 * files, sending it to review, the de-identification guard's findings marked in their fields, the
 * lead's review and publication, and the earlier approved versions beside the text now.
 */
export function CaseEditorPage() {
  return (
    <RequireSignIn>
      <CaseEditor />
    </RequireSignIn>
  );
}

function CaseEditor() {
  const { t } = useTranslation();
  const { seminarId = '', caseId } = useParams();
  const me = useMe().data!;
  const seminar = useSeminar(seminarId);
  const found = useCase(caseId);
  const role = useSeminarRole(seminarId, me);
  const failed = seminar.error ?? found.error ?? role.facilitators.error;
  if (failed)
    return isMissing(failed) ? (
      <Missing title={t('cases.editor.notFoundTitle')} body={t('cases.editor.notFound')} />
    ) : (
      <ErrorState error={failed} onRetry={() => void Promise.all([seminar.refetch(), found.refetch()])} />
    );
  if (seminar.isPending || (caseId && found.isPending) || role.facilitators.isPending)
    return <Text aria-busy>{t('cases.loading')}</Text>;
  if (!role.facilitates || (found.data && found.data.seminarId !== seminarId))
    return <Missing title={t('cases.editor.notFoundTitle')} body={t('cases.editor.notFound')} />;
  return (
    <Editor
      key={caseId ?? 'new'}
      seminarId={seminarId}
      seminarTitle={seminar.data!.title}
      c={found.data}
      me={me}
      reviews={role.reviews}
    />
  );
}

interface Draft {
  title: string;
  summary: string;
  learningObjectives: string;
  discussionQuestions: string;
}

const draftOf = (c?: ClinicalCase): Draft => ({
  title: c?.title ?? '',
  summary: c?.summary ?? '',
  learningObjectives: c?.learningObjectives.join('\n') ?? '',
  discussionQuestions: c?.discussionQuestions.join('\n') ?? '',
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const FIELD_GROUP = (field: string) => field.replace(/\[\d+\]$/, '');

function Editor({
  seminarId,
  seminarTitle,
  c,
  me,
  reviews,
}: {
  seminarId: string;
  seminarTitle: string;
  c?: ClinicalCase;
  me: Me;
  reviews: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => draftOf(c));
  const [findings, setFindings] = useState<NumberedFinding[]>();
  const [saved, setSaved] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const dirty = JSON.stringify(draftOf(c)) !== JSON.stringify(draft);

  const body = () => ({
    title: draft.title.trim(),
    summary: draft.summary,
    learningObjectives: lines(draft.learningObjectives),
    discussionQuestions: lines(draft.discussionQuestions),
  });
  const store = async (): Promise<ClinicalCase> => {
    if (!c)
      return dataOf(
        await api.POST('/api/v1/seminars/{id}/cases', { params: { path: { id: seminarId } }, body: body() }),
      );
    if (!dirty) return c;
    return dataOf(await api.PATCH('/api/v1/cases/{id}', { params: { path: { id: c.id } }, body: body() }));
  };
  const afterStore = async (stored: ClinicalCase) => {
    client.setQueryData(caseKey(stored.id), stored);
    setDraft(draftOf(stored));
    await client.invalidateQueries({ queryKey: seminarCasesKey(seminarId) });
    if (!c) void navigate(`/facilitar/${seminarId}/casos/${stored.id}`, { replace: true });
  };

  const save = useMutation({
    mutationFn: store,
    onSuccess: async (stored) => {
      await afterStore(stored);
      setSaved(true);
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      const stored = await store();
      if (stored !== c) await afterStore(stored);
      return dataOf(await api.POST('/api/v1/cases/{id}/submit', { params: { path: { id: stored.id } } }));
    },
    onSuccess: async (submitted) => {
      setFindings(undefined);
      client.setQueryData(caseKey(submitted.id), submitted);
      await client.invalidateQueries({ queryKey: seminarCasesKey(seminarId) });
    },
    onError: (error) => {
      const refused = findingsOf(error);
      if (refused) setFindings(numbered(refused));
    },
  });
  useEffect(() => {
    if (findings && findings.length > 0) panel.current?.focus();
  }, [findings]);

  const problem = useProblem(findingsOf(submit.error) ? null : (submit.error ?? save.error));
  const status = c?.status ?? 'draft';
  const editable = status !== 'submitted';
  const own = c ? c.authorId === me.id : true;
  const lastReview = c?.reviews.at(-1);

  const inField = (group: string) => (findings ?? []).filter((f) => FIELD_GROUP(f.field) === group);
  /** After a fix or a waiver: the finding goes, and later ones in a redacted field move with the text. */
  const resolved = (finding: NumberedFinding, updated: ClinicalCase, redacted: boolean) => {
    const before = c ? fieldLength(c, finding.field) : 0;
    const delta = redacted ? fieldLength(updated, finding.field) - before : 0;
    setFindings((list) =>
      list
        ?.filter((f) => f !== finding)
        .map((f) =>
          f.field === finding.field && f.start >= finding.end
            ? { ...f, start: f.start + delta, end: f.end + delta }
            : f,
        ),
    );
    setDraft(draftOf(updated));
  };
  const editAgain = (group: string) => setFindings((list) => list?.filter((f) => FIELD_GROUP(f.field) !== group));

  const removeFile = useMutation({
    mutationFn: async (attachmentId: string) => {
      dataOf(
        await api.DELETE('/api/v1/cases/{id}/attachments/{attachmentId}', {
          params: { path: { id: c!.id, attachmentId } },
        }),
      );
      return attachmentId;
    },
    onSuccess: (attachmentId) => {
      client.setQueryData<ClinicalCase>(caseKey(c!.id), (current) =>
        current ? { ...current, attachments: current.attachments.filter((a) => a.id !== attachmentId) } : current,
      );
      setFindings((list) => list?.filter((f) => f.field !== `attachments[${attachmentId}]`));
    },
  });

  const change = (key: keyof Draft) => (value: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const titleFindings = inField('title');
  const summaryFindings = inField('summary');

  return (
    <Stack gap="lg" maw={760}>
      <Stack gap={4}>
        <BackLink to={`/facilitar/${seminarId}/casos`}>{t('cases.editor.back')}</BackLink>
        <Text fw={600}>{seminarTitle}</Text>
        <Title order={1}>{c ? c.title : t('cases.editor.newTitle')}</Title>
        {c && (
          <Group gap="sm" wrap="wrap" role="status">
            <StatusBadge status={c.status} />
            <Text>{t(needOf(c, me.id, reviews))}</Text>
          </Group>
        )}
      </Stack>

      {c?.status === 'changes_requested' && lastReview && (
        <Alert color="blue" variant="light" title={t('cases.editor.changesAsked')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{lastReview.comment}</Text>
        </Alert>
      )}

      {c && findings && (
        <div ref={panel} tabIndex={-1}>
          <FindingsPanel
            c={c}
            findings={findings}
            onResolved={resolved}
            onRemoveFile={(id) => removeFile.mutate(id)}
            removing={removeFile.isPending}
          />
        </div>
      )}

      {editable ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
        >
          <Stack gap="md">
            {(status === 'approved' || status === 'published') && <Text>{t('cases.editor.editApproved')}</Text>}
            <Marked
              label={t('cases.field.title')}
              findings={titleFindings}
              text={c?.title ?? ''}
              onEdit={() => editAgain('title')}
            >
              <TextInput
                label={t('cases.field.title')}
                value={draft.title}
                onChange={(event) => change('title')(event.currentTarget.value)}
                error={problem.field('title')}
                required
                minLength={3}
                maxLength={200}
                size="md"
              />
            </Marked>

            <SummaryField
              value={draft.summary}
              onChange={change('summary')}
              error={problem.field('summary')}
              findings={summaryFindings}
              savedText={c?.summary ?? ''}
              onEdit={() => editAgain('summary')}
            />

            <ListField
              label={t('cases.field.learningObjectives')}
              description={t('cases.editor.onePerLine')}
              value={draft.learningObjectives}
              onChange={change('learningObjectives')}
              error={problem.field('learningObjectives')}
              findings={inField('learningObjectives')}
              saved={c?.learningObjectives ?? []}
              onEdit={() => editAgain('learningObjectives')}
              group="learningObjectives"
            />
            <ListField
              label={t('cases.field.discussionQuestions')}
              description={t('cases.editor.onePerLine')}
              value={draft.discussionQuestions}
              onChange={change('discussionQuestions')}
              error={problem.field('discussionQuestions')}
              findings={inField('discussionQuestions')}
              saved={c?.discussionQuestions ?? []}
              onEdit={() => editAgain('discussionQuestions')}
              group="discussionQuestions"
            />

            {problem.form && !problem.field('title') && !problem.field('summary') && (
              <Alert color="red" variant="light" role="alert">
                {problem.form}
              </Alert>
            )}
            <div aria-live="polite">
              {saved && !dirty && <Text role="status">{t('cases.editor.saved')}</Text>}
              {submit.isSuccess && <Text role="status">{t('cases.editor.submitted')}</Text>}
            </div>
            <Group gap="sm" wrap="wrap">
              <Button type="submit" size="lg" variant="default" loading={save.isPending} disabled={!!c && !dirty}>
                {c ? t('cases.editor.save') : t('cases.editor.create')}
              </Button>
              {c && (dirty || status === 'draft' || status === 'changes_requested') && (
                <Button size="lg" loading={submit.isPending} onClick={() => submit.mutate()}>
                  {t('cases.editor.submit')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      ) : (
        c && (
          <Paper withBorder p="md">
            <ReadView c={c} />
          </Paper>
        )
      )}

      {c ? (
        <Attachments c={c} editable={status === 'draft' || status === 'changes_requested'} />
      ) : (
        <Section title={t('cases.files.title')}>
          <Text>{t('cases.files.saveFirst')}</Text>
        </Section>
      )}

      {c && c.version > 1 && <Versions c={c} />}

      {c && c.status === 'submitted' && reviews && !own && <ReviewPanel c={c} />}
      {c && c.status === 'submitted' && reviews && own && <Text>{t('cases.review.ownCase')}</Text>}
      {c && c.status === 'approved' && reviews && <PublishPanel c={c} />}
    </Stack>
  );
}

function fieldLength(c: ClinicalCase, field: string): number {
  const item = /^(learningObjectives|discussionQuestions)\[(\d+)\]$/.exec(field);
  if (item) return c[item[1] as 'learningObjectives' | 'discussionQuestions'][Number(item[2])]?.length ?? 0;
  return field === 'title' ? c.title.length : field === 'summary' ? c.summary.length : 0;
}

/**
 * A field as the guard's findings left it: its saved text with each finding marked in place, in
 * the field's own spot, until the writer chooses to edit the text again; otherwise the field.
 */
function Marked({
  label,
  findings,
  text,
  onEdit,
  children,
}: {
  label: string;
  findings: NumberedFinding[];
  text: string;
  onEdit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (findings.length === 0) return <>{children}</>;
  return (
    <Section title={label} order={3}>
      <Paper withBorder p="sm" className="cases-marked-field">
        <MarkedText text={text} findings={findings} />
      </Paper>
      <Button variant="subtle" onClick={onEdit} style={{ alignSelf: 'flex-start' }}>
        {t('cases.findings.editText', { field: label })}
      </Button>
    </Section>
  );
}

function SummaryField({
  value,
  onChange,
  error,
  findings,
  savedText,
  onEdit,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  findings: NumberedFinding[];
  savedText: string;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  if (findings.length > 0)
    return (
      <Marked label={t('cases.field.summary')} findings={findings} text={savedText} onEdit={onEdit}>
        {null}
      </Marked>
    );
  return (
    <Tabs defaultValue="write" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="write" className="cases-tab">
          {t('cases.editor.write')}
        </Tabs.Tab>
        <Tabs.Tab value="preview" className="cases-tab">
          {t('cases.editor.preview')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="write" pt="sm">
        <Textarea
          label={t('cases.field.summary')}
          description={t('cases.editor.summaryHelp')}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
          required
          autosize
          minRows={8}
          maxRows={30}
          maxLength={20000}
          size="md"
        />
      </Tabs.Panel>
      <Tabs.Panel value="preview" pt="sm">
        <Paper withBorder p="md" mih={120}>
          {value.trim() ? <Markdown source={value} /> : <Text>{t('cases.editor.previewEmpty')}</Text>}
        </Paper>
      </Tabs.Panel>
    </Tabs>
  );
}

function ListField({
  label,
  description,
  value,
  onChange,
  error,
  findings,
  saved,
  onEdit,
  group,
}: {
  label: string;
  description: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  findings: NumberedFinding[];
  saved: string[];
  onEdit: () => void;
  group: string;
}) {
  const { t } = useTranslation();
  if (findings.length > 0)
    return (
      <Section title={label} order={3}>
        <Paper withBorder p="sm" className="cases-marked-field">
          <Stack gap={4} component="ol" m={0} pl="lg">
            {saved.map((item, i) => (
              <li key={i}>
                <MarkedText text={item} findings={findings.filter((f) => f.field === `${group}[${i}]`)} />
              </li>
            ))}
          </Stack>
        </Paper>
        <Button variant="subtle" onClick={onEdit} style={{ alignSelf: 'flex-start' }}>
          {t('cases.findings.editText', { field: label })}
        </Button>
      </Section>
    );
  return (
    <Textarea
      label={label}
      description={description}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      autosize
      minRows={2}
      size="md"
    />
  );
}

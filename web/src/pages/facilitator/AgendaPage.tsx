import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { formatDay } from '../../lib/format';
import { focusFirstInvalid } from '../needs/focus';
import { isMissing, Missing } from '../seminars/shared';
import {
  BLOCK_KINDS,
  inStartOrder,
  mergeOnto,
  moveBlock,
  nextBlock,
  sameBlocks,
  signatureOf,
  type BlockKind,
  type DraftBlock,
} from './agenda-blocks';
import { FACILITATIONS_KEY } from './facilitations';

type AgendaDay = components['schemas']['AgendaDayResponseDto'];
type Facilitator = components['schemas']['FacilitatorResponseDto'];

const agendaKey = (id: string) => ['seminar', id, 'agenda'] as const;

/**
 * `/facilitar/{seminarId}/agenda`: the seminar's facilitators (and the office) plan each day's
 * blocks together. Each day is saved on its own, on the version it was read at; when a colleague
 * saved the day meanwhile, the page shows their version and keeps mine to apply over it or discard.
 */
export function AgendaPage() {
  return (
    <RequireSignIn>
      <Agenda />
    </RequireSignIn>
  );
}

function Agenda() {
  const { t } = useTranslation();
  const { seminarId = '' } = useParams();
  const seminar = useQuery({
    queryKey: ['seminar', seminarId],
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}', { params: { path: { id: seminarId } } })),
  });
  const agenda = useQuery({
    queryKey: agendaKey(seminarId),
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}/agenda', { params: { path: { id: seminarId } } })),
  });
  const facilitators = useQuery({
    queryKey: ['seminar', seminarId, 'facilitators'],
    queryFn: async () =>
      dataOf(await api.GET('/api/v1/seminars/{id}/facilitators', { params: { path: { id: seminarId } } })),
  });
  const failed = [seminar, agenda, facilitators].find((q) => q.isError);
  if (failed) {
    if (isMissing(failed.error))
      return <Missing title={t('seminars.notFound.title')} body={t('seminars.notFound.body')} />;
    return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  }
  if (!seminar.data || !agenda.data || !facilitators.data)
    return <Loader role="status" aria-label={t('facilitator.loading')} />;

  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/facilitar/${seminarId}`} className="puente-touch">
          {t('facilitator.overview.back')}
        </Anchor>
        <Title order={1}>{t('facilitator.agenda.title')}</Title>
        <Text fw={600}>{seminar.data.title}</Text>
      </Stack>
      {agenda.data.editable ? (
        <Text>{t('facilitator.agenda.what')}</Text>
      ) : (
        <Alert color="gray" variant="light">
          {t('facilitator.agenda.readOnly')}
        </Alert>
      )}
      {agenda.data.days.map((day) => (
        <DayEditor
          key={day.date}
          seminarId={seminarId}
          day={day}
          editable={agenda.data.editable}
          facilitators={facilitators.data.items}
        />
      ))}
    </Stack>
  );
}

let keys = 0;
const draftsOf = (day: AgendaDay): DraftBlock[] =>
  day.blocks.map((block) => {
    const content = {
      kind: block.kind,
      start: block.start,
      end: block.end,
      title: block.title,
      responsibleId: block.responsibleId ?? '',
    };
    return { key: ++keys, ...content, origin: signatureOf(content) };
  });

/** What was sent: the rows in the order the service checks them, and the version it was sent on. */
interface Sent {
  rows: DraftBlock[];
  version: number;
}

function DayEditor({
  seminarId,
  day: loaded,
  editable,
  facilitators,
}: {
  seminarId: string;
  day: AgendaDay;
  editable: boolean;
  facilitators: Facilitator[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const client = useQueryClient();
  const heading = useId();
  const form = useRef<HTMLFormElement>(null);
  const focusKey = useRef<number | null>(null);
  // The version mine builds on; it moves to theirs when I apply mine over a colleague's.
  const [base, setBase] = useState<AgendaDay>(loaded);
  const [rows, setRows] = useState<DraftBlock[]>(() => draftsOf(loaded));
  // A colleague's version of the day, saved after the one I started from.
  const [theirs, setTheirs] = useState<AgendaDay | null>(null);

  const save = useMutation({
    mutationFn: async ({ rows: sent, version }: Sent) =>
      dataOf(
        await api.PUT('/api/v1/seminars/{id}/days/{date}/agenda', {
          params: { path: { id: seminarId, date: base.date } },
          body: {
            version,
            blocks: sent.map((row) => ({
              kind: row.kind,
              start: row.start,
              end: row.end,
              ...(row.title.trim() ? { title: row.title.trim() } : {}),
              responsibleId: row.responsibleId || null,
            })),
          },
        }),
      ),
    onSuccess: (saved) => {
      setBase(saved);
      setRows(draftsOf(saved));
      setTheirs(null);
      client.setQueryData(agendaKey(seminarId), (old: { days: AgendaDay[] } | undefined) =>
        old ? { ...old, days: old.days.map((d) => (d.date === saved.date ? saved : d)) } : old,
      );
      // The home's count of days still to plan.
      void client.invalidateQueries({ queryKey: FACILITATIONS_KEY });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.problem.code === 'agenda_changed') {
        // Their version, to show beside mine; if it cannot be read now, the refusal's sentence says why.
        const fresh = await api.GET('/api/v1/seminars/{id}/agenda', { params: { path: { id: seminarId } } });
        const day = fresh.data?.days.find((d) => d.date === base.date);
        if (day) setTheirs(day);
        return;
      }
      focusFirstInvalid(form.current);
    },
  });
  const conflict = save.error instanceof ApiError && save.error.problem.code === 'agenda_changed';
  const problem = useProblem(conflict && theirs ? null : save.error);
  const sentRows = save.variables?.rows ?? [];
  const errorOf = (key: number, field: 'kind' | 'start' | 'end' | 'title' | 'responsibleId') => {
    const index = sentRows.findIndex((row) => row.key === key);
    return index < 0 ? undefined : problem.field(`blocks.${index}.${field}`);
  };
  const rowHasError = (key: number) =>
    (['kind', 'start', 'end', 'title', 'responsibleId'] as const).some((field) => errorOf(key, field));

  const edited = () => {
    if (save.isSuccess) save.reset();
  };
  const update = (key: number, change: Partial<DraftBlock>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
    edited();
  };
  const dirty = !sameBlocks(rows, draftsOf(base));
  const send = (version: number) => save.mutate({ rows: inStartOrder(rows), version });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(base.agendaVersion);
  };
  const applyMine = () => {
    if (!theirs) return;
    const merged = mergeOnto(draftsOf(theirs), rows, draftsOf(base));
    setBase(theirs);
    setRows(merged);
    save.mutate({ rows: merged, version: theirs.agendaVersion });
  };
  const discardMine = () => {
    if (!theirs) return;
    setBase(theirs);
    setRows(draftsOf(theirs));
    setTheirs(null);
    save.reset();
  };
  const nameOf = (id: string | null) => facilitators.find((f) => f.personId === id)?.fullName;
  const dayTitle = t('facilitator.agenda.day', {
    date: formatDay(base.date, language),
    start: base.startTime,
    end: base.endTime,
  });

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={heading}>
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h3" id={heading}>
            {dayTitle}
          </Title>

          {theirs && (
            <Alert color="orange" variant="light" role="alert">
              <Stack gap="sm">
                <Text fw={700} size="lg">
                  {t('facilitator.agenda.conflict.title')}
                </Text>
                <Text>{t('facilitator.agenda.conflict.body')}</Text>
                <Text fw={600}>{t('facilitator.agenda.conflict.theirs')}</Text>
                {theirs.blocks.length === 0 ? (
                  <Text>{t('facilitator.agenda.conflict.empty')}</Text>
                ) : (
                  <List aria-label={t('facilitator.agenda.conflict.theirs')}>
                    {theirs.blocks.map((block) => (
                      <List.Item key={block.id}>
                        {t('facilitator.agenda.conflict.block', {
                          start: block.start,
                          end: block.end,
                          title: block.title || t(`seminars.kind.${block.kind}`),
                          kind: t(`seminars.kind.${block.kind}`),
                        })}
                        {block.responsibleName ? ` · ${t('seminars.leads', { name: block.responsibleName })}` : ''}
                      </List.Item>
                    ))}
                  </List>
                )}
                <Text>{t('facilitator.agenda.conflict.mineKept')}</Text>
                <Group gap="sm">
                  <Button onClick={applyMine} loading={save.isPending}>
                    {t('facilitator.agenda.conflict.apply')}
                  </Button>
                  <Button variant="outline" color="red.9" onClick={discardMine} disabled={save.isPending}>
                    {t('facilitator.agenda.conflict.discard')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}

          {rows.length === 0 && <Text>{t('facilitator.agenda.noBlocks')}</Text>}
          <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {rows.map((row, index) =>
              editable ? (
                <li key={row.key}>
                  <BlockFields
                    row={row}
                    number={index + 1}
                    count={rows.length}
                    facilitators={facilitators}
                    focus={focusKey}
                    invalid={rowHasError(row.key)}
                    error={(field) => errorOf(row.key, field)}
                    onChange={(change) => update(row.key, change)}
                    onMove={(by) => {
                      focusKey.current = null;
                      setRows((current) => moveBlock(current, index, by));
                      edited();
                    }}
                    onRemove={() => {
                      setRows((current) => current.filter((r) => r.key !== row.key));
                      edited();
                    }}
                  />
                </li>
              ) : (
                <Paper key={row.key} withBorder p="sm" component="li">
                  <Text fw={600}>
                    {t('seminars.time', { start: row.start, end: row.end })} ·{' '}
                    {row.title || t(`seminars.kind.${row.kind}`)}
                  </Text>
                  <Text size="sm">
                    {t(`seminars.kind.${row.kind}`)}
                    {nameOf(row.responsibleId || null)
                      ? ` · ${t('seminars.leads', { name: nameOf(row.responsibleId) })}`
                      : ''}
                  </Text>
                </Paper>
              ),
            )}
          </Stack>

          {editable && (
            <>
              <Button
                variant="light"
                onClick={() => {
                  const block = nextBlock(++keys, rows, base);
                  focusKey.current = block.key;
                  setRows((current) => [...current, block]);
                  edited();
                }}
                aria-label={t('facilitator.agenda.addTo', { day: dayTitle })}
              >
                {t('facilitator.agenda.add')}
              </Button>
              {problem.form && (
                <Alert color="red" variant="light" role="alert">
                  {problem.form}
                </Alert>
              )}
              {save.isSuccess && (
                <Text role="status" fw={600}>
                  {t('facilitator.agenda.saved')}
                </Text>
              )}
              {dirty && !save.isPending && !theirs && <Text size="sm">{t('facilitator.agenda.unsaved')}</Text>}
              {!theirs && (
                <Button
                  type="submit"
                  size="lg"
                  loading={save.isPending}
                  aria-label={t('facilitator.agenda.saveDay', { day: dayTitle })}
                >
                  {t('facilitator.agenda.save')}
                </Button>
              )}
            </>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function BlockFields({
  row,
  number,
  count,
  facilitators,
  focus,
  invalid,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  row: DraftBlock;
  number: number;
  count: number;
  facilitators: Facilitator[];
  focus: { current: number | null };
  invalid: boolean;
  error: (field: 'kind' | 'start' | 'end' | 'title' | 'responsibleId') => string | undefined;
  onChange: (change: Partial<DraftBlock>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const label = useId();
  const name = t('facilitator.agenda.block', { number, start: row.start, end: row.end });
  return (
    <Paper
      withBorder
      p="sm"
      role="group"
      aria-labelledby={label}
      style={invalid ? { borderColor: 'var(--mantine-color-red-9)', borderWidth: 2 } : undefined}
    >
      <Stack gap="xs">
        <Text id={label} fw={600}>
          {name}
        </Text>
        <NativeSelect
          label={t('facilitator.agenda.kind')}
          value={row.kind}
          data={BLOCK_KINDS.map((kind) => ({ value: kind, label: t(`seminars.kind.${kind}`) }))}
          onChange={(e) => onChange({ kind: e.currentTarget.value as BlockKind })}
          error={error('kind')}
        />
        <Group grow gap="sm" align="flex-start">
          <TextInput
            type="time"
            label={t('facilitator.agenda.start')}
            value={row.start}
            onChange={(e) => onChange({ start: e.currentTarget.value })}
            error={error('start')}
          />
          <TextInput
            type="time"
            label={t('facilitator.agenda.end')}
            value={row.end}
            onChange={(e) => onChange({ end: e.currentTarget.value })}
            error={error('end')}
          />
        </Group>
        <TextInput
          ref={(input) => {
            if (input && focus.current === row.key) {
              focus.current = null;
              input.focus();
            }
          }}
          label={t('facilitator.agenda.blockTitle')}
          description={row.kind === 'break' ? t('facilitator.agenda.titleOptional') : undefined}
          maxLength={200}
          value={row.title}
          onChange={(e) => onChange({ title: e.currentTarget.value })}
          error={error('title')}
        />
        <NativeSelect
          label={t('facilitator.agenda.leads')}
          value={row.responsibleId}
          data={[
            { value: '', label: t('facilitator.agenda.nobody') },
            ...facilitators.map((f) => ({ value: f.personId, label: f.fullName })),
          ]}
          onChange={(e) => onChange({ responsibleId: e.currentTarget.value })}
          error={error('responsibleId')}
        />
        <Group gap="xs">
          <Button
            variant="default"
            disabled={number === 1}
            onClick={() => onMove(-1)}
            aria-label={t('facilitator.agenda.earlierBlock', { block: name })}
          >
            {t('facilitator.agenda.earlier')}
          </Button>
          <Button
            variant="default"
            disabled={number === count}
            onClick={() => onMove(1)}
            aria-label={t('facilitator.agenda.laterBlock', { block: name })}
          >
            {t('facilitator.agenda.later')}
          </Button>
          <Button
            variant="outline"
            color="red.9"
            onClick={onRemove}
            aria-label={t('facilitator.agenda.removeBlock', { block: name })}
          >
            {t('facilitator.agenda.remove')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

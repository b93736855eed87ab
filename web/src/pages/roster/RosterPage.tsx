import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { formatDay, serviceTimeZone } from '../../lib/format';
import './roster.css';

type Seminar = components['schemas']['SeminarDetailResponseDto'];
type Roster = components['schemas']['DayRosterResponseDto'];
type Line = components['schemas']['RosterLineDto'];
type RecordInput = components['schemas']['RosterRecordInputDto'];
type Status = RecordInput['status'];

const STATUSES: Status[] = ['present', 'late', 'absent', 'excused'];
/** While the roster can be changed, check-ins arriving from phones appear within this. */
const ROSTER_POLL_MS = 15_000;

/** A row as the facilitator has set it, not yet saved. */
interface Edit {
  status: Status;
  /** Hours typed for `late`, as typed. */
  hours: string;
}

const rosterKey = (seminarId: string, date: string) => ['roster', seminarId, date] as const;

/** Hours as people type them: `5.5` or `5,5`; undefined when it is no number. */
function parseHours(typed: string): number | undefined {
  const value = Number(typed.trim().replace(',', '.'));
  return typed.trim() !== '' && Number.isFinite(value) ? value : undefined;
}

/**
 * `/facilitar/{seminarId}/lista/{date}`: a day's roster for a tablet (and a phone): every confirmed
 * attendee with present, late (and the hours), absent or excused; "everyone present" for those not
 * yet recorded; check-ins already recorded shown as such; saved all or nothing, each refusal on its
 * row. Read only when the service says so, saying why.
 */
export function RosterPage() {
  return (
    <RequireSignIn>
      <RosterView />
    </RequireSignIn>
  );
}

function RosterView() {
  const { t } = useTranslation();
  const { seminarId = '', date = '' } = useParams();
  const seminar = useQuery({
    queryKey: ['seminar', seminarId],
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}', { params: { path: { id: seminarId } } })),
  });
  const roster = useQuery({
    queryKey: rosterKey(seminarId, date),
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/seminars/{id}/days/{date}/attendance', {
          params: { path: { id: seminarId, date } },
        }),
      ),
    refetchInterval: (query) => (query.state.data?.editable ? ROSTER_POLL_MS : false),
  });
  if (seminar.isPending || roster.isPending) return <Text aria-busy>{t('roster.loading')}</Text>;
  const failed = seminar.error ?? roster.error;
  if (failed) {
    if (failed instanceof ApiError && failed.status < 500 && failed.status !== 429)
      return (
        <Stack gap="md" maw={640}>
          <Title order={1}>{t('roster.notFoundTitle')}</Title>
          <Text>{failed.status === 403 ? t('roster.notYours') : t('roster.notFound')}</Text>
          {seminar.data && <DaySwitcher seminar={seminar.data} date={date} />}
        </Stack>
      );
    return (
      <ErrorState
        error={failed}
        onRetry={() => {
          void seminar.refetch();
          void roster.refetch();
        }}
      />
    );
  }
  // A new day's page starts with no unsaved choices of another day.
  return <RosterForm key={date} seminar={seminar.data!} roster={roster.data!} />;
}

/** The seminar's days, the one shown marked: each leads to its roster. */
function DaySwitcher({ seminar, date }: { seminar: Seminar; date: string }) {
  const { t, i18n } = useTranslation();
  return (
    <nav aria-label={t('roster.days')}>
      <ul className="puente-roster-days">
        {seminar.days.map((day) => (
          <li key={day.date}>
            <Button
              component={Link}
              to={`/facilitar/${seminar.id}/lista/${day.date}`}
              variant={day.date === date ? 'filled' : 'default'}
              aria-current={day.date === date ? 'page' : undefined}
            >
              {t('roster.day', { position: day.position, date: shortDay(day.date, i18n.language) })}
            </Button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function RosterForm({ seminar, roster }: { seminar: Seminar; roster: Roster }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [edits, setEdits] = useState<Partial<Record<string, Edit>>>({});
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const done = useRef<HTMLDivElement>(null);
  const failure = useRef<HTMLDivElement>(null);
  const allHelp = useId();

  const lines = roster.attendees;
  const byId = new Map(lines.map((line) => [line.personId, line]));
  const shownStatus = (line: Line) => edits[line.personId]?.status ?? line.status;
  const changed = Object.entries(edits).flatMap(([personId, edit]): [string, Edit][] => {
    const line = byId.get(personId);
    if (!line || !edit) return [];
    const differs =
      edit.status !== line.status || (edit.status === 'late' && parseHours(edit.hours) !== line.hoursCredited);
    return differs ? [[personId, edit]] : [];
  });

  const save = useMutation({
    mutationFn: async (records: RecordInput[]) =>
      dataOf(
        await api.PUT('/api/v1/seminars/{id}/days/{date}/attendance', {
          params: { path: { id: seminar.id, date: roster.date } },
          body: { records, ...(roster.reasonRequired ? { reason } : {}) },
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData(rosterKey(seminar.id, roster.date), saved);
      setEdits({});
      setReason('');
    },
    onError: async (error) => {
      // What the page knew may be old (the day ended meanwhile, the seminar was cancelled).
      if (error instanceof ApiError && (error.status === 403 || error.status === 409))
        await client.invalidateQueries({ queryKey: rosterKey(seminar.id, roster.date) });
    },
  });
  const problem = useProblem(save.error);
  useEffect(() => {
    if (save.isSuccess) done.current?.focus();
    if (save.isError) failure.current?.focus();
  }, [save.isSuccess, save.isError]);

  /** The service's refusals of rows, by person: `records.{i}.…` names the i-th record sent. */
  const rowErrors = new Map<string, string>();
  if (save.error instanceof ApiError) {
    const sent = save.variables ?? [];
    for (const error of save.error.problem.errors ?? []) {
      const match = /^records\.(\d+)\./.exec(error.field);
      const personId = match ? sent[Number(match[1])]?.personId : undefined;
      if (personId && !rowErrors.has(personId)) rowErrors.set(personId, error.message);
    }
    const notConfirmed = (save.error.problem as { personIds?: unknown }).personIds;
    if (Array.isArray(notConfirmed))
      for (const personId of notConfirmed)
        if (typeof personId === 'string') rowErrors.set(personId, t('roster.notConfirmed'));
  }

  const setRow = (line: Line, edit: Partial<Edit>) => {
    setLocal((current) => {
      const { [line.personId]: _, ...rest } = current;
      return rest;
    });
    setEdits((current) => {
      const before = current[line.personId] ?? {
        status: line.status === 'unrecorded' ? 'present' : line.status,
        hours: line.status === 'late' ? String(line.hoursCredited) : '',
      };
      return { ...current, [line.personId]: { ...before, ...edit } };
    });
  };

  const everyonePresent = () => {
    setEdits((current) => {
      const next = { ...current };
      for (const line of lines)
        if (!next[line.personId] && line.status === 'unrecorded')
          next[line.personId] = { status: 'present', hours: '' };
      return next;
    });
  };
  const unrecorded = lines.filter((line) => shownStatus(line) === 'unrecorded').length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Hours that are no number are caught here: the service would only say the request is malformed.
    const typos: Record<string, string> = {};
    const records: RecordInput[] = changed.map(([personId, edit]) => {
      if (edit.status !== 'late') return { personId, status: edit.status };
      const hours = parseHours(edit.hours);
      if (edit.hours.trim() !== '' && hours === undefined) typos[personId] = t('roster.hoursNotANumber');
      return hours === undefined ? { personId, status: 'late' } : { personId, status: 'late', hoursAttended: hours };
    });
    setLocal(typos);
    if (Object.keys(typos).length > 0) return;
    save.mutate(records);
  };

  const editable = roster.editable;

  return (
    <Stack gap="lg" maw={900}>
      <Stack gap={4}>
        <Title order={1}>{t('roster.title')}</Title>
        <Text fw={600}>{seminar.title}</Text>
        <Text>{formatDay(roster.date, i18n.language)}</Text>
      </Stack>
      <DaySwitcher seminar={seminar} date={roster.date} />
      <Anchor component={Link} to={`/facilitar/${seminar.id}/sala/${roster.date}`} className="puente-touch">
        {t('roster.openScreen')}
      </Anchor>

      {!editable && roster.readOnlyReason && (
        <Alert variant="light" title={t('roster.readOnlyTitle')}>
          {t(`roster.readOnly.${roster.readOnlyReason}`)}
        </Alert>
      )}

      {save.isSuccess && changed.length === 0 && (
        <Alert color="teal" variant="light" role="status" ref={done} tabIndex={-1}>
          {t('roster.saved')}
        </Alert>
      )}

      {lines.length === 0 ? (
        <Text>{t('roster.nobody')}</Text>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {editable && (
              <Group gap="sm" align="center">
                <Button
                  variant="default"
                  onClick={everyonePresent}
                  disabled={unrecorded === 0}
                  aria-describedby={allHelp}
                >
                  {t('roster.everyonePresent')}
                </Button>
                <Text id={allHelp} size="sm" c="gray.8" style={{ flex: '1 1 16rem' }}>
                  {t('roster.everyonePresentHelp')}
                </Text>
              </Group>
            )}
            {lines.map((line) => (
              <RosterRow
                key={line.personId}
                line={line}
                dayHours={roster.dayHours}
                edit={edits[line.personId]}
                editable={editable}
                error={local[line.personId] ?? rowErrors.get(line.personId)}
                checkedInAt={line.checkedInAt ? clockTime(line.checkedInAt, i18n.language) : undefined}
                onChange={(edit) => setRow(line, edit)}
              />
            ))}
            {editable && roster.reasonRequired && (
              <TextInput
                label={t('roster.reason')}
                description={t('roster.reasonHelp')}
                required
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
                error={problem.field('reason')}
              />
            )}
            {save.isError && (
              <Alert color="red" variant="light" role="alert" ref={failure} tabIndex={-1}>
                {rowErrors.size > 0 ? t('roster.rowsRefused', { count: rowErrors.size }) : problem.form}
              </Alert>
            )}
            {editable && (
              <Button type="submit" size="lg" loading={save.isPending} disabled={changed.length === 0}>
                {changed.length === 0 ? t('roster.nothingToSave') : t('roster.save', { count: changed.length })}
              </Button>
            )}
          </Stack>
        </form>
      )}
    </Stack>
  );
}

function RosterRow({
  line,
  dayHours,
  edit,
  editable,
  error,
  checkedInAt,
  onChange,
}: {
  line: Line;
  dayHours: number;
  edit: Edit | undefined;
  editable: boolean;
  error: string | undefined;
  checkedInAt: string | undefined;
  onChange: (edit: Partial<Edit>) => void;
}) {
  const { t } = useTranslation();
  const errorId = useId();
  const status = edit?.status ?? line.status;
  const hours = edit?.hours ?? (line.status === 'late' ? String(line.hoursCredited) : '');
  return (
    <Paper withBorder p="sm">
      <fieldset
        className="puente-roster-row"
        data-invalid={error ? true : undefined}
        aria-describedby={error && status !== 'late' ? errorId : undefined}
      >
        <legend>{line.fullName}</legend>
        <div className="puente-roster-line">
          <Stack gap={2}>
            {line.unitName && <Text size="sm">{line.unitName}</Text>}
            {checkedInAt && (
              <Text size="sm" fw={600} c="teal.9">
                {t('roster.checkedIn', { time: checkedInAt })}
              </Text>
            )}
            {line.status === 'unrecorded' && !edit && (
              <Text size="sm" c="gray.8">
                {t('roster.unrecorded')}
              </Text>
            )}
            {line.status === 'late' && !edit && (
              <Text size="sm" c="gray.8">
                {t('roster.lateHours', { hours: line.hoursCredited })}
              </Text>
            )}
            {edit && (edit.status !== line.status || edit.status === 'late') && (
              <Text size="sm" fw={600} c="blue.9">
                {t('roster.unsaved')}
              </Text>
            )}
          </Stack>
          <Stack gap="xs">
            <div className="puente-roster-options">
              {STATUSES.map((option) => (
                <label key={option}>
                  <input
                    type="radio"
                    name={`status-${line.personId}`}
                    value={option}
                    checked={status === option}
                    disabled={!editable}
                    onChange={() => onChange({ status: option })}
                  />
                  {t(`roster.status.${option}`)}
                </label>
              ))}
            </div>
            {status === 'late' && (
              <TextInput
                label={t('roster.hours')}
                description={t('roster.hoursHelp', { hours: dayHours })}
                inputMode="decimal"
                value={hours}
                readOnly={!editable}
                onChange={(event) => onChange({ hours: event.currentTarget.value })}
                error={error}
              />
            )}
            {error && status !== 'late' && (
              <Text id={errorId} size="sm" c="red.9" role="alert">
                {error}
              </Text>
            )}
          </Stack>
        </div>
      </fieldset>
    </Paper>
  );
}

/** A calendar date, short, with its weekday (`mié, 19 mar`). */
function shortDay(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** An instant's time of day in the service's time zone, on a 24-hour clock (`08:52`). */
function clockTime(instant: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: serviceTimeZone(),
  }).format(new Date(instant));
}

import { Alert, Anchor, Button, Group, List, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { formatDate, formatDay, serviceToday } from '../../lib/format';
import { focusFirstInvalid } from './focus';

type Availability = components['schemas']['AvailabilityResponseDto'];
type Range = components['schemas']['UnavailableRangeResponseDto'];
type AvailabilityBody = components['schemas']['AvailabilityDto'];

const AVAILABILITY_KEY = ['needs', 'availability'] as const;
const MAX_REASON = 200;

/** Dates typed but not saved yet; `key` names the row on the page. */
interface NewRange {
  key: number;
  from: string;
  to: string;
  reason: string;
}

/** What was sent, and which new row each range came from (null: a range already saved). */
interface Sent {
  body: AvailabilityBody;
  rows: (number | null)[];
}

/**
 * `/disponibilidad`: the days an attendee or facilitator cannot take part in a seminar, so that the
 * matching does not invite them on those days; and their seminars that already fall on them.
 */
export function AvailabilityPage() {
  return (
    <RequireSignIn>
      <AvailabilityScreen />
    </RequireSignIn>
  );
}

function AvailabilityScreen() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const takesPart = me.roles.includes('attendee') || me.roles.includes('facilitator');
  // A specialist who only facilitates is asked about facilitating.
  const facilitatesOnly = me.roles.includes('facilitator') && !me.roles.includes('attendee');
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>{t(facilitatesOnly ? 'needs.availability.titleFacilitator' : 'needs.availability.title')}</Title>
      {takesPart ? (
        <>
          <Text>{t(facilitatesOnly ? 'needs.availability.whatFacilitator' : 'needs.availability.what')}</Text>
          <AvailabilityLoader />
        </>
      ) : (
        <Text>{t('needs.availability.noRole')}</Text>
      )}
    </Stack>
  );
}

function AvailabilityLoader() {
  const { t } = useTranslation();
  const availability = useQuery({
    queryKey: AVAILABILITY_KEY,
    queryFn: async () => dataOf(await api.GET('/api/v1/me/availability')),
  });
  if (availability.isError)
    return <ErrorState error={availability.error} onRetry={() => void availability.refetch()} />;
  if (availability.isPending) return <Loader role="status" aria-label={t('needs.loading')} />;
  return <AvailabilityForm availability={availability.data} />;
}

const blank = (key: number): NewRange => ({ key, from: '', to: '', reason: '' });
const isBlank = (row: NewRange) => !row.from && !row.to && !row.reason.trim();

function AvailabilityForm({ availability }: { availability: Availability }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const client = useQueryClient();
  const attendee = useMe().data?.roles.includes('attendee');
  const form = useRef<HTMLFormElement>(null);
  const nextKey = useRef(1);
  const focusRow = useRef<number | null>(null);
  const [kept, setKept] = useState<Range[]>(availability.unavailable);
  // Nothing marked yet: a first row to fill in straight away.
  const [added, setAdded] = useState<NewRange[]>(() => (availability.unavailable.length === 0 ? [blank(0)] : []));

  const save = useMutation({
    mutationFn: async ({ body }: Sent) => dataOf(await api.PUT('/api/v1/me/availability', { body })),
    onSuccess: (saved) => {
      client.setQueryData(AVAILABILITY_KEY, saved);
      setKept(saved.unavailable);
      setAdded([]);
    },
    onError: () => focusFirstInvalid(form.current),
  });
  const problem = useProblem(save.error);
  const clashes = availability.clashes;
  const dirty =
    JSON.stringify(kept.map(rangeKey)) !== JSON.stringify(availability.unavailable.map(rangeKey)) ||
    added.some((row) => !isBlank(row));
  const toggleDay = (date: string) => {
    // A typed range the day falls in becomes a marked one, so that the day can come out of it.
    const typed = added.find((row) => isDate(row.from) && row.from <= date && date <= typedEnd(row));
    const ranges = typed
      ? [...kept, { from: typed.from, to: typedEnd(typed), reason: typed.reason.trim() || null }]
      : kept;
    if (typed) setAdded((rows) => rows.filter((row) => row.key !== typed.key));
    setKept(toggled(ranges, date));
    changed();
  };
  const changed = () => {
    if (save.isSuccess) save.reset();
  };
  const fieldOf = (key: number, name: 'from' | 'to' | 'reason') => {
    const index = save.variables?.rows.indexOf(key) ?? -1;
    return index < 0 ? undefined : problem.field(`unavailable.${index}.${name}`);
  };
  const rangeText = (range: { from: string; to: string }) =>
    range.from === range.to
      ? formatDay(range.from, language)
      : t('needs.availability.range', { from: formatDate(range.from, language), to: formatDate(range.to, language) });

  const add = () => {
    const key = nextKey.current++;
    focusRow.current = key;
    setAdded((rows) => [...rows, blank(key)]);
    changed();
  };
  const update = (key: number, change: Partial<NewRange>) => {
    setAdded((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
    changed();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = added.filter((row) => !isBlank(row));
    save.mutate({
      body: {
        unavailable: [
          ...kept.map((range) => ({ from: range.from, to: range.to, reason: range.reason })),
          ...typed.map((row) => ({
            from: row.from,
            ...(row.to ? { to: row.to } : {}),
            reason: row.reason.trim() || null,
          })),
        ],
      },
      rows: [...kept.map(() => null), ...typed.map((row) => row.key)],
    });
  };

  return (
    <Stack gap="lg">
      {clashes.length > 0 && (
        <Alert color="orange" variant="light" role="status">
          <Stack gap="xs">
            <Text fw={600}>{t('needs.availability.clashes')}</Text>
            <List>
              {clashes.map((clash) => (
                <List.Item key={clash.seminarId}>
                  {t('needs.availability.clash', {
                    title: clash.title,
                    dates: clash.dates.map((date) => formatDate(date, language)).join(', '),
                  })}
                </List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      )}

      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="lg">
          <MonthCalendar marked={(date) => isMarked(kept, added, date)} onToggle={toggleDay} />
          <Stack gap="sm" component="section" aria-labelledby="availability-marked">
            <Title order={2} size="h3" id="availability-marked">
              {t('needs.availability.marked')}
            </Title>
            {kept.length === 0 ? (
              <Text>{t('needs.availability.none')}</Text>
            ) : (
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {kept.map((range) => (
                  <Paper key={`${range.from}-${range.to}`} withBorder p="sm" component="li">
                    <Group justify="space-between" wrap="nowrap" gap="sm">
                      <Stack gap={2}>
                        <Text fw={600}>{rangeText(range)}</Text>
                        {range.reason && <Text size="sm">{range.reason}</Text>}
                      </Stack>
                      <Button
                        variant="outline"
                        color="red.9"
                        style={{ flexShrink: 0 }}
                        aria-label={t('needs.availability.removeRange', { range: rangeText(range) })}
                        onClick={() => {
                          setKept((ranges) => ranges.filter((r) => r !== range));
                          changed();
                        }}
                      >
                        {t('needs.availability.remove')}
                      </Button>
                    </Group>
                  </Paper>
                ))}
              </Stack>
            )}
          </Stack>

          <Stack gap="sm">
            {added.map((row, index) => (
              <NewRangeFields
                key={row.key}
                row={row}
                number={index + 1}
                focus={focusRow}
                error={(name) => fieldOf(row.key, name)}
                onChange={(change) => update(row.key, change)}
                onRemove={() => {
                  setAdded((rows) => rows.filter((r) => r.key !== row.key));
                  changed();
                }}
              />
            ))}
            <Button variant="light" onClick={add}>
              {added.length === 0 ? t('needs.availability.addFirst') : t('needs.availability.addMore')}
            </Button>
          </Stack>

          {problem.form && (
            <Alert color="red" variant="light" role="alert">
              {problem.form}
            </Alert>
          )}
          {save.isSuccess && (
            <Text role="status" fw={600}>
              {t('needs.saved')}
            </Text>
          )}
          {dirty && !save.isPending && <Text size="sm">{t('needs.availability.unsaved')}</Text>}
          <Button type="submit" size="lg" loading={save.isPending}>
            {t('needs.save')}
          </Button>
          {attendee && (
            <Anchor component={Link} to="/necesidades" className="puente-touch">
              {t('needs.availability.toNeeds')}
            </Anchor>
          )}
        </Stack>
      </form>
    </Stack>
  );
}

function NewRangeFields({
  row,
  number,
  focus,
  error,
  onChange,
  onRemove,
}: {
  row: NewRange;
  number: number;
  focus: { current: number | null };
  error: (name: 'from' | 'to' | 'reason') => string | undefined;
  onChange: (change: Partial<NewRange>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const label = useId();
  return (
    <Paper withBorder p="sm" role="group" aria-labelledby={label}>
      <Stack gap="sm">
        <Text id={label} fw={600}>
          {t('needs.availability.newRange', { number })}
        </Text>
        <TextInput
          ref={(input) => {
            if (input && focus.current === row.key) {
              focus.current = null;
              input.focus();
            }
          }}
          type="date"
          label={t('needs.availability.from')}
          value={row.from}
          min="2000-01-01"
          max="2099-12-31"
          onChange={(e) => onChange({ from: e.currentTarget.value })}
          error={error('from')}
        />
        <TextInput
          type="date"
          label={t('needs.availability.to')}
          description={t('needs.availability.toHint')}
          value={row.to}
          min={row.from || '2000-01-01'}
          max="2099-12-31"
          onChange={(e) => onChange({ to: e.currentTarget.value })}
          error={error('to')}
        />
        <TextInput
          label={t('needs.availability.reason')}
          description={t('needs.availability.reasonHint')}
          maxLength={MAX_REASON}
          value={row.reason}
          onChange={(e) => onChange({ reason: e.currentTarget.value })}
          error={error('reason')}
        />
        <Button variant="outline" color="red.9" onClick={onRemove} style={{ alignSelf: 'flex-start' }}>
          {t('needs.availability.discard')}
        </Button>
      </Stack>
    </Paper>
  );
}

const rangeKey = (range: { from: string; to: string; reason: string | null }) => [range.from, range.to, range.reason];

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The last day of a typed range: its start alone when the end is empty or before it. */
const typedEnd = (row: NewRange) => (isDate(row.to) && row.to >= row.from ? row.to : row.from);

/** Whether a marked range or a typed one covers the date. */
function isMarked(kept: Range[], added: NewRange[], date: string): boolean {
  return (
    kept.some((range) => range.from <= date && date <= range.to) ||
    added.some(
      (row) => isDate(row.from) && row.from <= date && date <= (row.to && row.to >= row.from ? row.to : row.from),
    )
  );
}

/** Calendar dates as UTC midnights, so that adding days never meets a change of clock. */
function shift(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The ranges with `date` taken out of the one that holds it (split in two if it is inside), or
 * added: joined to a range it touches, else a day of its own. The service merges them again on saving.
 */
function toggled(ranges: Range[], date: string): Range[] {
  const holder = ranges.find((range) => range.from <= date && date <= range.to);
  let result: Range[];
  if (holder) {
    result = ranges.filter((range) => range !== holder);
    if (holder.from < date) result.push({ ...holder, to: shift(date, -1) });
    if (date < holder.to) result.push({ ...holder, from: shift(date, 1) });
  } else {
    const before = ranges.find((range) => range.to === shift(date, -1));
    const after = ranges.find((range) => range.from === shift(date, 1));
    result = ranges.filter((range) => range !== before && range !== after);
    result.push({
      from: before ? before.from : date,
      to: after ? after.to : date,
      reason: before?.reason ?? after?.reason ?? null,
    });
  }
  return result.sort((a, b) => a.from.localeCompare(b.from));
}

const monthOf = (date: string) => `${date.slice(0, 7)}-01`;
function addMonths(month: string, count: number): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1 + count, 1)).toISOString().slice(0, 10);
}

/** The same day of the month in `month`, or its last day when the month is shorter (31 March → 30 April). */
function sameDayIn(month: string, date: string): string {
  const [year, m] = month.split('-').map(Number);
  const length = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return shift(month, Math.min(Number(date.slice(8)), length) - 1);
}

/** The weeks shown for a month, Monday first: dates, with null before the first and after the last day. */
function weeksOf(month: string): (string | null)[][] {
  const [year, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(year, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: days }, (_, i) => shift(month, i)),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/**
 * A month as a grid of days (WAI-ARIA grid pattern): one day takes the focus, the arrow keys move
 * it (a day, a week; Home and End the week's ends; Page Up and Page Down a month), and Enter or a
 * tap marks or unmarks it. Marked days carry a cross and the person's seminar days a dot beside the
 * colour, and each day's name says both.
 */
function MonthCalendar({ marked, onToggle }: { marked: (date: string) => boolean; onToggle: (date: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const today = serviceToday();
  const [focused, setFocused] = useState(today);
  const grid = useRef<HTMLTableElement>(null);
  const month = monthOf(focused);
  const last = shift(addMonths(month, 1), -1);
  const seminars = useQuery({
    queryKey: ['needs', 'calendar', month],
    queryFn: async () =>
      dataOf(await api.GET('/api/v1/me/seminars', { params: { query: { from: month, to: last, pageSize: 50 } } })),
  });
  const seminarsOn = (date: string) =>
    (seminars.data?.items ?? []).filter((s) => s.status !== 'cancelled' && s.days.some((day) => day.date === date));
  const heading = useId();
  const monthName = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}T00:00:00Z`),
  );
  const weekdays = Array.from({ length: 7 }, (_, i) => {
    // 2024-01-01 was a Monday.
    const date = new Date(Date.UTC(2024, 0, 1 + i));
    return {
      short: new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(date),
      long: new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(date),
    };
  });

  // The day the keys moved to takes the focus once it is drawn (in another month, after the month is).
  const focusWanted = useRef(false);
  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${focused}"]`)?.focus();
  }, [focused]);
  const moveTo = (date: string) => {
    focusWanted.current = true;
    setFocused(date);
  };
  const onKey = (event: KeyboardEvent<HTMLButtonElement>, date: string) => {
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
    const moves: Record<string, () => string> = {
      ArrowLeft: () => shift(date, -1),
      ArrowRight: () => shift(date, 1),
      ArrowUp: () => shift(date, -7),
      ArrowDown: () => shift(date, 7),
      Home: () => shift(date, -weekday),
      End: () => shift(date, 6 - weekday),
      PageUp: () => sameDayIn(addMonths(monthOf(date), -1), date),
      PageDown: () => sameDayIn(addMonths(monthOf(date), 1), date),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    moveTo(move());
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby={heading}>
      <Title order={2} size="h3">
        {t('needs.availability.calendar.title')}
      </Title>
      <Text>{t('needs.availability.calendar.hint')}</Text>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Button
          variant="default"
          onClick={() => setFocused(addMonths(month, -1))}
          aria-label={t('needs.availability.calendar.previous')}
        >
          ‹
        </Button>
        <Text id={heading} fw={700} size="lg" aria-live="polite" style={{ textTransform: 'capitalize' }}>
          {monthName}
        </Text>
        <Button
          variant="default"
          onClick={() => setFocused(addMonths(month, 1))}
          aria-label={t('needs.availability.calendar.next')}
        >
          ›
        </Button>
      </Group>
      <table
        ref={grid}
        role="grid"
        aria-labelledby={heading}
        style={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse' }}
      >
        <thead>
          <tr>
            {weekdays.map((day) => (
              <th key={day.long} scope="col" abbr={day.long} style={{ fontWeight: 600, fontSize: 14, padding: 2 }}>
                {day.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(month).map((week) => (
            <tr key={week.find(Boolean)}>
              {week.map((date, index) => {
                if (!date) return <td key={`blank-${index}`} />;
                const off = marked(date);
                const on = seminarsOn(date);
                const label = [
                  formatDay(date, language),
                  off ? t('needs.availability.calendar.unavailable') : null,
                  ...on.map((s) => t('needs.availability.calendar.seminar', { title: s.title })),
                ]
                  .filter(Boolean)
                  .join('. ');
                return (
                  <td key={date} role="gridcell" style={{ padding: 1 }}>
                    <button
                      type="button"
                      data-date={date}
                      tabIndex={date === focused ? 0 : -1}
                      aria-pressed={off}
                      aria-label={label}
                      aria-current={date === today ? 'date' : undefined}
                      onClick={() => {
                        setFocused(date);
                        onToggle(date);
                      }}
                      onKeyDown={(event) => onKey(event, date)}
                      style={{
                        width: '100%',
                        minHeight: 48,
                        padding: 0,
                        display: 'flex',
                        flexDirection: 'column',
                        alignItems: 'center',
                        justifyContent: 'center',
                        gap: 0,
                        font: 'inherit',
                        cursor: 'pointer',
                        borderRadius: 6,
                        border: date === today ? '2px solid #1864ab' : '1px solid #868e96',
                        background: off ? '#fff0f0' : '#fff',
                        color: off ? '#a51111' : '#212529',
                        fontWeight: off ? 700 : 400,
                        textDecoration: off ? 'line-through' : 'none',
                      }}
                    >
                      <span aria-hidden>{Number(date.slice(8))}</span>
                      <span aria-hidden style={{ fontSize: 12, lineHeight: 1, minHeight: 12, textDecoration: 'none' }}>
                        {off ? '✕' : ''}
                        {on.length > 0 ? '●' : ''}
                      </span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Group gap="md">
        <Text size="sm">✕ {t('needs.availability.calendar.legendUnavailable')}</Text>
        <Text size="sm">● {t('needs.availability.calendar.legendSeminar')}</Text>
      </Group>
    </Stack>
  );
}

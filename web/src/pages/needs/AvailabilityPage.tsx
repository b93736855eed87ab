import { Alert, Anchor, Button, Group, List, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { formatDate, formatDay } from '../../lib/format';
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
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>{t('needs.availability.title')}</Title>
      {takesPart ? (
        <>
          <Text>{t('needs.availability.what')}</Text>
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
  const dirty = kept.length !== availability.unavailable.length || added.some((row) => !isBlank(row));
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

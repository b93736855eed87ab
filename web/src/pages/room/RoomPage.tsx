import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, type Query } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { formatDay, serviceTimeZone, serviceToday } from '../../lib/format';
import './room.css';

type Seminar = components['schemas']['SeminarDetailResponseDto'];
type CheckInCode = components['schemas']['CheckInCodeResponseDto'];

/** How often the count of arrivals is asked again: a few seconds is live enough for a room. */
export const COUNT_POLL_MS = 5_000;
/** Before check-in opens (or after it closes), how often the screen asks whether it has. */
const CLOSED_POLL_MS = 30_000;
/** Never ask for a code again sooner than this, even when the service still gives the old one. */
const MIN_CODE_WAIT_MS = 1_000;
/** Asked a little after the change, so the service's clock has surely passed it. */
const AFTER_CHANGE_MS = 300;

/**
 * When to ask for the next code: when the current one's period ends, counted on the service's clock
 * (its `serverTime` to `validUntil`) from the moment the answer arrived, so a projector's clock that
 * is minutes off changes the code on time all the same.
 */
export function nextCodeIn(query: Query<CheckInCode, Error>): number | false {
  const { data, dataUpdatedAt, status, error } = query.state;
  if (status === 'error') {
    const code = error instanceof ApiError ? error.problem.code : undefined;
    return code === 'check_in_closed' ? CLOSED_POLL_MS : false;
  }
  if (!data) return false;
  const left = Date.parse(data.validUntil) - Date.parse(data.serverTime) - (Date.now() - dataUpdatedAt);
  return Math.max(MIN_CODE_WAIT_MS, left + AFTER_CHANGE_MS);
}

/**
 * `/facilitar/{seminarId}/sala/{date?}`: the screen the facilitator projects in the room on a
 * seminar day (today unless a date is given): the day's check-in code in very large type and its
 * QR, changed when the code's period ends, and how many of the confirmed attendees have checked in.
 */
export function RoomPage() {
  return (
    <RequireSignIn>
      <Room />
    </RequireSignIn>
  );
}

function Room() {
  const { t, i18n } = useTranslation();
  const { seminarId = '', date: dateParam } = useParams();
  const seminar = useQuery({
    queryKey: ['seminar', seminarId],
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}', { params: { path: { id: seminarId } } })),
  });
  if (seminar.isPending) return <Text aria-busy>{t('room.loading')}</Text>;
  if (seminar.isError) {
    const error = seminar.error;
    if (error instanceof ApiError && (error.status === 404 || error.status === 400))
      return (
        <Stack gap="md" maw={640}>
          <Title order={1}>{t('room.notFoundTitle')}</Title>
          <Text>{t('room.notFound')}</Text>
        </Stack>
      );
    return <ErrorState error={error} onRetry={() => void seminar.refetch()} />;
  }
  const s = seminar.data;
  const date = dateParam ?? serviceToday();
  if (!s.days.some((day) => day.date === date))
    return (
      <Stack gap="md" maw={640}>
        <Title order={1}>{s.title}</Title>
        <Alert variant="light">
          {dateParam ? t('room.notADay', { day: formatDay(date, i18n.language) }) : t('room.noSessionToday')}
        </Alert>
        <DayLinks seminar={s} />
      </Stack>
    );
  return <RoomScreen seminar={s} date={date} />;
}

/** The seminar's days, each leading to its room screen and its roster. */
function DayLinks({ seminar }: { seminar: Seminar }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {seminar.days.map((day) => (
        <li key={day.date}>
          <Text fw={600}>{formatDay(day.date, i18n.language)}</Text>
          <Group gap="md">
            <Anchor component={Link} to={`/facilitar/${seminar.id}/sala/${day.date}`} className="puente-touch">
              {t('room.openScreen')}
            </Anchor>
            <Anchor component={Link} to={`/facilitar/${seminar.id}/lista/${day.date}`} className="puente-touch">
              {t('room.openRoster')}
            </Anchor>
          </Group>
        </li>
      ))}
    </Stack>
  );
}

/** Whether the room's element fills the screen now, and a way to ask for it or leave it. */
function useFullscreen(element: RefObject<HTMLElement | null>) {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const changed = () =>
      setActive(document.fullscreenElement !== null && document.fullscreenElement === element.current);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, [element]);
  const toggle = useCallback(() => {
    // A refusal (a browser or a frame that does not allow it) leaves the screen as it is.
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void element.current?.requestFullscreen().catch(() => undefined);
  }, [element]);
  return { supported: document.fullscreenEnabled, active, toggle };
}

function RoomScreen({ seminar, date }: { seminar: Seminar; date: string }) {
  const { t, i18n } = useTranslation();
  const room = useRef<HTMLDivElement>(null);
  const codeLabel = useId();
  const fullscreen = useFullscreen(room);
  const code = useQuery({
    queryKey: ['room', seminar.id, date, 'code'],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/seminars/{id}/days/{date}/check-in-code', {
          params: { path: { id: seminar.id, date } },
        }),
      ),
    refetchInterval: nextCodeIn,
    refetchIntervalInBackground: true,
  });
  const count = useQuery({
    queryKey: ['room', seminar.id, date, 'count'],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/v1/seminars/{id}/days/{date}/check-ins/count', {
          params: { path: { id: seminar.id, date } },
        }),
      ),
    refetchInterval: COUNT_POLL_MS,
    refetchIntervalInBackground: true,
  });
  const problem = useProblem(code.error);
  const refused = code.error instanceof ApiError && code.error.status < 500 && code.error.status !== 429;
  const shown = code.isError ? undefined : code.data;

  return (
    <div ref={room} className="puente-room">
      <div className="puente-room-head">
        <div>
          <Title order={1} className="puente-room-title">
            {seminar.title}
          </Title>
          <Text className="puente-room-day">{formatDay(date, i18n.language)}</Text>
        </div>
        <Group gap="sm">
          <Button component={Link} to={`/facilitar/${seminar.id}/lista/${date}`} variant="default">
            {t('room.openRoster')}
          </Button>
          {fullscreen.supported && (
            <Button onClick={fullscreen.toggle} aria-pressed={fullscreen.active}>
              {fullscreen.active ? t('room.leaveFullscreen') : t('room.fullscreen')}
            </Button>
          )}
        </Group>
      </div>

      <section className="puente-room-code" aria-labelledby={codeLabel}>
        <Title order={2} id={codeLabel} className="puente-room-code-label">
          {t('room.codeLabel')}
        </Title>
        {shown ? (
          <>
            <p className="puente-room-code-value" aria-live="polite">
              {shown.code}
            </p>
            <Text className="puente-room-code-hint">{t('room.typeIt', { address: checkInAddress(shown) })}</Text>
            <Text className="puente-room-code-hint">
              {t('room.changesAt', { time: clockTime(shown.validUntil, i18n.language) })}
            </Text>
          </>
        ) : code.isPending ? (
          <Text aria-busy>{t('room.loading')}</Text>
        ) : refused ? (
          <Alert variant="light" role="status" mt="md">
            {problem.form}
          </Alert>
        ) : (
          <ErrorState error={code.error} onRetry={() => void code.refetch()} />
        )}
      </section>

      {shown && (
        <figure className="puente-room-qr">
          <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shown.qrSvg)}`} alt={t('room.qrAlt')} />
          <figcaption>{t('room.scan')}</figcaption>
        </figure>
      )}

      <p className="puente-room-count" role="status">
        {count.data
          ? t('room.count', { checkedIn: count.data.checkedIn, total: count.data.confirmed })
          : count.isError
            ? t('room.countUnavailable')
            : ''}
      </p>
    </div>
  );
}

/** The check-in page's address without the code, for those who type it instead of scanning. */
function checkInAddress(code: CheckInCode): string {
  const url = new URL(code.checkInUrl);
  return `${url.host}${url.pathname}`;
}

/** An instant's time of day in the service's time zone, on a 24-hour clock (`09:10`), as rooms read it. */
export function clockTime(instant: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: serviceTimeZone(),
  }).format(new Date(instant));
}

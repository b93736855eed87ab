import { Alert, Anchor, Button, Loader, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { useProblem } from '../../components/ProblemFields';
import { focusFirstInvalid } from './focus';

type Needs = components['schemas']['TrainingNeedsResponseDto'];
type NeedsBody = components['schemas']['TrainingNeedsDto'];
type Interest = NeedsBody['interests'][number]['interest'];

const NEEDS_KEY = ['needs', 'training'] as const;
const LEVELS = [0, 1, 2, 3] as const;
const MAX_WISH = 1000;

/** A topic on the form: the active ones, and any the person listed before it was withdrawn. */
interface TopicRow {
  id: string;
  title: string;
  active: boolean;
}

/**
 * `/necesidades`: how much each topic interests the physician, whether they would attend if
 * invited, and what else they wish to learn. The office plans seminars from these answers and the
 * matching invites by them.
 */
export function TrainingNeedsPage() {
  return (
    <RequireSignIn>
      <TrainingNeeds />
    </RequireSignIn>
  );
}

function TrainingNeeds() {
  const { t } = useTranslation();
  const me = useMe().data!;
  if (!me.roles.includes('attendee')) {
    return (
      <Stack gap="lg" maw={640}>
        <Title order={1}>{t('needs.training.title')}</Title>
        <Text>{t('needs.training.notAttendee')}</Text>
      </Stack>
    );
  }
  return <NeedsLoader />;
}

/** Every active topic, in title order, page after page. */
async function activeTopics(): Promise<TopicRow[]> {
  const rows: TopicRow[] = [];
  for (let page = 1; ; page++) {
    const result = dataOf(
      await api.GET('/api/v1/topics', { params: { query: { active: true, sort: 'title', page, pageSize: 100 } } }),
    );
    rows.push(...result.items.map((topic) => ({ id: topic.id, title: topic.title, active: true })));
    if (rows.length >= result.total || result.items.length === 0) return rows;
  }
}

function NeedsLoader() {
  const { t } = useTranslation();
  const needs = useQuery({
    queryKey: NEEDS_KEY,
    queryFn: async () => dataOf(await api.GET('/api/v1/me/training-needs')),
  });
  const topics = useQuery({ queryKey: ['needs', 'topics'], queryFn: activeTopics, staleTime: 300_000 });
  const failed = [needs, topics].find((q) => q.isError);
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>{t('needs.training.title')}</Title>
      <Text>{t('needs.training.what')}</Text>
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : needs.isPending || topics.isPending ? (
        <Loader role="status" aria-label={t('needs.loading')} />
      ) : (
        <NeedsForm needs={needs.data!} topics={topics.data!} />
      )}
    </Stack>
  );
}

function NeedsForm({ needs, topics }: { needs: Needs; topics: TopicRow[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const willingLabel = useId();
  const willingError = useId();
  const rows: TopicRow[] = [
    ...topics,
    // A topic withdrawn after the person listed it stays on the form (the service accepts it back).
    ...needs.interests
      .filter((i) => !topics.some((topic) => topic.id === i.topicId))
      .map((i) => ({ id: i.topicId, title: i.topicTitle, active: i.topicActive })),
  ];
  const [willing, setWilling] = useState<boolean | null>(needs.stated ? needs.willingToAttend : null);
  const [willingMissing, setWillingMissing] = useState(false);
  const [interest, setInterest] = useState<Record<string, Interest>>(() =>
    Object.fromEntries(needs.interests.map((i) => [i.topicId, i.interest])),
  );
  const [wish, setWish] = useState(needs.wish ?? '');
  // Trained before outside Puente: kept as stated (the office may have recorded it from a form).
  const trained = new Map(needs.interests.map((i) => [i.topicId, i.trainedBefore]));

  const save = useMutation({
    mutationFn: async (body: NeedsBody) => dataOf(await api.PUT('/api/v1/me/training-needs', { body })),
    onSuccess: (saved) => client.setQueryData(NEEDS_KEY, saved),
    onError: () => focusFirstInvalid(form.current),
  });
  const problem = useProblem(save.error);
  const sent = save.variables?.interests.map((i) => i.topicId) ?? [];
  const topicError = (topicId: string) => {
    const index = sent.indexOf(topicId);
    return index < 0
      ? undefined
      : (problem.field(`interests.${index}.topicId`) ?? problem.field(`interests.${index}.interest`));
  };
  const changed = () => {
    if (save.isSuccess) save.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (willing === null) {
      setWillingMissing(true);
      form.current?.querySelector<HTMLInputElement>(`[aria-labelledby="${willingLabel}"] input`)?.focus();
      return;
    }
    save.mutate({
      willingToAttend: willing,
      wish: wish.trim() || null,
      interests: rows
        .filter((row) => (interest[row.id] ?? 0) > 0 || trained.get(row.id))
        .map((row) => ({
          topicId: row.id,
          interest: interest[row.id] ?? 0,
          trainedBefore: trained.get(row.id) ?? false,
        })),
    });
  };

  const levels = LEVELS.map((level) => ({ value: String(level), label: t(`needs.training.levels.${level}`) }));
  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Stack gap={6}>
            <Text id={willingLabel} fw={600}>
              {t('needs.training.willing')}
            </Text>
            <SegmentedControl
              aria-labelledby={willingLabel}
              aria-describedby={willingMissing && willing === null ? willingError : undefined}
              aria-invalid={willingMissing && willing === null ? true : undefined}
              fullWidth
              size="md"
              styles={TOUCH}
              color="blue.9"
              value={willing === null ? '' : willing ? 'yes' : 'no'}
              onChange={(value) => {
                setWilling(value === 'yes');
                changed();
              }}
              data={[
                { value: 'yes', label: t('needs.training.yes') },
                { value: 'no', label: t('needs.training.no') },
              ]}
            />
            {willingMissing && willing === null && (
              <Text id={willingError} c="red.9" size="sm">
                {t('needs.training.willingRequired')}
              </Text>
            )}
            <Text size="sm">{t('needs.training.willingHint')}</Text>
          </Stack>
        </Paper>

        <Stack gap="sm" component="section" aria-labelledby="needs-topics">
          <Title order={2} size="h3" id="needs-topics">
            {t('needs.training.topics')}
          </Title>
          {rows.length === 0 ? (
            <Text>{t('needs.training.noTopics')}</Text>
          ) : (
            <>
              <Text size="sm">{t('needs.training.levelsHint')}</Text>
              {rows.map((row) => (
                <TopicInterest
                  key={row.id}
                  row={row}
                  levels={levels}
                  value={interest[row.id] ?? 0}
                  error={topicError(row.id)}
                  onChange={(value) => {
                    setInterest((current) => ({ ...current, [row.id]: value }));
                    changed();
                  }}
                />
              ))}
            </>
          )}
        </Stack>

        <Textarea
          label={t('needs.training.wish')}
          description={t('needs.training.wishHint')}
          size="md"
          minRows={3}
          maxLength={MAX_WISH}
          value={wish}
          onChange={(e) => {
            setWish(e.currentTarget.value);
            changed();
          }}
          error={problem.field('wish')}
        />

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
        <Button type="submit" size="lg" loading={save.isPending}>
          {t('needs.save')}
        </Button>
        <Anchor component={Link} to="/disponibilidad" className="puente-touch">
          {t('needs.training.toAvailability')}
        </Anchor>
      </Stack>
    </form>
  );
}

/**
 * Mantine's labels are 36 px high at this size: 44 px for a thumb; and narrow side padding, so
 * that four levels fit side by side on a 360 px phone.
 */
const TOUCH = {
  label: { minHeight: 44, paddingInline: 4, display: 'flex', alignItems: 'center', justifyContent: 'center' },
} as const;

function TopicInterest({
  row,
  levels,
  value,
  error,
  onChange,
}: {
  row: TopicRow;
  levels: { value: string; label: string }[];
  value: Interest;
  error?: string;
  onChange: (value: Interest) => void;
}) {
  const { t } = useTranslation();
  const label = useId();
  const errorId = useId();
  return (
    <Paper withBorder p="sm">
      <Stack gap={6}>
        <Text id={label} fw={600}>
          {row.title}
        </Text>
        {!row.active && <Text size="sm">{t('needs.training.withdrawn')}</Text>}
        <SegmentedControl
          aria-labelledby={label}
          aria-describedby={error ? errorId : undefined}
          aria-invalid={error ? true : undefined}
          fullWidth
          size="md"
          styles={TOUCH}
          color="blue.9"
          value={String(value)}
          onChange={(next) => onChange(Number(next) as Interest)}
          data={levels}
        />
        {error && (
          <Text id={errorId} c="red.9" size="sm">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

import { Button, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';

export type Enrolment = components['schemas']['EnrolmentResponseDto'];

/** The key of the physician's enrolments, which the withdrawal updates. */
export const ENROLMENTS_KEY = ['me', 'enrolments'] as const;

/**
 * The physician's enrolments (invitations, seats, places in line), newest seminars first. The API
 * has no filter by seminar, so the pages find a seminar's among the 100 newest: a physician attends
 * a few seminars a year. Only attendees have enrolments (the API refuses anyone else).
 */
export function useMyEnrolments(enabled: boolean) {
  return useQuery({
    queryKey: ENROLMENTS_KEY,
    enabled,
    queryFn: async () => dataOf(await api.GET('/api/v1/me/enrolments', { params: { query: { pageSize: 100 } } })),
  });
}

/** The API answers 404 for what does not exist or the caller may not see, 400 for an id that is not one. */
export function isMissing(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}

/** What the page says when the seminar or case is not there: why, and the way back to my seminars. */
export function Missing({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{title}</Title>
      <Text>{body}</Text>
      <Button component={Link} to="/seminarios" style={{ alignSelf: 'flex-start' }}>
        {t('seminars.back')}
      </Button>
    </Stack>
  );
}

/** A badge's colour for where an enrolment stands (filled, white text at AA contrast). */
export function enrolmentColour(status: Enrolment['status']): string {
  switch (status) {
    case 'confirmed':
    case 'released':
      return 'teal.9';
    case 'invited':
      return 'blue.9';
    case 'accepted':
    case 'waitlisted':
      return 'indigo.9';
    default:
      return 'gray.8';
  }
}

import { Anchor, Badge, Button, Stack, Text, Title } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import type { CaseStatus, ClinicalCase } from './data';

/**
 * The API answers 404 for what does not exist or the caller may not see, 400 for an id that is
 * not one, 403 for a role that prepares no seminar.
 */
export function isMissing(error: unknown): boolean {
  return error instanceof ApiError && [400, 403, 404].includes(error.status);
}

/** What a page says when the seminar or case is not there (or not the person's to prepare). */
export function Missing({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{title}</Title>
      <Text>{body}</Text>
      <Button component={Link} to="/seminarios" style={{ alignSelf: 'flex-start' }}>
        {t('cases.toMySeminars')}
      </Button>
    </Stack>
  );
}

/** A badge's colour for a case's status (filled, white text at AA contrast). */
function statusColour(status: CaseStatus): string {
  switch (status) {
    case 'published':
      return 'teal.9';
    case 'approved':
      return 'blue.9';
    case 'submitted':
      return 'indigo.9';
    case 'changes_requested':
      return 'red.9';
    default:
      return 'gray.8';
  }
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColour(status)} size="lg">
      {t(`cases.status.${status}`)}
    </Badge>
  );
}

/** What a case needs next, and from whom, in words for the person reading. */
export function needOf(c: Pick<ClinicalCase, 'status' | 'authorId'>, me: string, reviews: boolean): string {
  const own = c.authorId === me;
  switch (c.status) {
    case 'draft':
      return 'cases.need.write';
    case 'changes_requested':
      return 'cases.need.fix';
    case 'submitted':
      return !reviews ? 'cases.need.waitReview' : own ? 'cases.need.officeReview' : 'cases.need.review';
    case 'approved':
      return reviews ? 'cases.need.publish' : 'cases.need.waitPublish';
    default:
      return 'cases.need.none';
  }
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} className="puente-touch">
      {children}
    </Anchor>
  );
}

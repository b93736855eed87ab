import { Alert, Button, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { signInPath, useMe } from '../app/session';
import { ErrorState } from './ErrorState';

/**
 * The page of a mailed link (`/inscripciones/{id}#token`, `/liberaciones/{id}#token`): the session
 * of a signed-in person, or else the token after the link's `#`, sent in `X-Puente-Link` for that
 * one question. `mustSignIn` when neither is there.
 */
export function useMailedLink() {
  const location = useLocation();
  const me = useMe();
  const token = location.hash.length > 1 ? location.hash.slice(1) : undefined;
  const signedIn = Boolean(me.data);
  return {
    ready: !me.isPending,
    signedIn,
    mustSignIn: !me.isPending && !signedIn && !token,
    /** The header for the API: the token only when nobody is signed in. */
    header: !signedIn && token ? { 'x-puente-link': token } : {},
    signInPath: signInPath(location),
  };
}

/** A link that no longer opens its question (answered, past its deadline, changed): why, and a way in. */
export function LinkRefused({
  title,
  error,
  signedIn,
  onRetry,
}: {
  title: string;
  error: unknown;
  signedIn: boolean;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const refused = error instanceof ApiError && [403, 404].includes(error.status);
  if (!refused) return <ErrorState error={error} onRetry={onRetry} />;
  return (
    <Stack gap="lg" maw={560}>
      <Title order={1}>{title}</Title>
      <Alert color="red" variant="light" role="alert">
        {error.message}
      </Alert>
      {!signedIn && (
        <Button component={Link} to={signInPath({ pathname: location.pathname, search: '' })} size="lg">
          {t('app.signIn')}
        </Button>
      )}
    </Stack>
  );
}

interface AnswerChoiceProps {
  yes: string;
  no: string;
  reason: { label: string; hint: string; required?: boolean; error?: string };
  confirmNo: string;
  back: string;
  pending: boolean;
  startWithNo?: boolean;
  onYes: () => void;
  onNo: (reason: string) => void;
}

/** Two large answers: yes in one tap; no with a reason (optional or required), confirmed. */
export function AnswerChoice(props: AnswerChoiceProps) {
  const [saying, setSaying] = useState(props.startWithNo ?? false);
  const [reason, setReason] = useState('');
  if (!saying)
    return (
      <Stack gap="sm">
        <Button size="xl" fullWidth loading={props.pending} onClick={props.onYes}>
          {props.yes}
        </Button>
        <Button size="lg" variant="outline" fullWidth onClick={() => setSaying(true)}>
          {props.no}
        </Button>
      </Stack>
    );
  return (
    <Stack gap="sm">
      <Textarea
        label={props.reason.label}
        description={props.reason.hint}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        maxLength={500}
        autosize
        minRows={2}
        required={props.reason.required}
        error={props.reason.error}
        aria-invalid={props.reason.error ? true : undefined}
      />
      <Button size="lg" fullWidth color="red.9" loading={props.pending} onClick={() => props.onNo(reason.trim())}>
        {props.confirmNo}
      </Button>
      <Button variant="subtle" onClick={() => setSaying(false)}>
        {props.back}
      </Button>
    </Stack>
  );
}

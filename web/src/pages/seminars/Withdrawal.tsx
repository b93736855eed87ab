import { Alert, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblem } from '../../components/ProblemFields';

interface WithdrawalProps {
  waitlisted: boolean;
  /** Once the seminar is confirmed, leaving a seat takes a reason (the office reads it). */
  reasonRequired: boolean;
  done: boolean;
  pending: boolean;
  error: unknown;
  onWithdraw: (reason: string) => void;
}

/**
 * Leaving the seminar, in two steps because it cannot be undone: a button, then what happens, the
 * reason (required when the rules require it) and the confirmation. The service's refusal of the
 * reason appears beside the field.
 */
export function Withdrawal(props: WithdrawalProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const heading = useId();
  const problem = useProblem(props.error);
  const reasonError = problem.field('reason');
  // The button tapped is gone: the reason's field takes the focus, so a screen reader reads on from there.
  useEffect(() => {
    if (asking) field.current?.focus();
  }, [asking]);

  if (props.done)
    return (
      <Alert color="gray" variant="light" role="status" title={t('seminars.withdraw.done')}>
        {t('seminars.withdraw.doneDetail')}
      </Alert>
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={heading}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={heading}>
          {t('seminars.withdraw.title')}
        </Title>
        {!asking ? (
          <Button size="lg" variant="outline" color="red.9" fullWidth onClick={() => setAsking(true)}>
            {t('seminars.withdraw.start')}
          </Button>
        ) : (
          <>
            <Text>{props.waitlisted ? t('seminars.withdraw.lineGoes') : t('seminars.withdraw.seatGoes')}</Text>
            {problem.form && !reasonError && (
              <Alert color="red" variant="light" role="alert">
                {problem.form}
              </Alert>
            )}
            <Textarea
              ref={field}
              label={props.reasonRequired ? t('seminars.withdraw.reason') : t('seminars.withdraw.reasonOptional')}
              description={
                props.reasonRequired ? t('seminars.withdraw.reasonRequiredHint') : t('seminars.withdraw.reasonHint')
              }
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={1000}
              autosize
              minRows={2}
              required={props.reasonRequired}
              error={reasonError}
              aria-invalid={reasonError ? true : undefined}
            />
            <Button
              size="lg"
              fullWidth
              color="red.9"
              loading={props.pending}
              onClick={() => props.onWithdraw(reason.trim())}
            >
              {t('seminars.withdraw.confirm')}
            </Button>
            <Button variant="subtle" onClick={() => setAsking(false)}>
              {t('seminars.withdraw.back')}
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}

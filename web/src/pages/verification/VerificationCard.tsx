import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { formatDate, formatInstantDate } from '../../lib/format';

export type Verification = components['schemas']['VerificationDto'];

const STATUS_COLOUR = { valid: 'teal.9', revoked: 'red.9', superseded: 'orange.9' } as const;

/** A certificate as verified: its status in large type, then what it certifies. */
export function VerificationCard({ verification: v }: { verification: Verification }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows: [string, string][] = [
    [t('verify.holder'), v.holderName],
    [t('verify.topic'), v.topic],
    [t('verify.seminar'), v.seminarTitle],
    [
      t('verify.dates'),
      t('verify.dateRange', { start: formatDate(v.startDate, lang), end: formatDate(v.endDate, lang) }),
    ],
    [t('verify.hours'), t('verify.hoursValue', { count: v.hours })],
    [t('verify.issuedOn'), formatDate(v.issuedOn, lang)],
    [t('verify.issuer'), v.issuer],
    [t('verify.registry'), `${v.registryNumber} · ${t('verify.revision', { revision: v.revision })}`],
  ];
  return (
    <Paper withBorder p="md" aria-live="polite" data-testid="verification">
      <Stack gap="sm">
        <Text className="puente-status" c={STATUS_COLOUR[v.status]} data-status={v.status}>
          {t(`verify.status.${v.status}`)}
        </Text>
        {v.status === 'revoked' && v.revokedAt && (
          <Text fw={700}>{t('verify.revokedOn', { date: formatInstantDate(v.revokedAt, lang) })}</Text>
        )}
        {v.status === 'superseded' && v.supersededByRevision !== null && (
          <Text fw={700}>{t('verify.supersededBy', { revision: v.supersededByRevision })}</Text>
        )}
        <Text>{t(`verify.kind.${v.kind}`)}</Text>
        <dl className="puente-facts">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          <div>
            <dt>{t('verify.sha256')}</dt>
            <dd className="puente-hash">
              <code>{v.pdfSha256}</code>
            </dd>
          </div>
        </dl>
      </Stack>
    </Paper>
  );
}

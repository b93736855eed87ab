import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { formatDate, formatInstantDate } from '../lib/format';

export type Verification = components['schemas']['VerificationDto'];

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
    <div className="v-card v-stack" aria-live="polite" data-testid="verification">
      <p className={`v-status v-status-${v.status}`} data-status={v.status}>
        {t(`verify.status.${v.status}`)}
      </p>
      {v.status === 'revoked' && v.revokedAt && (
        <p className="v-strong">{t('verify.revokedOn', { date: formatInstantDate(v.revokedAt, lang) })}</p>
      )}
      {v.status === 'superseded' && v.supersededByRevision !== null && (
        <p className="v-strong">{t('verify.supersededBy', { revision: v.supersededByRevision })}</p>
      )}
      <p>{t(`verify.kind.${v.kind}`)}</p>
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
    </div>
  );
}

import { Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';

export type ItemStats = components['schemas']['ItemStatsDto'];
type Entry = components['schemas']['DistributionEntryDto'];

/** A number in the person's language, with at most `digits` decimals. */
export function formatNumber(value: number, language: string, digits = 2): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** A share (0–1) as a percentage in the person's language, whole unless told otherwise. */
export function formatShare(share: number, language: string, digits = 0): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/**
 * A figure the service withheld because too few people answered: said in words, with how many did,
 * so that nobody mistakes it for a zero.
 */
export function Hidden({ minimum, received }: { minimum: number; received: number }) {
  const { t } = useTranslation();
  return (
    <div className="puente-hidden-figure">
      <Text fw={700}>{t('report.hidden', { count: minimum })}</Text>
      <Text size="sm">{t('report.hiddenWhy', { received })}</Text>
    </div>
  );
}

/**
 * A horizontal bar: its length drawn, its number written beside it. The bar is decoration; the
 * number (and the table of the chart) carries the figure.
 */
export function Bar({ share }: { share: number }) {
  return (
    <div className="puente-bar-track" aria-hidden>
      <div
        className="puente-bar-fill"
        style={{ width: `${Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10}%` }}
      />
    </div>
  );
}

/**
 * One item's answers: its mean and respondents, then the count of each answer as a bar chart. The
 * bars are drawn for the eye; for a screen reader the same counts are a table named after the
 * question, and every bar has its count and percentage written beside it, so colour is never the
 * only cue.
 */
export function Distribution({
  prompt,
  kind,
  stats,
  minimum,
  language,
}: {
  prompt: string;
  kind: components['schemas']['ItemReportDto']['kind'];
  stats: ItemStats;
  minimum: number;
  language: 'es' | 'en';
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (stats.respondents === 0) return <Text>{t('report.nobodyYet')}</Text>;
  if (stats.suppressed) return <Hidden minimum={minimum} received={stats.respondents} />;
  const label = (entry: Entry) =>
    kind === 'likert'
      ? t(`report.likert.${entry.value}`)
      : entry.label
        ? entry.label[language]
        : formatNumber(Number(entry.value), locale);
  const share = (entry: Entry) => entry.count / stats.respondents;
  return (
    <Stack gap="xs">
      <Text fw={600}>
        {stats.mean !== null &&
          `${t(kind === 'likert' ? 'report.mean' : 'report.meanNumber', { mean: formatNumber(stats.mean, locale) })} · `}
        {t('report.respondents', { count: stats.respondents })}
      </Text>
      <VisuallyHidden>
        <table>
          <caption>{t('report.chartCaption', { prompt })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.answer')}</th>
              <th scope="col">{t('report.count')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.distribution.map((entry) => (
              <tr key={entry.value}>
                <th scope="row">{label(entry)}</th>
                <td>{entry.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
      <div className="puente-bars" aria-hidden>
        {stats.distribution.map((entry) => (
          <div className="puente-bar" key={entry.value}>
            <span className="puente-bar-label">{label(entry)}</span>
            <Bar share={share(entry)} />
            <span className="puente-bar-count">
              {t('report.share', { count: entry.count, percent: formatShare(share(entry), locale) })}
            </span>
          </div>
        ))}
      </div>
    </Stack>
  );
}

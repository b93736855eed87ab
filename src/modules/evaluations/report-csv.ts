import { toCsv, type CsvCell } from '../../common/csv/csv';
import type { Language } from '../../common/i18n/text';
import type { EvaluationReportDto, ItemStatsDto } from './evaluation-reports.dto';

const HEADERS: Record<Language, string[]> = {
  es: [
    'sección',
    'formulario',
    'pregunta',
    'facilitador',
    'respuestas',
    'suprimido',
    'media',
    'valor',
    'etiqueta',
    'conteo',
    'texto',
  ],
  en: [
    'section',
    'form',
    'question',
    'facilitator',
    'respondents',
    'suppressed',
    'mean',
    'value',
    'label',
    'count',
    'text',
  ],
};

/**
 * A report as one CSV table: a row per response rate, per item value (distribution), per facilitator
 * value, per test figure and per comment; the same figures as the JSON report, and nothing more.
 */
export function reportCsv(report: EvaluationReportDto, language: Language): string {
  const rows: CsvCell[][] = [HEADERS[language]];
  for (const form of report.forms) {
    const title = form.title[language];
    rows.push([
      `${form.occasion}:response_rate`,
      title,
      null,
      null,
      form.responses,
      false,
      form.responseRate,
      form.expected,
      null,
      null,
      null,
    ]);
    for (const item of form.items) {
      const prompt = item.prompt[language];
      const statRows = (stats: ItemStatsDto, facilitator: string | null) => {
        if (stats.suppressed || stats.distribution.length === 0)
          rows.push([
            `${form.occasion}:item`,
            title,
            prompt,
            facilitator,
            stats.respondents,
            stats.suppressed,
            stats.mean,
            null,
            null,
            null,
            null,
          ]);
        for (const entry of stats.distribution) {
          rows.push([
            `${form.occasion}:item`,
            title,
            prompt,
            facilitator,
            stats.respondents,
            false,
            stats.mean,
            entry.value,
            entry.label?.[language] ?? null,
            entry.count,
            null,
          ]);
        }
      };
      if (item.stats) statRows(item.stats, null);
      for (const facilitator of item.facilitators ?? []) statRows(facilitator, facilitator.facilitatorName);
      for (const comment of item.comments ?? [])
        rows.push([`${form.occasion}:comment`, title, prompt, null, null, null, null, null, null, null, comment]);
    }
  }
  for (const test of report.diagnostics) {
    const title = test.title[language];
    rows.push([
      'pre_test',
      title,
      null,
      null,
      test.pre.respondents,
      test.pre.suppressed,
      test.pre.meanPercent,
      null,
      null,
      null,
      null,
    ]);
    rows.push([
      'post_test',
      title,
      null,
      null,
      test.post.respondents,
      test.post.suppressed,
      test.post.meanPercent,
      null,
      null,
      null,
      null,
    ]);
    rows.push([
      'improvement',
      title,
      null,
      null,
      test.pairs,
      test.suppressed,
      test.meanImprovement,
      null,
      null,
      null,
      null,
    ]);
  }
  return toCsv(rows);
}

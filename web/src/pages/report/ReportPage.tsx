import { Anchor, Button, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';
import { RequireSignIn, useMe } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { Bar, Distribution, Hidden, formatShare } from './Distribution';
import './report.css';
import { Section } from '../../components/Section';

type Report = components['schemas']['EvaluationReportDto'];
type FormReport = components['schemas']['FormReportDto'];
type ItemReport = components['schemas']['ItemReportDto'];
type Diagnostic = components['schemas']['DiagnosticReportDto'];
type ScoreStats = components['schemas']['ScoreStatsDto'];

/**
 * `/facilitar/{seminarId}/informe`: a seminar's evaluation report for its facilitators (and the
 * office): who answered, each item's answers as a chart, what was said about the facilitator,
 * the pre/post test and the improvement per person, the comments, and the CSV. Figures the service
 * withholds for too few answers say so.
 */
export function ReportPage() {
  return (
    <RequireSignIn>
      <ReportView />
    </RequireSignIn>
  );
}

function ReportView() {
  const { t } = useTranslation();
  const { seminarId = '' } = useParams();
  const report = useQuery({
    queryKey: ['seminar', seminarId, 'evaluation-report'],
    // Read again every ten minutes, which also renews the session before its access cookie (by default
    // 15 minutes) lapses: the CSV is a plain link, and only the cookie signs it in.
    refetchInterval: 10 * 60_000,
    queryFn: async () =>
      dataOf(await api.GET('/api/v1/seminars/{id}/evaluation-report', { params: { path: { id: seminarId } } })),
  });
  if (report.isPending) return <Text aria-busy>{t('report.loading')}</Text>;
  if (report.isError) {
    const error = report.error;
    // 400 (not an id), 403 (not theirs), 404 (no such seminar): the same plain answer.
    if (error instanceof ApiError && [400, 403, 404].includes(error.status))
      return (
        <Stack gap="md" maw={640}>
          <Title order={1}>{t('report.unavailableTitle')}</Title>
          <Text>{t('report.unavailable')}</Text>
          <Button component={Link} to="/seminarios" style={{ alignSelf: 'flex-start' }}>
            {t('report.toSeminars')}
          </Button>
        </Stack>
      );
    return <ErrorState error={error} onRetry={() => void report.refetch()} />;
  }
  return <ReportBody report={report.data} />;
}

function ReportBody({ report: r }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('en') ? 'en' : 'es';
  const me = useMe().data!;
  const minimum = r.minimumRespondents;
  const perFacilitator = r.forms.flatMap((form) =>
    form.items.filter((item) => item.facilitators !== undefined).map((item) => ({ form, item })),
  );
  // The office reads every facilitator's figures; a facilitator only their own.
  const aboutMe = !me.roles.includes('office');

  return (
    <Stack gap="xl" maw={880}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/seminarios/${r.id}`} className="puente-touch">
          {t('report.back')}
        </Anchor>
        <Title order={1}>{t('report.title')}</Title>
        <Text fw={600} size="lg">
          {r.title}
        </Text>
      </Stack>
      <Text>{t('report.anonymous', { count: minimum })}</Text>
      <Button
        component="a"
        href={`/api/v1/seminars/${r.id}/evaluation-report.csv`}
        download={t('report.csvFile')}
        variant="light"
        size="lg"
        className="puente-report-download"
      >
        {t('report.csv')}
      </Button>

      <Section gap="md" title={t('report.rates')}>
        {r.forms.map((form) => (
          <Rate key={`${form.occasion}/${form.formId}`} form={form} language={language} />
        ))}
        {r.diagnostics.map((test) => (
          <Text key={test.formId}>
            {t('report.tests', {
              title: test.title[language],
              pre: t('report.people', { count: test.pre.respondents }),
              post: t('report.people', { count: test.post.respondents }),
            })}
          </Text>
        ))}
      </Section>

      {perFacilitator.length > 0 && (
        <Section gap="md" title={aboutMe ? t('report.aboutYou') : t('report.aboutEach')}>
          {aboutMe && <Text>{t('report.aboutYouNote')}</Text>}
          {perFacilitator.map(({ form, item }) => (
            <Item key={`${form.occasion}/${form.formId}/${item.itemId}`} item={item} language={language}>
              {item.facilitators!.length === 0 ? (
                <Text>{t('report.nobodyYet')}</Text>
              ) : (
                item.facilitators!.map((f) => (
                  <Stack key={f.facilitatorId} gap="xs">
                    {!aboutMe && (
                      <Title order={4} size="h5">
                        {f.facilitatorName}
                      </Title>
                    )}
                    <Distribution
                      prompt={aboutMe ? item.prompt[language] : `${item.prompt[language]} (${f.facilitatorName})`}
                      kind={item.kind}
                      stats={f}
                      minimum={minimum}
                      language={language}
                    />
                  </Stack>
                ))
              )}
            </Item>
          ))}
        </Section>
      )}

      {r.forms.map((form) => (
        <Section gap="md" key={`${form.occasion}/${form.formId}`} title={form.title[language]}>
          {/* No answers, or too few for any figure of the form: said once rather than under every item. */}
          {form.responses === 0 && <Text>{t('report.nobodyYet')}</Text>}
          {form.responses > 0 && form.responses < minimum && <Hidden minimum={minimum} received={form.responses} />}
          {(form.responses >= minimum ? form.items : [])
            .filter((item) => item.facilitators === undefined)
            .map((item) => (
              <Item key={item.itemId} item={item} language={language}>
                {item.comments !== undefined ? (
                  <Comments comments={item.comments} />
                ) : (
                  item.stats && (
                    <Distribution
                      prompt={item.prompt[language]}
                      kind={item.kind}
                      stats={item.stats}
                      minimum={minimum}
                      language={language}
                    />
                  )
                )}
              </Item>
            ))}
        </Section>
      ))}

      {r.diagnostics.map((test) => (
        <Section gap="md" key={test.formId} title={t('report.diagnostic', { title: test.title[language] })}>
          <PrePost test={test} minimum={minimum} />
        </Section>
      ))}
    </Stack>
  );
}

/** One question of a form under its own heading. */
function Item({ item, language, children }: { item: ItemReport; language: 'es' | 'en'; children: ReactNode }) {
  const heading = useId();
  return (
    <Stack gap="xs" component="section" aria-labelledby={heading} className="puente-report-item">
      <Title order={3} size="h4" id={heading}>
        {item.prompt[language]}
      </Title>
      {children}
    </Stack>
  );
}

/** How many of those expected answered one kind of evaluation, in words and as a bar. */
function Rate({ form, language }: { form: FormReport; language: 'es' | 'en' }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={4}>
      <Text fw={600}>{form.title[language]}</Text>
      {form.responseRate === null ? (
        <Text>{t('report.rateNone')}</Text>
      ) : (
        <>
          <Text>
            {t('report.rate', {
              responses: form.responses,
              expected: form.expected,
              percent: formatShare(form.responseRate, i18n.language),
            })}
          </Text>
          <Bar share={form.responseRate} />
        </>
      )}
      <Text size="sm">{t(`report.expected.${form.occasion}`)}</Text>
    </Stack>
  );
}

/** A text item's comments, in the order the service gives (random), or that there are none. */
function Comments({ comments }: { comments: string[] }) {
  const { t } = useTranslation();
  if (comments.length === 0) return <Text>{t('report.noComments')}</Text>;
  return (
    <List spacing="xs" className="puente-comments">
      {comments.map((comment, index) => (
        <List.Item key={index}>{comment}</List.Item>
      ))}
    </List>
  );
}

/** The mean scores of the test before and after, and the mean of each person's improvement. */
function PrePost({ test, minimum }: { test: Diagnostic; minimum: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const score = (stats: ScoreStats) =>
    stats.respondents === 0 ? (
      <Text>{t('report.nobodyYet')}</Text>
    ) : stats.suppressed || stats.meanPercent === null ? (
      <Hidden minimum={minimum} received={stats.respondents} />
    ) : (
      <>
        <Text size="xl" fw={700}>
          {t('report.score', { percent: formatShare(stats.meanPercent / 100, locale, 1) })}
        </Text>
        <Bar share={stats.meanPercent / 100} />
        <Text>{t('report.people', { count: stats.respondents })}</Text>
      </>
    );
  const improvement = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return (
    <dl className="puente-prepost">
      <div>
        <dt>{t('report.pre')}</dt>
        <dd>{score(test.pre)}</dd>
      </div>
      <div>
        <dt>{t('report.post')}</dt>
        <dd>{score(test.post)}</dd>
      </div>
      <div>
        <dt>{t('report.improvement')}</dt>
        <dd>
          {test.pairs === 0 ? (
            <Text>{t('report.nobodyYet')}</Text>
          ) : test.suppressed || test.meanImprovement === null ? (
            <Hidden minimum={minimum} received={test.pairs} />
          ) : (
            <>
              <Text size="xl" fw={700}>
                {t('report.points', { points: improvement.format(test.meanImprovement) })}
              </Text>
              <Text>{t('report.pairs', { count: test.pairs })}</Text>
            </>
          )}
        </dd>
      </div>
    </dl>
  );
}

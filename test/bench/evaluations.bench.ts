/**
 * Benchmark of evaluation reports over 1,000,000 evaluation responses: a throwaway embedded
 * PostgreSQL, the real application listening on a loopback port, topics, seminars, forms and the
 * topic form choices made through the API, then the volume (seminars cloned from each topic's
 * API-made seminar, facilitations, confirmed enrolments, attendance, responses and their answers)
 * written with set-based SQL in the exact shape EvaluationsService writes it.
 *
 * Then it times, over HTTP, GET /topics/{id}/evaluation-report for the biggest topic (whole period
 * and one year) and GET /seminars/{id}/evaluation-report: two warm-up requests, then N sequential
 * ones, median and p95. Target (issue): a topic report in ≤ 200 ms. RSS before and after the
 * reports shows that responses are not loaded into memory.
 *
 *   npm run bench:evaluations
 *   BENCH_RESPONSES=200000 npm run bench:evaluations     # a smaller fill
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { EvaluationTallyRepository } from '../../src/modules/evaluations/evaluation-tally.repository';
import { log, runBench, startBenchApp, startBenchDatabase } from './bench-harness';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const TARGET_MS = 200;
const TOPICS = 10;
const SEATS = 28; // confirmed attendees per seminar (capacity 30)
const ATTENDEES = 20_000;
const FACILITATORS = 80;
/** Seminars start on Mondays over four years ending before today's real date (the app's clock is real). */
const PERIOD_START = '2022-11-28';
const PERIOD_DAYS = 4 * 364;
/** About 147 responses per seminar; 8 % more candidates than needed, the surplus dropped at random. */
const RESPONSES_PER_SEMINAR = 147;

const MiB = 1024 * 1024;
const mib = (bytes: number) => Math.round(bytes / MiB);
const ms = (value: number) => value.toFixed(1);

/** A uniform number in [0, 1) from the hash of an SQL text expression: deterministic per row and salt. */
const uniform = (expr: string, salt: string) =>
  `(('x' || substr(md5(${expr} || '${salt}'), 1, 7))::bit(28)::int / 268435456.0)`;
/** A Likert answer 1–5 leaning to agreement, as evaluations do. */
const likert = (expr: string, salt: string) => `(1 + floor(5 * power(${uniform(expr, salt)}, 0.55)))::float8`;

const DAILY_COMMENTS = [
  'Muy buena la discusión de casos.',
  'Faltó tiempo para preguntas.',
  'El ponente explicó con claridad el algoritmo de referencia.',
  'Me gustaría más casos de primer nivel.',
  'Excelente dinámica, aprendí mucho sobre interconsulta.',
  'La sede estaba lejos y el horario muy largo.',
];
const FINAL_COMMENTS = [
  'Más tiempo para talleres.',
  'Incluir a enfermería.',
  'Compartir las presentaciones antes.',
  'Menos exposiciones, más casos.',
];
const sqlArray = (values: string[]) => `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]`;

interface Timings {
  median: number;
  p95: number;
  min: number;
  max: number;
}

async function timed(run: () => Promise<unknown>, runs: number): Promise<Timings> {
  await run();
  await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)];
  return {
    median: (samples[Math.floor((samples.length - 1) / 2)] + samples[Math.ceil((samples.length - 1) / 2)]) / 2,
    p95: at(0.95),
    min: samples[0],
    max: samples[samples.length - 1],
  };
}

runBench('bench:evaluations', async (scope) => {
  const setupStarted = performance.now();
  const database = await startBenchDatabase(scope);
  const { app, api } = await startBenchApp(scope, database);

  // ---- Through the API: network, venues, topics, one seminar per topic, a diagnostic test for every topic.
  const network = await api.json<{ id: string }>('POST', '/networks', { name: 'Red de Benchmark Xalapa' });
  const question = (id: string) => ({
    id,
    kind: 'single_choice',
    prompt: { es: `Pregunta ${id}` },
    required: true,
    options: [
      { id: 'a', label: { es: 'A' } },
      { id: 'b', label: { es: 'B' } },
    ],
    correct: 'a',
    points: 25,
  });
  const diagnostic = await api.json<{ id: string }>('POST', '/evaluation-forms', {
    kind: 'diagnostic',
    title: { es: 'Prueba diagnóstica' },
    items: ['q1', 'q2', 'q3', 'q4'].map(question),
  });
  const topics: { id: string; templateSeminarId: string }[] = [];
  for (let t = 0; t < TOPICS; t += 1) {
    const topic = await api.json<{ id: string }>('POST', '/topics', {
      title: `Referencia y contrarreferencia en ${['ginecología', 'cardiología', 'pediatría', 'endocrinología', 'nefrología', 'neumología', 'psiquiatría', 'dermatología', 'geriatría', 'oncología'][t]}`,
      dayCount: 3,
      hoursPerDay: 8,
      defaultCapacity: 30,
      minimumAttendees: 10,
    });
    await api.json('PUT', `/topics/${topic.id}/evaluation-forms`, { diagnostic: diagnostic.id });
    const venue = await api.json<{ id: string }>('POST', '/venues', {
      name: `Sede ${t + 1}`,
      address: 'Av. Xalapa 100, Xalapa, Ver.',
      networkId: network.id,
      capacity: 30,
      notes: '',
    });
    // Mondays of March 2027 and on: the seminar's days as the app lays them out, cloned into the past below.
    const startDate = new Date(Date.UTC(2027, 2, 15 + 7 * t)).toISOString().slice(0, 10);
    const seminar = await api.json<{ id: string }>('POST', '/seminars', {
      topicId: topic.id,
      networkId: network.id,
      venueId: venue.id,
      startDate,
      capacity: 30,
    });
    await api.json('POST', `/seminars/${seminar.id}/open`);
    topics.push({ id: topic.id, templateSeminarId: seminar.id });
  }
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  // ---- The volume, set-based, on one connection (temporary tables).
  const dataSource = app.get(DataSource);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const q = (sql: string, params: unknown[] = []) => runner.query(sql, params);
  const fillStarted = performance.now();
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    await q(sql, params);
    log(`  fill ${name.padEnd(28)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
  };
  const seminarsNeeded = Math.ceil((RESPONSES * 1.08) / RESPONSES_PER_SEMINAR);
  // The topic under test is the biggest: twice the seminars of each other topic.
  const perOther = Math.floor(seminarsNeeded / (TOPICS + 1));
  const counts = topics.map((_, t) => (t === 0 ? seminarsNeeded - perOther * (TOPICS - 1) : perOther));
  const [specialty] = await q(`SELECT id FROM specialty ORDER BY code LIMIT 1`);

  await step(
    'people',
    `INSERT INTO person (full_name, email, licence_number, roles, locale, specialty_id)
       SELECT CASE WHEN g <= $1::int THEN 'Dra. Facilitadora ' ELSE 'Asistente ' END || g,
              CASE WHEN g <= $1::int THEN 'facilitador.' ELSE 'asistente.' END || g || '@bench.example',
              (30000000 + g)::text, CASE WHEN g <= $1::int THEN ARRAY['facilitator'] ELSE ARRAY['attendee'] END, 'es',
              CASE WHEN g <= $1::int THEN $3::uuid END
         FROM generate_series(1, $1::int + $2::int) g`,
    [FACILITATORS, ATTENDEES, specialty.id],
  );
  await q(
    `CREATE TEMP TABLE bench_facilitator AS SELECT (row_number() OVER (ORDER BY licence_number) - 1)::int AS n, id FROM person WHERE email LIKE 'facilitador.%@bench.example'`,
  );
  await q(
    `CREATE TEMP TABLE bench_attendee AS SELECT (row_number() OVER (ORDER BY licence_number) - 1)::int AS n, id FROM person WHERE email LIKE 'asistente.%@bench.example'`,
  );
  await q(`CREATE UNIQUE INDEX ON bench_facilitator (n); CREATE UNIQUE INDEX ON bench_attendee (n)`);

  // Seminars: topic t's i-th seminar starts on a Monday spread over the four years.
  await q(
    `CREATE TEMP TABLE bench_seminar (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), ordinal int, topic_index int, template_id uuid, start_date date)`,
  );
  await step(
    'seminars',
    `WITH plan AS (SELECT t.ord - 1 AS topic_index, t.template_id, t.count FROM unnest($1::uuid[], $2::int[]) WITH ORDINALITY AS t(template_id, count, ord))
       INSERT INTO bench_seminar (ordinal, topic_index, template_id, start_date)
       SELECT row_number() OVER (ORDER BY p.topic_index, i) - 1, p.topic_index, p.template_id,
              date '${PERIOD_START}' + ((i * ${PERIOD_DAYS}) / p.count / 7) * 7
         FROM plan p, generate_series(0, p.count - 1) i`,
    [topics.map((topic) => topic.templateSeminarId), counts],
  );
  await q(
    `INSERT INTO seminar (id, topic_id, network_id, venue_id, title, notes, capacity, start_date, end_date, status, opened_at, revision, created_at, updated_at)
       SELECT b.id, s.topic_id, s.network_id, s.venue_id, s.title, s.notes, s.capacity, b.start_date, b.start_date + (s.end_date - s.start_date), 'closed',
              b.start_date - 45, s.revision + 3, b.start_date - 60, b.start_date + 14
         FROM bench_seminar b JOIN seminar s ON s.id = b.template_id`,
  );
  await q(
    `INSERT INTO seminar_day (seminar_id, position, date, start_time, end_time, agenda_version)
       SELECT b.id, d.position, b.start_date + (d.date - s.start_date), d.start_time, d.end_time, d.agenda_version
         FROM bench_seminar b JOIN seminar s ON s.id = b.template_id JOIN seminar_day d ON d.seminar_id = s.id`,
  );
  await step(
    'facilitations',
    `INSERT INTO facilitation (seminar_id, person_id, lead, created_at)
       SELECT b.id, f.id, k = 0, b.start_date - 40
         FROM bench_seminar b, generate_series(0, 1) k
         JOIN bench_facilitator f ON true
        WHERE f.n = (b.ordinal * 3 + k * 7) % ${FACILITATORS}`,
  );
  await step(
    'enrolments',
    `INSERT INTO enrolment (seminar_id, person_id, status, source, created_at, updated_at)
       SELECT b.id, a.id, 'confirmed', 'matching', b.start_date - 30, b.start_date - 20
         FROM bench_seminar b, generate_series(0, ${SEATS - 1}) k
         JOIN bench_attendee a ON true
        WHERE a.n = (b.ordinal * ${SEATS} + k) % ${ATTENDEES}`,
  );
  // Attendance as check-in leaves it: mostly present, some late, a few absent or excused.
  await step(
    'attendance',
    `INSERT INTO attendance_record (seminar_id, seminar_day_id, person_id, status, hours_credited, checked_in_at, created_at, updated_at)
       SELECT x.seminar_id, x.day_id, x.person_id, x.status,
              CASE x.status WHEN 'present' THEN 8 WHEN 'late' THEN 7 ELSE 0 END,
              CASE WHEN x.status IN ('present','late') THEN x.starts END, x.starts, x.starts
         FROM (SELECT e.seminar_id, d.id AS day_id, e.person_id, (d.date + d.start_time) AT TIME ZONE 'America/Mexico_City' AS starts,
                      CASE WHEN u < 0.86 THEN 'present' WHEN u < 0.93 THEN 'late' WHEN u < 0.98 THEN 'absent' ELSE 'excused' END AS status
                 FROM bench_seminar b JOIN enrolment e ON e.seminar_id = b.id JOIN seminar_day d ON d.seminar_id = b.id,
                      LATERAL (SELECT ${uniform('e.person_id::text || d.id::text', 'att')} AS u) r) x`,
  );

  // Responses: the candidates each confirmed attendee could answer, then exactly RESPONSES of them kept at random.
  const [forms] = await q(
    `SELECT max(f.id::text) FILTER (WHERE f.kind = 'daily')::uuid AS daily, max(v.id::text) FILTER (WHERE f.kind = 'daily')::uuid AS daily_version,
              max(f.id::text) FILTER (WHERE f.kind = 'final')::uuid AS final, max(v.id::text) FILTER (WHERE f.kind = 'final')::uuid AS final_version,
              max(f.id::text) FILTER (WHERE f.id = $1)::uuid AS diagnostic, max(v.id::text) FILTER (WHERE f.id = $1)::uuid AS diagnostic_version
         FROM evaluation_form f JOIN evaluation_form_version v ON v.form_id = f.id AND v.version = f.current_version
        WHERE f.is_default OR f.id = $1`,
    [diagnostic.id],
  );
  await step(
    'response candidates',
    `CREATE TEMP TABLE bench_response AS
       WITH person_seminar AS (
         SELECT b.id AS seminar_id, s.topic_id, s.start_date, s.end_date, e.person_id,
                rtrim(translate(encode(sha256(convert_to(b.id::text || ':' || e.person_id::text, 'UTF8')), 'base64'), '+/', '-_'), '=') AS respondent_key,
                (SELECT array_agg(d.date ORDER BY d.position) FROM seminar_day d WHERE d.seminar_id = b.id) AS days,
                (SELECT array_agg(coalesce(a.status IN ('present','late'), true) ORDER BY d.position)
                   FROM seminar_day d LEFT JOIN attendance_record a ON a.seminar_day_id = d.id AND a.person_id = e.person_id WHERE d.seminar_id = b.id) AS came
           FROM bench_seminar b JOIN seminar s ON s.id = b.id JOIN enrolment e ON e.seminar_id = b.id AND e.status = 'confirmed'
       ), candidate AS (
         SELECT ps.*, o.occasion, o.day_number FROM person_seminar ps,
                LATERAL (SELECT 'pre_test'::varchar AS occasion, 0 AS day_number
                         UNION ALL SELECT 'daily', g FROM generate_series(1, array_length(ps.days, 1)) g WHERE ps.came[g]
                         UNION ALL SELECT 'final', 0 WHERE true = ANY (ps.came)
                         UNION ALL SELECT 'post_test', 0 WHERE true = ANY (ps.came)) o
       )
       SELECT gen_random_uuid() AS id, c.seminar_id, c.topic_id, c.start_date AS starts_on, c.occasion, c.day_number::smallint AS day_number, c.respondent_key,
              CASE c.occasion WHEN 'daily' THEN $1::uuid WHEN 'final' THEN $3::uuid ELSE $5::uuid END AS form_id,
              CASE c.occasion WHEN 'daily' THEN $2::uuid WHEN 'final' THEN $4::uuid ELSE $6::uuid END AS form_version_id,
              CASE c.occasion WHEN 'pre_test' THEN c.start_date - 1 WHEN 'daily' THEN c.days[c.day_number] ELSE c.end_date + (${uniform('c.respondent_key', 'late')} * 4)::int END AS answered_on,
              ${uniform('c.respondent_key || c.occasion || c.day_number', 'keep')} AS keep
         FROM candidate c`,
    [forms.daily, forms.daily_version, forms.final, forms.final_version, forms.diagnostic, forms.diagnostic_version],
  );
  const [{ candidates }] = await q(`SELECT count(*)::int AS candidates FROM bench_response`);
  if (candidates < RESPONSES) throw new Error(`only ${candidates} candidate responses for ${RESPONSES}`);
  await step(
    'keep exactly RESPONSES',
    `DELETE FROM bench_response WHERE id IN (SELECT id FROM bench_response ORDER BY keep OFFSET $1)`,
    [RESPONSES],
  );
  // Diagnostic answers: each of four questions right ('a') with a chance that grows after the seminar.
  await q(`ALTER TABLE bench_response ADD COLUMN right_answers boolean[]`);
  await q(
    `UPDATE bench_response SET right_answers = ARRAY(SELECT ${uniform('respondent_key || occasion || q', 'q')} < CASE occasion WHEN 'pre_test' THEN 0.45 ELSE 0.75 END FROM generate_series(1, 4) q)
        WHERE occasion IN ('pre_test','post_test')`,
  );

  // In the order they would have arrived: by the day answered, topics interleaved, as the service writes them.
  await step(
    'evaluation_response',
    `INSERT INTO evaluation_response (id, seminar_id, topic_id, starts_on, form_id, form_version_id, occasion, day_number, respondent_key, score, max_score, answered_on)
       SELECT id, seminar_id, topic_id, starts_on, form_id, form_version_id, occasion, day_number, respondent_key,
              CASE WHEN right_answers IS NOT NULL THEN 25 * cardinality(array_positions(right_answers, true)) END::float8,
              CASE WHEN right_answers IS NOT NULL THEN 100 END::float8, answered_on
         FROM bench_response ORDER BY answered_on, keep`,
  );
  const answerColumns = `INSERT INTO evaluation_answer (response_id, seminar_id, topic_id, starts_on, occasion, form_id, item_id, facilitator_id, number_value, choice, text_value)`;
  await step(
    'evaluation_answer',
    `${answerColumns}
       SELECT r.id, r.seminar_id, r.topic_id, r.starts_on, r.occasion, r.form_id, i.item_id, i.facilitator_id, i.number_value, i.choice, i.text_value
         FROM bench_response r
         CROSS JOIN LATERAL (
           SELECT item_id, NULL::uuid AS facilitator_id, ${likert('r.id::text', "' || item_id || '")} AS number_value, NULL::varchar AS choice, NULL::text AS text_value, ord
             FROM unnest(CASE r.occasion WHEN 'daily' THEN ARRAY['usefulness','clarity','discussion_time']
                                         WHEN 'final' THEN ARRAY['overall','relevance','openness','equality','confidence_consult','referral_change'] END) WITH ORDINALITY AS it(item_id, ord)
            WHERE item_id <> 'openness'
           UNION ALL
           SELECT 'openness', f.person_id, ${likert('r.id::text || f.person_id::text', 'openness')}, NULL, NULL, 3
             FROM facilitation f WHERE r.occasion = 'final' AND f.seminar_id = r.seminar_id
           UNION ALL
           SELECT 'comment', NULL, NULL, NULL, (${sqlArray(DAILY_COMMENTS)})[1 + floor(${uniform('r.id::text', 'ctext')} * ${DAILY_COMMENTS.length})::int], 4
            WHERE r.occasion = 'daily' AND ${uniform('r.id::text', 'comment')} < 0.3
           UNION ALL
           SELECT 'next_time', NULL, NULL, NULL, (${sqlArray(FINAL_COMMENTS)})[1 + floor(${uniform('r.id::text', 'ntext')} * ${FINAL_COMMENTS.length})::int], 7
            WHERE r.occasion = 'final' AND ${uniform('r.id::text', 'next')} < 0.2
           UNION ALL
           SELECT 'q' || q, NULL, NULL, CASE WHEN r.right_answers[q] THEN 'a' ELSE 'b' END, NULL, q
             FROM generate_series(1, 4) q WHERE r.right_answers IS NOT NULL
         ) i
        ORDER BY r.answered_on, r.keep, i.ord`,
  );
  // The tallies each submission keeps, rebuilt for every seminar at once by the service's own SQL.
  const talliesStarted = performance.now();
  await app.get(EvaluationTallyRepository).rebuildAll(runner.manager);
  log(
    `  fill ${'evaluation tallies'.padEnd(28)} ${((performance.now() - talliesStarted) / 1000).toFixed(1).padStart(6)} s`,
  );
  await step('ANALYZE', `ANALYZE`);
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  const [rows] = await q(
    `SELECT (SELECT count(*) FROM evaluation_response)::int AS responses, (SELECT count(*) FROM evaluation_answer)::int AS answers,
              (SELECT count(*) FROM seminar)::int AS seminars, (SELECT count(*) FROM enrolment)::int AS enrolments,
              (SELECT count(*) FROM attendance_record)::int AS attendance, (SELECT count(*) FROM person)::int AS people,
              pg_size_pretty(pg_total_relation_size('evaluation_response')) AS response_size, pg_size_pretty(pg_total_relation_size('evaluation_answer')) AS answer_size`,
  );
  const byOccasion: { occasion: string; count: number }[] = await q(
    `SELECT occasion, count(*)::int AS count FROM evaluation_response GROUP BY 1 ORDER BY 1`,
  );
  const perTopic: { topic_id: string; seminars: number; responses: number }[] = await q(
    `SELECT s.topic_id, count(DISTINCT r.seminar_id)::int AS seminars, count(r.id)::int AS responses
         FROM seminar s LEFT JOIN evaluation_response r ON r.seminar_id = s.id GROUP BY 1 ORDER BY 3 DESC`,
  );
  const [perSeminar] = await q(
    `SELECT min(n)::int AS min, percentile_cont(0.5) WITHIN GROUP (ORDER BY n)::int AS median, max(n)::int AS max
         FROM (SELECT count(*) AS n FROM evaluation_response GROUP BY seminar_id) x`,
  );
  await runner.release();

  log(
    `bench:evaluations: node ${process.version}; setup (PostgreSQL, migrations, app, API calls) ${setupSeconds.toFixed(1)} s; fill ${fillSeconds.toFixed(1)} s\n` +
      `  rows: ${rows.responses} evaluation_response (${rows.response_size}), ${rows.answers} evaluation_answer (${rows.answer_size}), ` +
      `${rows.seminars} seminars, ${rows.enrolments} enrolments, ${rows.attendance} attendance records, ${rows.people} people\n` +
      `  responses by occasion: ${byOccasion.map((row) => `${row.occasion} ${row.count}`).join(', ')}\n` +
      `  responses per topic: ${perTopic.map((row) => `${row.responses} (${row.seminars} seminars)`).join(', ')}\n` +
      `  responses per seminar: min ${perSeminar.min}, median ${perSeminar.median}, max ${perSeminar.max}`,
  );
  if (rows.responses !== RESPONSES) scope.fail(`expected ${RESPONSES} responses, filled ${rows.responses}`);

  // ---- Reports over HTTP.
  const topicId = topics[0].id;
  const [{ seminar_id: seminarId }] = await dataSource.query(
    `SELECT seminar_id FROM evaluation_response WHERE topic_id = $1 GROUP BY 1 ORDER BY count(*) DESC, seminar_id LIMIT 1`,
    [topicId],
  );
  const [yearRow] = await dataSource.query(
    `SELECT count(*)::int AS responses FROM evaluation_response WHERE topic_id = $1 AND starts_on BETWEEN '2025-01-01' AND '2025-12-31'`,
    [topicId],
  );
  const [seminarRow] = await dataSource.query(
    `SELECT count(*)::int AS responses FROM evaluation_response WHERE seminar_id = $1`,
    [seminarId],
  );
  const topicResponses = perTopic.find((row) => row.topic_id === topicId)!.responses;
  const cases = [
    {
      name: 'topic report, whole period',
      path: `/topics/${topicId}/evaluation-report?from=2022-01-01&to=2026-12-31`,
      responses: topicResponses,
      target: true,
    },
    {
      name: 'topic report, 2025',
      path: `/topics/${topicId}/evaluation-report?from=2025-01-01&to=2025-12-31`,
      responses: yearRow.responses,
      target: true,
    },
    {
      name: 'seminar report',
      path: `/seminars/${seminarId}/evaluation-report`,
      responses: seminarRow.responses,
      target: false,
    },
  ];
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage.rss();
  const heapBefore = process.memoryUsage().heapUsed;
  log(
    `reports (2 warm-up requests, then ${RUNS} sequential; RSS before ${mib(rssBefore)} MiB, heap ${mib(heapBefore)} MiB):`,
  );
  let missed = false;
  for (const entry of cases) {
    let report:
      | {
          seminars: number;
          forms: { occasion: string; responses: number; expected: number }[];
          diagnostics: { pairs: number }[];
        }
      | undefined;
    const timing = await timed(async () => {
      report = await api.json('GET', entry.path);
    }, RUNS);
    const met = !entry.target || timing.median <= TARGET_MS;
    missed ||= !met;
    const formsLine = report!.forms.map((form) => `${form.occasion} ${form.responses}/${form.expected}`).join(', ');
    log(
      `  ${entry.name.padEnd(27)} median ${ms(timing.median).padStart(7)} ms  p95 ${ms(timing.p95).padStart(7)} ms  (min ${ms(timing.min)}, max ${ms(timing.max)})  ` +
        `${entry.responses} responses, ${report!.seminars} seminars; ${formsLine}; pairs ${report!.diagnostics.map((d) => d.pairs).join(',')}` +
        `${entry.target ? (met ? `  (target ≤ ${TARGET_MS} ms: met)` : `  (target ≤ ${TARGET_MS} ms: MISSED)`) : ''}`,
    );
    if (!report || report.forms.length === 0) scope.fail(`${entry.name}: empty report`);
  }
  const rssAfter = process.memoryUsage.rss();
  log(
    `  RSS after reports ${mib(rssAfter)} MiB (${rssAfter >= rssBefore ? '+' : ''}${mib(rssAfter - rssBefore)} MiB), heap ${mib(process.memoryUsage().heapUsed)} MiB, ` +
      `maxRSS ${mib(process.resourceUsage().maxRSS * 1024)} MiB` +
      `\nevaluation reports over ${rows.responses} responses: target topic report ≤ ${TARGET_MS} ms ${missed ? 'MISSED' : 'met'}`,
  );

  // BENCH_EXPLAIN=1: each of the topic report's queries (whole period) under EXPLAIN ANALYZE.
  if (process.env.BENCH_EXPLAIN === '1') {
    const where = (alias: string) => `${alias}.topic_id = $1 AND ${alias}.starts_on BETWEEN $2 AND $3`;
    const params = [topicId, '2022-01-01', '2026-12-31'];
    const queries: [string, string, unknown[]][] = [
      [
        'tallies',
        `SELECT occasion, form_id, item_id, facilitator_id, value, sum(count)::int AS count FROM evaluation_tally t WHERE ${where('t')} GROUP BY 1, 2, 3, 4, 5`,
        params,
      ],
      [
        'scoreTallies',
        `SELECT form_id, occasion, sum(respondents)::int AS respondents, sum(percent_sum) AS percent_sum FROM evaluation_score_tally t WHERE ${where('t')} GROUP BY 1, 2`,
        params,
      ],
      [
        'expected',
        `SELECT coalesce(sum(people.count * held.days - missed.days), 0)::int AS daily,
                  coalesce(sum(people.count - missed.throughout) FILTER (WHERE s.end_date <= $4 AND held.days > 0), 0)::int AS final
             FROM seminar s
            CROSS JOIN LATERAL (SELECT count(*) AS days FROM seminar_day d WHERE d.seminar_id = s.id AND d.date <= $4) held
            CROSS JOIN LATERAL (SELECT count(*) FROM enrolment e WHERE e.seminar_id = s.id AND e.status = 'confirmed') people
            CROSS JOIN LATERAL (SELECT coalesce(sum(absent.days), 0) AS days, count(*) FILTER (WHERE absent.days = held.days) AS throughout
                                  FROM (SELECT a.person_id, count(*) AS days FROM attendance_record a
                                          JOIN seminar_day d ON d.id = a.seminar_day_id AND d.seminar_id = s.id AND d.date <= $4
                                          JOIN enrolment e ON e.seminar_id = s.id AND e.person_id = a.person_id AND e.status = 'confirmed'
                                         WHERE a.seminar_id = s.id AND a.status IN ('absent','excused') GROUP BY a.person_id) absent) missed
            WHERE s.topic_id = $1 AND s.start_date BETWEEN $2 AND $3 AND s.status NOT IN ('draft','cancelled') AND s.status <> 'cancelled'`,
        [...params, '2026-11-22'],
      ],
      [
        'comments (one item)',
        `SELECT a.text_value FROM evaluation_answer a WHERE ${where('a')} AND a.occasion = 'daily' AND a.form_id = $4 AND a.item_id = 'comment'
              AND a.text_value IS NOT NULL AND a.text_value <> '' ORDER BY a.starts_on DESC, a.id DESC LIMIT 500`,
        [...params, forms.daily],
      ],
    ];
    log('EXPLAIN (ANALYZE, BUFFERS), topic report whole period:');
    for (const [name, sql, values] of queries) {
      const plan: { 'QUERY PLAN': string }[] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
      const lines = plan.map((row) => row['QUERY PLAN']);
      log(`  ${name.padEnd(18)} ${lines.find((line) => line.startsWith('Execution Time'))}`);
      if (process.env.BENCH_EXPLAIN_PLANS === '1') for (const line of lines) log(`      ${line}`);
    }
  }
});

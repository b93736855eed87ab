/**
 * The volume behind the list benchmark, written with set-based SQL in the shapes the services write:
 * 30 networks, 300 units with referrals, 40 topics, 60 venues, 10,000 people, 1,000 seminars of
 * three days with facilitators and 25 enrolments each, pending release requests, 1,000 cases in the
 * library, matching runs and pins, outbox mail, certificates, and one attendee ("the bench
 * attendee") with enough seminars, enrolments and certificates to fill a page of each /me list.
 */
import { Client } from 'pg';
import { hashPassword } from '../../src/modules/identity/secrets';

export interface ListBenchData {
  /** A seminar with a full page of enrolments, for GET /seminars/{id}/enrolments. */
  seminarId: string;
  attendeeEmail: string;
  attendeePassword: string;
  counts: Record<string, number>;
}

export const BENCH_SIZES = {
  networks: 30,
  unitsPerNetwork: 10,
  topics: 40,
  people: 10_000,
  facilitators: 300,
  managers: 100,
  seminars: 1_000,
  seats: 25,
};

const FIRST_NAMES = [
  'José',
  'María',
  'Juan',
  'Guadalupe',
  'Luis',
  'Ángeles',
  'Carlos',
  'Verónica',
  'Héctor',
  'Sofía',
  'Raúl',
  'Mónica',
  'Andrés',
  'Inés',
  'Óscar',
  'Ximena',
  'Rubén',
  'Lucía',
  'Iván',
  'Elena',
];
const SURNAMES = [
  'Hernández',
  'García',
  'Martínez',
  'López',
  'González',
  'Pérez',
  'Rodríguez',
  'Sánchez',
  'Ramírez',
  'Cruz',
  'Flores',
  'Gómez',
  'Morales',
  'Vázquez',
  'Jiménez',
  'Reyes',
  'Díaz',
  'Torres',
  'Gutiérrez',
  'Ruiz',
  'Mendoza',
  'Aguilar',
  'Ortiz',
  'Castillo',
  'Muñoz',
  'Álvarez',
  'Domínguez',
  'Núñez',
  'Ibáñez',
  'Zúñiga',
];
const TOPIC_AREAS = [
  'ginecología',
  'cardiología',
  'pediatría',
  'endocrinología',
  'nefrología',
  'neumología',
  'psiquiatría',
  'dermatología',
  'geriatría',
  'oncología',
];
const sqlArray = (values: string[]) =>
  `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]::text[]`;

export async function loadListBenchData(databaseUrl: string, log: (line: string) => void): Promise<ListBenchData> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await client.query(sql, params)).rows as T[];
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const started = performance.now();
    await q(sql, params);
    log(`  fill ${name.padEnd(22)} ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s`);
  };
  const S = BENCH_SIZES;
  const attendeeEmail = 'asistente.banco@bench.example';
  const attendeePassword = 'Bench-Attendee-2026';
  try {
    await q('BEGIN');
    await step(
      'networks',
      `INSERT INTO network (name) SELECT 'Red de servicios ' || lpad(g::text, 2, '0') FROM generate_series(1, $1::int) g`,
      [S.networks],
    );
    await q(
      `CREATE TEMP TABLE bench_network AS SELECT (row_number() OVER (ORDER BY name) - 1)::int AS n, id FROM network`,
    );
    // Each network: two hospitals (a second- and a third-level one) and eight health centres that refer to both.
    await step(
      'units',
      `INSERT INTO unit (code, name, level, network_id, address)
       SELECT 'U' || lpad((n.n * $1::int + k)::text, 4, '0'),
              CASE WHEN k = 0 THEN 'Hospital General ' WHEN k = 1 THEN 'Hospital de Especialidades ' ELSE 'Centro de Salud ' END || (n.n * $1::int + k),
              CASE WHEN k = 0 THEN 'secondary' WHEN k = 1 THEN 'tertiary' ELSE 'primary' END, n.id, 'Calle ' || k || ', Xalapa, Ver.'
         FROM bench_network n, generate_series(0, $1::int - 1) k`,
      [S.unitsPerNetwork],
    );
    await q(
      `CREATE TEMP TABLE bench_unit AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, id, network_id, level FROM unit`,
    );
    await q(
      `INSERT INTO unit_referral (unit_id, hospital_id)
       SELECT p.id, h.id FROM bench_unit p JOIN bench_unit h ON h.network_id = p.network_id AND h.level <> 'primary' WHERE p.level = 'primary'`,
    );
    await step(
      'topics',
      `INSERT INTO topic (title, description, learning_objectives, day_count, hours_per_day, credit_hours, default_capacity, minimum_attendees)
       SELECT 'Referencia y contrarreferencia en ' || (${sqlArray(TOPIC_AREAS)})[1 + g % ${TOPIC_AREAS.length}] || ' ' || (g / ${TOPIC_AREAS.length} + 1),
              'Casos clínicos compartidos entre el primer nivel y el hospital.', ARRAY['Reconocer criterios de referencia', 'Acordar la contrarreferencia'],
              3, 8, 24, 30, 8
         FROM generate_series(0, $1::int - 1) g`,
      [S.topics],
    );
    await q(
      `CREATE TEMP TABLE bench_topic AS SELECT (row_number() OVER (ORDER BY title) - 1)::int AS n, id, title FROM topic`,
    );
    await q(
      `INSERT INTO topic_requirement (topic_id, specialty_id, facilitator_count)
       SELECT t.id, s.id, 1 FROM bench_topic t JOIN (SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, id FROM specialty) s ON s.n IN (t.n % 18, (t.n + 7) % 18)`,
    );
    await step(
      'venues',
      `INSERT INTO venue (name, address, network_id, capacity, notes)
       SELECT 'Aula ' || k || ' de la red ' || (n.n + 1), 'Av. Principal ' || (100 + k) || ', Xalapa, Ver.', n.id, 30, '' FROM bench_network n, generate_series(1, 2) k`,
    );
    await q(
      `CREATE TEMP TABLE bench_venue AS SELECT v.id, v.network_id, row_number() OVER (PARTITION BY v.network_id ORDER BY v.name)::int - 1 AS k FROM venue v`,
    );

    // People: facilitators (with a specialty, in the hospitals), managers (of the health centres), attendees.
    await step(
      'people',
      `INSERT INTO person (full_name, email, licence_number, unit_id, specialty_id, roles, locale, created_at)
       SELECT CASE WHEN g <= $2::int THEN 'Dra. ' ELSE '' END || (${sqlArray(FIRST_NAMES)})[1 + g % ${FIRST_NAMES.length}] || ' '
                || (${sqlArray(SURNAMES)})[1 + (g / ${FIRST_NAMES.length}) % ${SURNAMES.length}] || ' '
                || (${sqlArray(SURNAMES)})[1 + (g * 7) % ${SURNAMES.length}] || ' ' || g,
              'persona.' || g || '@bench.example', (40000000 + g)::text,
              u.id,
              CASE WHEN g <= $2::int THEN (SELECT id FROM specialty ORDER BY code OFFSET (g % 18) LIMIT 1) END,
              CASE WHEN g <= $2::int THEN ARRAY['facilitator'] WHEN g <= $2::int + $3::int THEN ARRAY['manager', 'attendee'] ELSE ARRAY['attendee'] END,
              CASE WHEN g % 10 = 0 THEN 'en' ELSE 'es' END, now() - (g || ' minutes')::interval
         FROM generate_series(1, $1::int) g
         JOIN bench_unit u ON u.n = CASE WHEN g <= $2::int THEN (g % ${S.networks}) * ${S.unitsPerNetwork} + g % 2
                                         ELSE (g % ${S.networks}) * ${S.unitsPerNetwork} + 2 + g % (${S.unitsPerNetwork} - 2) END`,
      [S.people, S.facilitators, S.managers],
    );
    await q(
      `CREATE TEMP TABLE bench_facilitator AS SELECT (row_number() OVER (ORDER BY licence_number) - 1)::int AS n, id FROM person WHERE 'facilitator' = ANY(roles)`,
    );
    await q(
      `CREATE TEMP TABLE bench_attendee AS SELECT (row_number() OVER (ORDER BY licence_number) - 1)::int AS n, id, unit_id FROM person WHERE 'attendee' = ANY(roles)`,
    );
    await q(`CREATE UNIQUE INDEX ON bench_facilitator (n); CREATE UNIQUE INDEX ON bench_attendee (n)`);
    const passwordHash = await hashPassword(attendeePassword);
    const [attendee] = await q<{ id: string }>(
      `INSERT INTO person (full_name, email, licence_number, unit_id, roles, locale, password_hash)
       VALUES ('Asistente de Banco Pérez', $1, '49999999', (SELECT id FROM bench_unit WHERE n = 2), ARRAY['attendee'], 'es', $2) RETURNING id`,
      [attendeeEmail, passwordHash],
    );

    // Seminars Monday to Wednesday, five a week for four years around today: past ones closed, later ones open or planned.
    await q(
      `CREATE TEMP TABLE bench_seminar (n int PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), start_date date NOT NULL, status text NOT NULL)`,
    );
    await q(
      `INSERT INTO bench_seminar (n, start_date, status)
       SELECT g, x.start_date,
              CASE WHEN x.start_date < current_date - 7 THEN 'closed' WHEN g % 10 = 0 THEN 'draft' WHEN g % 10 = 1 THEN 'confirmed' ELSE 'open' END
         FROM generate_series(0, $1::int - 1) g, LATERAL (SELECT date_trunc('week', current_date)::date - 7 * ($1::int / 10) + (g / 5) * 7 AS start_date) x`,
      [S.seminars],
    );
    await step(
      'seminars',
      `INSERT INTO seminar (id, topic_id, network_id, venue_id, title, notes, capacity, start_date, end_date, status, opened_at, revision, created_at, updated_at)
       SELECT b.id, t.id, n.id, v.id, t.title, 'Traer casos del primer nivel.', 30, b.start_date, b.start_date + 2, b.status,
              CASE WHEN b.status <> 'draft' THEN b.start_date - 45 END, 2, b.start_date - 60, b.start_date - 30
         FROM bench_seminar b
         JOIN bench_topic t ON t.n = b.n % ${S.topics}
         JOIN bench_network n ON n.n = b.n % ${S.networks}
         JOIN bench_venue v ON v.network_id = n.id AND v.k = b.n % 2`,
    );
    await q(
      `INSERT INTO seminar_day (seminar_id, position, date, start_time, end_time)
       SELECT b.id, k, b.start_date + (k - 1), '08:00', '16:00' FROM bench_seminar b, generate_series(1, 3) k`,
    );
    await step(
      'facilitations',
      `INSERT INTO facilitation (seminar_id, person_id, lead)
       SELECT b.id, f.id, k = 0 FROM bench_seminar b, generate_series(0, 1) k JOIN bench_facilitator f ON true
        WHERE f.n = (b.n * 2 + k * 151) % ${S.facilitators}`,
    );
    // Enrolments: confirmed in seminars held or confirmed; in open ones a mix of invitations,
    // seats waiting for release (accepted), confirmed seats and a waiting line.
    const attendees = S.people - S.facilitators;
    await step(
      'enrolments',
      `INSERT INTO enrolment (seminar_id, person_id, status, source, respond_by, waitlist_position, created_at, updated_at)
       SELECT b.id, a.id, x.status, 'matching', CASE WHEN x.status = 'invited' THEN b.start_date - 7 END,
              CASE WHEN x.status = 'waitlisted' THEN k END, b.start_date - 30, b.start_date - 20
         FROM bench_seminar b, generate_series(0, ${S.seats - 1}) k
         JOIN bench_attendee a ON true,
              LATERAL (SELECT CASE WHEN b.status IN ('closed', 'confirmed') THEN 'confirmed' WHEN b.status = 'draft' THEN 'invited'
                                   WHEN k < 10 THEN 'confirmed' WHEN k < 16 THEN 'accepted' WHEN k < 21 THEN 'invited' ELSE 'waitlisted' END AS status) x
        WHERE a.n = (b.n * ${S.seats} + k) % ${attendees}`,
    );
    await step(
      'release requests',
      `INSERT INTO release_approval (enrolment_id, unit_id, status, requested_on)
       SELECT e.id, a.unit_id, 'pending', s.start_date - 20 FROM enrolment e JOIN bench_attendee a ON a.id = e.person_id JOIN seminar s ON s.id = e.seminar_id
        WHERE e.status = 'accepted'`,
    );
    // The bench attendee: confirmed in 40 seminars spread over the years, so every /me list has a full page.
    await q(
      `INSERT INTO enrolment (seminar_id, person_id, status, source, created_at, updated_at)
       SELECT b.id, $1, 'confirmed', 'matching', b.start_date - 30, b.start_date - 20 FROM bench_seminar b WHERE b.n % 25 = 3`,
      [attendee.id],
    );
    await step(
      'cases',
      `INSERT INTO clinical_case (seminar_id, topic_id, author_id, status, version, title, summary, learning_objectives, discussion_questions, published_at, created_at, updated_at)
       SELECT s.id, s.topic_id, f.person_id, CASE WHEN b.n % 3 = 0 THEN 'published' ELSE 'approved' END, 1 + b.n % 2,
              'Paciente con ' || (${sqlArray(TOPIC_AREAS)})[1 + b.n % ${TOPIC_AREAS.length}] || ' referida tarde, caso ' || b.n,
              'Mujer de 54 años con síntomas de tres meses; se discute cuándo referir y qué estudios pedir antes.',
              ARRAY['Identificar datos de alarma', 'Decidir el nivel de atención'], ARRAY['¿Qué estudio pedir primero?', '¿Cuándo referir?'],
              CASE WHEN b.n % 3 = 0 THEN b.start_date - 10 END, b.start_date - 40, b.start_date - 15 + (b.n % 7)
         FROM bench_seminar b JOIN seminar s ON s.id = b.id JOIN facilitation f ON f.seminar_id = b.id AND f.lead`,
    );
    await q(
      `INSERT INTO case_attachment (case_id, storage_key, display_name, kind, media_type, size_bytes, sha256, extracted_text, uploaded_by_id)
       SELECT c.id, 'cases/' || c.id || '/' || k, 'estudio-' || k || '.pdf', 'pdf', 'application/pdf', 180000 + k, repeat(to_hex(k), 64), '', c.author_id
         FROM clinical_case c, generate_series(1, 2) k WHERE ('x' || substr(c.id::text, 1, 1))::bit(4)::int % 2 = 0 OR k = 1`,
    );
    // Matching runs: each result holds what a run of 25 seminars proposes (about 40 kB of JSON).
    await step(
      'matching runs',
      `INSERT INTO matching_run (status, phase, progress, scope, seminar_ids, settings, result, check_report, created_by_id, created_at, started_at, finished_at)
       SELECT CASE WHEN g % 5 = 0 THEN 'published' WHEN g % 7 = 0 THEN 'failed' ELSE 'succeeded' END, 'done', 100,
              jsonb_build_object('from', '2026-01-05', 'to', '2026-06-29'), ARRAY(SELECT id FROM bench_seminar WHERE n BETWEEN g * 10 AND g * 10 + 24),
              '{}'::jsonb,
              jsonb_build_object('objective', jsonb_build_object('facilitators', 2000000 + g, 'attendees', 150000 + g),
                                 'optimality', jsonb_build_object('facilitators', 'optimal', 'attendees', 'feasible'),
                                 'stats', jsonb_build_object('seated', 600, 'leftOut', 12, 'ms', 740),
                                 'proposals', (SELECT jsonb_agg(jsonb_build_object('seminarId', b.id, 'attendees',
                                                 (SELECT jsonb_agg(jsonb_build_object('personId', a.id, 'reason', 'interest')) FROM bench_attendee a WHERE a.n BETWEEN b.n * 25 AND b.n * 25 + 24)))
                                                 FROM bench_seminar b WHERE b.n BETWEEN g * 10 AND g * 10 + 24)),
              jsonb_build_object('ok', true), NULL, now() - (g || ' days')::interval, now() - (g || ' days')::interval, now() - (g || ' days')::interval
         FROM generate_series(1, 60) g`,
    );
    await q(
      `INSERT INTO matching_pin (person_id, seminar_id, kind, note, created_at)
       SELECT a.id, b.id, CASE WHEN g % 4 = 0 THEN 'forbid' ELSE 'force' END, 'Acordado con la jefatura', now() - (g || ' hours')::interval
         FROM generate_series(0, 499) g JOIN bench_attendee a ON a.n = (g * 13) % ${attendees} JOIN bench_seminar b ON b.n = (g * 7) % ${S.seminars}`,
    );
    await step(
      'outbox',
      `INSERT INTO outbox_mail (recipient, template, locale, subject, body, status, created_at, sent_at)
       SELECT 'persona.' || g || '@bench.example', 'enrolment-invited', 'es', 'Invitación al seminario ' || g,
              repeat('Le invitamos al seminario de referencia y contrarreferencia. ', 12), CASE WHEN g % 3 = 0 THEN 'stored' ELSE 'sent' END,
              now() - (g || ' minutes')::interval, CASE WHEN g % 3 <> 0 THEN now() - (g || ' minutes')::interval END
         FROM generate_series(1, 5000) g`,
    );
    await step(
      'certificates',
      `INSERT INTO certificate (registry_number, year, sequence, kind, seminar_id, person_id, check_code, template, locale, snapshot, hours, pdf_key, pdf_sha256, pdf_size, status_index, issued_at)
       SELECT 'PUENTE-' || extract(year FROM s.end_date) || '-' || lpad(x.seq::text, 6, '0'), extract(year FROM s.end_date), x.seq, 'attendance', s.id, p.id,
              upper(substr(md5(e.id::text), 1, 3) || '-' || substr(md5(e.id::text), 4, 3)), 'default', 'es',
              jsonb_build_object('kind', 'attendance', 'registryNumber', 'PUENTE-' || extract(year FROM s.end_date) || '-' || lpad(x.seq::text, 6, '0'), 'revision', 1,
                                 'checkCode', upper(substr(md5(e.id::text), 1, 3)), 'verificationUrl', 'https://puente.example/verify/' || x.seq,
                                 'holder', jsonb_build_object('name', p.full_name, 'licence', p.licence_number), 'topic', s.title, 'seminarTitle', s.title,
                                 'startDate', s.start_date::text, 'endDate', s.end_date::text, 'place', 'Xalapa, Ver.', 'hours', 24, 'issuedOn', (s.end_date + 3)::text,
                                 'issuer', 'Oficina de Formación', 'signatories', jsonb_build_array(jsonb_build_object('name', 'Dra. Titular', 'role', 'Jefa de la oficina'))),
              24, 'certificates/' || e.id || '.pdf', md5(e.id::text) || md5(e.person_id::text), 120000, x.seq, (s.end_date + 3)::timestamptz
         FROM (SELECT e.id, e.seminar_id, e.person_id, row_number() OVER (ORDER BY e.seminar_id, e.person_id)::int AS seq
                 FROM enrolment e JOIN seminar s ON s.id = e.seminar_id
                WHERE s.status = 'closed' AND e.status = 'confirmed' AND (e.person_id = $1 OR ('x' || substr(e.id::text, 1, 2))::bit(8)::int < 26)) x
         JOIN enrolment e ON e.id = x.id JOIN seminar s ON s.id = x.seminar_id JOIN person p ON p.id = x.person_id`,
      [attendee.id],
    );
    const [{ seminar_id: seminarId }] = await q<{ seminar_id: string }>(
      `SELECT id AS seminar_id FROM bench_seminar WHERE status = 'open' ORDER BY n LIMIT 1`,
    );
    await q('COMMIT');
    // A table the size of these after a while in use: statistics and visibility maps up to date, as autovacuum leaves them.
    await step('VACUUM ANALYZE', 'VACUUM ANALYZE');
    const [counts] = await q<Record<string, number>>(
      `SELECT (SELECT count(*) FROM person)::int AS people, (SELECT count(*) FROM unit)::int AS units, (SELECT count(*) FROM seminar)::int AS seminars,
              (SELECT count(*) FROM enrolment)::int AS enrolments, (SELECT count(*) FROM release_approval)::int AS "release requests",
              (SELECT count(*) FROM clinical_case)::int AS cases, (SELECT count(*) FROM certificate)::int AS certificates,
              (SELECT count(*) FROM certificate WHERE person_id = $1)::int AS "bench attendee's certificates"`,
      [attendee.id],
    );
    return { seminarId, attendeeEmail, attendeePassword, counts };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

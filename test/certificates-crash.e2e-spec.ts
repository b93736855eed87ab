import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createNetwork, createTopic, createVenue, signedInAs, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const ATTENDEES = 240;

/** A job lost for 5 s is taken up again; one certificate per transaction, so a kill lands mid-way. */
const QUEUE_SETTINGS = { JOB_MAINTENANCE_INTERVAL_SECONDS: '1', CERTIFICATE_JOB_EXPIRE_SECONDS: '5', CERTIFICATE_BATCH_SIZE: '1' };

/**
 * A worker process killed (SIGKILL) while issuing a seminar's certificates, and another one started:
 * the job is taken up again and ends with exactly one certificate per eligible person, numbered
 * without gaps.
 */
describe('Certificate issuance survives the death of its worker', () => {
  let t: TestApp;
  let office: SignedIn;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // This process only answers the API; the spawned ones work the jobs. All share the queue settings.
    t = await createTestApp({ JOB_WORKER: 'off', ...QUEUE_SETTINGS });
    office = await signedInAs(t, ['office']);
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await t?.close();
  });

  function worker(): ChildProcess {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: t.database.url,
        PORT: '0',
        LOG_LEVEL: 'silent',
        PUENTE_DATA_DIR: '/tmp/puente-test-data',
        JOB_POLLING_INTERVAL_SECONDS: '0.5',
        ENROLMENT_SWEEP_CRON: '0 0 1 1 *',
        ...QUEUE_SETTINGS,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    return child;
  }

  async function job(id: string): Promise<{ status: string; done: number; total: number | null; attempts: number }> {
    return (await t.http.get(`/api/v1/jobs/${id}`).set(office.auth).expect(200)).body;
  }

  async function until<T>(what: () => Promise<T>, ok: (value: T) => boolean, seconds: number): Promise<T> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const value = await what();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting; last: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('finishes with one certificate per eligible person and no gaps after a kill and a restart', async () => {
    const networkId = (await createNetwork(t)).id;
    const topic = await createTopic(t, { minimumAttendees: 1, defaultCapacity: 300 });
    await t.dataSource.query(`UPDATE topic SET evaluation_required = false WHERE id = $1`, [topic.id]);
    const venue = await createVenue(t, networkId, 300);
    const id = (await t.http.post('/api/v1/seminars').set(office.auth).send({ topicId: topic.id, networkId, venueId: venue.id, startDate: '2031-03-17', capacity: 300 }).expect(201)).body.id;
    // Everyone attended every day.
    await t.dataSource.query(
      `WITH people AS (
         INSERT INTO person (full_name, email, roles, licence_number)
         SELECT 'Médica Núñez ' || n, 'crash-' || n || '@example.org', '{attendee}', (20000000 + n)::text FROM generate_series(1, $2) n RETURNING id
       ), enrolled AS (
         INSERT INTO enrolment (seminar_id, person_id, status, source) SELECT $1, id, 'confirmed', 'office' FROM people RETURNING person_id
       )
       INSERT INTO attendance_record (seminar_id, seminar_day_id, person_id, status, hours_credited)
       SELECT $1, d.id, e.person_id, 'present', 8 FROM enrolled e CROSS JOIN seminar_day d WHERE d.seminar_id = $1`,
      [id, ATTENDEES],
    );
    await t.dataSource.query(`UPDATE seminar SET status = 'completed' WHERE id = $1`, [id]);

    const first = worker();
    const { jobId } = (await t.http.post(`/api/v1/seminars/${id}/certificates/issue`).set(office.auth).expect(202)).body;
    const midway = await until(() => job(jobId), (j) => j.done >= 20, 120);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atKill = await job(jobId);
    expect(midway.total).toBe(ATTENDEES);
    expect(atKill.done).toBeLessThan(ATTENDEES);

    worker();
    const finished = await until(() => job(jobId), (j) => j.status === 'completed', 120);
    expect(finished).toMatchObject({ status: 'completed', total: ATTENDEES, done: ATTENDEES });
    expect(finished.attempts).toBeGreaterThanOrEqual(2);

    const rows = await t.dataSource.query(`SELECT person_id, sequence, pdf_key FROM certificate WHERE seminar_id = $1 ORDER BY sequence`, [id]);
    expect(rows).toHaveLength(ATTENDEES);
    expect(new Set(rows.map((r: { person_id: string }) => r.person_id)).size).toBe(ATTENDEES);
    const [{ first: low, last: high }] = await t.dataSource.query(`SELECT min(sequence) AS first, max(sequence) AS last FROM certificate WHERE seminar_id = $1`, [id]);
    expect(high - low + 1).toBe(ATTENDEES);
    const [counter] = await t.dataSource.query(`SELECT last FROM certificate_counter`);
    expect(counter.last).toBe(high);
  }, 240_000);
});

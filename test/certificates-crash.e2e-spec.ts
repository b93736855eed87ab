import { ISSUANCE_QUEUE } from '../src/modules/certificates/certificate-issuer.service';
import { createNetwork, createTopic, createVenue, signedInAs, type SignedIn } from './support/factories';
import { FAST_LEASES, kill, leaseOf, RECOVERY_BOUND_SECONDS, startWorker, until, type WorkerProcess } from './support/job-workers';
import { createTestApp, type TestApp } from './support/test-app';

const ATTENDEES = 240;

/** One certificate per transaction, so that a kill lands mid-way. */
const SETTINGS = { ...FAST_LEASES, CERTIFICATE_BATCH_SIZE: '1' };

/**
 * A worker process killed (SIGKILL) while issuing a seminar's certificates, beside another one
 * already running: the job is taken up again once the dead worker's lease is stale, and ends with
 * exactly one certificate per eligible person, numbered without gaps.
 */
describe('Certificate issuance survives the death of its worker', () => {
  let t: TestApp;
  let office: SignedIn;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // This process only answers the API; the spawned ones work the jobs.
    t = await createTestApp({ JOB_WORKER: 'off', ...SETTINGS });
    office = await signedInAs(t, ['office']);
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await t?.close();
  });

  async function job(id: string): Promise<{ status: string; done: number; total: number | null; attempts: number; interruptions: number; interruptionReason: string | null }> {
    return (await t.http.get(`/api/v1/jobs/${id}`).set(office.auth).expect(200)).body;
  }

  it('is taken up again soon after the kill and finishes with one certificate per eligible person and no gaps', async () => {
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

    workers.push(...(await Promise.all([startWorker(t.database.url, SETTINGS), startWorker(t.database.url, SETTINGS)])));
    const { jobId } = (await t.http.post(`/api/v1/seminars/${id}/certificates/issue`).set(office.auth).expect(202)).body;
    const midway = await until(() => job(jobId), (j) => j.done >= 20, 120);
    const lease = (await leaseOf(t.dataSource, ISSUANCE_QUEUE))!;
    const holder = workers.find((worker) => worker.workerId === lease.workerId)!;
    const survivor = workers.find((worker) => worker !== holder)!;
    const killedAt = await kill(holder, 'SIGKILL');
    const atKill = await job(jobId);
    expect(midway.total).toBe(ATTENDEES);
    expect(atKill.done).toBeLessThan(ATTENDEES);

    const taken = await until(() => leaseOf(t.dataSource, ISSUANCE_QUEUE), (l) => l?.workerId === survivor.workerId, 60);
    const recoverySeconds = (Date.now() - killedAt) / 1000;
    console.log(`Certificate issuance taken up again ${recoverySeconds.toFixed(1)} s after SIGKILL (bound ${RECOVERY_BOUND_SECONDS} s)`);
    expect(recoverySeconds).toBeLessThanOrEqual(RECOVERY_BOUND_SECONDS);
    expect(taken).toMatchObject({ jobId: lease.jobId, attempt: 2 });
    expect(await job(jobId)).toMatchObject({ attempts: 2, interruptions: 1, interruptionReason: 'worker_lost' });

    const finished = await until(() => job(jobId), (j) => j.status === 'completed', 120);
    expect(finished).toMatchObject({ status: 'completed', total: ATTENDEES, done: ATTENDEES, attempts: 2, interruptions: 1 });
    const logged = `Job ${lease.jobId} (${ISSUANCE_QUEUE})`;
    expect(survivor.messages()).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${logged} lost its worker ${holder.workerId}`),
        expect.stringContaining(`${logged} started: attempt 2 of 4, a retry`),
        expect.stringContaining(`${logged} completed in`),
      ]),
    );

    const rows = await t.dataSource.query(`SELECT person_id, sequence, pdf_key FROM certificate WHERE seminar_id = $1 ORDER BY sequence`, [id]);
    expect(rows).toHaveLength(ATTENDEES);
    expect(new Set(rows.map((r: { person_id: string }) => r.person_id)).size).toBe(ATTENDEES);
    const [{ first: low, last: high }] = await t.dataSource.query(`SELECT min(sequence) AS first, max(sequence) AS last FROM certificate WHERE seminar_id = $1`, [id]);
    expect(high - low + 1).toBe(ATTENDEES);
    const [counter] = await t.dataSource.query(`SELECT last FROM certificate_counter`);
    expect(counter.last).toBe(high);
  }, 240_000);
});

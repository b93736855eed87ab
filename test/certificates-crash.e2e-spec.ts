import { ISSUANCE_QUEUE } from '../src/modules/certificates/certificate-issuer.service';
import type { Person } from '../src/modules/identity/person.entity';
import { createNetwork, createPerson, createSeminar, type SignedIn } from './support/factories';
import {
  FAST_LEASES,
  RECOVERY_BOUND_SECONDS,
  useWorkerProcesses,
  type TakenUp,
  type WorkerProcess,
} from './support/job-workers';
import type { TestApp } from './support/test-app';
import { waitUntil } from './support/wait-until';

const ATTENDEES = 240;

/** One certificate per transaction, so that a kill lands mid-way. */
const SETTINGS = { ...FAST_LEASES, CERTIFICATE_BATCH_SIZE: '1' };

/**
 * Three worker processes issuing a seminar's certificates: the one issuing is shut down (SIGTERM)
 * and hands the job back between two certificates without spending an attempt; the next one is
 * killed (SIGKILL) and the last takes the job up once the dead worker's lease is stale. It ends
 * with exactly one certificate per eligible person, numbered without gaps.
 */
describe('Certificate issuance survives the shutdown and the death of its workers', () => {
  // This process only answers the API; the spawned ones work the jobs.
  const processes = useWorkerProcesses(ISSUANCE_QUEUE, SETTINGS);
  let t: TestApp;
  let office: SignedIn;
  beforeAll(() => ({ t, office } = processes));

  async function job(id: string): Promise<{
    status: string;
    done: number;
    total: number | null;
    attempts: number;
    interruptions: number;
    interruptionReason: string | null;
  }> {
    return (await t.http.get(`/api/v1/jobs/${id}`).set(office.auth).expect(200)).body;
  }

  describe('is handed back on SIGTERM keeping its attempt, taken up again within the lease after a SIGKILL, and finishes with one certificate per eligible person and no gaps', () => {
    /** Each step waits for the workers, on a machine that may be running other test files too. */
    const STEP_TIMEOUT = 240_000;
    let id: string;
    let jobId: string;
    let started: Awaited<ReturnType<typeof job>>;
    let resumed: TakenUp;
    let killed: WorkerProcess;
    let taken: TakenUp;
    /** The last worker standing, which finishes the job. */
    let survivor: WorkerProcess;

    it(
      'issues the certificates of a completed seminar on three worker processes',
      async () => {
        const networkId = (await createNetwork(t)).id;
        const attendees: Person[] = [];
        for (let n = 1; n <= ATTENDEES; n++) {
          attendees.push(
            await createPerson(t, {
              fullName: `Médica Núñez ${n}`,
              email: `crash-${n}@example.org`,
              licenceNumber: String(20_000_000 + n),
              password: null,
            }),
          );
        }
        // Everyone attended every day; the topic asks for no facilitators and no final evaluation, so
        // exactly the attendees are eligible.
        ({ id } = await createSeminar(t, {
          office,
          networkId,
          startDate: '2031-03-17',
          capacity: 300,
          topic: { minimumAttendees: 1, defaultCapacity: 300, evaluationRequired: false, requirements: [] },
          confirmed: attendees,
          everyonePresent: true,
          status: 'completed',
        }));

        await processes.start(3);
        ({ jobId } = (
          await t.http.post(`/api/v1/seminars/${id}/certificates/issue`).set(office.auth).expect(202)
        ).body);

        started = await waitUntil(() => job(jobId), {
          until: (j) => j.done >= 20,
          timeoutMs: 120_000,
          intervalMs: 50,
          description: 'the job to have issued 20 certificates',
        });
        expect(started.total).toBe(ATTENDEES);
      },
      STEP_TIMEOUT,
    );

    it(
      'is handed back between two certificates when its worker is shut down (SIGTERM), keeping its attempt',
      async () => {
        const stopped = await processes.holder();
        resumed = await processes.stop(stopped, 'SIGTERM');
        expect(await stopped.exited).toBe(0);
        console.log(`Certificate issuance taken up again ${resumed.seconds.toFixed(1)} s after SIGTERM`);
        expect(resumed.attempt).toBe(1);
        expect(resumed.seconds).toBeLessThanOrEqual(Number(FAST_LEASES.JOB_POLLING_INTERVAL_SECONDS) + 5);
        expect(await processes.retryCount(resumed.jobId)).toBe(0);
        expect(stopped.messages()).toContainEqual(
          expect.stringContaining(`Job ${resumed.jobId} (${ISSUANCE_QUEUE}) handed back on shutdown`),
        );
      },
      STEP_TIMEOUT,
    );

    it(
      'goes on issuing on another worker, showing the interruption',
      async () => {
        const midway = await waitUntil(() => job(jobId), {
          until: (j) => j.status === 'running' && j.done >= started.done + 20,
          timeoutMs: 120_000,
          intervalMs: 50,
          description: 'the resumed job to have issued 20 more certificates',
        });
        expect(midway).toMatchObject({ attempts: 1, interruptions: 1, interruptionReason: 'worker_stopped' });
      },
      STEP_TIMEOUT,
    );

    it(
      'is taken up again within the lease, as its second attempt, when that worker dies (SIGKILL) mid-way',
      async () => {
        killed = await processes.holder();
        const stopping = processes.stop(killed, 'SIGKILL');
        // Once it is dead, and before another worker takes the job up, the job is not done.
        await killed.exited;
        expect((await job(jobId)).done).toBeLessThan(ATTENDEES);
        ({ by: survivor, ...taken } = await stopping);
        console.log(
          `Certificate issuance taken up again ${taken.seconds.toFixed(1)} s after SIGKILL (bound ${RECOVERY_BOUND_SECONDS} s)`,
        );
        expect(taken.seconds).toBeLessThanOrEqual(RECOVERY_BOUND_SECONDS);
        expect(taken).toMatchObject({ jobId: resumed.jobId, attempt: 2 });
        // The lease is taken in the fetching transaction; the job's row counts the attempt as it starts.
        expect(
          await waitUntil(() => job(jobId), {
            until: (j) => j.attempts === 2,
            timeoutMs: 10_000,
            intervalMs: 50,
            description: 'the job to count its second attempt',
          }),
        ).toMatchObject({ interruptions: 2, interruptionReason: 'worker_lost' });
      },
      STEP_TIMEOUT,
    );

    it(
      'completes on the last worker, which logs the loss, the retry and the completion',
      async () => {
        const finished = await waitUntil(() => job(jobId), {
          until: (j) => j.status === 'completed',
          timeoutMs: 120_000,
          intervalMs: 50,
          description: 'the job to complete',
        });
        expect(finished).toMatchObject({
          status: 'completed',
          total: ATTENDEES,
          done: ATTENDEES,
          attempts: 2,
          interruptions: 2,
        });
        const logged = `Job ${taken.jobId} (${ISSUANCE_QUEUE})`;
        // The queue logs the completion once the handler has returned, a moment after the job's status.
        expect(await survivor.logged(`${logged} completed in`)).toEqual(
          expect.arrayContaining([
            expect.stringContaining(`${logged} lost its worker ${killed.workerId}`),
            expect.stringContaining(`${logged} started: attempt 2 of 4, a retry`),
            expect.stringContaining(`${logged} completed in`),
          ]),
        );
      },
      STEP_TIMEOUT,
    );

    it('leaves exactly one certificate per eligible person, numbered without gaps', async () => {
      const rows = await t.dataSource.query(
        `SELECT person_id, sequence, pdf_key FROM certificate WHERE seminar_id = $1 ORDER BY sequence`,
        [id],
      );
      expect(rows).toHaveLength(ATTENDEES);
      expect(new Set(rows.map((r: { person_id: string }) => r.person_id)).size).toBe(ATTENDEES);
      const [{ first: low, last: high }] = await t.dataSource.query(
        `SELECT min(sequence) AS first, max(sequence) AS last FROM certificate WHERE seminar_id = $1`,
        [id],
      );
      expect(high - low + 1).toBe(ATTENDEES);
      const [counter] = await t.dataSource.query(`SELECT last FROM certificate_counter`);
      expect(counter.last).toBe(high);
    });
  });
});

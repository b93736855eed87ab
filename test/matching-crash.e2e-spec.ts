import { MATCHING_QUEUE } from '../src/modules/matching/matching-runner.service';
import {
  createNetwork,
  createTopic,
  createUnit,
  importPeople,
  importTrainingNeeds,
  importUnits,
  type SignedIn,
} from './support/factories';
import {
  FAST_LEASES,
  RECOVERY_BOUND_SECONDS,
  useWorkerProcesses,
  type TakenUp,
  type WorkerProcess,
} from './support/job-workers';
import type { TestApp } from './support/test-app';
import { waitUntil } from './support/wait-until';

/**
 * With the default search budget (MATCHING_SEARCH_SECONDS, 10) the instance below keeps the engine
 * busy for about 10 s on a 2-core machine: a worker is caught solving, and the search outlasts a
 * lease (4 s) more than twice over.
 */
const SETTINGS = FAST_LEASES;
const UNITS = 150;
const SEMINARS = 60;
/** Monday to Thursday of one week: three-day seminars overlapping, so each unit's daily share binds. */
const START_DATES = ['2031-02-03', '2031-02-04', '2031-02-05', '2031-02-06'];

interface Run {
  status: string;
  phase: string;
  attempts: number;
  interruptions: number;
  interruptedAt: string | null;
  interruptionReason: string | null;
  check?: { ok: boolean };
}

/**
 * Three worker processes and one matching run: the worker solving it is shut down (SIGTERM) and
 * hands it back without spending an attempt; the next one is killed (SIGKILL) while solving, and
 * the last takes the run up once the dead worker's lease is stale, keeps its own lease alive
 * while the engine runs, and finishes it.
 */
describe('A matching run survives the shutdown and the death of its workers', () => {
  // This process only answers the API; the spawned ones work the jobs.
  const processes = useWorkerProcesses(MATCHING_QUEUE, SETTINGS);
  let t: TestApp;
  let office: SignedIn;
  beforeAll(() => ({ t, office } = processes));

  async function run(id: string): Promise<Run> {
    return (await t.http.get(`/api/v1/matching/runs/${id}`).set(office.auth).expect(200)).body;
  }

  /** Seminars of one topic in one week, a hundred health centres of four to fifteen physicians, enough gynaecologists. */
  async function plan(): Promise<string[]> {
    const network = await createNetwork(t);
    const networkId = network.id;
    const hospital = await createUnit(t, networkId, 'secondary');
    const topic = await createTopic(t, { requirements: [{ specialtyCode: 'gynecology_obstetrics', count: 1 }] });
    // What the office would upload: the health centres, their physicians and the gynaecologists, and
    // the training needs the physicians stated.
    const units = Array.from({ length: UNITS }, (_, u) => ({
      code: `MC${u + 1}`,
      name: `Centro de Salud ${u + 1}`,
      level: 'primary' as const,
      network: network.name,
      referralHospitals: [hospital.code],
    }));
    await importUnits(t, office, units);
    const people = units.flatMap((unit, u) =>
      Array.from({ length: 4 + ((u * 7) % 12) }, (_, i) => ({
        unitCode: unit.code,
        key: `${u}-${i}`,
        interest: 1 + ((u + i * 5) % 3),
      })),
    );
    const gynaecologists = Array.from({ length: SEMINARS + 2 }, (_, n) => ({
      fullName: `Dra. Ginecóloga ${n + 1}`,
      email: `gyn-${n + 1}@example.org`,
      roles: ['facilitator' as const],
      unitCode: hospital.code,
      specialtyCode: 'gynecology_obstetrics',
    }));
    await importPeople(t, office, [
      ...people.map((p) => ({
        fullName: `Médica ${p.key}`,
        email: `mc-${p.key}@example.org`,
        roles: ['attendee' as const],
        unitCode: p.unitCode,
      })),
      ...gynaecologists,
    ]);
    await importTrainingNeeds(
      t,
      office,
      people.map((p) => ({ email: `mc-${p.key}@example.org`, topicId: topic.id, interest: p.interest, willing: true })),
    );
    const seminarIds: string[] = [];
    for (let s = 0; s < SEMINARS; s++) {
      const body = { topicId: topic.id, networkId, startDate: START_DATES[s % START_DATES.length], capacity: 25 };
      seminarIds.push((await t.http.post('/api/v1/seminars').set(office.auth).send(body).expect(201)).body.id);
    }
    return seminarIds;
  }

  /** The worker holding the run once it is solving. */
  async function solvingHolder(id: string): Promise<WorkerProcess> {
    await waitUntil(() => run(id), {
      until: (r) => r.status === 'running' && r.phase === 'facilitators_and_attendees',
      timeoutMs: 60_000,
      intervalMs: 50,
      description: `run ${id} to be solving`,
    });
    return processes.holder();
  }

  it('stops cleanly on a SIGTERM that comes while it is still starting, its job worker already running', async () => {
    const [worker] = await processes.start(1);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  describe('hands the run back on SIGTERM keeping its attempt, takes it up again after a SIGKILL within the lease, and finishes it', () => {
    /** Each step waits for the workers, on a machine that may be running other test files too. */
    const STEP_TIMEOUT = 120_000;
    let id: string;
    let killed: WorkerProcess;
    let recovered: TakenUp;
    /** The last worker standing, which finishes the run. */
    let survivor: WorkerProcess;

    it(
      'starts a run of sixty seminars on three worker processes',
      async () => {
        const seminarIds = await plan();
        await processes.start(3);
        ({ id } = (await t.http.post('/api/v1/matching/runs').set(office.auth).send({ seminarIds }).expect(202)).body);
      },
      STEP_TIMEOUT,
    );

    it(
      'hands the run back at once, its attempt kept, when the worker solving it is shut down (SIGTERM)',
      async () => {
        const stopped = await solvingHolder(id);
        const resumed = await processes.stop(stopped, 'SIGTERM');
        expect(await stopped.exited).toBe(0);
        console.log(`Matching run taken up again ${resumed.seconds.toFixed(1)} s after SIGTERM`);
        expect(resumed.attempt).toBe(1);
        expect(resumed.seconds).toBeLessThanOrEqual(Number(FAST_LEASES.JOB_POLLING_INTERVAL_SECONDS) + 5);
        expect(await processes.retryCount(resumed.jobId)).toBe(0);
        expect(await run(id)).toMatchObject({ attempts: 1, interruptions: 1, interruptionReason: 'worker_stopped' });
        expect(stopped.messages()).toContainEqual(
          expect.stringContaining(`Job ${resumed.jobId} (${MATCHING_QUEUE}) handed back on shutdown`),
        );
      },
      STEP_TIMEOUT,
    );

    it(
      'takes it up again once the lease is stale, as the next attempt, when the worker solving it dies (SIGKILL)',
      async () => {
        killed = await solvingHolder(id);
        ({ by: survivor, ...recovered } = await processes.stop(killed, 'SIGKILL'));
        console.log(
          `Matching run taken up again ${recovered.seconds.toFixed(1)} s after SIGKILL (bound ${RECOVERY_BOUND_SECONDS} s)`,
        );
        expect(recovered.attempt).toBe(2);
        expect(recovered.seconds).toBeLessThanOrEqual(RECOVERY_BOUND_SECONDS);
      },
      STEP_TIMEOUT,
    );

    it(
      'renews the last worker’s lease while its engine solves, nobody taking the run from it, and succeeds',
      async () => {
        await solvingHolder(id);
        const beats = new Set<string>();
        const solving = await waitUntil(
          async () => {
            const [lease] = await t.dataSource.query(
              `SELECT worker_id AS "workerId", attempt, heartbeat_at::text AS beat FROM job_lease WHERE job_id = $1`,
              [recovered.jobId],
            );
            const current = await run(id);
            if (current.phase === 'facilitators_and_attendees') {
              expect(lease).toMatchObject({ workerId: survivor.workerId, attempt: 2 });
              beats.add(lease.beat);
            }
            return current;
          },
          {
            until: (current) => current.status !== 'running',
            timeoutMs: 120_000,
            intervalMs: 50,
            description: `run ${id} to finish`,
          },
        );
        const solved = survivor
          .messages()
          .find((line) => line.startsWith(`Matching run ${id} (job ${recovered.jobId}): solved in`));
        console.log(
          `The surviving worker's lease was renewed ${beats.size - 1} times while its engine solved (${solved})`,
        );
        expect(beats.size).toBeGreaterThanOrEqual(3);
        expect(solving).toMatchObject({
          status: 'succeeded',
          attempts: 2,
          interruptions: 2,
          interruptionReason: 'worker_lost',
          check: { ok: true },
        });
      },
      STEP_TIMEOUT,
    );

    it('logs on the last worker the loss, the retry, the loading, the solving and the completion', async () => {
      const logged = `Job ${recovered.jobId} (${MATCHING_QUEUE})`;
      // The queue logs the completion once the handler has returned, a moment after the run's status.
      expect(await survivor.logged(`${logged} completed in`)).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`${logged} lost its worker ${killed.workerId}`),
          expect.stringContaining(`${logged} started: attempt 2 of 3, a retry`),
          expect.stringMatching(
            new RegExp(
              `^Matching run ${id} \\(job ${recovered.jobId}\\): loaded ${SEMINARS} seminars, .* solving \\(attempt 2\\)$`,
            ),
          ),
          expect.stringContaining(`Matching run ${id} (job ${recovered.jobId}): solved in`),
          expect.stringContaining(`${logged} completed in`),
        ]),
      );
    });
  });
});

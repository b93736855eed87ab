import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { JobsService } from '../../infrastructure/jobs/jobs.service';
import { type JobInterruption } from '../../infrastructure/jobs/queue-definition';
import { InvalidInstanceError } from './engine/validate';
import { solveInBackground } from './engine-runner';
import { MatchingInputRepository } from './matching-input.repository';
import { MatchingInputService } from './matching-input.service';
import { MatchingRunRepository } from './matching-run.repository';

export const MATCHING_QUEUE = 'matching-run';

export interface MatchingJob {
  runId: string;
}

/** Retries after a failure or a lost worker; an answer the engine refuses is not retried. */
const RETRY_LIMIT = 2;

/**
 * Works matching runs in the background: reads the seminars and people at one moment, solves,
 * checks the answer independently and keeps all of it with the run.
 */
@Injectable()
export class MatchingRunner implements OnModuleInit {
  private readonly logger = new Logger(MatchingRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly runs: MatchingRunRepository,
    private readonly input: MatchingInputRepository,
    private readonly builder: MatchingInputService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  onModuleInit(): void {
    this.jobs.define<MatchingJob>({
      name: MATCHING_QUEUE,
      retryLimit: RETRY_LIMIT,
      // Derived from MATCHING_SEARCH_SECONDS, so that the longest search ends well before it.
      expireInSeconds: this.config.get('matching').jobExpireSeconds,
      handler: (data, job) => this.execute(data.runId, job.attempt, job.signal, job.id),
      onGiveUp: (data) => this.abandon(data.runId),
      onInterrupted: (manager, data, interruption) => this.interrupted(manager, data.runId, interruption),
    });
  }

  /**
   * Works one attempt at a run. An aborted `signal` (the worker is letting go of the job) stops the
   * engine and leaves the run to whoever hands the job back.
   */
  async execute(runId: string, attempt = 1, signal?: AbortSignal, jobId?: string): Promise<void> {
    const label = `Matching run ${runId}${jobId ? ` (job ${jobId})` : ''}`;
    const started = await this.runs.transition(runId, ['queued', 'running'], {
      status: 'running',
      phase: 'loading',
      progress: 5,
      startedAt: this.clock.now(),
      attempts: attempt,
      error: null,
    });
    if (!started) return;
    try {
      const run = (await this.runs.findSummary(runId))!;
      const { instance, fingerprints } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        const seminars = (await this.input.seminarsInScope({ seminarIds: run.seminarIds }, manager)).filter(
          (s) => s.status === 'draft' || s.status === 'open',
        );
        const fingerprints = await this.input.fingerprints(run.seminarIds, manager);
        if (seminars.length === 0) return { instance: null, fingerprints };
        return { instance: await this.builder.build(manager, seminars, run.settings), fingerprints };
      });
      if (!instance) {
        await this.fail(runId, 'None of the seminars is still in draft or open.');
        return;
      }
      signal?.throwIfAborted();
      await this.runs.update(runId, { phase: 'facilitators_and_attendees', progress: 30, fingerprints });
      this.logger.log(
        `${label}: loaded ${instance.seminars.length} seminars, ${instance.specialists.length} specialists and ${instance.attendees.length} attendees; solving (attempt ${attempt})`,
      );
      const solvingFrom = performance.now();
      const { result, check } = await solveInBackground(instance, signal);
      this.logger.log(
        `${label}: solved in ${((performance.now() - solvingFrom) / 1000).toFixed(1)} s, independent check ${check.ok ? 'passed' : 'failed'}`,
      );
      // Only this attempt may finish the run: a slower duplicate delivery never overwrites a later state.
      const finished = await this.runs.finish(runId, attempt, {
        status: 'succeeded',
        phase: 'done',
        progress: 100,
        instance: instance as never,
        result: result as never,
        checkReport: check as never,
        finishedAt: this.clock.now(),
      });
      if (!finished) this.logger.warn(`${label}: attempt ${attempt} no longer holds the run; its answer is dropped`);
    } catch (error) {
      // The job is being handed back (or already is): the run is the next holder's to change.
      if (signal?.aborted) throw error;
      const invalid =
        error instanceof InvalidInstanceError || (error instanceof Error && error.name === 'InvalidInstanceError');
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      // The engine's refusals name what is wrong with the data; anything else is logged, not shown.
      const shown = invalid
        ? (error as Error).message
        : 'The run failed unexpectedly; the details are in the service log.';
      if (invalid || attempt > RETRY_LIMIT) {
        if (!invalid) this.logger.error(`Matching run ${runId} failed: ${detail}`);
        await this.fail(runId, shown);
        return;
      }
      this.logger.warn(`Matching run ${runId} failed on attempt ${attempt}; it will be retried: ${detail}`);
      await this.runs.update(runId, { status: 'queued', phase: 'waiting', progress: 0, error: shown });
      throw error;
    }
  }

  /**
   * The worker of `interruption.attempt` died or was shut down: the run shows it, and waits queued
   * unless that was its last attempt (then it is abandoned next).
   */
  private async interrupted(manager: EntityManager, runId: string, interruption: JobInterruption): Promise<void> {
    await this.runs.interrupt(
      runId,
      interruption.attempt,
      {
        interruptionReason: interruption.reason,
        interruptedAt: interruption.at,
        ...(interruption.retrying ? { status: 'queued', phase: 'waiting', progress: 0 } : {}),
      },
      manager,
    );
  }

  /** The job used every attempt without finishing (its workers stopped or timed out each time). */
  async abandon(runId: string): Promise<void> {
    await this.fail(runId, `The run did not finish in ${RETRY_LIMIT + 1} attempts; start a new one.`);
  }

  private async fail(runId: string, message: string): Promise<void> {
    this.logger.error(`Matching run ${runId} failed: ${message}`);
    await this.runs.transition(runId, ['queued', 'running'], {
      status: 'failed',
      phase: 'done',
      error: message,
      finishedAt: this.clock.now(),
    });
  }
}

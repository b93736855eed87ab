import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Job leases (which worker holds an active job, renewed by its heartbeat), and on the progress rows
 * people read (`job`, `matching_run`) how often and why a worker let go of the work before finishing.
 */
export class JobLeases1796319379043 implements MigrationInterface {
  name = 'JobLeases1796319379043';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "job_lease" ("job_id" uuid NOT NULL, "queue" character varying(100) NOT NULL, "worker_id" character varying(200) NOT NULL, "attempt" integer NOT NULL, "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "heartbeat_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb29dc6e079410b2b7d7ebd6e8f" PRIMARY KEY ("job_id"))',
    );
    await queryRunner.query('CREATE INDEX "job_lease_worker_idx" ON "job_lease"  ("worker_id") ');
    await queryRunner.query('ALTER TABLE "job" ADD "interruptions" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "job" ADD "interrupted_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "job" ADD "interruption_reason" character varying(16)');
    await queryRunner.query('ALTER TABLE "matching_run" ADD "interruptions" smallint NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "matching_run" ADD "interrupted_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "matching_run" ADD "interruption_reason" character varying(16)');
    await queryRunner.query(
      'ALTER TABLE "job" ADD CONSTRAINT "job_interruption_reason_known" CHECK (interruption_reason IN (\'worker_lost\',\'worker_stopped\'))',
    );
    await queryRunner.query(
      'ALTER TABLE "matching_run" ADD CONSTRAINT "matching_run_interruption_reason_known" CHECK (interruption_reason IN (\'worker_lost\',\'worker_stopped\'))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "matching_run" DROP CONSTRAINT "matching_run_interruption_reason_known"');
    await queryRunner.query('ALTER TABLE "job" DROP CONSTRAINT "job_interruption_reason_known"');
    await queryRunner.query('ALTER TABLE "matching_run" DROP COLUMN "interruption_reason"');
    await queryRunner.query('ALTER TABLE "matching_run" DROP COLUMN "interrupted_at"');
    await queryRunner.query('ALTER TABLE "matching_run" DROP COLUMN "interruptions"');
    await queryRunner.query('ALTER TABLE "job" DROP COLUMN "interruption_reason"');
    await queryRunner.query('ALTER TABLE "job" DROP COLUMN "interrupted_at"');
    await queryRunner.query('ALTER TABLE "job" DROP COLUMN "interruptions"');
    await queryRunner.query('DROP INDEX "public"."job_lease_worker_idx"');
    await queryRunner.query('DROP TABLE "job_lease"');
  }
}

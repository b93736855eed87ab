import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchingRuns1795376804403 implements MigrationInterface {
  name = 'MatchingRuns1795376804403';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "matching_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" character varying(16) NOT NULL DEFAULT \'queued\', "phase" character varying(32) NOT NULL DEFAULT \'waiting\', "progress" smallint NOT NULL DEFAULT \'0\', "scope" jsonb NOT NULL, "seminar_ids" uuid array NOT NULL, "settings" jsonb NOT NULL DEFAULT \'{}\', "fingerprints" jsonb, "instance" jsonb, "result" jsonb, "check_report" jsonb, "error" text, "attempts" smallint NOT NULL DEFAULT \'0\', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "published_by_id" uuid, CONSTRAINT "matching_run_progress_range" CHECK (progress BETWEEN 0 AND 100), CONSTRAINT "matching_run_status_known" CHECK (status IN (\'queued\',\'running\',\'succeeded\',\'failed\',\'published\')), CONSTRAINT "PK_68ac5fd0a1c9dd6f733c94bd4c4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "matching_run_created_by_idx" ON "matching_run"  ("created_by_id") ');
    await queryRunner.query('CREATE INDEX "matching_run_created_at_idx" ON "matching_run"  ("created_at") ');
    await queryRunner.query(
      'CREATE TABLE "matching_pin" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "seminar_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "note" text, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "matching_pin_pair_unique" UNIQUE ("person_id", "seminar_id"), CONSTRAINT "matching_pin_kind_known" CHECK (kind IN (\'force\',\'forbid\')), CONSTRAINT "PK_c1056fc0df3cd66848ba97ceea2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "matching_pin_seminar_idx" ON "matching_pin"  ("seminar_id") ');
    await queryRunner.query(
      'ALTER TABLE "matching_run" ADD CONSTRAINT "FK_430eb0240603da8b1add2013852" FOREIGN KEY ("created_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "matching_run" ADD CONSTRAINT "FK_cfc5dcba321ef0affbc5f699823" FOREIGN KEY ("published_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "matching_pin" ADD CONSTRAINT "FK_cee2a81016563d6da1e8d8c78e3" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "matching_pin" ADD CONSTRAINT "FK_4cc7c1b46630f0f49bf91a91148" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "matching_pin" ADD CONSTRAINT "FK_6858af6369657e9019b69c0b4eb" FOREIGN KEY ("created_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "matching_pin" DROP CONSTRAINT "FK_6858af6369657e9019b69c0b4eb"');
    await queryRunner.query('ALTER TABLE "matching_pin" DROP CONSTRAINT "FK_4cc7c1b46630f0f49bf91a91148"');
    await queryRunner.query('ALTER TABLE "matching_pin" DROP CONSTRAINT "FK_cee2a81016563d6da1e8d8c78e3"');
    await queryRunner.query('ALTER TABLE "matching_run" DROP CONSTRAINT "FK_cfc5dcba321ef0affbc5f699823"');
    await queryRunner.query('ALTER TABLE "matching_run" DROP CONSTRAINT "FK_430eb0240603da8b1add2013852"');
    await queryRunner.query('DROP INDEX "public"."matching_pin_seminar_idx"');
    await queryRunner.query('DROP TABLE "matching_pin"');
    await queryRunner.query('DROP INDEX "public"."matching_run_created_at_idx"');
    await queryRunner.query('DROP INDEX "public"."matching_run_created_by_idx"');
    await queryRunner.query('DROP TABLE "matching_run"');
  }
}

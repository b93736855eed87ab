import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Certificates1795388163972 implements MigrationInterface {
  name = 'Certificates1795388163972';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Positions in the credentials' revocation status lists: unique, gaps allowed.
    await queryRunner.query('CREATE SEQUENCE certificate_status_index_seq MINVALUE 0 START 0');
    await queryRunner.query(
      'CREATE TABLE "job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(40) NOT NULL, "subject_id" uuid, "status" character varying(16) NOT NULL DEFAULT \'queued\', "total" integer, "done" integer NOT NULL DEFAULT \'0\', "failures" integer NOT NULL DEFAULT \'0\', "errors" jsonb NOT NULL DEFAULT \'[]\', "created_by" uuid, "done_at_start" integer NOT NULL DEFAULT \'0\', "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "job_counts_valid" CHECK (done >= 0 AND failures >= 0 AND (total IS NULL OR done + failures <= total)), CONSTRAINT "job_status_known" CHECK (status IN (\'queued\',\'running\',\'completed\',\'failed\')), CONSTRAINT "PK_98ab1c14ff8d1cf80d18703b92f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "job_subject_idx" ON "job"  ("kind", "subject_id") ');
    await queryRunner.query(
      'CREATE TABLE "certificate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "registry_number" character varying(40) NOT NULL, "year" smallint NOT NULL, "sequence" integer NOT NULL, "revision" smallint NOT NULL DEFAULT \'1\', "kind" character varying(16) NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'valid\', "seminar_id" uuid NOT NULL, "person_id" uuid NOT NULL, "check_code" character varying(16) NOT NULL, "template" character varying(40) NOT NULL, "locale" character varying(2) NOT NULL, "snapshot" jsonb NOT NULL, "hours" numeric(6,2) NOT NULL, "pdf_key" character varying(200) NOT NULL, "pdf_sha256" character(64) NOT NULL, "pdf_size" integer NOT NULL, "status_index" integer NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "revocation_reason" text, "superseded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "certificate_number_revision_unique" UNIQUE ("registry_number", "revision"), CONSTRAINT "certificate_sequence_positive" CHECK (sequence > 0 AND revision > 0), CONSTRAINT "certificate_revocation_has_reason" CHECK ((status = \'revoked\') = (revoked_at IS NOT NULL AND revocation_reason IS NOT NULL)), CONSTRAINT "certificate_status_known" CHECK (status IN (\'valid\',\'revoked\',\'superseded\')), CONSTRAINT "certificate_kind_known" CHECK (kind IN (\'attendance\',\'facilitation\')), CONSTRAINT "PK_8daddfc65f59e341c2bbc9c9e43" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "certificate_seminar_idx" ON "certificate"  ("seminar_id") ');
    await queryRunner.query('CREATE INDEX "certificate_person_idx" ON "certificate"  ("person_id") ');
    await queryRunner.query('CREATE INDEX "certificate_year_sequence_idx" ON "certificate"  ("year", "sequence") ');
    await queryRunner.query('CREATE INDEX "certificate_pdf_sha256_idx" ON "certificate"  ("pdf_sha256") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "certificate_status_index_unique" ON "certificate"  ("status_index") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "certificate_one_active" ON "certificate"  ("person_id", "seminar_id", "kind") WHERE status = \'valid\'',
    );
    await queryRunner.query(
      'CREATE TABLE "certificate_counter" ("prefix" character varying(20) NOT NULL, "year" smallint NOT NULL, "last" integer NOT NULL, CONSTRAINT "PK_0ce03bf738dc193a9c7bf6462e7" PRIMARY KEY ("prefix", "year"))',
    );
    await queryRunner.query(
      'CREATE TABLE "verification_failure" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "ip" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_72218512547269e562a2be6b37d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "verification_failure_ip_idx" ON "verification_failure"  ("ip", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "certificate" ADD CONSTRAINT "FK_38e9ecfd3807321d5361ecf2e83" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "certificate" ADD CONSTRAINT "FK_72edceab6e5aa36f58007d24f47" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "certificate" DROP CONSTRAINT "FK_72edceab6e5aa36f58007d24f47"');
    await queryRunner.query('ALTER TABLE "certificate" DROP CONSTRAINT "FK_38e9ecfd3807321d5361ecf2e83"');
    await queryRunner.query('DROP INDEX "public"."verification_failure_ip_idx"');
    await queryRunner.query('DROP TABLE "verification_failure"');
    await queryRunner.query('DROP TABLE "certificate_counter"');
    await queryRunner.query('DROP INDEX "public"."certificate_one_active"');
    await queryRunner.query('DROP INDEX "public"."certificate_status_index_unique"');
    await queryRunner.query('DROP INDEX "public"."certificate_pdf_sha256_idx"');
    await queryRunner.query('DROP INDEX "public"."certificate_year_sequence_idx"');
    await queryRunner.query('DROP INDEX "public"."certificate_person_idx"');
    await queryRunner.query('DROP INDEX "public"."certificate_seminar_idx"');
    await queryRunner.query('DROP TABLE "certificate"');
    await queryRunner.query('DROP INDEX "public"."job_subject_idx"');
    await queryRunner.query('DROP TABLE "job"');
    await queryRunner.query('DROP SEQUENCE certificate_status_index_seq');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AttendanceCheckIn1795387298828 implements MigrationInterface {
  name = 'AttendanceCheckIn1795387298828';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "attendance_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seminar_id" uuid NOT NULL, "seminar_day_id" uuid NOT NULL, "person_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "hours_credited" numeric(4,2) NOT NULL, "checked_in_at" TIMESTAMP WITH TIME ZONE, "check_in_window" bigint, "recorded_by" uuid, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "attendance_record_day_person_unique" UNIQUE ("seminar_day_id", "person_id"), CONSTRAINT "attendance_record_absence_credits_nothing" CHECK (status NOT IN (\'absent\',\'excused\') OR hours_credited = 0), CONSTRAINT "attendance_record_hours_not_negative" CHECK (hours_credited >= 0), CONSTRAINT "attendance_record_status_known" CHECK (status IN (\'present\',\'late\',\'absent\',\'excused\')), CONSTRAINT "PK_c23131acc63826e373019447965" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "attendance_record_person_idx" ON "attendance_record"  ("person_id") ');
    await queryRunner.query(
      'CREATE INDEX "attendance_record_seminar_person_idx" ON "attendance_record"  ("seminar_id", "person_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "check_in_failure" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_eca7b3f948cc2ec8aabe8b48eb7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "check_in_failure_person_idx" ON "check_in_failure"  ("person_id", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "attendance_record" ADD CONSTRAINT "FK_df58f43eac4be3e9226c44fda7f" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attendance_record" ADD CONSTRAINT "FK_c6be458e6bdf6222b987268751a" FOREIGN KEY ("seminar_day_id") REFERENCES "seminar_day"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attendance_record" ADD CONSTRAINT "FK_92564171bd65d059463013c9d0f" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "check_in_failure" ADD CONSTRAINT "FK_11fb30b7b232785ff0c4242fe13" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "check_in_failure" DROP CONSTRAINT "FK_11fb30b7b232785ff0c4242fe13"');
    await queryRunner.query('ALTER TABLE "attendance_record" DROP CONSTRAINT "FK_92564171bd65d059463013c9d0f"');
    await queryRunner.query('ALTER TABLE "attendance_record" DROP CONSTRAINT "FK_c6be458e6bdf6222b987268751a"');
    await queryRunner.query('ALTER TABLE "attendance_record" DROP CONSTRAINT "FK_df58f43eac4be3e9226c44fda7f"');
    await queryRunner.query('DROP INDEX "public"."check_in_failure_person_idx"');
    await queryRunner.query('DROP TABLE "check_in_failure"');
    await queryRunner.query('DROP INDEX "public"."attendance_record_seminar_person_idx"');
    await queryRunner.query('DROP INDEX "public"."attendance_record_person_idx"');
    await queryRunner.query('DROP TABLE "attendance_record"');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AttendanceMissedIndex1795389197261 implements MigrationInterface {
  name = 'AttendanceMissedIndex1795389197261';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "attendance_record_missed_idx" ON "attendance_record"  ("seminar_id", "person_id") WHERE status IN (\'absent\',\'excused\')',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."attendance_record_missed_idx"');
  }
}

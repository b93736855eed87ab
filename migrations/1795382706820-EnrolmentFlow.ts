import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EnrolmentFlow1795382706820 implements MigrationInterface {
  name = 'EnrolmentFlow1795382706820';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "release_approval" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrolment_id" uuid NOT NULL, "unit_id" uuid, "status" character varying(10) NOT NULL, "requested_on" date NOT NULL, "reason" text, "decided_by_id" uuid, "on_behalf" boolean NOT NULL DEFAULT false, "decided_at" TIMESTAMP WITH TIME ZONE, "reminded_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "release_approval_refusal_has_reason" CHECK (status <> \'refused\' OR reason IS NOT NULL), CONSTRAINT "release_approval_status_known" CHECK (status IN (\'pending\',\'approved\',\'refused\',\'cancelled\')), CONSTRAINT "PK_635ee7816d7ff7d91f04232e017" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "release_approval_unit_status_idx" ON "release_approval"  ("unit_id", "status") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "release_approval_one_pending" ON "release_approval"  ("enrolment_id") WHERE status = \'pending\'',
    );
    await queryRunner.query('ALTER TABLE "topic" ADD "allow_self_requests" boolean NOT NULL DEFAULT false');
    await queryRunner.query('ALTER TABLE "enrolment" ADD "source" character varying(12) NOT NULL DEFAULT \'office\'');
    await queryRunner.query('ALTER TABLE "enrolment" ADD "respond_by" date');
    await queryRunner.query('ALTER TABLE "enrolment" ADD "waitlist_position" bigint');
    await queryRunner.query('ALTER TABLE "enrolment" ADD "promoted_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "enrolment" ADD "reason" text');
    await queryRunner.query('ALTER TABLE "enrolment" ADD "ended_by" character varying(16)');
    // Invitations written before deadlines existed get the default three days from now.
    await queryRunner.query(
      'UPDATE "enrolment" SET "respond_by" = current_date + 3 WHERE status = \'invited\' AND respond_by IS NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_invitation_has_deadline" CHECK (status <> \'invited\' OR respond_by IS NOT NULL)',
    );
    await queryRunner.query(
      'ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_waitlist_has_position" CHECK (status <> \'waitlisted\' OR waitlist_position IS NOT NULL)',
    );
    await queryRunner.query(
      "ALTER TABLE \"enrolment\" ADD CONSTRAINT \"enrolment_ending_known\" CHECK (ended_by IS NULL OR ended_by IN ('attendee','office','lapsed','release_refused'))",
    );
    await queryRunner.query(
      "ALTER TABLE \"enrolment\" ADD CONSTRAINT \"enrolment_source_known\" CHECK (source IN ('matching','office','request'))",
    );
    await queryRunner.query(
      'ALTER TABLE "release_approval" ADD CONSTRAINT "FK_54681fdb1ccec30fcc07e722a93" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // The waiting line's order: positions are taken while the seminar row is locked, so they follow commit order.
    await queryRunner.query('CREATE SEQUENCE "enrolment_waitlist_seq"');
    await queryRunner.query(
      `CREATE INDEX "enrolment_waitlist_idx" ON "enrolment"  ("seminar_id", "waitlist_position") WHERE status = 'waitlisted'`,
    );
    await queryRunner.query(
      `CREATE INDEX "release_approval_pending_idx" ON "release_approval"  ("requested_on") WHERE status = 'pending'`,
    );
    // Seats held (accepted, released, confirmed) never exceed the seminar's capacity, whatever writes
    // the enrolment: the check locks the seminar row, so concurrent writers are counted one by one.
    await queryRunner.query(`
      CREATE FUNCTION enrolment_within_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        seats integer;
        held integer;
      BEGIN
        SELECT capacity INTO seats FROM seminar WHERE id = NEW.seminar_id FOR UPDATE;
        SELECT count(*) INTO held FROM enrolment
         WHERE seminar_id = NEW.seminar_id AND status IN ('accepted', 'released', 'confirmed');
        IF held > seats THEN
          RAISE EXCEPTION 'seminar % would hold % seats of %', NEW.seminar_id, held, seats
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enrolment_within_capacity';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER enrolment_within_capacity AFTER INSERT OR UPDATE OF status ON enrolment
      FOR EACH ROW WHEN (NEW.status IN ('accepted', 'released', 'confirmed'))
      EXECUTE FUNCTION enrolment_within_capacity()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER enrolment_within_capacity ON enrolment');
    await queryRunner.query('DROP FUNCTION enrolment_within_capacity()');
    await queryRunner.query('DROP INDEX "public"."release_approval_pending_idx"');
    await queryRunner.query('DROP INDEX "public"."enrolment_waitlist_idx"');
    await queryRunner.query('DROP SEQUENCE "enrolment_waitlist_seq"');
    await queryRunner.query('ALTER TABLE "release_approval" DROP CONSTRAINT "FK_54681fdb1ccec30fcc07e722a93"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP CONSTRAINT "enrolment_source_known"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP CONSTRAINT "enrolment_ending_known"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP CONSTRAINT "enrolment_waitlist_has_position"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP CONSTRAINT "enrolment_invitation_has_deadline"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP COLUMN "ended_by"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP COLUMN "reason"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP COLUMN "promoted_at"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP COLUMN "waitlist_position"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP COLUMN "respond_by"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP COLUMN "source"');
    await queryRunner.query('ALTER TABLE "topic" DROP COLUMN "allow_self_requests"');
    await queryRunner.query('DROP INDEX "public"."release_approval_one_pending"');
    await queryRunner.query('DROP INDEX "public"."release_approval_unit_status_idx"');
    await queryRunner.query('DROP TABLE "release_approval"');
  }
}

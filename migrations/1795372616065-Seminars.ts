import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Seminars1795372616065 implements MigrationInterface {
  name = 'Seminars1795372616065';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "topic" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT \'\', "learning_objectives" text array NOT NULL DEFAULT \'{}\', "day_count" smallint NOT NULL DEFAULT \'3\', "hours_per_day" smallint NOT NULL DEFAULT \'8\', "credit_hours" smallint NOT NULL, "default_capacity" smallint NOT NULL DEFAULT \'25\', "minimum_attendees" smallint NOT NULL DEFAULT \'8\', "min_attendance_percent" smallint NOT NULL DEFAULT \'100\', "evaluation_required" boolean NOT NULL DEFAULT true, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "topic_min_attendance_range" CHECK (min_attendance_percent BETWEEN 1 AND 100), CONSTRAINT "topic_minimum_attendees_range" CHECK (minimum_attendees BETWEEN 1 AND default_capacity), CONSTRAINT "topic_capacity_range" CHECK (default_capacity BETWEEN 1 AND 500), CONSTRAINT "topic_credit_hours_range" CHECK (credit_hours BETWEEN 1 AND 200), CONSTRAINT "topic_hours_per_day_range" CHECK (hours_per_day BETWEEN 1 AND 12), CONSTRAINT "topic_day_count_range" CHECK (day_count BETWEEN 1 AND 10), CONSTRAINT "PK_33aa4ecb4e4f20aa0157ea7ef61" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "topic_title_unique" ON "topic"  ("title") ');
    await queryRunner.query(
      'CREATE TABLE "topic_requirement" ("topic_id" uuid NOT NULL, "specialty_id" uuid NOT NULL, "facilitator_count" smallint NOT NULL, CONSTRAINT "topic_requirement_count_range" CHECK (facilitator_count BETWEEN 1 AND 20), CONSTRAINT "PK_a1c2cf4d25d7f594b6f20533bb6" PRIMARY KEY ("topic_id", "specialty_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "enrolment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seminar_id" uuid NOT NULL, "person_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "enrolment_status_known" CHECK (status IN (\'invited\',\'accepted\',\'released\',\'confirmed\',\'waitlisted\',\'declined\',\'withdrawn\')), CONSTRAINT "PK_5d2679f6c891d77c58aa0e05f2b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "enrolment_person_idx" ON "enrolment"  ("person_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "enrolment_person_unique" ON "enrolment"  ("seminar_id", "person_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "holiday" ("date" date NOT NULL, "name" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_89b26e4ed3db8895b86c8df55e8" PRIMARY KEY ("date"))',
    );
    await queryRunner.query(
      'CREATE TABLE "venue" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "address" character varying(300) NOT NULL DEFAULT \'\', "network_id" uuid NOT NULL, "capacity" integer NOT NULL, "notes" text NOT NULL DEFAULT \'\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "venue_capacity_positive" CHECK (capacity BETWEEN 1 AND 2000), CONSTRAINT "PK_c53deb6d1bcb088f9d459e7dbc0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "venue_name_unique" ON "venue"  ("network_id", "name") ');
    await queryRunner.query(
      'CREATE TABLE "seminar" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "topic_id" uuid NOT NULL, "network_id" uuid NOT NULL, "venue_id" uuid, "title" character varying(200) NOT NULL, "notes" text NOT NULL DEFAULT \'\', "capacity" integer NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'draft\', "opened_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "revision" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "seminar_cancellation_has_reason" CHECK ((status = \'cancelled\') = (cancellation_reason IS NOT NULL)), CONSTRAINT "seminar_capacity_positive" CHECK (capacity >= 1), CONSTRAINT "seminar_dates_ordered" CHECK (start_date <= end_date), CONSTRAINT "seminar_status_known" CHECK (status IN (\'draft\',\'open\',\'confirmed\',\'in_progress\',\'completed\',\'closed\',\'cancelled\')), CONSTRAINT "PK_73dcbc986401c772630a6c5d552" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "seminar_topic_idx" ON "seminar"  ("topic_id") ');
    await queryRunner.query('CREATE INDEX "seminar_network_idx" ON "seminar"  ("network_id") ');
    await queryRunner.query('CREATE INDEX "seminar_venue_idx" ON "seminar"  ("venue_id") ');
    await queryRunner.query('CREATE INDEX "seminar_start_date_idx" ON "seminar"  ("start_date") ');
    await queryRunner.query(
      'CREATE TABLE "seminar_day" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seminar_id" uuid NOT NULL, "position" smallint NOT NULL, "date" date NOT NULL, "start_time" TIME NOT NULL, "end_time" TIME NOT NULL, "agenda_version" integer NOT NULL DEFAULT \'0\', CONSTRAINT "seminar_day_date_unique" UNIQUE ("seminar_id", "date") DEFERRABLE INITIALLY IMMEDIATE, CONSTRAINT "seminar_day_hours_ordered" CHECK (start_time < end_time), CONSTRAINT "PK_74e18683ba07727b5e1d990e22b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "seminar_day_date_idx" ON "seminar_day"  ("date") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "seminar_day_position_unique" ON "seminar_day"  ("seminar_id", "position") ',
    );
    await queryRunner.query(
      'CREATE TABLE "agenda_block" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seminar_day_id" uuid NOT NULL, "position" smallint NOT NULL, "kind" character varying(24) NOT NULL, "start_time" TIME NOT NULL, "end_time" TIME NOT NULL, "title" character varying(200) NOT NULL, "responsible_id" uuid, CONSTRAINT "agenda_block_times_ordered" CHECK (start_time < end_time), CONSTRAINT "agenda_block_kind_known" CHECK (kind IN (\'case_discussion\',\'workshop\',\'lecture\',\'break\',\'plenary\')), CONSTRAINT "PK_a9cb808098ba3717dc96ae87294" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "agenda_block_responsible_idx" ON "agenda_block"  ("responsible_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "agenda_block_position_unique" ON "agenda_block"  ("seminar_day_id", "position") ',
    );
    await queryRunner.query(
      'CREATE TABLE "facilitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seminar_id" uuid NOT NULL, "person_id" uuid NOT NULL, "lead" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0828e140cdba934ea7aa8b0663d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "facilitation_person_idx" ON "facilitation"  ("person_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "facilitation_one_lead" ON "facilitation"  ("seminar_id") WHERE lead');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "facilitation_person_unique" ON "facilitation"  ("seminar_id", "person_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "seminar_schedule_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seminar_id" uuid NOT NULL, "previous_dates" date array NOT NULL, "new_dates" date array NOT NULL, "previous_venue_id" uuid, "new_venue_id" uuid, "reason" text NOT NULL, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_06efaa8d9a7a6e5511c30ed557f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "seminar_schedule_change_seminar_idx" ON "seminar_schedule_change"  ("seminar_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "calendar_feed" ("person_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6f1e687ddc5e27d066c00af5478" PRIMARY KEY ("person_id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "calendar_feed_token_unique" ON "calendar_feed"  ("token_hash") ');
    await queryRunner.query(
      'ALTER TABLE "topic_requirement" ADD CONSTRAINT "FK_1894980f3dec2491031c974fc4e" FOREIGN KEY ("topic_id") REFERENCES "topic"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "topic_requirement" ADD CONSTRAINT "FK_30a87a3475267a16f9e0fbe0bb5" FOREIGN KEY ("specialty_id") REFERENCES "specialty"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "enrolment" ADD CONSTRAINT "FK_42a3e394dee57bfd87cb2aa39cf" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "enrolment" ADD CONSTRAINT "FK_5f4c05a01b54151e3b3a62afd56" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "venue" ADD CONSTRAINT "FK_cc6092864fac3a37af8a97c140f" FOREIGN KEY ("network_id") REFERENCES "network"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "seminar" ADD CONSTRAINT "FK_a781ff8f7eac12e060b92ccaf84" FOREIGN KEY ("topic_id") REFERENCES "topic"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "seminar" ADD CONSTRAINT "FK_2dd506e435008aba5d32f12ff7c" FOREIGN KEY ("network_id") REFERENCES "network"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "seminar" ADD CONSTRAINT "FK_44a02578350a150e8b5b79bb5d0" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "seminar_day" ADD CONSTRAINT "FK_d05c1415a0dd2a28522d463cbf3" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "agenda_block" ADD CONSTRAINT "FK_08623fe981fc4183344637eaa20" FOREIGN KEY ("seminar_day_id") REFERENCES "seminar_day"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "agenda_block" ADD CONSTRAINT "FK_9f7c72bf9da3c3506af569c79d1" FOREIGN KEY ("responsible_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "facilitation" ADD CONSTRAINT "FK_26b468ffaae4e7af928236ae1f0" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "facilitation" ADD CONSTRAINT "FK_814427c2cc855b109e8967f953f" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "seminar_schedule_change" ADD CONSTRAINT "FK_d6358ec4dd4d279329607ce65ee" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "calendar_feed" ADD CONSTRAINT "FK_6f1e687ddc5e27d066c00af5478" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_6f1e687ddc5e27d066c00af5478"');
    await queryRunner.query('ALTER TABLE "seminar_schedule_change" DROP CONSTRAINT "FK_d6358ec4dd4d279329607ce65ee"');
    await queryRunner.query('ALTER TABLE "facilitation" DROP CONSTRAINT "FK_814427c2cc855b109e8967f953f"');
    await queryRunner.query('ALTER TABLE "facilitation" DROP CONSTRAINT "FK_26b468ffaae4e7af928236ae1f0"');
    await queryRunner.query('ALTER TABLE "agenda_block" DROP CONSTRAINT "FK_9f7c72bf9da3c3506af569c79d1"');
    await queryRunner.query('ALTER TABLE "agenda_block" DROP CONSTRAINT "FK_08623fe981fc4183344637eaa20"');
    await queryRunner.query('ALTER TABLE "seminar_day" DROP CONSTRAINT "FK_d05c1415a0dd2a28522d463cbf3"');
    await queryRunner.query('ALTER TABLE "seminar" DROP CONSTRAINT "FK_44a02578350a150e8b5b79bb5d0"');
    await queryRunner.query('ALTER TABLE "seminar" DROP CONSTRAINT "FK_2dd506e435008aba5d32f12ff7c"');
    await queryRunner.query('ALTER TABLE "seminar" DROP CONSTRAINT "FK_a781ff8f7eac12e060b92ccaf84"');
    await queryRunner.query('ALTER TABLE "venue" DROP CONSTRAINT "FK_cc6092864fac3a37af8a97c140f"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP CONSTRAINT "FK_5f4c05a01b54151e3b3a62afd56"');
    await queryRunner.query('ALTER TABLE "enrolment" DROP CONSTRAINT "FK_42a3e394dee57bfd87cb2aa39cf"');
    await queryRunner.query('ALTER TABLE "topic_requirement" DROP CONSTRAINT "FK_30a87a3475267a16f9e0fbe0bb5"');
    await queryRunner.query('ALTER TABLE "topic_requirement" DROP CONSTRAINT "FK_1894980f3dec2491031c974fc4e"');
    await queryRunner.query('DROP INDEX "public"."calendar_feed_token_unique"');
    await queryRunner.query('DROP TABLE "calendar_feed"');
    await queryRunner.query('DROP INDEX "public"."seminar_schedule_change_seminar_idx"');
    await queryRunner.query('DROP TABLE "seminar_schedule_change"');
    await queryRunner.query('DROP INDEX "public"."facilitation_person_unique"');
    await queryRunner.query('DROP INDEX "public"."facilitation_one_lead"');
    await queryRunner.query('DROP INDEX "public"."facilitation_person_idx"');
    await queryRunner.query('DROP TABLE "facilitation"');
    await queryRunner.query('DROP INDEX "public"."agenda_block_position_unique"');
    await queryRunner.query('DROP INDEX "public"."agenda_block_responsible_idx"');
    await queryRunner.query('DROP TABLE "agenda_block"');
    await queryRunner.query('DROP INDEX "public"."seminar_day_position_unique"');
    await queryRunner.query('DROP INDEX "public"."seminar_day_date_idx"');
    await queryRunner.query('DROP TABLE "seminar_day"');
    await queryRunner.query('DROP INDEX "public"."seminar_start_date_idx"');
    await queryRunner.query('DROP INDEX "public"."seminar_venue_idx"');
    await queryRunner.query('DROP INDEX "public"."seminar_network_idx"');
    await queryRunner.query('DROP INDEX "public"."seminar_topic_idx"');
    await queryRunner.query('DROP TABLE "seminar"');
    await queryRunner.query('DROP INDEX "public"."venue_name_unique"');
    await queryRunner.query('DROP TABLE "venue"');
    await queryRunner.query('DROP TABLE "holiday"');
    await queryRunner.query('DROP INDEX "public"."enrolment_person_unique"');
    await queryRunner.query('DROP INDEX "public"."enrolment_person_idx"');
    await queryRunner.query('DROP TABLE "enrolment"');
    await queryRunner.query('DROP TABLE "topic_requirement"');
    await queryRunner.query('DROP INDEX "public"."topic_title_unique"');
    await queryRunner.query('DROP TABLE "topic"');
  }
}

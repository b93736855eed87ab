import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrainingNeeds1795373642082 implements MigrationInterface {
  name = 'TrainingNeeds1795373642082';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "unavailability" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "from_date" date NOT NULL, "to_date" date NOT NULL, "reason" character varying(200), CONSTRAINT "unavailability_dates_ordered" CHECK (from_date <= to_date), CONSTRAINT "PK_176e6b52ee1b44acea3b66e8aac" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "unavailability_person_idx" ON "unavailability"  ("person_id", "from_date") ',
    );
    await queryRunner.query(
      'CREATE TABLE "training_need_profile" ("person_id" uuid NOT NULL, "willing_to_attend" boolean NOT NULL, "wish" character varying(1000), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by_id" uuid, CONSTRAINT "PK_da281cad9036d919d16910312eb" PRIMARY KEY ("person_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "training_need" ("person_id" uuid NOT NULL, "topic_id" uuid NOT NULL, "interest" smallint NOT NULL, "trained_before" boolean NOT NULL DEFAULT false, CONSTRAINT "training_need_interest_range" CHECK (interest BETWEEN 0 AND 3), CONSTRAINT "PK_bd13a8bf074bda4269a9f437f50" PRIMARY KEY ("person_id", "topic_id"))',
    );
    await queryRunner.query('CREATE INDEX "training_need_topic_idx" ON "training_need"  ("topic_id") ');
    await queryRunner.query(
      'ALTER TABLE "unavailability" ADD CONSTRAINT "FK_7b555297b6f5a0caeccd636588a" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "training_need_profile" ADD CONSTRAINT "FK_da281cad9036d919d16910312eb" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "training_need_profile" ADD CONSTRAINT "FK_99ce21da4f1c3e9a9dc9c962647" FOREIGN KEY ("updated_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "training_need" ADD CONSTRAINT "FK_a30da0921bac7e8ae3615eb39c4" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "training_need" ADD CONSTRAINT "FK_6f13c9c17a50aa451b92b3466e9" FOREIGN KEY ("topic_id") REFERENCES "topic"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "training_need" DROP CONSTRAINT "FK_6f13c9c17a50aa451b92b3466e9"');
    await queryRunner.query('ALTER TABLE "training_need" DROP CONSTRAINT "FK_a30da0921bac7e8ae3615eb39c4"');
    await queryRunner.query('ALTER TABLE "training_need_profile" DROP CONSTRAINT "FK_99ce21da4f1c3e9a9dc9c962647"');
    await queryRunner.query('ALTER TABLE "training_need_profile" DROP CONSTRAINT "FK_da281cad9036d919d16910312eb"');
    await queryRunner.query('ALTER TABLE "unavailability" DROP CONSTRAINT "FK_7b555297b6f5a0caeccd636588a"');
    await queryRunner.query('DROP INDEX "public"."training_need_topic_idx"');
    await queryRunner.query('DROP TABLE "training_need"');
    await queryRunner.query('DROP TABLE "training_need_profile"');
    await queryRunner.query('DROP INDEX "public"."unavailability_person_idx"');
    await queryRunner.query('DROP TABLE "unavailability"');
  }
}

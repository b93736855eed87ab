import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets a process generates when none is configured (outside production), kept where every
 * process on the database finds them: the first one to start stores its own, the rest adopt it.
 */
export class GeneratedSecrets1795400000000 implements MigrationInterface {
  name = 'GeneratedSecrets1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "generated_secret" ("name" text NOT NULL, "value" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_generated_secret" PRIMARY KEY ("name"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "generated_secret"');
  }
}

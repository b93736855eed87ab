import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClinicalCases1795385719993 implements MigrationInterface {
  name = 'ClinicalCases1795385719993';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "clinical_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seminar_id" uuid NOT NULL, "topic_id" uuid NOT NULL, "author_id" uuid NOT NULL, "status" character varying(20) NOT NULL, "version" integer NOT NULL DEFAULT \'1\', "title" character varying(200) NOT NULL, "summary" text NOT NULL, "learning_objectives" text array NOT NULL DEFAULT \'{}\', "discussion_questions" text array NOT NULL DEFAULT \'{}\', "specialty_id" uuid, "agenda_block_id" uuid, "source_case_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "clinical_case_status_known" CHECK (status IN (\'draft\',\'submitted\',\'approved\',\'changes_requested\',\'published\')), CONSTRAINT "PK_482d2093bc66bf373d548880bed" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "clinical_case_seminar_idx" ON "clinical_case"  ("seminar_id") ');
    await queryRunner.query('CREATE INDEX "clinical_case_topic_idx" ON "clinical_case"  ("topic_id") ');
    await queryRunner.query(
      'CREATE TABLE "case_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "version" integer NOT NULL, "status" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "summary" text NOT NULL, "learning_objectives" text array NOT NULL, "discussion_questions" text array NOT NULL, "specialty_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_version_unique" UNIQUE ("case_id", "version"), CONSTRAINT "PK_9a78a7823c9557f55c173e8a901" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "case_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "version" integer NOT NULL, "reviewer_id" uuid NOT NULL, "decision" character varying(20) NOT NULL, "comment" text NOT NULL DEFAULT \'\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_review_decision_known" CHECK (decision IN (\'approved\',\'changes_requested\')), CONSTRAINT "PK_413b3833522b8e3437eb304b16f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "case_review_case_idx" ON "case_review"  ("case_id") ');
    await queryRunner.query(
      'CREATE TABLE "case_finding_waiver" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "field" character varying(120) NOT NULL, "kind" character varying(20) NOT NULL, "fingerprint" character(64) NOT NULL, "reason" character varying(500) NOT NULL, "confirmed_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_finding_waiver_unique" UNIQUE ("case_id", "field", "fingerprint"), CONSTRAINT "PK_c384ffed3b05a67b5cd7ff4381c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "case_attachment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "storage_key" character varying(200) NOT NULL, "display_name" character varying(200) NOT NULL, "kind" character varying(10) NOT NULL, "media_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "extracted_text" text NOT NULL DEFAULT \'\', "uploaded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_attachment_kind_known" CHECK (kind IN (\'pdf\',\'png\',\'jpeg\',\'docx\')), CONSTRAINT "PK_986ce92847042b75efad5e39601" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "case_attachment_case_idx" ON "case_attachment"  ("case_id") ');
    await queryRunner.query(
      'ALTER TABLE "clinical_case" ADD CONSTRAINT "FK_0d0ce9c1b0cd928c9b8fba34350" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "clinical_case" ADD CONSTRAINT "FK_c3cdb2453f6efe515f9960e49db" FOREIGN KEY ("author_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_version" ADD CONSTRAINT "FK_aa3205dc849f9d051be85adf3ce" FOREIGN KEY ("case_id") REFERENCES "clinical_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_review" ADD CONSTRAINT "FK_11b2e6ce73d5a05a0e82f07898c" FOREIGN KEY ("case_id") REFERENCES "clinical_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_finding_waiver" ADD CONSTRAINT "FK_b8c155445b25e1e5d5236032ad1" FOREIGN KEY ("case_id") REFERENCES "clinical_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_attachment" ADD CONSTRAINT "FK_3bc9a1faa22979a4bad5386ba67" FOREIGN KEY ("case_id") REFERENCES "clinical_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Search that ignores accents ("cardiopatia" finds "cardiopatía") in both languages.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await queryRunner.query('CREATE TEXT SEARCH CONFIGURATION puente_es (COPY = spanish)');
    await queryRunner.query(
      'ALTER TEXT SEARCH CONFIGURATION puente_es ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem',
    );
    await queryRunner.query('CREATE TEXT SEARCH CONFIGURATION puente_en (COPY = english)');
    await queryRunner.query(
      'ALTER TEXT SEARCH CONFIGURATION puente_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem',
    );
    await queryRunner.query(`CREATE FUNCTION case_search_text(title text, summary text, objectives text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || array_to_string(objectives, ' ') $$`);
    await queryRunner.query(
      `CREATE INDEX clinical_case_search_es ON clinical_case USING gin (to_tsvector('puente_es'::regconfig, case_search_text(title, summary, learning_objectives)))`,
    );
    await queryRunner.query(
      `CREATE INDEX clinical_case_search_en ON clinical_case USING gin (to_tsvector('puente_en'::regconfig, case_search_text(title, summary, learning_objectives)))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX clinical_case_search_en');
    await queryRunner.query('DROP INDEX clinical_case_search_es');
    await queryRunner.query('DROP FUNCTION case_search_text(text, text, text[])');
    await queryRunner.query('DROP TEXT SEARCH CONFIGURATION puente_en');
    await queryRunner.query('DROP TEXT SEARCH CONFIGURATION puente_es');
    await queryRunner.query('ALTER TABLE "case_attachment" DROP CONSTRAINT "FK_3bc9a1faa22979a4bad5386ba67"');
    await queryRunner.query('ALTER TABLE "case_finding_waiver" DROP CONSTRAINT "FK_b8c155445b25e1e5d5236032ad1"');
    await queryRunner.query('ALTER TABLE "case_review" DROP CONSTRAINT "FK_11b2e6ce73d5a05a0e82f07898c"');
    await queryRunner.query('ALTER TABLE "case_version" DROP CONSTRAINT "FK_aa3205dc849f9d051be85adf3ce"');
    await queryRunner.query('ALTER TABLE "clinical_case" DROP CONSTRAINT "FK_c3cdb2453f6efe515f9960e49db"');
    await queryRunner.query('ALTER TABLE "clinical_case" DROP CONSTRAINT "FK_0d0ce9c1b0cd928c9b8fba34350"');
    await queryRunner.query('DROP INDEX "public"."case_attachment_case_idx"');
    await queryRunner.query('DROP TABLE "case_attachment"');
    await queryRunner.query('DROP TABLE "case_finding_waiver"');
    await queryRunner.query('DROP INDEX "public"."case_review_case_idx"');
    await queryRunner.query('DROP TABLE "case_review"');
    await queryRunner.query('DROP TABLE "case_version"');
    await queryRunner.query('DROP INDEX "public"."clinical_case_topic_idx"');
    await queryRunner.query('DROP INDEX "public"."clinical_case_seminar_idx"');
    await queryRunner.query('DROP TABLE "clinical_case"');
  }
}

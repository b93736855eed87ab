import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795369794800 implements MigrationInterface {
  name = 'Initial1795369794800';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_entry" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "actor_id" uuid, "action" character varying(64) NOT NULL, "subject_type" character varying(32) NOT NULL, "subject_id" uuid, "reason" text, "details" jsonb NOT NULL DEFAULT \'{}\'::jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_entry_subject_idx" ON "audit_entry"  ("subject_type", "subject_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "network" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f8264c2d37cbbd8282ee9a3c97" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "network_name_unique" ON "network"  ("name") ');
    await queryRunner.query(
      'CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "full_name" character varying(200) NOT NULL, "email" character varying(254) NOT NULL, "phone" character varying(32), "licence_number" character varying(32), "unit_id" uuid, "specialty_id" uuid, "roles" text array NOT NULL DEFAULT \'{}\'::text[], "locale" character varying(2) NOT NULL DEFAULT \'es\', "password_hash" text, "active" boolean NOT NULL DEFAULT true, "deactivated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "person_email_lowercase" CHECK (email = lower(email)), CONSTRAINT "person_locale_known" CHECK (locale IN (\'es\',\'en\')), CONSTRAINT "person_roles_known" CHECK (roles <@ ARRAY[\'office\',\'facilitator\',\'attendee\',\'manager\']::text[]), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "person_email_unique" ON "person"  ("email") ');
    await queryRunner.query('CREATE UNIQUE INDEX "person_licence_number_unique" ON "person"  ("licence_number") ');
    await queryRunner.query('CREATE INDEX "person_unit_idx" ON "person"  ("unit_id") ');
    await queryRunner.query(
      'CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(32), CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "auth_session_person_idx" ON "auth_session"  ("person_id") ');
    await queryRunner.query(
      'CREATE TABLE "unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "level" character varying(16) NOT NULL, "network_id" uuid NOT NULL, "address" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "unit_level_known" CHECK (level IN (\'primary\',\'secondary\',\'tertiary\')), CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "unit_code_unique" ON "unit"  ("code") ');
    await queryRunner.query('CREATE INDEX "unit_network_idx" ON "unit"  ("network_id") ');
    await queryRunner.query(
      'CREATE TABLE "specialty" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(48) NOT NULL, "name_es" character varying(120) NOT NULL, "name_en" character varying(120) NOT NULL, CONSTRAINT "PK_9cf4ae334dc4a1ab1e08956460e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "specialty_code_unique" ON "specialty"  ("code") ');
    await queryRunner.query(
      'CREATE TABLE "login_failure" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "account_key" character(64) NOT NULL, "ip" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5df78140d5d3f4afc249d879cdf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "login_failure_ip_idx" ON "login_failure"  ("ip", "created_at") ');
    await queryRunner.query(
      'CREATE INDEX "login_failure_account_idx" ON "login_failure"  ("account_key", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "outbox_mail" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient" character varying(254) NOT NULL, "template" character varying(64) NOT NULL, "locale" character varying(2) NOT NULL, "subject" character varying(300) NOT NULL, "body" text NOT NULL, "status" character varying(8) NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "outbox_mail_status_known" CHECK (status IN (\'stored\',\'pending\',\'sent\',\'failed\')), CONSTRAINT "PK_d209706daddb0762c743fb58634" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "outbox_mail_created_idx" ON "outbox_mail"  ("created_at") ');
    await queryRunner.query(
      'CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "refresh_token_session_idx" ON "refresh_token"  ("session_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "refresh_token_hash_unique" ON "refresh_token"  ("token_hash") ');
    await queryRunner.query(
      'CREATE TABLE "password_reset_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_838af121380dfe3a6330e04f5bb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "password_reset_token_person_idx" ON "password_reset_token"  ("person_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "password_reset_token_hash_unique" ON "password_reset_token"  ("token_hash") ',
    );
    await queryRunner.query(
      'CREATE TABLE "unit_referral" ("unit_id" uuid NOT NULL, "hospital_id" uuid NOT NULL, CONSTRAINT "PK_e76ac6d1bbe4613fe58119d1466" PRIMARY KEY ("unit_id", "hospital_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_5f76ee3f2a2cb300f809e992ff" ON "unit_referral"  ("unit_id") ');
    await queryRunner.query('CREATE INDEX "IDX_1e8054e816ae6bb9274bacdced" ON "unit_referral"  ("hospital_id") ');
    await queryRunner.query(
      'ALTER TABLE "person" ADD CONSTRAINT "FK_1ccc95c9861eb01e5303cf22e34" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "person" ADD CONSTRAINT "FK_fa691834af145e5bdb041834444" FOREIGN KEY ("specialty_id") REFERENCES "specialty"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "auth_session" ADD CONSTRAINT "FK_c98aa3c1e03f43e495723822aef" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "unit" ADD CONSTRAINT "FK_dc723bda01434004f11cb90cf49" FOREIGN KEY ("network_id") REFERENCES "network"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_7643a722ca45fb721be1c63dc0c" FOREIGN KEY ("session_id") REFERENCES "auth_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "password_reset_token" ADD CONSTRAINT "FK_ea269d7c41b2f037abbb5603d85" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "unit_referral" ADD CONSTRAINT "FK_5f76ee3f2a2cb300f809e992ffa" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
    await queryRunner.query(
      'ALTER TABLE "unit_referral" ADD CONSTRAINT "FK_1e8054e816ae6bb9274bacdced3" FOREIGN KEY ("hospital_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );

    // Accent- and case-insensitive search that needs no extension: the letters of Spanish names.
    await queryRunner.query(`CREATE FUNCTION unaccent_lower(value text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT lower(translate(value, 'ÁÉÍÓÚÜÑÀÈÌÒÙáéíóúüñàèìòù', 'AEIOUUNAEIOUaeiouunaeiou')) $$`);
    await queryRunner.query(
      `CREATE INDEX person_full_name_search_idx ON person (unaccent_lower(full_name) text_pattern_ops)`,
    );
    // The specialty catalogue the directory starts with; the office can extend it.
    await queryRunner.query(`INSERT INTO specialty (code, name_es, name_en) VALUES
        ('family_medicine', 'Medicina familiar', 'Family medicine'),
        ('general_medicine', 'Medicina general', 'General medicine'),
        ('gynecology_obstetrics', 'Ginecología y obstetricia', 'Gynaecology and obstetrics'),
        ('clinical_nutrition', 'Nutrición clínica', 'Clinical nutrition'),
        ('internal_medicine', 'Medicina interna', 'Internal medicine'),
        ('clinical_psychology', 'Psicología clínica', 'Clinical psychology'),
        ('pneumology', 'Neumología', 'Pneumology'),
        ('ophthalmology', 'Oftalmología', 'Ophthalmology'),
        ('emergency_medicine', 'Medicina de urgencias', 'Emergency medicine'),
        ('integral_medicine', 'Medicina integral', 'Integral medicine'),
        ('pediatrics', 'Pediatría', 'Paediatrics'),
        ('cardiology', 'Cardiología', 'Cardiology'),
        ('endocrinology', 'Endocrinología', 'Endocrinology'),
        ('nephrology', 'Nefrología', 'Nephrology'),
        ('psychiatry', 'Psiquiatría', 'Psychiatry'),
        ('general_surgery', 'Cirugía general', 'General surgery'),
        ('epidemiology', 'Epidemiología', 'Epidemiology'),
        ('nursing', 'Enfermería', 'Nursing')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX person_full_name_search_idx`);
    await queryRunner.query(`DROP FUNCTION unaccent_lower(text)`);
    await queryRunner.query('ALTER TABLE "unit_referral" DROP CONSTRAINT "FK_1e8054e816ae6bb9274bacdced3"');
    await queryRunner.query('ALTER TABLE "unit_referral" DROP CONSTRAINT "FK_5f76ee3f2a2cb300f809e992ffa"');
    await queryRunner.query('ALTER TABLE "password_reset_token" DROP CONSTRAINT "FK_ea269d7c41b2f037abbb5603d85"');
    await queryRunner.query('ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_7643a722ca45fb721be1c63dc0c"');
    await queryRunner.query('ALTER TABLE "unit" DROP CONSTRAINT "FK_dc723bda01434004f11cb90cf49"');
    await queryRunner.query('ALTER TABLE "auth_session" DROP CONSTRAINT "FK_c98aa3c1e03f43e495723822aef"');
    await queryRunner.query('ALTER TABLE "person" DROP CONSTRAINT "FK_fa691834af145e5bdb041834444"');
    await queryRunner.query('ALTER TABLE "person" DROP CONSTRAINT "FK_1ccc95c9861eb01e5303cf22e34"');
    await queryRunner.query('DROP INDEX "public"."IDX_1e8054e816ae6bb9274bacdced"');
    await queryRunner.query('DROP INDEX "public"."IDX_5f76ee3f2a2cb300f809e992ff"');
    await queryRunner.query('DROP TABLE "unit_referral"');
    await queryRunner.query('DROP INDEX "public"."password_reset_token_hash_unique"');
    await queryRunner.query('DROP INDEX "public"."password_reset_token_person_idx"');
    await queryRunner.query('DROP TABLE "password_reset_token"');
    await queryRunner.query('DROP INDEX "public"."refresh_token_hash_unique"');
    await queryRunner.query('DROP INDEX "public"."refresh_token_session_idx"');
    await queryRunner.query('DROP TABLE "refresh_token"');
    await queryRunner.query('DROP INDEX "public"."outbox_mail_created_idx"');
    await queryRunner.query('DROP TABLE "outbox_mail"');
    await queryRunner.query('DROP INDEX "public"."login_failure_account_idx"');
    await queryRunner.query('DROP INDEX "public"."login_failure_ip_idx"');
    await queryRunner.query('DROP TABLE "login_failure"');
    await queryRunner.query('DROP INDEX "public"."specialty_code_unique"');
    await queryRunner.query('DROP TABLE "specialty"');
    await queryRunner.query('DROP INDEX "public"."unit_network_idx"');
    await queryRunner.query('DROP INDEX "public"."unit_code_unique"');
    await queryRunner.query('DROP TABLE "unit"');
    await queryRunner.query('DROP INDEX "public"."auth_session_person_idx"');
    await queryRunner.query('DROP TABLE "auth_session"');
    await queryRunner.query('DROP INDEX "public"."person_unit_idx"');
    await queryRunner.query('DROP INDEX "public"."person_licence_number_unique"');
    await queryRunner.query('DROP INDEX "public"."person_email_unique"');
    await queryRunner.query('DROP TABLE "person"');
    await queryRunner.query('DROP INDEX "public"."network_name_unique"');
    await queryRunner.query('DROP TABLE "network"');
    await queryRunner.query('DROP INDEX "public"."audit_entry_subject_idx"');
    await queryRunner.query('DROP TABLE "audit_entry"');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Evaluations1795387348814 implements MigrationInterface {
  name = 'Evaluations1795387348814';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "evaluation_form" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "current_version" integer NOT NULL DEFAULT \'1\', "is_default" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "evaluation_form_default_kind" CHECK (NOT is_default OR kind IN (\'daily\',\'final\')), CONSTRAINT "evaluation_form_kind_known" CHECK (kind IN (\'daily\',\'final\',\'diagnostic\')), CONSTRAINT "PK_490ac2ce05cce13a03005a478f6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "evaluation_form_default_unique" ON "evaluation_form"  ("kind") WHERE is_default',
    );
    await queryRunner.query(
      'CREATE TABLE "evaluation_form_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "form_id" uuid NOT NULL, "version" integer NOT NULL, "title" jsonb NOT NULL, "items" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "evaluation_form_version_unique" UNIQUE ("form_id", "version"), CONSTRAINT "PK_5d7666b97f8d627730d866693e5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "topic_evaluation_form" ("topic_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "form_id" uuid, CONSTRAINT "topic_evaluation_form_kind_known" CHECK (kind IN (\'daily\',\'final\',\'diagnostic\')), CONSTRAINT "PK_03f5498906eaad9e474903e07bb" PRIMARY KEY ("topic_id", "kind"))',
    );
    await queryRunner.query('CREATE INDEX "topic_evaluation_form_form_idx" ON "topic_evaluation_form"  ("form_id") ');
    await queryRunner.query(
      'CREATE TABLE "evaluation_submission" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seminar_id" uuid NOT NULL, "person_id" uuid NOT NULL, "occasion" character varying(16) NOT NULL, "day_number" smallint NOT NULL DEFAULT \'0\', "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "evaluation_submission_unique" UNIQUE ("seminar_id", "person_id", "occasion", "day_number"), CONSTRAINT "evaluation_submission_day_fits" CHECK ((occasion = \'daily\') = (day_number > 0)), CONSTRAINT "evaluation_submission_occasion_known" CHECK (occasion IN (\'pre_test\',\'daily\',\'final\',\'post_test\')), CONSTRAINT "PK_f346a94fff75adfaf75bb5b1d36" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "evaluation_submission_person_idx" ON "evaluation_submission"  ("person_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "evaluation_response" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seminar_id" uuid NOT NULL, "topic_id" uuid NOT NULL, "starts_on" date NOT NULL, "form_id" uuid NOT NULL, "form_version_id" uuid NOT NULL, "occasion" character varying(16) NOT NULL, "day_number" smallint NOT NULL DEFAULT \'0\', "respondent_key" character(43) NOT NULL, "score" double precision, "max_score" double precision, "answered_on" date NOT NULL, CONSTRAINT "evaluation_response_unique" UNIQUE ("seminar_id", "respondent_key", "occasion", "day_number"), CONSTRAINT "evaluation_response_occasion_known" CHECK (occasion IN (\'pre_test\',\'daily\',\'final\',\'post_test\')), CONSTRAINT "PK_0da5a99ee61b210d4456497d258" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "evaluation_response_topic_idx" ON "evaluation_response"  ("topic_id", "starts_on") ',
    );
    await queryRunner.query(
      'CREATE TABLE "evaluation_answer" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "response_id" uuid NOT NULL, "seminar_id" uuid NOT NULL, "topic_id" uuid NOT NULL, "starts_on" date NOT NULL, "occasion" character varying(16) NOT NULL, "form_id" uuid NOT NULL, "item_id" character varying(40) NOT NULL, "facilitator_id" uuid, "number_value" double precision, "choice" character varying(40), "text_value" text, CONSTRAINT "evaluation_answer_one_value" CHECK (num_nonnulls(number_value, choice, text_value) = 1), CONSTRAINT "PK_26adcf2e8e65214d2558b8f6910" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "evaluation_answer_response_idx" ON "evaluation_answer"  ("response_id") ');
    await queryRunner.query(
      'CREATE INDEX "evaluation_answer_topic_idx" ON "evaluation_answer"  ("topic_id", "starts_on") ',
    );
    await queryRunner.query(
      'CREATE INDEX "evaluation_answer_seminar_idx" ON "evaluation_answer"  ("seminar_id", "occasion", "item_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluation_form_version" ADD CONSTRAINT "FK_35d02eb9e49d31c9f2d0b64002e" FOREIGN KEY ("form_id") REFERENCES "evaluation_form"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "topic_evaluation_form" ADD CONSTRAINT "FK_86651f67b8b137cc356e4588d99" FOREIGN KEY ("topic_id") REFERENCES "topic"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "topic_evaluation_form" ADD CONSTRAINT "FK_3a7406c66e5e9fabd0b2f7de9f7" FOREIGN KEY ("form_id") REFERENCES "evaluation_form"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluation_submission" ADD CONSTRAINT "FK_e33b37091a05eb5efc9fd9a00c3" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluation_submission" ADD CONSTRAINT "FK_9956aa124926a79994cf04943b3" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluation_response" ADD CONSTRAINT "FK_34004c157874cbbfa7a5824afcc" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluation_response" ADD CONSTRAINT "FK_9bb0bf5112286bf3f10889eb4f5" FOREIGN KEY ("form_version_id") REFERENCES "evaluation_form_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluation_answer" ADD CONSTRAINT "FK_08447a6fe6fc4ff81f621140a91" FOREIGN KEY ("response_id") REFERENCES "evaluation_response"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // The default forms, short on purpose: what every topic asks unless it chooses others.
    await queryRunner.query(`WITH f AS (INSERT INTO evaluation_form (kind, is_default) VALUES ('daily', true) RETURNING id)
      INSERT INTO evaluation_form_version (form_id, version, title, items) SELECT id, 1, '{"es": "Evaluación de la sesión del día", "en": "Daily session evaluation"}'::jsonb, '[{"id": "usefulness", "kind": "likert", "prompt": {"es": "La sesión de hoy fue útil para mi práctica.", "en": "Today''s session was useful for my practice."}, "required": true}, {"id": "clarity", "kind": "likert", "prompt": {"es": "Los casos y las exposiciones fueron claros.", "en": "The cases and presentations were clear."}, "required": true}, {"id": "discussion_time", "kind": "likert", "prompt": {"es": "Hubo tiempo suficiente para la discusión.", "en": "There was enough time for discussion."}, "required": true}, {"id": "comment", "kind": "long_text", "prompt": {"es": "Un comentario sobre el día (opcional).", "en": "A comment on the day (optional)."}, "required": false}]'::jsonb FROM f`);
    await queryRunner.query(`WITH f AS (INSERT INTO evaluation_form (kind, is_default) VALUES ('final', true) RETURNING id)
      INSERT INTO evaluation_form_version (form_id, version, title, items) SELECT id, 1, '{"es": "Evaluación final del seminario", "en": "Final seminar evaluation"}'::jsonb, '[{"id": "overall", "kind": "likert", "prompt": {"es": "En general, estoy satisfecho con el seminario.", "en": "Overall, I am satisfied with the seminar."}, "required": true}, {"id": "relevance", "kind": "likert", "prompt": {"es": "Lo visto es relevante para mi práctica diaria.", "en": "What we covered is relevant to my daily practice."}, "required": true}, {"id": "openness", "kind": "likert", "perFacilitator": true, "prompt": {"es": "El facilitador se mostró abierto a mis preguntas y opiniones.", "en": "The facilitator was open to my questions and views."}, "required": true}, {"id": "equality", "kind": "likert", "prompt": {"es": "Hubo un clima de igualdad entre atención primaria y especialistas.", "en": "There was a climate of equality between primary care and specialists."}, "required": true}, {"id": "confidence_consult", "kind": "likert", "prompt": {"es": "Me siento con confianza para consultar a los especialistas que conocí.", "en": "I feel confident to consult the specialists I met."}, "required": true}, {"id": "referral_change", "kind": "likert", "prompt": {"es": "Tengo la intención de cambiar cómo refiero a mis pacientes.", "en": "I intend to change how I refer my patients."}, "required": true}, {"id": "next_time", "kind": "long_text", "prompt": {"es": "¿Qué cambiaría para la próxima vez?", "en": "What would you change next time?"}, "required": false}]'::jsonb FROM f`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "evaluation_answer" DROP CONSTRAINT "FK_08447a6fe6fc4ff81f621140a91"');
    await queryRunner.query('ALTER TABLE "evaluation_response" DROP CONSTRAINT "FK_9bb0bf5112286bf3f10889eb4f5"');
    await queryRunner.query('ALTER TABLE "evaluation_response" DROP CONSTRAINT "FK_34004c157874cbbfa7a5824afcc"');
    await queryRunner.query('ALTER TABLE "evaluation_submission" DROP CONSTRAINT "FK_9956aa124926a79994cf04943b3"');
    await queryRunner.query('ALTER TABLE "evaluation_submission" DROP CONSTRAINT "FK_e33b37091a05eb5efc9fd9a00c3"');
    await queryRunner.query('ALTER TABLE "topic_evaluation_form" DROP CONSTRAINT "FK_3a7406c66e5e9fabd0b2f7de9f7"');
    await queryRunner.query('ALTER TABLE "topic_evaluation_form" DROP CONSTRAINT "FK_86651f67b8b137cc356e4588d99"');
    await queryRunner.query('ALTER TABLE "evaluation_form_version" DROP CONSTRAINT "FK_35d02eb9e49d31c9f2d0b64002e"');
    await queryRunner.query('DROP INDEX "public"."evaluation_answer_seminar_idx"');
    await queryRunner.query('DROP INDEX "public"."evaluation_answer_topic_idx"');
    await queryRunner.query('DROP INDEX "public"."evaluation_answer_response_idx"');
    await queryRunner.query('DROP TABLE "evaluation_answer"');
    await queryRunner.query('DROP INDEX "public"."evaluation_response_topic_idx"');
    await queryRunner.query('DROP TABLE "evaluation_response"');
    await queryRunner.query('DROP INDEX "public"."evaluation_submission_person_idx"');
    await queryRunner.query('DROP TABLE "evaluation_submission"');
    await queryRunner.query('DROP INDEX "public"."topic_evaluation_form_form_idx"');
    await queryRunner.query('DROP TABLE "topic_evaluation_form"');
    await queryRunner.query('DROP TABLE "evaluation_form_version"');
    await queryRunner.query('DROP INDEX "public"."evaluation_form_default_unique"');
    await queryRunner.query('DROP TABLE "evaluation_form"');
  }
}

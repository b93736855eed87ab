import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EvaluationTallies1795388237434 implements MigrationInterface {
  name = 'EvaluationTallies1795388237434';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "evaluation_tally" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "seminar_id" uuid NOT NULL, "topic_id" uuid NOT NULL, "starts_on" date NOT NULL, "occasion" character varying(16) NOT NULL, "form_id" uuid NOT NULL, "item_id" character varying(40) NOT NULL, "facilitator_id" uuid, "value" character varying(40) NOT NULL, "count" integer NOT NULL, CONSTRAINT "evaluation_tally_occasion_known" CHECK (occasion IN (\'daily\',\'final\')), CONSTRAINT "PK_cbdbaac8e1a6857f9870b69e8dc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "evaluation_tally_seminar_idx" ON "evaluation_tally"  ("seminar_id") ');
    await queryRunner.query(
      'CREATE INDEX "evaluation_tally_topic_idx" ON "evaluation_tally"  ("topic_id", "starts_on") ',
    );
    await queryRunner.query(
      'CREATE TABLE "evaluation_score_tally" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "seminar_id" uuid NOT NULL, "topic_id" uuid NOT NULL, "starts_on" date NOT NULL, "form_id" uuid NOT NULL, "occasion" character varying(16) NOT NULL, "respondents" integer NOT NULL, "percent_sum" double precision NOT NULL, CONSTRAINT "evaluation_score_tally_occasion_known" CHECK (occasion IN (\'pre_test\',\'post_test\',\'pairs\')), CONSTRAINT "PK_5a0f7abd968383567855731a181" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "evaluation_score_tally_seminar_idx" ON "evaluation_score_tally"  ("seminar_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "evaluation_score_tally_topic_idx" ON "evaluation_score_tally"  ("topic_id", "starts_on") ',
    );
    await queryRunner.query(
      'CREATE INDEX "evaluation_answer_comment_idx" ON "evaluation_answer"  ("topic_id", "occasion", "form_id", "item_id", "starts_on", "id") WHERE text_value IS NOT NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluation_tally" ADD CONSTRAINT "FK_3f1b3ba9f23d18998596c54c2e1" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluation_score_tally" ADD CONSTRAINT "FK_53e784bb1dfac71e087e7f91d47" FOREIGN KEY ("seminar_id") REFERENCES "seminar"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // The tallies of the answers given before this migration, as EvaluationTallyRepository.rebuildAll builds them
    // (written out here so that this migration keeps doing what it did when the repository changes).
    await queryRunner.query(`INSERT INTO evaluation_tally (seminar_id, topic_id, starts_on, occasion, form_id, item_id, facilitator_id, value, count)
      SELECT r.seminar_id, r.topic_id, r.starts_on, r.occasion, r.form_id, '', NULL, '', count(*)
        FROM evaluation_response r WHERE r.occasion IN ('daily','final')
       GROUP BY r.seminar_id, r.topic_id, r.starts_on, r.occasion, r.form_id
      UNION ALL
      SELECT a.seminar_id, a.topic_id, a.starts_on, a.occasion, a.form_id, a.item_id, a.facilitator_id, coalesce(a.value, ''),
             CASE WHEN grouping(a.value) = 1 THEN count(DISTINCT a.response_id) ELSE count(*) END
        FROM (SELECT seminar_id, topic_id, starts_on, occasion, form_id, item_id, facilitator_id, response_id, coalesce(choice, number_value::text) AS value
                FROM evaluation_answer WHERE occasion IN ('daily','final') AND text_value IS NULL) a
       GROUP BY a.seminar_id, a.topic_id, a.starts_on, a.occasion, a.form_id, a.item_id, a.facilitator_id, GROUPING SETS ((a.value), ())`);
    await queryRunner.query(`INSERT INTO evaluation_score_tally (seminar_id, topic_id, starts_on, form_id, occasion, respondents, percent_sum)
      SELECT seminar_id, topic_id, starts_on, form_id, occasion, count(*), coalesce(sum(score / max_score * 100), 0)
        FROM evaluation_response WHERE occasion IN ('pre_test','post_test') AND max_score > 0
       GROUP BY seminar_id, topic_id, starts_on, form_id, occasion
      UNION ALL
      SELECT pre.seminar_id, pre.topic_id, pre.starts_on, pre.form_id, 'pairs', count(*), coalesce(sum(post.score / post.max_score * 100 - pre.score / pre.max_score * 100), 0)
        FROM evaluation_response pre
        JOIN evaluation_response post ON post.seminar_id = pre.seminar_id AND post.respondent_key = pre.respondent_key
                                     AND post.occasion = 'post_test' AND post.form_id = pre.form_id AND post.max_score > 0
       WHERE pre.occasion = 'pre_test' AND pre.max_score > 0
       GROUP BY pre.seminar_id, pre.topic_id, pre.starts_on, pre.form_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "evaluation_score_tally" DROP CONSTRAINT "FK_53e784bb1dfac71e087e7f91d47"');
    await queryRunner.query('ALTER TABLE "evaluation_tally" DROP CONSTRAINT "FK_3f1b3ba9f23d18998596c54c2e1"');
    await queryRunner.query('DROP INDEX "public"."evaluation_answer_comment_idx"');
    await queryRunner.query('DROP INDEX "public"."evaluation_score_tally_topic_idx"');
    await queryRunner.query('DROP INDEX "public"."evaluation_score_tally_seminar_idx"');
    await queryRunner.query('DROP TABLE "evaluation_score_tally"');
    await queryRunner.query('DROP INDEX "public"."evaluation_tally_topic_idx"');
    await queryRunner.query('DROP INDEX "public"."evaluation_tally_seminar_idx"');
    await queryRunner.query('DROP TABLE "evaluation_tally"');
  }
}

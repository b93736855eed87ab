import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A condition choosing the seminars whose tallies are rebuilt, on a table alias holding `seminar_id`. */
type SeminarFilter = (alias: string) => string;

/**
 * Rebuilds the tallies of the chosen seminars from their responses and answers: delete, then insert
 * the aggregates. Value rows count answers per value; the row with an empty value counts the item's
 * respondents (distinct responses, as multiple-choice items need); the row with an empty item counts
 * the responses. Text answers are not tallied.
 */
function rebuildStatements(chosen: SeminarFilter): string[] {
  return [
    `DELETE FROM evaluation_tally t WHERE ${chosen('t')}`,
    `INSERT INTO evaluation_tally (seminar_id, topic_id, starts_on, occasion, form_id, item_id, facilitator_id, value, count)
     SELECT r.seminar_id, r.topic_id, r.starts_on, r.occasion, r.form_id, '', NULL, '', count(*)
       FROM evaluation_response r WHERE ${chosen('r')} AND r.occasion IN ('daily','final')
      GROUP BY r.seminar_id, r.topic_id, r.starts_on, r.occasion, r.form_id
     UNION ALL
     SELECT a.seminar_id, a.topic_id, a.starts_on, a.occasion, a.form_id, a.item_id, a.facilitator_id, coalesce(a.value, ''),
            CASE WHEN grouping(a.value) = 1 THEN count(DISTINCT a.response_id) ELSE count(*) END
       FROM (SELECT a.seminar_id, a.topic_id, a.starts_on, a.occasion, a.form_id, a.item_id, a.facilitator_id, a.response_id,
                    coalesce(a.choice, a.number_value::text) AS value
               FROM evaluation_answer a WHERE ${chosen('a')} AND a.occasion IN ('daily','final') AND a.text_value IS NULL) a
      GROUP BY a.seminar_id, a.topic_id, a.starts_on, a.occasion, a.form_id, a.item_id, a.facilitator_id, GROUPING SETS ((a.value), ())`,
    `DELETE FROM evaluation_score_tally t WHERE ${chosen('t')}`,
    `INSERT INTO evaluation_score_tally (seminar_id, topic_id, starts_on, form_id, occasion, respondents, percent_sum)
     SELECT r.seminar_id, r.topic_id, r.starts_on, r.form_id, r.occasion, count(*), coalesce(sum(r.score / r.max_score * 100), 0)
       FROM evaluation_response r WHERE ${chosen('r')} AND r.occasion IN ('pre_test','post_test') AND r.max_score > 0
      GROUP BY r.seminar_id, r.topic_id, r.starts_on, r.form_id, r.occasion
     UNION ALL
     SELECT pre.seminar_id, pre.topic_id, pre.starts_on, pre.form_id, 'pairs', count(*),
            coalesce(sum(post.score / post.max_score * 100 - pre.score / pre.max_score * 100), 0)
       FROM evaluation_response pre
       JOIN evaluation_response post ON post.seminar_id = pre.seminar_id AND post.respondent_key = pre.respondent_key
                                    AND post.occasion = 'post_test' AND post.form_id = pre.form_id AND post.max_score > 0
      WHERE ${chosen('pre')} AND pre.occasion = 'pre_test' AND pre.max_score > 0
      GROUP BY pre.seminar_id, pre.topic_id, pre.starts_on, pre.form_id`,
  ];
}

/**
 * The evaluation tallies (`evaluation_tally`, `evaluation_score_tally`): per-seminar aggregates kept
 * in step with the answers, so reports over many seminars read a few rows per seminar.
 */
@Injectable()
export class EvaluationTallyRepository {
  /**
   * Serialises the submissions of one seminar until the transaction ends. Taken before writing, it
   * makes each rebuild (under READ COMMITTED) see the rows the previous submission committed.
   */
  async lockSeminar(seminarId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('evaluation_tally:' || $1, 0))`, [seminarId]);
  }

  /** Rebuilds one seminar's tallies from its own rows: a few hundred responses at most. */
  async rebuildForSeminar(seminarId: string, manager: EntityManager): Promise<void> {
    for (const sql of rebuildStatements((alias) => `${alias}.seminar_id = $1`)) await manager.query(sql, [seminarId]);
  }

  /** Rebuilds every seminar's tallies at once (data loaded in bulk, as the benchmark does). */
  async rebuildAll(manager: EntityManager): Promise<void> {
    for (const sql of rebuildStatements(() => 'true')) await manager.query(sql);
  }
}

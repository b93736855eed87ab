import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SeminarStatus } from '../seminars/seminar.entity';

/** A facilitated seminar with the counts its facilitator's to-do list is made of. */
export interface FacilitationRow {
  seminarId: string;
  title: string;
  status: SeminarStatus;
  startDate: string;
  endDate: string;
  lead: boolean;
  dates: string[];
  daysWithoutAgenda: string[];
  myCases: number;
  myDrafts: number;
  myChangesRequested: number;
  reviewRequests: number;
}

@Injectable()
export class FacilitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The seminars a person facilitates, with their days, the days that have no agenda block, the
   * person's own cases by state and, for the lead, colleagues' cases waiting for review. One
   * round trip: each count is a subquery on an indexed seminar id.
   */
  findForFacilitator(personId: string, manager: EntityManager = this.dataSource.manager): Promise<FacilitationRow[]> {
    return manager.query(
      `SELECT s.id AS "seminarId", s.title, s.status, s.start_date::text AS "startDate", s.end_date::text AS "endDate",
              f.lead,
              ARRAY(SELECT d.date::text FROM seminar_day d WHERE d.seminar_id = s.id ORDER BY d.date) AS dates,
              ARRAY(SELECT d.date::text FROM seminar_day d
                     WHERE d.seminar_id = s.id
                       AND NOT EXISTS (SELECT 1 FROM agenda_block b WHERE b.seminar_day_id = d.id)
                     ORDER BY d.date) AS "daysWithoutAgenda",
              (SELECT count(*)::int FROM clinical_case c WHERE c.seminar_id = s.id AND c.author_id = $1) AS "myCases",
              (SELECT count(*)::int FROM clinical_case c
                WHERE c.seminar_id = s.id AND c.author_id = $1 AND c.status = 'draft') AS "myDrafts",
              (SELECT count(*)::int FROM clinical_case c
                WHERE c.seminar_id = s.id AND c.author_id = $1 AND c.status = 'changes_requested') AS "myChangesRequested",
              CASE WHEN f.lead THEN
                (SELECT count(*)::int FROM clinical_case c
                  WHERE c.seminar_id = s.id AND c.author_id <> $1 AND c.status = 'submitted')
              ELSE 0 END AS "reviewRequests"
         FROM facilitation f
         JOIN seminar s ON s.id = f.seminar_id
        WHERE f.person_id = $1
        ORDER BY s.start_date, s.id`,
      [personId],
    );
  }
}

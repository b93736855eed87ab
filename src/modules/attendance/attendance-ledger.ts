import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AttendanceRepository } from './attendance.repository';
import { attendanceSummary, type AttendanceSummary } from './hours';

/**
 * Hours attended per person in a seminar, and their share of the topic's hours: what certificates
 * and reports read. The arithmetic is in hours.ts; this reads the records in one aggregate.
 */
@Injectable()
export class AttendanceLedger {
  constructor(private readonly attendance: AttendanceRepository) {}

  /**
   * A summary for every confirmed attendee of the seminar (all days unrecorded when they have no
   * record) and for anyone else with records in it; empty for a seminar that does not exist.
   */
  async summaries(manager: EntityManager, seminarId: string): Promise<Map<string, AttendanceSummary>> {
    const shape = await this.attendance.seminarShape(seminarId, manager);
    if (!shape) return new Map();
    const rows = await this.attendance.recordsByPerson(seminarId, manager);
    return new Map(
      rows.map((row) => [row.personId, attendanceSummary(row.records, shape.dayCount, shape.hoursPerDay)]),
    );
  }
}

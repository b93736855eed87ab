import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IsoDate } from '../../common/time/calendar-date';
import { ContactSharing } from './contact-sharing.entity';

/** Seminar statuses in which, from its first day on, its people see each other's contacts. */
const STARTED_STATUSES = ['confirmed', 'in_progress', 'completed', 'closed'];

/** A seminar two people took part in together. */
export interface SharedSeminar {
  personId: string;
  seminarId: string;
  title: string;
  startDate: IsoDate;
}

/** A person as others see them in their contacts: only the values of the channels they share. */
export interface SharedContact {
  personId: string;
  fullName: string;
  unitId: string | null;
  unitName: string | null;
  specialtyId: string | null;
  specialtyCode: string | null;
  specialtyNameEs: string | null;
  specialtyNameEn: string | null;
  workPhone: string | null;
  mobile: string | null;
  whatsapp: string | null;
  email: string | null;
}

/** The person's own sharing choices and their values. */
export interface OwnSharing {
  workPhone: string | null;
  email: string;
  sharing: ContactSharing | null;
}

/** Who shares what, and who may see it. */
@Injectable()
export class ContactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The person's choices, the row locked for the change when `forUpdate`; null sharing when never chosen. */
  async findOwn(
    personId: string,
    manager: EntityManager = this.dataSource.manager,
    forUpdate = false,
  ): Promise<OwnSharing | null> {
    const [person] = await manager.query<{ phone: string | null; email: string }[]>(
      `SELECT phone, email FROM person WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [personId],
    );
    if (!person) return null;
    const sharing = await manager.findOne(ContactSharing, {
      where: { personId },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return { workPhone: person.phone, email: person.email, sharing };
  }

  async save(sharing: ContactSharing, manager: EntityManager): Promise<ContactSharing> {
    return manager.save(ContactSharing, sharing);
  }

  /** The facilitators of the seminars the attendee holds a confirmed seat in, once each has started. */
  async facilitatorsOfAttendee(attendeeId: string, today: IsoDate): Promise<SharedSeminar[]> {
    return this.dataSource.query<SharedSeminar[]>(
      `SELECT f.person_id AS "personId", s.id AS "seminarId", s.title, to_char(s.start_date, 'YYYY-MM-DD') AS "startDate"
         FROM enrolment e
         JOIN seminar s ON s.id = e.seminar_id
         JOIN facilitation f ON f.seminar_id = s.id
        WHERE e.person_id = $1 AND e.status = 'confirmed' AND f.person_id <> $1
          AND s.status = ANY($2) AND s.start_date <= $3
        ORDER BY s.start_date DESC, s.id`,
      [attendeeId, STARTED_STATUSES, today],
    );
  }

  /** The confirmed attendees of the seminars the facilitator facilitates, once each has started. */
  async attendeesOfFacilitator(facilitatorId: string, today: IsoDate): Promise<SharedSeminar[]> {
    return this.dataSource.query<SharedSeminar[]>(
      `SELECT e.person_id AS "personId", s.id AS "seminarId", s.title, to_char(s.start_date, 'YYYY-MM-DD') AS "startDate"
         FROM facilitation f
         JOIN seminar s ON s.id = f.seminar_id
         JOIN enrolment e ON e.seminar_id = s.id AND e.status = 'confirmed'
        WHERE f.person_id = $1 AND e.person_id <> $1
          AND s.status = ANY($2) AND s.start_date <= $3
        ORDER BY s.start_date DESC, s.id`,
      [facilitatorId, STARTED_STATUSES, today],
    );
  }

  /** Those of `personIds` who work at a hospital the attendee's unit refers patients to. */
  async atReferralHospitalsOf(attendeeId: string, personIds: string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = await this.dataSource.query<{ personId: string }[]>(
      `SELECT p.id AS "personId"
         FROM person a
         JOIN unit_referral r ON r.unit_id = a.unit_id
         JOIN person p ON p.unit_id = r.hospital_id
        WHERE a.id = $1 AND p.id = ANY($2::uuid[])`,
      [attendeeId, personIds],
    );
    return rows.map((row) => row.personId);
  }

  /**
   * The active people among `personIds` who share at least one channel that has a value, with
   * the values of the shared channels only: an unshared value never leaves the database.
   */
  async sharedContacts(personIds: string[]): Promise<SharedContact[]> {
    if (personIds.length === 0) return [];
    return this.dataSource.query<SharedContact[]>(
      `SELECT p.id AS "personId", p.full_name AS "fullName", p.unit_id AS "unitId", u.name AS "unitName",
              p.specialty_id AS "specialtyId", sp.code AS "specialtyCode",
              sp.name_es AS "specialtyNameEs", sp.name_en AS "specialtyNameEn",
              CASE WHEN c.share_work_phone THEN p.phone END AS "workPhone",
              CASE WHEN c.share_mobile THEN c.mobile END AS "mobile",
              CASE WHEN c.share_whatsapp THEN c.whatsapp END AS "whatsapp",
              CASE WHEN c.share_email THEN p.email END AS "email"
         FROM person p
         JOIN contact_sharing c ON c.person_id = p.id
         LEFT JOIN unit u ON u.id = p.unit_id
         LEFT JOIN specialty sp ON sp.id = p.specialty_id
        WHERE p.id = ANY($1::uuid[]) AND p.active
          AND ((c.share_work_phone AND p.phone IS NOT NULL) OR (c.share_mobile AND c.mobile IS NOT NULL)
               OR (c.share_whatsapp AND c.whatsapp IS NOT NULL) OR c.share_email)
        ORDER BY p.full_name, p.id`,
      [personIds],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Facilitation } from './seminar.entity';

/** A facilitator of a seminar with what the office needs to see of them. */
export interface FacilitatorRow {
  personId: string;
  fullName: string;
  email: string;
  lead: boolean;
  specialtyId: string | null;
  specialtyCode: string | null;
  specialtyNameEs: string | null;
  specialtyNameEn: string | null;
  unitId: string | null;
  unitName: string | null;
  addedAt: Date;
}

@Injectable()
export class FacilitationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The seminar's facilitators, lead first, then by name. */
  listForSeminar(seminarId: string, manager: EntityManager = this.dataSource.manager): Promise<FacilitatorRow[]> {
    return manager.query(
      `SELECT f.person_id AS "personId", p.full_name AS "fullName", p.email, f.lead,
              p.specialty_id AS "specialtyId", sp.code AS "specialtyCode", sp.name_es AS "specialtyNameEs", sp.name_en AS "specialtyNameEn",
              p.unit_id AS "unitId", u.name AS "unitName", f.created_at AS "addedAt"
         FROM facilitation f
         JOIN person p ON p.id = f.person_id
         LEFT JOIN specialty sp ON sp.id = p.specialty_id
         LEFT JOIN unit u ON u.id = p.unit_id
        WHERE f.seminar_id = $1
        ORDER BY f.lead DESC, p.full_name, p.id`,
      [seminarId],
    );
  }

  async personIds(seminarId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.find(Facilitation, { select: { personId: true }, where: { seminarId } });
    return rows.map((row) => row.personId);
  }

  /** Of the given seminars, those the person facilitates. */
  async seminarIdsOf(personId: string, seminarIds: string[]): Promise<string[]> {
    if (seminarIds.length === 0) return [];
    const rows = await this.dataSource.manager.find(Facilitation, {
      select: { seminarId: true },
      where: { personId, seminarId: In(seminarIds) },
    });
    return rows.map((row) => row.seminarId);
  }

  find(seminarId: string, personId: string, manager: EntityManager): Promise<Facilitation | null> {
    return manager.findOneBy(Facilitation, { seminarId, personId });
  }

  async isFacilitator(
    seminarId: string,
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return (await manager.countBy(Facilitation, { seminarId, personId })) > 0;
  }

  /** Adds a facilitator; a new lead takes the place of the previous one. */
  async add(seminarId: string, personId: string, lead: boolean, manager: EntityManager): Promise<void> {
    if (lead) await manager.update(Facilitation, { seminarId, lead: true }, { lead: false });
    await manager.insert(Facilitation, { seminarId, personId, lead });
  }

  async setLead(seminarId: string, personId: string, lead: boolean, manager: EntityManager): Promise<void> {
    if (lead) await manager.update(Facilitation, { seminarId, lead: true }, { lead: false });
    await manager.update(Facilitation, { seminarId, personId }, { lead });
  }

  async remove(seminarId: string, personId: string, manager: EntityManager): Promise<void> {
    await manager.delete(Facilitation, { seminarId, personId });
  }
}

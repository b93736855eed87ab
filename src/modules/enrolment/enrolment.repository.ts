import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Enrolment, type EnrolmentStatus } from './enrolment.entity';

@Injectable()
export class EnrolmentRepository {
  async save(manager: EntityManager, enrolment: Pick<Enrolment, 'seminarId' | 'personId' | 'status'>): Promise<Enrolment> {
    return manager.save(Enrolment, manager.create(Enrolment, enrolment));
  }

  async setStatus(manager: EntityManager, id: string, status: EnrolmentStatus): Promise<void> {
    await manager.update(Enrolment, { id }, { status });
  }
}

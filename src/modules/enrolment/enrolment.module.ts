import { Module } from '@nestjs/common';
import { EnrolmentRepository } from './enrolment.repository';

@Module({
  providers: [EnrolmentRepository],
  exports: [EnrolmentRepository],
})
export class EnrolmentModule {}

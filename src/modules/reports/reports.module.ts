import { Module } from '@nestjs/common';
import { FacilitationsController } from './facilitations.controller';
import { FacilitationsRepository } from './facilitations.repository';
import { FacilitationsService } from './facilitations.service';

/** Read models across the modules before it: a facilitator's desk of their seminars and what each needs. */
@Module({
  controllers: [FacilitationsController],
  providers: [FacilitationsRepository, FacilitationsService],
})
export class ReportsModule {}

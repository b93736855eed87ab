import { Module } from '@nestjs/common';
import { SeminarsModule } from '../seminars/seminars.module';
import { AttendanceAccess } from './attendance-access';
import { AttendanceLedger } from './attendance-ledger';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceService } from './attendance.service';
import { CheckInService } from './check-in.service';

@Module({
  imports: [SeminarsModule],
  controllers: [AttendanceController],
  providers: [AttendanceRepository, AttendanceAccess, AttendanceLedger, AttendanceService, CheckInService],
  exports: [AttendanceLedger],
})
export class AttendanceModule {}

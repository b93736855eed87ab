import {
  seminarNotFound,
  seminarNotEditable,
  notSeminarFacilitator,
  seminarDayNotFound,
  agendaChanged,
  agendaInvalid,
} from './seminars.errors';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { CalendarDatePipe } from '../../common/http/calendar-date.pipe';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { AgendaService } from './agenda.service';
import { AgendaDayResponseDto, AgendaResponseDto, ReplaceAgendaDto } from './agenda.dto';

@ApiTags('seminars')
/** A seminar's agenda, day by day. */
@ApiTags('seminars')
@Controller('seminars')
export class SeminarAgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Get(':id/agenda')
  @SignedIn()
  @ApiOperation({ summary: 'The agenda of every day' })
  @ApiOkResponse({ type: AgendaResponseDto })
  @ApiProblems(seminarNotFound)
  getAgenda(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<AgendaResponseDto> {
    return this.agenda.get(principal, id);
  }

  @Put(':id/days/:date/agenda')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: "Replace one day's agenda",
    description:
      "The office and the seminar's facilitators co-plan it. Blocks stay inside the day's hours and do not overlap. `version` must be the day's current `agendaVersion`.",
  })
  @ApiOkResponse({ type: AgendaDayResponseDto })
  @ApiProblems(
    notSeminarFacilitator,
    seminarNotFound,
    seminarDayNotFound,
    agendaChanged,
    seminarNotEditable,
    agendaInvalid,
  )
  replaceAgenda(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('date', CalendarDatePipe) date: string,
    @Body() body: ReplaceAgendaDto,
  ): Promise<AgendaDayResponseDto> {
    return this.agenda.replaceDay(principal, id, date, body);
  }
}

import { personNotFound } from '../directory/directory.errors';
import { trainingNeedsInvalid, notAnAttendee, needsChanged } from './needs.errors';
import { Body, Controller, Get, Param, Post, Put, Query, UploadedFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { CsvImport } from '../directory/csv-import.decorator';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import type { Language } from '../../common/i18n/text';
import { ImportQueryDto, ImportReportDto } from '../directory/import.dto';
import { localizeReport } from '../directory/import/import-report';
import {
  TrainingNeedsDto,
  TrainingNeedsResponseDto,
  TrainingNeedsSummaryDto,
  TrainingNeedsSummaryQueryDto,
} from './needs.dto';
import { TrainingNeedsImportService } from './training-needs-import.service';
import { TrainingNeedsService } from './training-needs.service';

@ApiTags('training needs')
@Controller()
export class TrainingNeedsController {
  constructor(
    private readonly needs: TrainingNeedsService,
    private readonly imports: TrainingNeedsImportService,
  ) {}

  @Get('me/training-needs')
  @Roles('attendee')
  @ApiOperation({
    summary: 'My training needs',
    description: 'Before anything is stated: `stated: false`, not willing, no interests.',
  })
  @ApiOkResponse({ type: TrainingNeedsResponseDto })
  getMine(@CurrentPrincipal() principal: Principal): Promise<TrainingNeedsResponseDto> {
    return this.needs.getMine(principal);
  }

  @Put('me/training-needs')
  @Roles('attendee')
  @ApiOperation({
    summary: 'State my training needs',
    description: 'Replaces the whole set: topics not listed are removed, and a `wish` left out is cleared.',
  })
  @ApiOkResponse({ type: TrainingNeedsResponseDto })
  @ApiProblems(trainingNeedsInvalid)
  replaceMine(
    @CurrentPrincipal() principal: Principal,
    @Body() body: TrainingNeedsDto,
  ): Promise<TrainingNeedsResponseDto> {
    return this.needs.replaceMine(principal, body);
  }

  @Get('people/:id/training-needs')
  @Roles('office')
  @ApiOperation({ summary: "An attendee's training needs" })
  @ApiOkResponse({ type: TrainingNeedsResponseDto })
  @ApiProblems(personNotFound, notAnAttendee)
  getFor(@Param('id', UuidPipe) id: string): Promise<TrainingNeedsResponseDto> {
    return this.needs.getFor(id);
  }

  @Put('people/:id/training-needs')
  @Roles('office')
  @ApiOperation({
    summary: "State an attendee's training needs on their behalf",
    description: 'Same body and rules as `PUT /me/training-needs`; audited.',
  })
  @ApiOkResponse({ type: TrainingNeedsResponseDto })
  @ApiProblems(personNotFound, needsChanged, notAnAttendee, trainingNeedsInvalid)
  replaceFor(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: TrainingNeedsDto,
  ): Promise<TrainingNeedsResponseDto> {
    return this.needs.replaceFor(actor, id, body);
  }

  @Post('training-needs/import')
  @CsvImport(
    'Import training needs from CSV (dry run unless commit=true)',
    'One row per person and topic. Columns: email or licence_number (an attendee), topic (title, any capitals, or id), ' +
      'interest (0–3), willing (sí/no, yes/no, true/false, 1/0), trained_before (optional, same answers), wish (optional). ' +
      'Spanish headers are accepted (correo, cedula, tema, interes, dispuesto, capacitado_antes, deseo). ' +
      'Rows of one person merge; only the listed topics change and empty cells keep the current value.',
  )
  async import(
    @CurrentPrincipal() actor: Principal,
    @Query() query: ImportQueryDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @RequestLanguage() language: Language,
  ): Promise<ImportReportDto> {
    return localizeReport(await this.imports.import(actor, file?.buffer, query.commit === true), language);
  }

  @Get('training-needs/summary')
  @Roles('office', 'manager')
  @ApiOperation({
    summary: 'Demand for training per topic and per unit',
    description:
      'The office sees every unit; a manager only the staff of their own unit. Counts active people with the attendee role.',
  })
  @ApiOkResponse({ type: TrainingNeedsSummaryDto })
  @ApiProblems()
  summary(
    @CurrentPrincipal() principal: Principal,
    @Query() query: TrainingNeedsSummaryQueryDto,
  ): Promise<TrainingNeedsSummaryDto> {
    return this.needs.summary(principal, query);
  }
}

import { networkNotFound, unitNotFound, unitCodeTaken, referralHospitalInvalid, unitInUse } from './directory.errors';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import type { Language } from '../../common/i18n/text';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { CreateUnitDto, UnitListQueryDto, UnitResponseDto, UpdateUnitDto } from './units.dto';
import { ImportQueryDto, ImportReportDto } from './import.dto';
import { localizeReport } from './import/import-report';
import { UnitsImportService } from './import/units-import.service';
import { UnitsService } from './units.service';
import { CsvImport, requireFile } from './csv-import.decorator';

const UnitPage = PageResponse(UnitResponseDto);

@ApiTags('directory')
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly imports: UnitsImportService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List units' })
  @ApiOkResponse({ type: UnitPage })
  @ApiProblems()
  list(@Query() query: UnitListQueryDto): Promise<Page<UnitResponseDto>> {
    return this.units.list(query);
  }

  @Post('import')
  @CsvImport(
    'Import units from CSV (dry run unless commit=true)',
    'Columns: code, name, level (primary|secondary|tertiary), network (an existing network name), address, ' +
      'referral_hospitals (codes separated by |). Spanish headers are accepted (clave, nombre, nivel, red, domicilio, hospitales_de_referencia). ' +
      'Rows match existing units on code.',
  )
  async import(
    @CurrentPrincipal() actor: Principal,
    @Query() query: ImportQueryDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @RequestLanguage() language: Language,
  ): Promise<ImportReportDto> {
    return localizeReport(await this.imports.import(actor, requireFile(file), query.commit === true), language);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A unit' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiProblems(unitNotFound)
  get(@Param('id', UuidPipe) id: string): Promise<UnitResponseDto> {
    return this.units.get(id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Create a unit' })
  @ApiCreatedResponse({ type: UnitResponseDto })
  @ApiProblems(networkNotFound, unitCodeTaken, referralHospitalInvalid)
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateUnitDto): Promise<UnitResponseDto> {
    return this.units.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({ summary: 'Update a unit' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiProblems(unitNotFound, networkNotFound, unitCodeTaken, referralHospitalInvalid)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateUnitDto,
  ): Promise<UnitResponseDto> {
    return this.units.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a unit without staff or referrals' })
  @ApiNoContentResponse()
  @ApiProblems(unitNotFound, unitInUse)
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.units.remove(actor, id);
  }
}

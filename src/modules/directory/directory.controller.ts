import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import type { Language } from '../../common/i18n/text';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { PersonResponseDto } from '../identity/identity.dto';
import {
  CreateNetworkDto,
  CreatePersonDto,
  CreateSpecialtyDto,
  CreateUnitDto,
  DeactivatePersonDto,
  ImportFileDto,
  ImportQueryDto,
  ImportReportDto,
  NetworkListQueryDto,
  NetworkResponseDto,
  PersonListQueryDto,
  SpecialtyListQueryDto,
  SpecialtyResponseDto,
  UnitListQueryDto,
  UnitResponseDto,
  UpdateNetworkDto,
  UpdatePersonDto,
  UpdateSpecialtyDto,
  UpdateUnitDto,
} from './directory.dto';
import { fileMissing, localizeReport } from './import/import-report';
import { PeopleImportService } from './import/people-import.service';
import { UnitsImportService } from './import/units-import.service';
import { NetworksService } from './networks.service';
import { PeopleService } from './people.service';
import { SpecialtiesService } from './specialties.service';
import { UnitsService } from './units.service';

const NetworkPage = PageResponse(NetworkResponseDto);
const UnitPage = PageResponse(UnitResponseDto);
const SpecialtyPage = PageResponse(SpecialtyResponseDto);
const PersonPage = PageResponse(PersonResponseDto);

/** An office-only CSV upload answered with a row-by-row report. */
function CsvImport(summary: string, description: string): MethodDecorator {
  return applyDecorators(
    HttpCode(200),
    Roles('office'),
    UseInterceptors(FileInterceptor('file')),
    ApiOperation({ summary, description }),
    ApiConsumes('multipart/form-data'),
    ApiBody({ type: ImportFileDto }),
    ApiOkResponse({ type: ImportReportDto }),
    ApiProblems([400, 'No file (`import_file_missing`) or bad query.'], 413, 415, [
      422,
      'Unreadable file (`import_file_invalid`) or, on commit, rows with errors (`import_has_errors`).',
    ]),
  );
}

function requireFile(file: Express.Multer.File | undefined): Buffer {
  if (!file) throw fileMissing();
  return file.buffer;
}

@ApiTags('directory')
@Controller('networks')
export class NetworksController {
  constructor(private readonly networks: NetworksService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List networks' })
  @ApiOkResponse({ type: NetworkPage })
  @ApiProblems(400)
  list(@Query() query: NetworkListQueryDto): Promise<Page<NetworkResponseDto>> {
    return this.networks.list(query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A network' })
  @ApiOkResponse({ type: NetworkResponseDto })
  @ApiProblems(400, [404, 'No such network (`network_not_found`).'])
  get(@Param('id', UuidPipe) id: string): Promise<NetworkResponseDto> {
    return this.networks.get(id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Create a network' })
  @ApiCreatedResponse({ type: NetworkResponseDto })
  @ApiProblems(400, [409, 'Name already used (`network_name_taken`).'])
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateNetworkDto): Promise<NetworkResponseDto> {
    return this.networks.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({ summary: 'Rename a network' })
  @ApiOkResponse({ type: NetworkResponseDto })
  @ApiProblems(400, [404, '`network_not_found`'], [409, '`network_name_taken`'])
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateNetworkDto,
  ): Promise<NetworkResponseDto> {
    return this.networks.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a network without units' })
  @ApiNoContentResponse()
  @ApiProblems(400, [404, '`network_not_found`'], [409, 'The network has units (`network_in_use`).'])
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.networks.remove(actor, id);
  }
}

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
  @ApiProblems(400)
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
  @ApiProblems(400, [404, '`unit_not_found`'])
  get(@Param('id', UuidPipe) id: string): Promise<UnitResponseDto> {
    return this.units.get(id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Create a unit' })
  @ApiCreatedResponse({ type: UnitResponseDto })
  @ApiProblems(400, [404, '`network_not_found`'], [409, '`unit_code_taken`'], [422, '`referral_hospital_invalid`'])
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateUnitDto): Promise<UnitResponseDto> {
    return this.units.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({ summary: 'Update a unit' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiProblems(
    400,
    [404, '`unit_not_found`, `network_not_found`'],
    [409, '`unit_code_taken`'],
    [422, '`referral_hospital_invalid`'],
  )
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
  @ApiProblems(400, [404, '`unit_not_found`'], [409, '`unit_in_use`'])
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.units.remove(actor, id);
  }
}

@ApiTags('directory')
@Controller('specialties')
export class SpecialtiesController {
  constructor(private readonly specialties: SpecialtiesService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List specialties' })
  @ApiOkResponse({ type: SpecialtyPage })
  @ApiProblems(400)
  list(@Query() query: SpecialtyListQueryDto): Promise<Page<SpecialtyResponseDto>> {
    return this.specialties.list(query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A specialty' })
  @ApiOkResponse({ type: SpecialtyResponseDto })
  @ApiProblems(400, [404, '`specialty_not_found`'])
  get(@Param('id', UuidPipe) id: string): Promise<SpecialtyResponseDto> {
    return this.specialties.get(id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Add a specialty to the catalogue' })
  @ApiCreatedResponse({ type: SpecialtyResponseDto })
  @ApiProblems(400, [409, '`specialty_code_taken`'])
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateSpecialtyDto): Promise<SpecialtyResponseDto> {
    return this.specialties.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({ summary: 'Rename a specialty' })
  @ApiOkResponse({ type: SpecialtyResponseDto })
  @ApiProblems(400, [404, '`specialty_not_found`'])
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateSpecialtyDto,
  ): Promise<SpecialtyResponseDto> {
    return this.specialties.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a specialty nobody has' })
  @ApiNoContentResponse()
  @ApiProblems(400, [404, '`specialty_not_found`'], [409, '`specialty_in_use`'])
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.specialties.remove(actor, id);
  }
}

@ApiTags('directory')
@Controller('people')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly imports: PeopleImportService,
  ) {}

  @Get()
  @Roles('office', 'manager')
  @ApiOperation({ summary: 'List people (a manager sees the staff of their unit)' })
  @ApiOkResponse({ type: PersonPage })
  @ApiProblems(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: PersonListQueryDto): Promise<Page<PersonResponseDto>> {
    return this.people.list(principal, query);
  }

  @Post('import')
  @CsvImport(
    'Import people from CSV (dry run unless commit=true)',
    'Columns: full_name, email, licence_number, phone, unit_code, specialty_code, roles (separated by |), locale. ' +
      'Spanish headers are accepted (nombre, correo, cedula, telefono, unidad, especialidad, roles, idioma). ' +
      'Rows match existing people on licence number, else email; empty optional cells keep the current value. ' +
      'New people choose their password through the reset link.',
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
  @ApiOperation({ summary: 'A person: the office, the person themselves, or the manager of their unit' })
  @ApiOkResponse({ type: PersonResponseDto })
  @ApiProblems(400, [404, 'No such person, or not visible to the caller (`person_not_found`).'])
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<PersonResponseDto> {
    return this.people.get(principal, id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Add a person; by default they are mailed a link to choose their password' })
  @ApiCreatedResponse({ type: PersonResponseDto })
  @ApiProblems(400, [409, '`email_taken`, `licence_number_taken`'], [422, '`reference_not_found`'])
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreatePersonDto): Promise<PersonResponseDto> {
    return this.people.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({ summary: 'Update a person' })
  @ApiOkResponse({ type: PersonResponseDto })
  @ApiProblems(
    400,
    [404, '`person_not_found`'],
    [409, '`email_taken`, `licence_number_taken`'],
    [422, '`reference_not_found`, `cannot_change_own_access`'],
  )
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdatePersonDto,
  ): Promise<PersonResponseDto> {
    return this.people.update(actor, id, body);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Deactivate a person: they cannot sign in and their sessions end at once' })
  @ApiOkResponse({ type: PersonResponseDto })
  @ApiProblems(400, [404, '`person_not_found`'], [422, '`cannot_change_own_access`'])
  deactivate(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: DeactivatePersonDto,
  ): Promise<PersonResponseDto> {
    return this.people.deactivate(actor, id, body.reason);
  }

  @Post(':id/reactivate')
  @NoRequestBody()
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Reactivate a person' })
  @ApiOkResponse({ type: PersonResponseDto })
  @ApiProblems(400, [404, '`person_not_found`'])
  reactivate(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<PersonResponseDto> {
    return this.people.reactivate(actor, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a person with no dependent records (otherwise deactivate)' })
  @ApiNoContentResponse()
  @ApiProblems(400, [404, '`person_not_found`'], [409, '`person_in_use`'], [422, '`cannot_change_own_access`'])
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.people.remove(actor, id);
  }
}

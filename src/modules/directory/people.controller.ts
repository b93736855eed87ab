import {
  personNotFound,
  cannotChangeOwnAccess,
  emailTaken,
  licenceNumberTaken,
  referenceNotFound,
  personInUse,
  passwordAlreadySet,
  personDeactivated,
} from './directory.errors';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UploadedFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
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
import { CreatePersonDto, DeactivatePersonDto, PersonListQueryDto, UpdatePersonDto } from './people.dto';
import { PeopleImportQueryDto, PeopleImportReportDto } from './import.dto';
import { localizePeopleReport } from './import/import-report';
import { PeopleImportService } from './import/people-import.service';
import { InvitationSentDto, InvitationsSentDto, InvitePeopleDto } from './invitations.dto';
import { PeopleInvitationsService } from './people-invitations.service';
import { PeopleService } from './people.service';
import { CsvImport, requireFile } from './csv-import.decorator';

const PersonPage = PageResponse(PersonResponseDto);

@ApiTags('directory')
@Controller('people')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly imports: PeopleImportService,
    private readonly invitations: PeopleInvitationsService,
  ) {}

  @Get()
  @Roles('office', 'manager')
  @ApiOperation({ summary: 'List people (a manager sees the staff of their unit)' })
  @ApiOkResponse({ type: PersonPage })
  @ApiProblems()
  list(@CurrentPrincipal() principal: Principal, @Query() query: PersonListQueryDto): Promise<Page<PersonResponseDto>> {
    return this.people.list(principal, query);
  }

  @Post('import')
  @CsvImport(
    'Import people from CSV (dry run unless commit=true)',
    'Columns: full_name, email, licence_number, phone, unit_code, specialty_code, roles (separated by |), locale. ' +
      'Spanish headers are accepted (nombre, correo, cedula, telefono, unidad, especialidad, roles, idioma). ' +
      'Rows match existing people on licence number, else email; empty optional cells keep the current value. ' +
      'The commit mails every person it creates the account-created invitation with a link to choose their password ' +
      '(unless sendInvitations=false), in the background; people already in the directory are not invited again. ' +
      '`invited` says how many.',
    PeopleImportReportDto,
  )
  async import(
    @CurrentPrincipal() actor: Principal,
    @Query() query: PeopleImportQueryDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @RequestLanguage() language: Language,
  ): Promise<PeopleImportReportDto> {
    const result = await this.imports.import(
      actor,
      requireFile(file),
      query.commit === true,
      query.sendInvitations !== false,
    );
    return localizePeopleReport(result, language);
  }

  @Post('invitations')
  @HttpCode(202)
  @Roles('office')
  @ApiOperation({
    summary: 'Invite again everyone who has not chosen a password yet',
    description:
      'Mails, in the background, a new account-created invitation to every active person without a password, or to those of ' +
      'a unit, network, specialty or role; their earlier unused links stop working. People invited less than a minute ago ' +
      'are left out, so a second click sends nothing.',
  })
  @ApiAcceptedResponse({ type: InvitationsSentDto })
  @ApiProblems()
  inviteAll(@CurrentPrincipal() actor: Principal, @Body() body: InvitePeopleDto): Promise<InvitationsSentDto> {
    return this.invitations.inviteAll(actor, body);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'A person: the office, the person themselves, or the manager of their unit' })
  @ApiOkResponse({ type: PersonResponseDto })
  @ApiProblems(personNotFound)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<PersonResponseDto> {
    return this.people.get(principal, id);
  }

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Add a person; by default they are mailed a link to choose their password' })
  @ApiCreatedResponse({ type: PersonResponseDto })
  @ApiProblems(emailTaken, licenceNumberTaken, referenceNotFound)
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreatePersonDto): Promise<PersonResponseDto> {
    return this.people.create(actor, body);
  }

  @Patch(':id')
  @Roles('office')
  @ApiOperation({ summary: 'Update a person' })
  @ApiOkResponse({ type: PersonResponseDto })
  @ApiProblems(personNotFound, emailTaken, licenceNumberTaken, referenceNotFound, cannotChangeOwnAccess)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdatePersonDto,
  ): Promise<PersonResponseDto> {
    return this.people.update(actor, id, body);
  }

  @Post(':id/invitation')
  @NoRequestBody()
  @HttpCode(202)
  @Roles('office')
  @ApiOperation({
    summary: 'Invite a person again to choose their password',
    description:
      'Mails a new account-created invitation; the earlier unused links stop working. Repeated less than a minute after ' +
      'the last invitation it sends nothing (`invited: 0`). Not for someone who has a password or is deactivated.',
  })
  @ApiAcceptedResponse({ type: InvitationSentDto })
  @ApiProblems(personNotFound, passwordAlreadySet, personDeactivated)
  invite(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<InvitationSentDto> {
    return this.invitations.inviteOne(actor, id);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Deactivate a person: they cannot sign in and their sessions end at once' })
  @ApiOkResponse({ type: PersonResponseDto })
  @ApiProblems(personNotFound, cannotChangeOwnAccess)
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
  @ApiProblems(personNotFound)
  reactivate(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<PersonResponseDto> {
    return this.people.reactivate(actor, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('office')
  @ApiOperation({ summary: 'Delete a person with no dependent records (otherwise deactivate)' })
  @ApiNoContentResponse()
  @ApiProblems(personNotFound, personInUse, cannotChangeOwnAccess)
  remove(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.people.remove(actor, id);
  }
}

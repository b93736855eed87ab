import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
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
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { PageResponse, type Page } from '../../common/pagination/pagination';
import { CaseAttachmentsService } from './case-attachments.service';
import {
  CaseAttachmentDto,
  CaseLibraryQueryDto,
  CaseResponseDto,
  CaseVersionDto,
  CreateCaseDto,
  ReuseCaseDto,
  ReviewCaseDto,
  UpdateCaseDto,
  WaiveFindingDto,
} from './cases.dto';
import { CasesService } from './cases.service';

const CasePage = PageResponse(CaseResponseDto);
const CASE_NOT_FOUND: [number, string] = [404, 'No such case, or not one the caller may see (`case_not_found`).'];
const SEMINAR_NOT_FOUND: [number, string] = [
  404,
  'No such seminar, or not one the caller prepares or attends (`seminar_not_found`).',
];

/** Content-Disposition with a plain fallback name and the UTF-8 one (RFC 6266 / 5987). */
function attachmentDisposition(name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%;]/g, '_')
      .trim() || 'archivo';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

@ApiTags('cases')
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly attachments: CaseAttachmentsService,
  ) {}

  @Post('seminars/:id/cases')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Write a clinical case for a seminar',
    description:
      'By the seminar’s facilitators or the office. Only the title and the summary (Markdown, up to 20,000 characters) are required. Starts as a draft.',
  })
  @ApiCreatedResponse({ type: CaseResponseDto })
  @ApiProblems(
    400,
    SEMINAR_NOT_FOUND,
    [409, 'The seminar is over or cancelled (`case_status_conflict`).'],
    [422, '`specialty_not_found`, `agenda_block_not_found`'],
  )
  create(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CreateCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.create(actor, id, body);
  }

  @Post('seminars/:id/cases/reuse')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Reuse an approved case of the same topic in this seminar',
    description: 'Copies its text and files; the copy starts approved and keeps a link to its source.',
  })
  @ApiCreatedResponse({ type: CaseResponseDto })
  @ApiProblems(
    400,
    SEMINAR_NOT_FOUND,
    [409, '`case_status_conflict`'],
    [422, 'Not approved, or another topic (`case_reuse_not_allowed`).'],
  )
  reuse(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: ReuseCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.reuse(actor, id, body.caseId);
  }

  @Get('seminars/:id/cases')
  @SignedIn()
  @ApiOperation({
    summary: 'A seminar’s cases',
    description:
      'Every state for the office and the seminar’s facilitators; published cases for its confirmed attendees from `CASE_ATTENDEE_LEAD_DAYS` days before the first day (an empty list before); nobody else.',
  })
  @ApiOkResponse({ type: [CaseResponseDto] })
  @ApiProblems(400, SEMINAR_NOT_FOUND)
  list(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CaseResponseDto[]> {
    return this.cases.listForSeminar(actor, id);
  }

  @Get('cases')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'The library: approved cases to reuse',
    description:
      '`q` searches titles, summaries and objectives (full text, Spanish and English, accents ignored); best matches first.',
  })
  @ApiOkResponse({ type: CasePage })
  @ApiProblems(400)
  library(@Query() query: CaseLibraryQueryDto): Promise<Page<CaseResponseDto>> {
    return this.cases.library(query);
  }

  @Get('cases/:id')
  @SignedIn()
  @ApiOperation({ summary: 'A case', description: 'Reviews are shown to those who prepare the seminar.' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(400, CASE_NOT_FOUND)
  get(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CaseResponseDto> {
    return this.cases.get(actor, id);
  }

  @Patch('cases/:id')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Edit a case',
    description:
      'Not while under review. Editing an approved or published case keeps the approved text as a version and starts a new draft.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(
    400,
    CASE_NOT_FOUND,
    [409, '`case_not_editable`, `case_status_conflict`'],
    [422, '`specialty_not_found`, `agenda_block_not_found`'],
  )
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.update(actor, id, body);
  }

  @Post('cases/:id/submit')
  @Roles('office', 'facilitator')
  @HttpCode(200)
  @NoRequestBody()
  @ApiOperation({
    summary: 'Send a case to review',
    description:
      'Every text field and the text of every file are scanned for patient identifiers. Findings not confirmed as false positives refuse the submission (422 ' +
      '`case_identifiers_found`) with each finding’s field, kind and position, never the matched text.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(
    400,
    CASE_NOT_FOUND,
    [409, '`case_status_conflict`'],
    [422, '`case_identifiers_found` with `findings: [{ field, kind, start, end }]`'],
  )
  submit(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CaseResponseDto> {
    return this.cases.submit(actor, id);
  }

  @Post('cases/:id/findings/waive')
  @Roles('office', 'facilitator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a finding as a false positive',
    description: 'With a short reason, recorded in the audit log; only a fingerprint of the matched text is kept.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(400, CASE_NOT_FOUND, [422, 'No such finding in the current text (`finding_not_found`).'])
  waive(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: WaiveFindingDto,
  ): Promise<CaseResponseDto> {
    return this.cases.waiveFinding(actor, id, body);
  }

  @Post('cases/:id/review')
  @Roles('office', 'facilitator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a submitted case or ask for changes',
    description:
      'By the office or the seminar’s lead facilitator (not on their own case); a comment is required to ask for changes.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(
    400,
    [404, '`case_not_found`, or not a reviewer of the seminar (`not_a_reviewer`)'],
    [409, '`case_status_conflict`'],
    [422, '`own_case_review`'],
  )
  review(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: ReviewCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.review(actor, id, body);
  }

  @Post('cases/:id/publish')
  @Roles('office', 'facilitator')
  @HttpCode(200)
  @NoRequestBody()
  @ApiOperation({
    summary: 'Publish an approved case to the seminar’s confirmed attendees',
    description: 'By the office or the seminar’s lead facilitator.',
  })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblems(400, [404, '`case_not_found`, `not_a_reviewer`'], [409, '`case_status_conflict`'])
  publish(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CaseResponseDto> {
    return this.cases.publish(actor, id);
  }

  @Get('cases/:id/versions')
  @Roles('office', 'facilitator')
  @ApiOperation({
    summary: 'Earlier approved versions of a case',
    description: 'For reviewers, the seminar’s facilitators and the author.',
  })
  @ApiOkResponse({ type: [CaseVersionDto] })
  @ApiProblems(400, CASE_NOT_FOUND)
  versions(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CaseVersionDto[]> {
    return this.cases.versions(actor, id);
  }

  @Post('cases/:id/attachments')
  @Roles('office', 'facilitator')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary: 'Attach a file to a case',
    description:
      'PDF, PNG, JPEG or DOCX, recognised from the bytes. Image metadata (EXIF, GPS) and document author fields are removed before storing; the text is scanned on submission. ' +
      'At most `CASE_MAX_ATTACHMENTS` files of `CASE_ATTACHMENT_LIMIT_MB` each.',
  })
  @ApiCreatedResponse({ type: CaseAttachmentDto })
  @ApiProblems(
    400,
    CASE_NOT_FOUND,
    [409, '`case_not_editable`, `too_many_attachments`'],
    413,
    [415, 'Not one of the accepted types, or hiding another format (`unsupported_media_type`).'],
    [422, '`file_missing`'],
  )
  upload(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<CaseAttachmentDto> {
    return this.attachments.upload(actor, id, file);
  }

  @Get('cases/:id/attachments/:attachmentId')
  @SignedIn()
  @ApiProduces(
    'application/pdf',
    'image/png',
    'image/jpeg',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  )
  @ApiOperation({
    summary: 'Download a case’s file',
    description: 'For whoever may see the case; always as an attachment, never cached; each download is audited.',
  })
  @ApiOkResponse({ description: 'The file.', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, [404, '`case_not_found`, `attachment_not_found`'])
  async download(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { attachment, stream } = await this.attachments.download(actor, id, attachmentId);
    response.setHeader('Content-Type', attachment.mediaType);
    response.setHeader('Content-Length', String(attachment.sizeBytes));
    response.setHeader('Content-Disposition', attachmentDisposition(attachment.displayName));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(stream);
  }

  @Delete('cases/:id/attachments/:attachmentId')
  @Roles('office', 'facilitator')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a file from a case being written' })
  @ApiNoContentResponse()
  @ApiProblems(400, [404, '`case_not_found`, `attachment_not_found`'], [409, '`case_not_editable`'])
  remove(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ): Promise<void> {
    return this.attachments.remove(actor, id, attachmentId);
  }
}

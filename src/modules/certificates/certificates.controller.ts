import {
  seminarNotCompleted,
  templateNotFound,
  certificateNotFound,
  certificateStatusConflict,
} from './certificates.errors';
import { seminarNotFound } from '../seminars/seminars.errors';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import { type Language } from '../../common/i18n/text';
import { CertificateEligibility } from './certificate-eligibility.service';
import { CertificateIssuer } from './certificate-issuer.service';
import { CertificateRevocation } from './certificate-revocation.service';
import {
  CertificateResponseDto,
  EligibilityRowDto,
  IssueResponseDto,
  PreviewQueryDto,
  CertificateReasonDto,
  RegistryQueryDto,
} from './certificates.dto';
import { CertificatesService, toResponse } from './certificates.service';

function pdfHeaders(response: Response, fileName: string, size?: number): void {
  response.setHeader('Content-Type', 'application/pdf');
  if (size !== undefined) response.setHeader('Content-Length', String(size));
  response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'no-store');
}

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(
    private readonly issuer: CertificateIssuer,
    private readonly eligible: CertificateEligibility,
    private readonly revocation: CertificateRevocation,
    private readonly certificates: CertificatesService,
  ) {}

  @Get('seminars/:id/certificates/eligibility')
  @Roles('office')
  @ApiOperation({
    summary: 'Who earns the seminar’s certificates, and why not',
    description:
      'Confirmed attendees (share of hours attended, final evaluation) and facilitators (hours taught), with the certificate already issued, if any.',
  })
  @ApiOkResponse({ type: [EligibilityRowDto] })
  @ApiProblems(seminarNotFound)
  async eligibility(@Param('id', UuidPipe) id: string): Promise<EligibilityRowDto[]> {
    return (await this.eligible.eligibility(id)).map(({ locale: _locale, ...row }) => row);
  }

  @Post('seminars/:id/certificates/issue')
  @Roles('office')
  @HttpCode(202)
  @NoRequestBody()
  @ApiOperation({
    summary: 'Issue the seminar’s certificates in the background',
    description:
      'Issues every eligible certificate not yet issued (one active per person, seminar and kind); running it again issues only what is missing. Follow the job at GET /jobs/{id}.',
  })
  @ApiAcceptedResponse({ type: IssueResponseDto })
  @ApiProblems(seminarNotFound, seminarNotCompleted)
  issue(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<IssueResponseDto> {
    return this.issuer.requestIssue(actor, id);
  }

  @Get('me/certificates')
  @SignedIn()
  @ApiOperation({ summary: 'My certificates, newest first, every revision with its status' })
  @ApiOkResponse({ type: [CertificateResponseDto] })
  mine(@CurrentPrincipal() actor: Principal): Promise<CertificateResponseDto[]> {
    return this.certificates.mine(actor);
  }

  @Get('me/transcript.pdf')
  @SignedIn()
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'My transcript: every valid certificate and its credit hours, by year, for a promotion file',
  })
  @ApiOkResponse({
    description: 'PDF.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async transcript(
    @CurrentPrincipal() actor: Principal,
    @RequestLanguage() language: Language,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const pdf = await this.certificates.transcript(actor, language);
    pdfHeaders(response, language === 'en' ? 'transcript.pdf' : 'constancia-de-creditos.pdf', pdf.length);
    return new StreamableFile(pdf);
  }

  @Get('certificates/registry')
  @Roles('office')
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOperation({
    summary: 'The registry book of a year',
    description:
      'Every registry number and revision with holder, licence, seminar, hours, date and status; CSV (default) or PDF.',
  })
  @ApiOkResponse({
    description: 'CSV or PDF.',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems()
  async registry(
    @Query() query: RegistryQueryDto,
    @RequestLanguage() language: Language,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile | string> {
    if (query.format === 'pdf') {
      const pdf = await this.certificates.registryPdf(query.year, language);
      pdfHeaders(response, `registry-${query.year}.pdf`, pdf.length);
      return new StreamableFile(pdf);
    }
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="registry-${query.year}.csv"`);
    return this.certificates.registryCsv(query.year, language);
  }

  @Get('certificates/templates/:name/preview.pdf')
  @Roles('office')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'A certificate template filled with sample data' })
  @ApiOkResponse({
    description: 'PDF.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(templateNotFound)
  async preview(
    @Param('name') name: string,
    @Query() query: PreviewQueryDto,
    @RequestLanguage() language: Language,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const pdf = await this.certificates.preview(name, query.locale ?? language);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="preview.pdf"`);
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(pdf);
  }

  @Get('certificates/:id')
  @SignedIn()
  @ApiOperation({ summary: 'A certificate', description: 'Its holder and the office.' })
  @ApiOkResponse({ type: CertificateResponseDto })
  @ApiProblems(certificateNotFound)
  get(@CurrentPrincipal() actor: Principal, @Param('id', UuidPipe) id: string): Promise<CertificateResponseDto> {
    return this.certificates.get(actor, id);
  }

  @Get('certificates/:id/pdf')
  @SignedIn()
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The certificate’s PDF, exactly as issued', description: 'Its holder and the office.' })
  @ApiOkResponse({
    description: 'PDF.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(certificateNotFound)
  async pdf(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { certificate, stream } = await this.certificates.pdf(actor, id);
    pdfHeaders(response, `${certificate.registryNumber}-r${certificate.revision}.pdf`, certificate.pdfSize);
    return new StreamableFile(stream);
  }

  @Post('certificates/:id/revoke')
  @Roles('office')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a certificate',
    description: 'With a reason; audited. The public verification then says revoked, with the date.',
  })
  @ApiOkResponse({ type: CertificateResponseDto })
  @ApiProblems(certificateNotFound, certificateStatusConflict)
  async revoke(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CertificateReasonDto,
  ): Promise<CertificateResponseDto> {
    return toResponse(await this.revocation.revoke(actor, id, body.reason));
  }

  @Post('certificates/:id/reissue')
  @Roles('office')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reissue a certificate (e.g. a corrected name)',
    description:
      'Same registry number, revision + 1, the holder’s name and licence as the directory has them now; the earlier revision is marked superseded. With a reason; audited.',
  })
  @ApiOkResponse({ type: CertificateResponseDto })
  @ApiProblems(certificateNotFound, certificateStatusConflict)
  async reissue(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CertificateReasonDto,
  ): Promise<CertificateResponseDto> {
    return toResponse(await this.revocation.reissue(actor, id, body.reason));
  }
}

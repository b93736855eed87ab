import {
  Body,
  Controller,
  Get,
  HttpCode,
  Ip,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Public, Roles, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { NoRequestBody } from '../../common/http/no-request-body.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { RequestLanguage } from '../../common/i18n/language.decorator';
import { text, type Language } from '../../common/i18n/text';
import { CertificateIssuer } from './certificate-issuer.service';
import {
  CertificateResponseDto,
  EligibilityRowDto,
  IssueResponseDto,
  NoMatchDto,
  PreviewQueryDto,
  CertificateReasonDto,
  RegistryQueryDto,
  VerificationDto,
  VerifyQueryDto,
} from './certificates.dto';
import { CertificatesService, toResponse } from './certificates.service';
import { CredentialsService } from './credentials.service';

const CERTIFICATE_NOT_FOUND: [number, string] = [
  404,
  'No such certificate, or not the caller’s (`certificate_not_found`).',
];

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
  @ApiProblems(400, [404, '`seminar_not_found`'])
  async eligibility(@Param('id', UuidPipe) id: string): Promise<EligibilityRowDto[]> {
    return (await this.issuer.eligibility(id)).map(({ locale: _locale, ...row }) => row);
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
  @ApiProblems(400, [404, '`seminar_not_found`'], [409, 'The seminar is not completed (`seminar_not_completed`).'])
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
  @ApiProblems(400)
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
  @ApiProblems(400, [404, '`certificate_template_not_found`'])
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
  @ApiProblems(400, CERTIFICATE_NOT_FOUND)
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
  @ApiProblems(400, CERTIFICATE_NOT_FOUND)
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
  @ApiProblems(400, CERTIFICATE_NOT_FOUND, [409, 'Not valid (`certificate_status_conflict`).'])
  async revoke(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CertificateReasonDto,
  ): Promise<CertificateResponseDto> {
    return toResponse(await this.issuer.revoke(actor, id, body.reason));
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
  @ApiProblems(400, CERTIFICATE_NOT_FOUND, [409, 'Not valid (`certificate_status_conflict`).'])
  async reissue(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CertificateReasonDto,
  ): Promise<CertificateResponseDto> {
    return toResponse(await this.issuer.reissue(actor, id, body.reason));
  }
}

const fileMissing = () =>
  new DomainError(
    'file_missing',
    400,
    text('Adjunte el PDF del certificado en el campo "file".', 'Attach the certificate PDF in the "file" field.'),
    [{ field: 'file', message: text('Falta el archivo.', 'The file is missing.') }],
  );

@ApiTags('verification')
@ApiExtraModels(VerificationDto, NoMatchDto)
@Controller('public/verify')
export class VerificationController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get(':registryNumber')
  @Public()
  @ApiOperation({
    summary: 'Verify a certificate by its registry number and check code',
    description:
      'No account needed. Status (valid, revoked with its date, superseded by revision n), holder, topic, dates, hours, issuer and the SHA-256 of the issued PDF. An unknown number and a wrong code give the same 404. Throttled per address.',
  })
  @ApiOkResponse({ type: VerificationDto })
  @ApiProblems(400, [404, '`certificate_not_found`'], 429)
  verify(
    @Param('registryNumber') registryNumber: string,
    @Query() query: VerifyQueryDto,
    @Ip() ip: string,
  ): Promise<VerificationDto> {
    return this.certificates.verify(registryNumber, query.code, ip);
  }

  @Post()
  @Public()
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary: 'Is this PDF exactly an issued certificate?',
    description: 'Compares the file’s SHA-256 with every issued certificate. Throttled per address.',
  })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(VerificationDto) }, { $ref: getSchemaPath(NoMatchDto) }] } })
  @ApiProblems([400, 'No file (`file_missing`).'], 413, 429)
  verifyFile(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Ip() ip: string,
  ): Promise<VerificationDto | NoMatchDto> {
    if (!file) throw fileMissing();
    return this.certificates.verifyFile(file.buffer, ip);
  }
}

const JWT_CONTENT = {
  'application/vc+jwt': { schema: { type: 'string', description: 'Compact JWS (EdDSA, Ed25519).' } },
};

@ApiTags('certificates')
@Controller()
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('certificates/:id/credential')
  @SignedIn()
  @ApiProduces('application/vc+jwt')
  @ApiOperation({
    summary: 'The certificate as a signed credential',
    description:
      'A W3C Verifiable Credential 2.0 shaped as an Open Badges 3.0 OpenBadgeCredential, secured as a JWT (VC-JOSE-COSE, `typ: vc+jwt`) with the issuer’s Ed25519 key published at /.well-known/jwks.json; its `credentialStatus` points to a Bitstring Status List of revocations. Its holder and the office.',
  })
  @ApiOkResponse({ description: 'The credential JWT.', content: JWT_CONTENT })
  @ApiProblems(400, CERTIFICATE_NOT_FOUND)
  async credential(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    response.setHeader('Content-Type', 'application/vc+jwt');
    return this.credentials.credential(actor, id);
  }

  @Get('public/credentials/status/:list')
  @Public()
  @ApiProduces('application/vc+jwt')
  @ApiOperation({
    summary: 'A revocation status list (W3C Bitstring Status List), signed',
    description: 'A bit per certificate credential, set when revoked. No account needed.',
  })
  @ApiOkResponse({ description: 'The BitstringStatusListCredential JWT.', content: JWT_CONTENT })
  @ApiProblems(400, [404, '`status_list_not_found`'])
  async statusList(
    @Param('list', ParseIntPipe) list: number,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    response.setHeader('Content-Type', 'application/vc+jwt');
    response.setHeader('Cache-Control', 'max-age=300');
    return this.credentials.statusList(list);
  }
}

@ApiTags('certificates')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('jwks.json')
  @Public()
  @ApiOperation({ summary: 'The public keys that sign certificate credentials (JWKS)' })
  @ApiOkResponse({
    description: 'JSON Web Key Set.',
    schema: {
      type: 'object',
      required: ['keys'],
      properties: {
        keys: {
          type: 'array',
          items: {
            type: 'object',
            required: ['kty', 'crv', 'x', 'kid', 'alg', 'use'],
            properties: {
              kty: { type: 'string', enum: ['OKP'] },
              crv: { type: 'string', enum: ['Ed25519'] },
              x: { type: 'string', description: 'The public key, base64url.' },
              kid: { type: 'string', description: 'The key’s JWK thumbprint (SHA-256).' },
              alg: { type: 'string', enum: ['EdDSA'] },
              use: { type: 'string', enum: ['sig'] },
            },
          },
        },
      },
    },
  })
  async jwks(@Res({ passthrough: true }) response: Response): Promise<{ keys: unknown[] }> {
    response.setHeader('Cache-Control', 'max-age=3600');
    return this.credentials.jwks();
  }
}

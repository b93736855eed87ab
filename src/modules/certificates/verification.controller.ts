import { CommonProblems } from '../../common/errors/common.errors';
import { certificateNotFound } from './certificates.errors';
import { fileMissing } from '../../common/errors/common.errors';
import { Controller, Get, HttpCode, Ip, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Public } from '../../common/auth/access.decorators';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { message } from '../../common/i18n/messages';
import { NoMatchDto, VerificationDto, VerifyQueryDto } from './certificates.dto';
import { CertificatesService } from './certificates.service';

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
  @ApiProblems(certificateNotFound, CommonProblems.tooManyRequests)
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
  @ApiProblems(fileMissing, CommonProblems.tooManyRequests)
  verifyFile(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Ip() ip: string,
  ): Promise<VerificationDto | NoMatchDto> {
    if (!file) throw fileMissing(message('certificates.fileMissing'));
    return this.certificates.verifyFile(file.buffer, ip);
  }
}

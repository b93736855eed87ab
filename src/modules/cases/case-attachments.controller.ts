import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
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
import { fileMissing } from '../../common/errors/common.errors';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { CaseAttachmentsService } from './case-attachments.service';
import { CaseAttachmentDto } from './cases.dto';
import {
  attachmentNotFound,
  attachmentTooLarge,
  caseNotEditable,
  caseNotFound,
  tooManyAttachments,
  unsupportedMediaType,
} from './cases.errors';

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
export class CaseAttachmentsController {
  constructor(private readonly attachments: CaseAttachmentsService) {}

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
  @ApiProblems(caseNotFound, caseNotEditable, tooManyAttachments, attachmentTooLarge, unsupportedMediaType, fileMissing)
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
  @ApiProblems(caseNotFound, attachmentNotFound)
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
  @ApiProblems(caseNotFound, attachmentNotFound, caseNotEditable)
  remove(
    @CurrentPrincipal() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ): Promise<void> {
    return this.attachments.remove(actor, id, attachmentId);
  }
}

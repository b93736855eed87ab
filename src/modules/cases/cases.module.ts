import { Module } from '@nestjs/common';
import { memoryUploads } from '../../common/http/memory-uploads';
import { CaseAttachmentsService } from './case-attachments.service';
import { CaseRepository } from './case.repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  // One byte over the attachment limit, so that an oversize file is refused by the upload itself.
  imports: [memoryUploads((config) => config.get('cases').maxAttachmentBytes + 1)],
  controllers: [CasesController],
  providers: [CaseRepository, CasesService, CaseAttachmentsService],
})
export class CasesModule {}

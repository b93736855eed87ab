import { Module } from '@nestjs/common';
import { memoryUploads } from '../../common/http/memory-uploads';
import { CaseAccessService } from './case-access.service';
import { CaseAttachmentsService } from './case-attachments.service';
import { CaseReviewService } from './case-review.service';
import { CaseRepository } from './case.repository';
import { CaseAttachmentsController } from './case-attachments.controller';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { SeminarCasesController } from './seminar-cases.controller';

@Module({
  // One byte over the attachment limit, so that an oversize file is refused by the upload itself.
  imports: [memoryUploads((config) => config.get('cases').maxAttachmentBytes + 1)],
  controllers: [SeminarCasesController, CasesController, CaseAttachmentsController],
  providers: [CaseRepository, CaseAccessService, CasesService, CaseReviewService, CaseAttachmentsService],
})
export class CasesModule {}

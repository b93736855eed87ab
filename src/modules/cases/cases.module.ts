import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { ConfigService } from '../../config/config.service';
import { CaseAttachmentsService } from './case-attachments.service';
import { CaseRepository } from './case.repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  imports: [
    // One file at a time, held in memory up to the attachment limit (plus a byte, so that an
    // oversize file reaches the inspection and gets its own answer).
    MulterModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.get('cases').maxAttachmentBytes + 1, files: 1, fields: 2 },
      }),
    }),
  ],
  controllers: [CasesController],
  providers: [CaseRepository, CasesService, CaseAttachmentsService],
})
export class CasesModule {}

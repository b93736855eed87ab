import type { DynamicModule } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { ConfigService } from '../../config/config.service';

/** Multipart uploads of one CSV file held in memory, up to the configured size. */
export function csvUploads(): DynamicModule {
  return MulterModule.registerAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService) => ({
      storage: memoryStorage(),
      limits: { fileSize: config.get('uploadLimitBytes'), files: 1, fields: 5 },
    }),
  });
}

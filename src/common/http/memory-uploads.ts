import type { DynamicModule } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { ConfigService } from '../../config/config.service';

/** Multipart uploads of one file held in memory, up to the size the configuration gives. */
export function memoryUploads(maxBytes: (config: ConfigService) => number): DynamicModule {
  return MulterModule.registerAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService) => ({
      storage: memoryStorage(),
      // Browsers send file names as raw UTF-8 without saying so; read as latin1 (the default),
      // "Informe médico ñ.pdf" would become "Informe mÃ©dico Ã±.pdf".
      defParamCharset: 'utf8',
      limits: { fileSize: maxBytes(config), files: 1, fields: 5 },
    }),
  });
}

/** Multipart uploads of one CSV file, up to `UPLOAD_LIMIT_MB`. */
export function csvUploads(): DynamicModule {
  return memoryUploads((config) => config.get('uploadLimitBytes'));
}

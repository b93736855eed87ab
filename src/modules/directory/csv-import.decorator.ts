import { importConflict, importFileInvalid, importHasErrors } from './directory.errors';
import { applyDecorators, HttpCode, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators';
import { fileMissing } from '../../common/errors/common.errors';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { ImportFileDto, ImportReportDto } from './import.dto';
import { csvFileMissing } from './import/import-report';

/** An office-only CSV upload answered with a row-by-row report. */
export function CsvImport(
  summary: string,
  description: string,
  report: Type<ImportReportDto> = ImportReportDto,
): MethodDecorator {
  return applyDecorators(
    HttpCode(200),
    Roles('office'),
    UseInterceptors(FileInterceptor('file')),
    ApiOperation({ summary, description }),
    ApiConsumes('multipart/form-data'),
    ApiBody({ type: ImportFileDto }),
    ApiOkResponse({ type: report }),
    ApiProblems(fileMissing, importConflict, importFileInvalid, importHasErrors),
  );
}

export function requireFile(file: Express.Multer.File | undefined): Buffer {
  if (!file) throw csvFileMissing();
  return file.buffer;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from './directory.dto';

export class ImportQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Apply the file. Without it the import is a dry run.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  commit?: boolean;
}

export const IMPORT_OUTCOMES = ['created', 'updated', 'unchanged', 'error'] as const;

export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export class ImportFieldErrorDto {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ImportRowDto {
  @ApiProperty({ type: 'integer', description: 'Line number in the file (the header is line 1).' }) line: number;
  @ApiProperty({ enum: IMPORT_OUTCOMES }) outcome: ImportOutcome;
  @ApiPropertyOptional({ description: 'The key the row matched on or created.' }) key?: string;
  @ApiPropertyOptional({ type: [ImportFieldErrorDto] }) errors?: ImportFieldErrorDto[];
}

export class ImportSummaryDto {
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: 'integer' }) unchanged: number;
  @ApiProperty({ type: 'integer' }) error: number;
}

export class ImportReportDto {
  @ApiProperty({ description: 'True when the file was applied; false for a dry run or a file with errors.' })
  committed: boolean;

  @ApiProperty({ type: ImportSummaryDto }) summary: ImportSummaryDto;
  @ApiProperty({ type: [ImportRowDto] }) rows: ImportRowDto[];
}

export class ImportFileDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'CSV, UTF-8 (with or without BOM), comma or semicolon separated.',
  })
  file: unknown;
}

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

export class PeopleImportQueryDto extends ImportQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: true,
    description:
      'Mail every person the commit creates the account-created invitation, with a link to choose their password. ' +
      'false: import them without mail (invite them later with POST /people/invitations).',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  sendInvitations?: boolean;
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

export class PeopleImportReportDto extends ImportReportDto {
  @ApiProperty({
    type: 'integer',
    description:
      'People invited by mail to choose their password: those the file creates (people already in the directory are not invited again). ' +
      'A dry run says how many the commit will invite; the mail goes out in the background after the commit.',
  })
  invited: number;
}

export class ImportFileDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'CSV, UTF-8 (with or without BOM), comma or semicolon separated.',
  })
  file: unknown;
}

import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto, sortValues } from '../../common/pagination/pagination';
import { IsCalendarDate } from '../../common/validation/decorators';
import { SEMINAR_STATUSES, type SeminarStatus } from './seminar.entity';

/** API sort names and the SQL columns they order by. */
export const SEMINAR_SORT = {
  startDate: 'seminar.start_date',
  title: 'seminar.title',
  createdAt: 'seminar.created_at',
};

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;

export class SeminarListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  topicId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  networkId?: string;

  @ApiPropertyOptional({
    description: 'One status or several separated by commas.',
    example: 'open,confirmed',
    type: String,
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(SEMINAR_STATUSES, { each: true })
  status?: SeminarStatus[];

  @ApiPropertyOptional({ format: 'date', example: '2027-01-01', description: 'Seminars ending on or after this date.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-12-31',
    description: 'Seminars starting on or before this date.',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Seminars this person facilitates or attends (office only).' })
  @IsOptional()
  @IsUUID('all')
  personId?: string;

  @ApiPropertyOptional({ enum: sortValues(SEMINAR_SORT), default: 'startDate' })
  @IsOptional()
  @IsIn(sortValues(SEMINAR_SORT))
  sort?: string;
}

/** The caller's own seminars: the same filters, without choosing another person. */
export class MySeminarListQueryDto extends OmitType(SeminarListQueryDto, ['personId'] as const) {}

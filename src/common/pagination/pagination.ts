import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE = 100_000;

/** `?page=&pageSize=`; list queries extend it with their own filters and allow-listed `sort`. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function pageOf<E, R>(rows: E[], total: number, query: PageQueryDto, map: (row: E) => R): Page<R> {
  return { items: rows.map(map), page: query.page, pageSize: query.pageSize, total };
}

export function offsetOf(query: PageQueryDto): { skip: number; take: number } {
  return { skip: (query.page - 1) * query.pageSize, take: query.pageSize };
}

/**
 * `sort=name` or `sort=-name`, from an allow-list that maps API names to columns: raw user
 * strings never reach ORDER BY.
 */
export function orderBy(sort: string | undefined, columns: Record<string, string>, fallback: string): [string, 'ASC' | 'DESC'] {
  const key = sort ?? fallback;
  const descending = key.startsWith('-');
  const column = columns[descending ? key.slice(1) : key] ?? columns[fallback.replace(/^-/, '')];
  return [column, descending ? 'DESC' : 'ASC'];
}

export function sortValues(columns: Record<string, string>): string[] {
  return Object.keys(columns).flatMap((key) => [key, `-${key}`]);
}

/** A documented page of items of one response type. */
export function PageResponse<T>(item: ClassType<T>): ClassType<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
    page: number;

    @ApiProperty({ type: 'integer', minimum: 1, example: 20 })
    pageSize: number;

    @ApiProperty({ type: 'integer', minimum: 0, example: 1 })
    total: number;
  }
  Object.defineProperty(PageOfItems, 'name', { value: `${item.name.replace(/ResponseDto$|Dto$/, '')}Page` });
  return PageOfItems;
}

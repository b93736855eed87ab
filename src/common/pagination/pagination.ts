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

/** A list's SQL, written in its repository: fixed text with the user's values bound as parameters. */
export interface PageSql {
  /** The select list, aliased to the property names the response mapper reads. */
  columns: string;
  /** The table the list counts, with its alias. */
  from: string;
  /** Tables joined only to show more of each row (many-to-one, so they never change the count). */
  joins?: string;
  /** Conditions, all of which must hold. */
  where: string[];
  params: unknown[];
  /** ORDER BY, ending in a unique column so that pages neither overlap nor skip rows. */
  order: string;
  /** An exact count cheaper than counting the rows, when the list has one (a kept row count). */
  count?: string;
}

interface SqlRunner {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * One page of rows and the exact number of rows in the list, in one round trip: the count is an
 * uncorrelated subquery, which PostgreSQL runs once. A page past the end has no row to carry it,
 * and only then is the list counted on its own.
 */
export async function findPage<Row>(db: SqlRunner, sql: PageSql, query: PageQueryDto): Promise<[Row[], number]> {
  const where = sql.where.length > 0 ? ` WHERE ${sql.where.join(' AND ')}` : '';
  const { skip, take } = offsetOf(query);
  const rows = await db.query<(Row & { pageTotal: number })[]>(
    `SELECT ${sql.columns}, (${sql.count ?? `SELECT count(*)::int FROM ${sql.from}${where}`}) AS "pageTotal"
       FROM ${sql.from}${sql.joins ? ` ${sql.joins}` : ''}${where}
      ORDER BY ${sql.order} LIMIT ${take} OFFSET ${skip}`,
    sql.params,
  );
  if (rows.length > 0) return [rows, rows[0].pageTotal];
  if (skip === 0) return [rows, 0];
  const [{ total }] = await db.query<{ total: number }[]>(
    `SELECT count(*)::int AS total FROM ${sql.from}${where}`,
    sql.params,
  );
  return [rows, total];
}

/**
 * `sort=name` or `sort=-name`, from an allow-list that maps API names to columns: raw user
 * strings never reach ORDER BY.
 */
export function orderBy(
  sort: string | undefined,
  columns: Record<string, string>,
  fallback: string,
): [string, 'ASC' | 'DESC'] {
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

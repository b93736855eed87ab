import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto, sortValues } from '../../common/pagination/pagination';
import { NormalizeSpaces } from '../../common/validation/decorators';
import type { Network } from './network.entity';

// Networks

export class CreateNetworkDto {
  @ApiProperty({ minLength: 1, example: 'Xalapa', maxLength: 120 })
  @NormalizeSpaces()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;
}

/** Any field of a create, and only those; null is refused where the field is required. */
export class UpdateNetworkDto extends PartialType(CreateNetworkDto, { skipNullProperties: false }) {}

/** API sort names and the SQL columns they order by. */
export const NETWORK_SORT = { name: 'network.name', createdAt: 'network.created_at' };

export class NetworkListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: sortValues(NETWORK_SORT), default: 'name' })
  @IsOptional()
  @IsIn(sortValues(NETWORK_SORT))
  sort?: string;
}

export class NetworkResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function toNetworkResponse(network: Network): NetworkResponseDto {
  return {
    id: network.id,
    name: network.name,
    createdAt: network.createdAt.toISOString(),
    updatedAt: network.updatedAt.toISOString(),
  };
}

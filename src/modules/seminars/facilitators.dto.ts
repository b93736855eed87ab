import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsUUID } from 'class-validator';
import { IsOmittable } from '../../common/validation/decorators';
import { SpecialtyResponseDto } from '../directory/specialties.dto';

// Facilitators

export class AddFacilitatorDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  personId: string;

  @ApiPropertyOptional({ default: false, description: 'The lead facilitator; a new lead replaces the previous one.' })
  @IsOmittable()
  @IsBoolean()
  lead?: boolean;
}

export class UpdateFacilitatorDto {
  @ApiProperty()
  @IsBoolean()
  lead: boolean;
}

export class FacilitatorResponseDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() lead: boolean;
  @ApiProperty({ type: SpecialtyResponseDto, nullable: true }) specialty: SpecialtyResponseDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiProperty({ type: String, nullable: true }) unitName: string | null;
}

export class CoverageResponseDto {
  @ApiProperty({ type: SpecialtyResponseDto }) specialty: SpecialtyResponseDto;
  @ApiProperty({ type: 'integer', description: 'Facilitators the topic requires.' }) required: number;
  @ApiProperty({ type: 'integer', description: 'Facilitators of this specialty on the seminar.' }) assigned: number;
  @ApiProperty({ type: 'integer', description: 'Still to find (0 when covered).' }) missing: number;
}

export class FacilitatorsResponseDto {
  @ApiProperty({ type: [FacilitatorResponseDto] }) items: FacilitatorResponseDto[];
  @ApiProperty({ type: [CoverageResponseDto], description: "The topic's requirements against the facilitators." })
  coverage: CoverageResponseDto[];
  @ApiProperty({ description: 'Every required specialty has its count.' }) covered: boolean;
}

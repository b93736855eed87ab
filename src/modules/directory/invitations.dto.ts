import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { ROLES, type Role } from '../../common/auth/principal';
import { IsOmittable } from '../../common/validation/decorators';

/** Whom to invite again at once: everyone without a password, or those of a unit, network, specialty or role. */
export class InvitePeopleDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the staff of this unit.' })
  @IsOmittable()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the staff of the units of this network.' })
  @IsOmittable()
  @IsUUID()
  networkId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only people of this specialty.' })
  @IsOmittable()
  @IsUUID()
  specialtyId?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'Only people holding this role.' })
  @IsOmittable()
  @IsIn(ROLES)
  role?: Role;
}

export class InvitationsSentDto {
  @ApiProperty({
    type: 'integer',
    description: 'People mailed a new link to choose their password; their earlier unused links stop working.',
  })
  invited: number;
}

export class InvitationSentDto extends InvitationsSentDto {
  @ApiProperty({
    format: 'date-time',
    description:
      'When the person was last invited: now, or a moment ago when this repeats an invitation sent less than a minute before (then `invited` is 0 and that mail stands).',
  })
  invitedAt: string;
}

import { ApiProperty } from '@nestjs/swagger';

// Calendar

export class CalendarFeedResponseDto {
  @ApiProperty({
    description: 'The secret address to subscribe to; shown only now.',
    example: 'https://puente.example/api/v1/calendar/3q…Zk.ics',
  })
  url: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

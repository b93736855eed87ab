import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { ContactSharingDto, ContactSharingResponseDto, MyContactsResponseDto } from './contacts.dto';
import { channelWithoutValue } from './contacts.errors';
import { ContactsService } from './contacts.service';

/**
 * The caller's own contacts, and nobody else's: there is no route that names another person, and
 * the training office has none (403), so contacts cannot be listed or exported.
 */
@ApiTags('contacts')
@Controller('me')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get('contact-sharing')
  @Roles('attendee', 'facilitator')
  @ApiOperation({ summary: 'What I share with the people of my seminars, channel by channel' })
  @ApiOkResponse({ type: ContactSharingResponseDto })
  getSharing(@CurrentPrincipal() principal: Principal): Promise<ContactSharingResponseDto> {
    return this.contacts.getSharing(principal);
  }

  @Put('contact-sharing')
  @Roles('attendee', 'facilitator')
  @ApiOperation({
    summary: 'Choose what I share with the people of my seminars',
    description:
      'Nothing is shared until chosen. A channel withdrawn disappears from everyone’s contacts at once. ' +
      'A channel without its number (or, for the work phone, without the phone of my profile) cannot be shared; ' +
      'a number that is not one is refused; either way nothing changes. Every channel shared or withdrawn is audited.',
  })
  @ApiOkResponse({ type: ContactSharingResponseDto })
  @ApiProblems(channelWithoutValue)
  updateSharing(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ContactSharingDto,
  ): Promise<ContactSharingResponseDto> {
    return this.contacts.updateSharing(principal, body);
  }

  @Get('contacts')
  @Roles('attendee', 'facilitator')
  @ApiOperation({
    summary: 'My specialists and my participants, with the channels each shares',
    description:
      'From the first day of a seminar (confirmed, in progress, completed or closed): an attendee with a confirmed seat sees its ' +
      'facilitators, those of the hospitals their unit refers to first; a facilitator sees its confirmed attendees. ' +
      'Only people who share a channel appear, with those channels only.',
  })
  @ApiOkResponse({ type: MyContactsResponseDto })
  myContacts(@CurrentPrincipal() principal: Principal): Promise<MyContactsResponseDto> {
    return this.contacts.myContacts(principal);
  }
}

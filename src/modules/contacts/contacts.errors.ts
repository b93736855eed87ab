import { defineError } from '../../common/errors/define-error';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';

export enum ContactsErrorCode {
  ChannelWithoutValue = 'contact_channel_without_value',
}

export class ContactsError extends DomainError {}

/** Sharing a channel the person has no number (or address) for: nothing is saved. */
export const channelWithoutValue = defineError(
  ContactsErrorCode.ChannelWithoutValue,
  422,
  (fields: FieldError[]) => ({ detail: message('contacts.errors.channelWithoutValue'), fields }),
  ContactsError,
);

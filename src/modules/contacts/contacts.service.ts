import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditRecord } from '../../common/audit/audit.service';
import { hasRole, type Principal } from '../../common/auth/principal';
import { ValidationError, type FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { sessionEnded } from '../identity/identity.errors';
import { ContactSharing } from './contact-sharing.entity';
import {
  toContactResponse,
  toContactSharingResponse,
  type Channel,
  type ContactResponseDto,
  type ContactSharingDto,
  type ContactSharingResponseDto,
  type MyContactsResponseDto,
} from './contacts.dto';
import { channelWithoutValue } from './contacts.errors';
import { ContactsRepository, type SharedSeminar } from './contacts.repository';
import { toE164 } from './phone-numbers';

const SHARE_FLAGS: Record<Channel, 'shareWorkPhone' | 'shareMobile' | 'shareWhatsapp' | 'shareEmail'> = {
  workPhone: 'shareWorkPhone',
  mobile: 'shareMobile',
  whatsapp: 'shareWhatsapp',
  email: 'shareEmail',
};

/**
 * Contacts that last after a seminar: each person chooses what they share with the people of their
 * seminars, and from a seminar's first day its attendees and facilitators see what the others
 * share. Every question is about the caller: nobody, the office included, can ask for another's.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: ContactsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  async getSharing(principal: Principal): Promise<ContactSharingResponseDto> {
    const own = await this.contacts.findOwn(principal.personId);
    if (!own) throw sessionEnded();
    return toContactSharingResponse(own);
  }

  /**
   * Replaces the caller's choices. A channel without its number (or a work phone the profile lacks)
   * cannot be shared, and a number that is not one is refused; either way nothing changes. Each
   * channel shared or withdrawn, and each shared number changed, is audited without its value.
   */
  async updateSharing(principal: Principal, input: ContactSharingDto): Promise<ContactSharingResponseDto> {
    const numbers = checkedNumbers(input);
    const own = await this.dataSource.transaction(async (manager) => {
      const own = await this.contacts.findOwn(principal.personId, manager, true);
      if (!own) throw sessionEnded();
      const before = own.sharing ?? manager.create(ContactSharing, blankSharing(principal.personId));
      const after: ContactSharing = manager.create(ContactSharing, {
        ...before,
        mobile: numbers.mobile === undefined ? before.mobile : numbers.mobile,
        whatsapp: numbers.whatsapp === undefined ? before.whatsapp : numbers.whatsapp,
        shareWorkPhone: input.shareWorkPhone,
        shareMobile: input.shareMobile,
        shareWhatsapp: input.shareWhatsapp,
        shareEmail: input.shareEmail,
      });
      const missing: FieldError[] = [];
      if (after.shareWorkPhone && !own.workPhone)
        missing.push({ field: 'shareWorkPhone', message: message('contacts.errors.noWorkPhone') });
      if (after.shareMobile && !after.mobile)
        missing.push({ field: 'mobile', message: message('contacts.errors.noMobile') });
      if (after.shareWhatsapp && !after.whatsapp)
        missing.push({ field: 'whatsapp', message: message('contacts.errors.noWhatsapp') });
      if (missing.length > 0) throw channelWithoutValue(missing);

      const changes = auditedChanges(principal.personId, before, after);
      if (own.sharing && sameSharing(own.sharing, after)) return own;
      const saved = await this.contacts.save(after, manager);
      await this.audit.recordAll(manager, changes);
      return { ...own, sharing: saved };
    });
    return toContactSharingResponse(own);
  }

  /** The caller's specialists (as an attendee) and participants (as a facilitator). */
  async myContacts(principal: Principal): Promise<MyContactsResponseDto> {
    const today = todayIn(this.config.get('timeZone'), this.clock.now());
    const [specialists, participants] = await Promise.all([
      hasRole(principal, 'attendee') ? this.specialistsOf(principal.personId, today) : [],
      hasRole(principal, 'facilitator') ? this.participantsOf(principal.personId, today) : [],
    ]);
    return { specialists, participants };
  }

  private async specialistsOf(attendeeId: string, today: string): Promise<ContactResponseDto[]> {
    const met = await this.contacts.facilitatorsOfAttendee(attendeeId, today);
    const referral = await this.contacts.atReferralHospitalsOf(attendeeId, [...new Set(met.map((m) => m.personId))]);
    const cards = await this.cards(met, new Set(referral));
    // The specialists of the hospitals the unit refers to come first: those are the ones to call.
    return [...cards.filter((c) => c.referralHospital), ...cards.filter((c) => !c.referralHospital)];
  }

  private async participantsOf(facilitatorId: string, today: string): Promise<ContactResponseDto[]> {
    return this.cards(await this.contacts.attendeesOfFacilitator(facilitatorId, today), new Set());
  }

  private async cards(seminars: SharedSeminar[], atReferralHospital: Set<string>): Promise<ContactResponseDto[]> {
    const byPerson = new Map<string, SharedSeminar[]>();
    for (const seminar of seminars)
      byPerson.set(seminar.personId, [...(byPerson.get(seminar.personId) ?? []), seminar]);
    const shared = await this.contacts.sharedContacts([...byPerson.keys()]);
    return shared.map((contact) =>
      toContactResponse(contact, byPerson.get(contact.personId) ?? [], atReferralHospital.has(contact.personId)),
    );
  }
}

function blankSharing(personId: string): Partial<ContactSharing> {
  return {
    personId,
    mobile: null,
    whatsapp: null,
    shareWorkPhone: false,
    shareMobile: false,
    shareWhatsapp: false,
    shareEmail: false,
  };
}

function sameSharing(a: ContactSharing, b: ContactSharing): boolean {
  return (
    a.mobile === b.mobile &&
    a.whatsapp === b.whatsapp &&
    (Object.values(SHARE_FLAGS) as (keyof ContactSharing)[]).every((flag) => a[flag] === b[flag])
  );
}

/** The numbers of the request in E.164: undefined when left out, null when removed. */
function checkedNumbers(input: ContactSharingDto): { mobile?: string | null; whatsapp?: string | null } {
  const fields: FieldError[] = [];
  const read = (field: 'mobile' | 'whatsapp'): string | null | undefined => {
    const typed = input[field];
    if (typed === undefined || typed === null) return typed;
    if (typed.trim() === '') return null;
    const number = toE164(typed);
    if (!number) fields.push({ field, message: message('contacts.errors.numberFormat') });
    return number;
  };
  const numbers = { mobile: read('mobile'), whatsapp: read('whatsapp') };
  if (fields.length > 0) throw new ValidationError(fields, message('contacts.errors.numberInvalid'));
  return numbers;
}

/** One audit entry per channel shared or withdrawn, and per shared number changed; never a value. */
function auditedChanges(personId: string, before: ContactSharing, after: ContactSharing): AuditRecord[] {
  const records: AuditRecord[] = [];
  const entry = (action: string, channel: Channel): AuditRecord => ({
    actorId: personId,
    action,
    subjectType: 'person',
    subjectId: personId,
    details: { channel },
  });
  for (const [channel, flag] of Object.entries(SHARE_FLAGS) as [Channel, (typeof SHARE_FLAGS)[Channel]][]) {
    if (before[flag] !== after[flag])
      records.push(entry(after[flag] ? 'contact.shared' : 'contact.withdrawn', channel));
  }
  for (const channel of ['mobile', 'whatsapp'] as const) {
    if (before[channel] !== after[channel] && before[SHARE_FLAGS[channel]] && after[SHARE_FLAGS[channel]])
      records.push(entry('contact.number_changed', channel));
  }
  return records;
}

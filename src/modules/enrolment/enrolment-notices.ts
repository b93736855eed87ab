import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatLongDate, formatLongDateList as dateList } from '../../common/i18n/dates';
import type { Language } from '../../common/i18n/text';
import { ConfigService } from '../../config/config.service';
import { MailService } from '../../infrastructure/mail/mail.service';
import type { Seminar } from '../seminars/seminar.entity';
import { AnswerLinks } from './answer-links';
import type { Enrolment } from './enrolment.entity';
import type { PersonCard } from './enrolment.repository';
import type { ReleaseApproval } from './release-approval.entity';

/** A release request as its mails describe it. */
export interface ReleaseNotice {
  approval: ReleaseApproval;
  attendee: Pick<PersonCard, 'fullName'>;
  unitName: string | null;
  seminar: Seminar;
}

/**
 * The mail of the enrolment flow, in each recipient's language, written to the outbox in the
 * transaction of the change it reports (so it goes out only if that change commits).
 */
@Injectable()
export class EnrolmentNotices {
  constructor(
    private readonly mail: MailService,
    private readonly config: ConfigService,
    private readonly links: AnswerLinks,
  ) {}

  private get base(): string {
    return this.config.get('publicBaseUrl').replace(/\/$/, '');
  }

  /** An invitation (or a call from the waiting list) with links to accept or decline. */
  async invitation(manager: EntityManager, seminar: Seminar, person: PersonCard, enrolment: Enrolment): Promise<void> {
    const link = `${this.base}/inscripciones/${enrolment.id}`;
    // After "#": browsers keep it to themselves, so no server or scanner log ever holds it.
    const token = `#${this.links.enrolmentToken(enrolment, seminar)}`;
    await this.mail.enqueue(manager, {
      to: person.email,
      template: enrolment.promotedAt ? 'waitlist-promotion' : 'enrolment-invitation',
      locale: person.locale,
      data: {
        ...this.seminarData(seminar, person.locale),
        name: person.fullName,
        respondBy: formatLongDate(enrolment.respondBy!, person.locale),
        acceptLink: `${link}?accion=aceptar${token}`,
        declineLink: `${link}?accion=rechazar${token}`,
      },
    });
  }

  /** Asks the unit's managers (or, without any, the office) to release the attendee. */
  async releaseRequested(
    manager: EntityManager,
    notice: ReleaseNotice,
    recipients: PersonCard[],
    away: Map<string, number>,
  ): Promise<void> {
    for (const recipient of recipients) {
      const language = recipient.locale;
      const lines = (notice.seminar.days ?? [])
        .map(({ date }) => `- ${formatLongDate(date, language)}: ${away.get(date) ?? 0}`)
        .join('\n');
      await this.mail.enqueue(manager, {
        to: recipient.email,
        template: 'release-request',
        locale: language,
        data: {
          ...this.releaseData(notice, language, recipient),
          name: recipient.fullName,
          away: lines,
        },
      });
    }
  }

  async releaseReminder(manager: EntityManager, notice: ReleaseNotice, recipients: PersonCard[]): Promise<void> {
    for (const recipient of recipients) {
      await this.mail.enqueue(manager, {
        to: recipient.email,
        template: 'release-reminder',
        locale: recipient.locale,
        data: { ...this.releaseData(notice, recipient.locale, recipient), name: recipient.fullName },
      });
    }
  }

  async releaseOverdue(
    manager: EntityManager,
    notice: ReleaseNotice,
    office: PersonCard[],
    managers: PersonCard[],
  ): Promise<void> {
    for (const recipient of office) {
      await this.mail.enqueue(manager, {
        to: recipient.email,
        template: 'release-overdue',
        locale: recipient.locale,
        data: {
          ...this.releaseData(notice, recipient.locale, recipient),
          name: recipient.fullName,
          managers: managers.map((m) => m.fullName).join(', '),
        },
      });
    }
  }

  async releaseDecided(
    manager: EntityManager,
    seminar: Seminar,
    attendee: PersonCard,
    approved: boolean,
    reason: string | null,
  ): Promise<void> {
    await this.mail.enqueue(manager, {
      to: attendee.email,
      template: 'release-decision',
      locale: attendee.locale,
      data: { ...this.seminarData(seminar, attendee.locale), name: attendee.fullName, approved, reason: reason ?? '' },
    });
  }

  private seminarData(seminar: Seminar, language: Language): Record<string, unknown> {
    const days = seminar.days ?? [];
    const venue = seminar.venue ? [seminar.venue.name, seminar.venue.address].filter(Boolean).join(', ') : '';
    return {
      title: seminar.title,
      dates: dateList(
        days.map((day) => day.date),
        language,
      ),
      hours: days.length > 0 ? `${days[0].startTime}–${days[0].endTime}` : '',
      venue,
      creditHours: seminar.topic?.creditHours ?? '',
    };
  }

  private releaseData(notice: ReleaseNotice, language: Language, recipient: PersonCard): Record<string, unknown> {
    return {
      ...this.seminarData(notice.seminar, language),
      attendee: notice.attendee.fullName,
      unit: notice.unitName ?? '',
      requestedOn: formatLongDate(notice.approval.requestedOn, language),
      link: `${this.base}/liberaciones/${notice.approval.id}#${this.links.releaseToken(notice.approval, recipient.id, notice.seminar)}`,
    };
  }
}

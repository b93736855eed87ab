import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatLongDateList as dateList } from '../../common/i18n/dates';
import type { Language } from '../../common/i18n/text';
import { MailService } from '../../infrastructure/mail/mail.service';
import { ParticipantsRepository } from './participants.repository';
import type { Seminar } from './seminar.entity';

/**
 * Mail to everyone a seminar change affects (facilitators, and everyone enrolled or waiting), in
 * each person's language. Written in the change's transaction, so it goes out only if the change commits.
 */
@Injectable()
export class SeminarNotices {
  constructor(
    private readonly participants: ParticipantsRepository,
    private readonly mail: MailService,
  ) {}

  cancelled(manager: EntityManager, seminar: Seminar, reason: string): Promise<void> {
    const dates = (seminar.days ?? []).map((day) => day.date);
    return this.send(manager, seminar, 'seminar-cancelled', (language) => ({
      dates: dateList(dates, language),
      reason,
    }));
  }

  rescheduled(manager: EntityManager, seminar: Seminar, previousDates: string[], reason: string): Promise<void> {
    const days = seminar.days ?? [];
    return this.send(manager, seminar, 'seminar-rescheduled', (language) => ({
      previousDates: dateList(previousDates, language),
      newDates: dateList(
        days.map((day) => day.date),
        language,
      ),
      startTime: days[0]?.startTime ?? '',
      endTime: days[0]?.endTime ?? '',
      reason,
    }));
  }

  private async send(
    manager: EntityManager,
    seminar: Seminar,
    template: string,
    data: (language: Language) => Record<string, unknown>,
  ): Promise<void> {
    const venue = seminar.venue ? [seminar.venue.name, seminar.venue.address].filter(Boolean).join(', ') : '';
    for (const person of await this.participants.toNotify(seminar.id, manager)) {
      await this.mail.enqueue(manager, {
        to: person.email,
        template,
        locale: person.locale,
        data: {
          name: person.fullName,
          title: seminar.title,
          facilitator: person.role === 'facilitator',
          venue,
          ...data(person.locale),
        },
      });
    }
  }
}

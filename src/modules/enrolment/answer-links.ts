import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { ConfigService } from '../../config/config.service';
import type { Seminar } from '../seminars/seminar.entity';
import type { Enrolment } from './enrolment.entity';
import { answerLinkInvalid } from './enrolment.errors';
import type { PersonCard } from './enrolment.repository';
import type { ReleaseApproval } from './release-approval.entity';

const MANAGER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The tokens of the links Puente mails so that a person answers from their phone without signing
 * in: an invitation's (`/inscripciones/{id}#token`) and a release request's, one per manager
 * (`/liberaciones/{id}#token`). A token is an HMAC of what the answer is about: the object, the
 * person, and the seminar's dates and the invitation's deadline as they were when it was mailed. It
 * is stored nowhere and needs no state of its own: it stops working once the question is answered
 * (the object is no longer open), after the deadline, when the seminar's dates change, or when the
 * person is no longer the one asked. It travels after the `#` of the link, so neither the server's
 * logs nor a mail scanner's request ever carry it, and reaches the API in the `X-Puente-Link`
 * header.
 */
@Injectable()
export class AnswerLinks {
  private readonly key: Buffer;

  constructor(config: ConfigService) {
    this.key = Buffer.from(
      hkdfSync('sha256', config.get('auth').jwtSecret, Buffer.alloc(0), 'puente answer links', 32),
    );
  }

  enrolmentToken(enrolment: Enrolment, seminar: Pick<Seminar, 'startDate' | 'endDate'>): string {
    return this.mac(
      'enrolment',
      enrolment.id,
      enrolment.personId,
      enrolment.respondBy ?? '',
      String(enrolment.promotedAt?.getTime() ?? 0),
      seminar.startDate,
      seminar.endDate,
    );
  }

  /** The invitation's person, acting through the link: only while the invitation waits for an answer. */
  enrolmentActor(
    token: string,
    enrolment: Enrolment | null,
    seminar: Pick<Seminar, 'startDate' | 'endDate'> | null,
    today: string,
  ): Principal {
    if (
      !enrolment ||
      !seminar ||
      enrolment.status !== 'invited' ||
      enrolment.respondBy === null ||
      enrolment.respondBy < today ||
      !same(token, this.enrolmentToken(enrolment, seminar))
    ) {
      throw answerLinkInvalid();
    }
    return { personId: enrolment.personId, sessionId: '', roles: ['attendee'], unitId: null };
  }

  releaseToken(
    approval: ReleaseApproval,
    recipientId: string,
    seminar: Pick<Seminar, 'startDate' | 'endDate'>,
  ): string {
    const mac = this.mac(
      'release',
      approval.id,
      approval.enrolmentId,
      recipientId,
      approval.requestedOn,
      seminar.startDate,
      seminar.endDate,
    );
    return `${recipientId}.${mac}`;
  }

  /** The manager (or office member) the request was mailed to: only while it waits for a decision. */
  async releaseActor(
    token: string,
    approval: ReleaseApproval | null,
    seminar: Pick<Seminar, 'startDate' | 'endDate'> | null,
    recipient: (id: string) => Promise<PersonCard | undefined>,
  ): Promise<Principal> {
    const recipientId = token.slice(0, Math.max(0, token.indexOf('.')));
    if (!approval || !seminar || approval.status !== 'pending' || !MANAGER_ID.test(recipientId)) {
      throw answerLinkInvalid();
    }
    if (!same(token, this.releaseToken(approval, recipientId, seminar))) throw answerLinkInvalid();
    const person = await recipient(recipientId);
    const manages = person?.roles.includes('manager') && person.unitId === approval.unitId;
    if (!person?.active || !(manages || person.roles.includes('office'))) throw answerLinkInvalid();
    return {
      personId: person.id,
      sessionId: '',
      roles: person.roles.filter((role) => role === 'manager' || role === 'office'),
      unitId: person.unitId,
    };
  }

  private mac(...parts: string[]): string {
    return createHmac('sha256', this.key).update(parts.join('\n')).digest('base64url');
  }
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

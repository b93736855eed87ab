import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { message, translate, type Message } from '../../common/i18n/messages';
import { ConfigService } from '../../config/config.service';
import { MailService } from '../../infrastructure/mail/mail.service';
import { PasswordResetRepository } from './password-reset.repository';
import { PersonRepository, type Invitee } from './person.repository';
import { newOpaqueToken } from './secrets';

/**
 * Account invitations: the account-created mail, with a one-time link to choose a password, for
 * people who have none yet. A new invitation ends the earlier unused links of the person, as any
 * new reset link does, so only the latest mail works; it lasts `ACCOUNT_INVITATION_TTL_SECONDS`.
 */
@Injectable()
export class AccountInvitations {
  constructor(
    private readonly config: ConfigService,
    private readonly people: PersonRepository,
    private readonly resets: PasswordResetRepository,
    private readonly mail: MailService,
  ) {}

  /**
   * Mails each person a new link in the caller's transaction, in a few multi-row statements
   * whatever their number, and notes that they were invited. Returns when (the database's clock).
   */
  async send(manager: EntityManager, invitees: Invitee[]): Promise<Date | null> {
    if (invitees.length === 0) return null;
    const ids = invitees.map((invitee) => invitee.id);
    const ttl = this.config.get('auth').accountInvitationTtlSeconds;
    const tokens = invitees.map(() => newOpaqueToken());
    await this.resets.invalidateOpenOfMany(ids, manager);
    await this.resets.createMany(
      invitees.map((invitee, at) => ({ personId: invitee.id, tokenHash: tokens[at].hash })),
      ttl,
      manager,
    );
    const base = this.config.get('publicBaseUrl').replace(/\/$/, '');
    const validity = linkValidity(ttl);
    await this.mail.enqueueMany(
      manager,
      invitees.map((invitee, at) => ({
        to: invitee.email,
        template: 'account-created',
        locale: invitee.locale,
        data: {
          name: invitee.fullName,
          email: invitee.email,
          link: `${base}/restablecer-contrasena?token=${tokens[at].token}`,
          validity: translate(validity, invitee.locale),
        },
      })),
    );
    return this.people.markInvited(ids, manager);
  }

  /**
   * Notes, in the caller's transaction, that these people are to be invited: what a background job
   * then sends with `sendAwaiting`. Noting it beside the change that calls for it (an import) means
   * a crash after the commit loses no invitation.
   */
  async note(manager: EntityManager, personIds: string[]): Promise<void> {
    await this.people.markInvited(personIds, manager);
  }

  /**
   * Sends the invitations noted earlier for these people (by an import or the office) and not sent
   * since: the work of a background job, which may run again after a crash without mailing anyone
   * twice. Returns how many were sent.
   */
  async sendAwaiting(manager: EntityManager, personIds: string[]): Promise<number> {
    const awaiting = await this.people.lockAwaitingInvitation(personIds, manager);
    await this.send(manager, awaiting);
    return awaiting.length;
  }
}

/** How long a link lasts, in the largest whole unit: «7 días», «12 hours», «90 minutos». */
function linkValidity(seconds: number): Message {
  const [unit, size] =
    seconds % 86_400 === 0 ? ['day', 86_400] : seconds % 3_600 === 0 ? ['hour', 3_600] : ['minute', 60];
  return message('identity.invitations.linkValidity', { unit, count: Math.max(1, Math.round(seconds / Number(size))) });
}

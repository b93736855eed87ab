import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Handlebars from 'handlebars';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource, EntityManager, In } from 'typeorm';
import { ConfigService } from '../../config/config.service';
import { projectRoot } from '../../config/project-root';
import { OutboxMail } from './outbox-mail.entity';

export interface MailRequest {
  to: string;
  template: string;
  locale: 'es' | 'en';
  data: Record<string, unknown>;
}

interface CompiledTemplate {
  subject: Handlebars.TemplateDelegate;
  body: Handlebars.TemplateDelegate;
}

/**
 * Writes mail to the outbox inside the caller's transaction, so a message exists exactly when the
 * change that caused it was committed. With SMTP configured, `deliver` sends what is pending.
 * Templates live in templates/emails/<name>.<locale>.hbs: a `Subject:` line, a blank line, the body.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly templates = new Map<string, CompiledTemplate>();
  private readonly transport?: Transporter;
  private readonly from: string;

  constructor(
    config: ConfigService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const mail = config.get('mail');
    this.from = mail.from;
    this.transport = mail.smtpUrl ? createTransport(mail.smtpUrl) : undefined;
  }

  async enqueue(manager: EntityManager, request: MailRequest): Promise<OutboxMail> {
    const template = this.template(request.template, request.locale);
    const mail = manager.create(OutboxMail, {
      recipient: request.to,
      template: request.template,
      locale: request.locale,
      subject: template.subject(request.data).trim(),
      body: template.body(request.data),
      status: this.transport ? 'pending' : 'stored',
    });
    return manager.save(mail);
  }

  /** Sends the given pending messages (after their transaction committed); failures stay pending. */
  async deliver(ids: string[]): Promise<void> {
    if (!this.transport || ids.length === 0) return;
    const mails = await this.dataSource.getRepository(OutboxMail).findBy({ id: In(ids), status: 'pending' });
    for (const mail of mails) {
      try {
        await this.transport.sendMail({ from: this.from, to: mail.recipient, subject: mail.subject, text: mail.body });
        await this.dataSource.getRepository(OutboxMail).update(mail.id, { status: 'sent', sentAt: new Date(), attempts: mail.attempts + 1 });
      } catch (error) {
        this.logger.warn(`Mail ${mail.id} not delivered: ${(error as Error).message}`);
        await this.dataSource
          .getRepository(OutboxMail)
          .update(mail.id, { attempts: mail.attempts + 1, lastError: (error as Error).message.slice(0, 500) });
      }
    }
  }

  /** The outbox, newest first. */
  list(recipient: string | undefined, page: { skip: number; take: number }): Promise<[OutboxMail[], number]> {
    return this.dataSource.getRepository(OutboxMail).findAndCount({
      where: recipient ? { recipient } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      ...page,
    });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  private template(name: string, locale: string): CompiledTemplate {
    const key = `${name}.${locale}`;
    let compiled = this.templates.get(key);
    if (!compiled) {
      const source = readFileSync(join(projectRoot(), 'templates', 'emails', `${key}.hbs`), 'utf8');
      const match = /^Subject:(.*)\r?\n\r?\n([\s\S]*)$/.exec(source);
      if (!match) throw new Error(`Mail template ${key} must start with a Subject: line and a blank line`);
      compiled = {
        subject: Handlebars.compile(match[1], { noEscape: true, strict: true }),
        body: Handlebars.compile(match[2], { noEscape: true, strict: true }),
      };
      this.templates.set(key, compiled);
    }
    return compiled;
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Handlebars from 'handlebars';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource, EntityManager, In } from 'typeorm';
import { offsetOf, pageOf, type Page } from '../../common/pagination/pagination';
import { ConfigService } from '../../config/config.service';
import { projectRoot } from '../../config/project-root';
import { OutboxMail } from './outbox-mail.entity';
import { toOutboxMailResponse, type OutboxListQueryDto, type OutboxMailResponseDto } from './outbox.dto';
import { redactSecrets } from './redact';

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

  /** Sends after the caller has answered, so a slow mail server never delays a response. */
  deliverLater(ids: string[]): void {
    if (!this.transport || ids.length === 0) return;
    this.deliver(ids).catch((error: unknown) => this.logger.error(`Mail delivery failed: ${(error as Error).message}`));
  }

  /** Sends the given pending messages (after their transaction committed); failures stay pending. */
  async deliver(ids: string[]): Promise<void> {
    if (!this.transport || ids.length === 0) return;
    const mails = await this.dataSource.getRepository(OutboxMail).findBy({ id: In(ids), status: 'pending' });
    for (const mail of mails) {
      try {
        await this.transport.sendMail({ from: this.from, to: mail.recipient, subject: mail.subject, text: mail.body });
        // Once delivered, the copy kept here no longer needs the one-time link it carried.
        await this.dataSource
          .getRepository(OutboxMail)
          .update(mail.id, { status: 'sent', sentAt: new Date(), attempts: mail.attempts + 1, body: redactSecrets(mail.body) });
      } catch (error) {
        this.logger.warn(`Mail ${mail.id} not delivered: ${(error as Error).message}`);
        await this.dataSource
          .getRepository(OutboxMail)
          .update(mail.id, { attempts: mail.attempts + 1, lastError: (error as Error).message.slice(0, 500) });
      }
    }
  }

  /** The outbox, newest first. */
  async list(query: OutboxListQueryDto): Promise<Page<OutboxMailResponseDto>> {
    const [rows, total] = await this.dataSource.getRepository(OutboxMail).findAndCount({
      where: query.recipient ? { recipient: query.recipient } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      ...offsetOf(query),
    });
    return pageOf(rows, total, query, toOutboxMailResponse);
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

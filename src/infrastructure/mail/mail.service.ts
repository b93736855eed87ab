import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Handlebars from 'handlebars';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, pageOf, type Page } from '../../common/pagination/pagination';
import { ConfigService } from '../../config/config.service';
import { projectRoot } from '../../config/project-root';
import { JobsService } from '../jobs/jobs.service';
import { htmlOf } from './mail-html';
import { OutboxMail } from './outbox-mail.entity';
import { toOutboxMailResponse, type OutboxListQueryDto, type OutboxMailResponseDto } from './outbox.dto';
import { redactSecrets } from './redact';
import { Clock } from '../../common/time/clock';

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

/** The queue whose jobs send one outbox message each. */
export const MAIL_QUEUE = 'mail-delivery';

/** Outbox rows per insert statement in `enqueueMany`: well under PostgreSQL's 65,535 parameters. */
const MAIL_ROWS_PER_STATEMENT = 1000;

interface MailJob {
  mailId: string;
}

/**
 * Writes mail to the outbox inside the caller's transaction, so a message exists exactly when the
 * change that caused it was committed. With SMTP configured, the same transaction sends a job that
 * delivers the message once the change has committed; a failed delivery is retried with growing
 * waits and, after the last attempt, marked failed, the message kept. A rolled-back change leaves
 * neither the message nor its job behind, so nothing is sent.
 *
 * Templates live in templates/emails/<locale>/<name>.hbs: a `Subject:` line, a blank line, the
 * plain-text body. The HTML part is laid out from the same text (templates/emails/layout.html.hbs).
 */
@Injectable()
export class MailService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly templates = new Map<string, CompiledTemplate>();
  private readonly transport?: Transporter;
  private readonly from: string;

  constructor(
    private readonly config: ConfigService,
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    const mail = config.get('mail');
    this.from = mail.from;
    this.transport = mail.smtpUrl ? createTransport(mail.smtpUrl) : undefined;
  }

  onModuleInit(): void {
    if (!this.transport) return;
    const mail = this.config.get('mail');
    this.jobs.define<MailJob>({
      name: MAIL_QUEUE,
      retryLimit: mail.retryLimit,
      retryDelaySeconds: mail.retryDelaySeconds,
      retryBackoff: true,
      batchSize: 20,
      expireInSeconds: 600,
      handler: (job) => this.deliver(job.mailId),
      onGiveUp: (job) => this.giveUp(job.mailId),
    });
  }

  async enqueue(manager: EntityManager, request: MailRequest): Promise<OutboxMail> {
    const mail = await manager.save(manager.create(OutboxMail, this.outboxRow(request)));
    if (this.transport) await this.jobs.send<MailJob>(manager, MAIL_QUEUE, { mailId: mail.id });
    return mail;
  }

  /**
   * `enqueue` for many messages (hundreds of invitations), in multi-row statements: the outbox rows
   * and, with SMTP, their delivery jobs, in the caller's transaction all the same.
   */
  async enqueueMany(manager: EntityManager, requests: MailRequest[]): Promise<void> {
    for (let start = 0; start < requests.length; start += MAIL_ROWS_PER_STATEMENT) {
      const rows = requests.slice(start, start + MAIL_ROWS_PER_STATEMENT).map((request) => this.outboxRow(request));
      const inserted = await manager.insert(OutboxMail, rows);
      if (this.transport) {
        const ids = inserted.identifiers.map((identifier) => ({ mailId: String(identifier.id) }));
        await this.jobs.sendMany<MailJob>(manager, MAIL_QUEUE, ids);
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

  /** Sends one pending message; throws on failure so that the job is retried. */
  private async deliver(id: string): Promise<void> {
    const outbox = this.dataSource.getRepository(OutboxMail);
    const mail = await outbox.findOneBy({ id });
    if (!mail || mail.status !== 'pending' || !this.transport) return;
    try {
      await this.transport.sendMail({
        from: this.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        html: htmlOf(mail.body, mail.locale),
      });
    } catch (error) {
      const message = (error as Error).message;
      this.logger.warn(`Mail ${mail.id} not delivered (attempt ${mail.attempts + 1}): ${message}`);
      await outbox.update(
        { id, status: 'pending' },
        { attempts: () => 'attempts + 1', lastError: message.slice(0, 500) },
      );
      throw error;
    }
    // Once delivered, the copy kept here no longer needs the one-time link it carried.
    await outbox.update(
      { id, status: 'pending' },
      {
        status: 'sent',
        sentAt: this.clock.now(),
        attempts: () => 'attempts + 1',
        lastError: null,
        body: redactSecrets(mail.body),
      },
    );
  }

  private async giveUp(id: string): Promise<void> {
    this.logger.error(`Mail ${id} given up after every attempt; it stays in the outbox as failed`);
    await this.dataSource.getRepository(OutboxMail).update({ id, status: 'pending' }, { status: 'failed' });
  }

  private outboxRow(request: MailRequest): Partial<OutboxMail> {
    const template = this.template(request.template, request.locale);
    return {
      recipient: request.to,
      template: request.template,
      locale: request.locale,
      subject: template.subject(request.data).trim(),
      body: template.body(request.data),
      status: this.transport ? 'pending' : 'stored',
    };
  }

  private template(name: string, locale: string): CompiledTemplate {
    const key = `${locale}/${name}`;
    let compiled = this.templates.get(key);
    if (!compiled) {
      const source = readFileSync(join(projectRoot(), 'templates', 'emails', locale, `${name}.hbs`), 'utf8');
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

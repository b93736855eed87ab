import { fileMissing } from '../../common/errors/common.errors';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { ConfigService } from '../../config/config.service';
import { inTransaction } from '../../database/transaction';
import { StorageService } from '../../infrastructure/storage/storage.service';
import {
  AttachmentRejected,
  DEFAULT_UPLOAD_LIMITS,
  inspectAttachment,
  type InspectedAttachment,
} from './attachments/inspect';
import type { CaseAttachment } from './case-attachment.entity';
import { CaseRepository } from './case.repository';
import { CaseAttachmentDto, toAttachmentDto } from './cases.dto';
import {
  attachmentNotFound,
  attachmentTooLarge,
  caseNotEditable,
  caseNotFound,
  tooManyAttachments,
  unsupportedMediaType,
} from './cases.errors';
import { CaseAccessService } from './case-access.service';

export interface UploadedFileInput {
  buffer: Buffer;
  originalname: string;
}

export interface AttachmentDownload {
  attachment: CaseAttachment;
  stream: Readable;
}

/** Statuses in which a case's files may change (an approved case is edited first, which starts a new version). */
const EDITABLE = ['draft', 'changes_requested'];

/**
 * Case files: checked from their bytes, cleaned of metadata, stored under a generated key with
 * their SHA-256, and handed out only to those who may see the case, each download audited.
 */
@Injectable()
export class CaseAttachmentsService {
  private readonly logger = new Logger(CaseAttachmentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly caseAccess: CaseAccessService,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly config: ConfigService,
  ) {}

  async upload(actor: Principal, caseId: string, file: UploadedFileInput | undefined): Promise<CaseAttachmentDto> {
    if (!file) throw fileMissing();
    const { c, manages } = await this.caseAccess.inContext(actor, caseId);
    if (!manages) throw caseNotFound();
    if (!EDITABLE.includes(c.status)) throw caseNotEditable();
    const limits = this.config.get('cases');
    if ((await this.cases.countAttachments(caseId, this.dataSource.manager)) >= limits.maxAttachments)
      throw tooManyAttachments(limits.maxAttachments);
    const inspected = await this.inspect(file, limits.maxAttachmentBytes);
    const key = `cases/${caseId}/${randomUUID()}`;
    await this.storage.put(key, inspected.bytes);
    try {
      const saved = await inTransaction(this.dataSource, async (manager) => {
        const locked = await this.cases.lock(caseId, manager);
        if (!locked || !EDITABLE.includes(locked.status)) throw caseNotEditable();
        // Counted again under the case's lock: two uploads at once cannot both take the last place.
        if ((await this.cases.countAttachments(caseId, manager)) >= limits.maxAttachments)
          throw tooManyAttachments(limits.maxAttachments);
        const attachment = await this.cases.saveAttachment(
          {
            caseId,
            storageKey: key,
            displayName: inspected.displayName,
            kind: inspected.kind,
            mediaType: inspected.mediaType,
            sizeBytes: inspected.bytes.length,
            sha256: createHash('sha256').update(inspected.bytes).digest('hex'),
            extractedText: inspected.text,
            uploadedById: actor.personId,
          },
          manager,
        );
        await this.audit.record(manager, {
          actorId: actor.personId,
          action: 'case.attachment_added',
          subjectType: 'case',
          subjectId: caseId,
          details: {
            attachmentId: attachment.id,
            kind: attachment.kind,
            sizeBytes: attachment.sizeBytes,
            sha256: attachment.sha256,
          },
        });
        return attachment;
      });
      return toAttachmentDto(saved);
    } catch (error) {
      await this.storage
        .remove(key)
        .catch((cleanup: Error) =>
          this.logger.warn(`Stored file ${key} not removed after a failed upload: ${cleanup.message}`),
        );
      throw error;
    }
  }

  async download(actor: Principal, caseId: string, attachmentId: string): Promise<AttachmentDownload> {
    const { c } = await this.caseAccess.inContext(actor, caseId);
    const attachment = await this.cases.findAttachment(c.id, attachmentId, this.dataSource.manager);
    if (!attachment) throw attachmentNotFound();
    const stream = await this.storage.read(attachment.storageKey);
    await this.audit.record(this.dataSource.manager, {
      actorId: actor.personId,
      action: 'case.attachment_downloaded',
      subjectType: 'case',
      subjectId: c.id,
      details: { attachmentId },
    });
    return { attachment, stream };
  }

  async remove(actor: Principal, caseId: string, attachmentId: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const { c, manages } = await this.caseAccess.inContext(actor, caseId, manager);
      if (!manages) throw caseNotFound();
      const locked = (await this.cases.lock(c.id, manager))!;
      if (!EDITABLE.includes(locked.status)) throw caseNotEditable();
      const attachment = await this.cases.findAttachment(c.id, attachmentId, manager);
      if (!attachment) throw attachmentNotFound();
      await this.cases.removeAttachment(attachment.id, manager);
      await this.audit.record(manager, {
        actorId: actor.personId,
        action: 'case.attachment_removed',
        subjectType: 'case',
        subjectId: caseId,
        details: { attachmentId },
      });
    });
    // The stored file may be shared with copies of the case made for reuse, so it stays.
  }

  private async inspect(file: UploadedFileInput, maxBytes: number): Promise<InspectedAttachment> {
    try {
      return await inspectAttachment(file.buffer, file.originalname, { ...DEFAULT_UPLOAD_LIMITS, maxBytes });
    } catch (error) {
      if (!(error instanceof AttachmentRejected)) throw error;
      if (error.reason === 'too_large' || error.reason === 'archive_too_large')
        throw attachmentTooLarge(Math.round(maxBytes / 1024 / 1024));
      throw unsupportedMediaType();
    }
  }
}

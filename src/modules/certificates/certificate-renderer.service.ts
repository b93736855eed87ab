import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { projectRoot } from '../../config/project-root';
import type { RegistryBookData, TranscriptData } from './render/certificate-data';
import { CertificateRenderer } from './render/renderer';
import type { CertificateData } from './render/certificate-data';

/**
 * The certificate renderer of this process: templates compiled and fonts parsed once, at start-up,
 * then shared by every document.
 */
@Injectable()
export class CertificateRendererService {
  private readonly renderer = CertificateRenderer.load(join(projectRoot(), 'templates', 'certificates'));

  templateNames(): string[] {
    return this.renderer.templateNames();
  }

  render(template: string, locale: 'es' | 'en', data: CertificateData): Promise<Buffer> {
    return this.renderer.render(template, locale, data);
  }

  transcript(locale: 'es' | 'en', data: TranscriptData): Promise<Buffer> {
    return this.renderer.renderTranscript(locale, data);
  }

  registryBook(locale: 'es' | 'en', data: RegistryBookData): Promise<Buffer> {
    return this.renderer.renderRegistryBook(locale, data);
  }
}

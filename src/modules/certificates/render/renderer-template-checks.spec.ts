import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertificateRenderError, CertificateRenderErrorCode } from './render.errors';
import { CertificateRenderer } from './renderer';
import { TEMPLATES } from './renderer.fixtures';

describe(CertificateRenderer.name, () => {
  describe('template checks at load', () => {
    let folder: string;

    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'puente-templates-'));
      cpSync(TEMPLATES, folder, { recursive: true });
    });

    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    const editTexts = (template: string, locale: string, edit: (texts: Record<string, unknown>) => void) => {
      const file = join(folder, template, `texts.${locale}.json`);
      const texts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      edit(texts);
      writeFileSync(file, JSON.stringify(texts));
    };

    const loadError = (): CertificateRenderError => {
      try {
        CertificateRenderer.load(folder);
      } catch (error) {
        return error as CertificateRenderError;
      }
      throw new Error('load accepted the templates');
    };

    it('loads a copy of the shipped templates', () => {
      expect(CertificateRenderer.load(folder).templateNames()).toEqual(['attendance', 'facilitation']);
    });

    it.each([
      [
        'an unknown variable, even in a branch samples never take',
        '{{#if reissued}}{{holderNmae}}{{/if}}',
        'holderNmae',
      ],
      ['{{constructor}}', 'x {{constructor}}', 'constructor'],
      ['{{__proto__}}', '{{__proto__}}', '__proto__'],
      ['a path into a variable', '{{holderName.length}}', 'holderName.length'],
      ['this', '{{this}}', 'this'],
      ['a parent context', '{{#if licence}}{{../holderName}}{{/if}}', '../holderName'],
      ['@root data', '{{@root.holderName}}', 'holderName'],
      ['the lookup helper', '{{lookup holderName "constructor"}}', 'helpers are not allowed'],
      ['an each block', '{{#each signatories}}x{{/each}}', 'only {{#if}} and {{#unless}}'],
      ['a partial', '{{> signature}}', 'PartialStatement'],
    ])('refuses %s', (_, source, named) => {
      editTexts('attendance', 'es', (texts) => (texts.body = source));
      const error = loadError();
      expect(error).toBeInstanceOf(CertificateRenderError);
      expect(error.code).toBe(CertificateRenderErrorCode.TemplateInvalid);
      expect(error.message).toContain('attendance');
      expect(error.message).toContain(named);
    });

    it('refuses texts missing from one locale, a layout naming an unknown font, and a broken layout', () => {
      editTexts('facilitation', 'en', (texts) => delete texts.issued);
      expect(loadError().message).toContain('issued');
      cpSync(TEMPLATES, folder, { recursive: true });
      const layoutFile = join(folder, 'attendance', 'layout.json');
      writeFileSync(layoutFile, readFileSync(layoutFile, 'utf8').replace('"DejaVuSerif-Italic"', '"Comic-Sans"'));
      expect(loadError().message).toContain('Comic-Sans');
      writeFileSync(layoutFile, '{ "kind": "certificate", ');
      expect(loadError().code).toBe(CertificateRenderErrorCode.TemplateInvalid);
    });
  });
});

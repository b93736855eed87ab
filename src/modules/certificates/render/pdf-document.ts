import PDFDocument from 'pdfkit';
import type { FontSet } from './font-set';
import type { PageSpec } from './layout-types';
import { documentDate } from './format';

export type Pdf = PDFKit.PDFDocument;

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  /** 'YYYY-MM-DD': CreationDate and ModDate, and through them the file ID. */
  date: string;
  lang: string;
}

/**
 * A pdfkit document whose bytes depend only on what is drawn and on `info`: the dates (which pdfkit
 * would take from the clock, and hashes into the file ID) come from the data, and no standard font
 * is loaded behind our back. Each shared font is registered under its name; see FontSet for why
 * handing pdfkit the parsed fonts is safe.
 */
export function createDocument(
  page: PageSpec,
  info: DocumentInfo,
  fonts: FontSet,
  options: { margin?: number; bufferPages?: boolean } = {},
): Pdf {
  const date = documentDate(info.date);
  const doc = new PDFDocument({
    size: page.size,
    layout: page.orientation,
    margin: options.margin ?? 0,
    bufferPages: options.bufferPages ?? false,
    compress: true,
    lang: info.lang,
    displayTitle: true,
    // No default font: pdfkit would otherwise load Helvetica's metrics for every document.
    font: null as unknown as string,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Keywords: info.keywords,
      Creator: 'Puente',
      Producer: 'Puente (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  for (const name of fonts.names()) doc.registerFont(name, fonts.get(name) as unknown as PDFKit.Mixins.PDFFontSource);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function finish(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

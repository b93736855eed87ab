import QRCode from 'qrcode';
import type { CertificateSignatory } from './certificate-data';
import type { CertificateElement, QrElement, SignaturesElement, TextElement } from './layout-types';
import type { Pdf } from './pdf-document';

export interface CertificatePage {
  elements: readonly CertificateElement[];
  /** The rendered text of a text key. */
  text(key: string): string;
  signatories: readonly CertificateSignatory[];
  verificationUrl: string;
  image(src: string): Buffer;
}

/** Draws a certificate's one page, element by element, in layout order. */
export function drawCertificate(doc: Pdf, page: CertificatePage): void {
  /** Where the previous text ended, for texts placed `after` it. */
  let cursor = 0;
  for (const element of page.elements) {
    switch (element.type) {
      case 'frame':
        doc.lineWidth(element.lineWidth).strokeColor(element.color);
        doc
          .rect(element.inset, element.inset, doc.page.width - 2 * element.inset, doc.page.height - 2 * element.inset)
          .stroke();
        break;
      case 'rule':
        doc.lineWidth(element.lineWidth).strokeColor(element.color);
        doc
          .moveTo(element.x, element.y)
          .lineTo(element.x + element.width, element.y)
          .stroke();
        break;
      case 'path':
        doc.save().translate(element.x, element.y).scale(element.scale).path(element.d).fill(element.color).restore();
        break;
      case 'image':
        doc.image(page.image(element.src), element.x, element.y, { width: element.width });
        break;
      case 'text':
        cursor = drawText(doc, element, page.text(element.text), cursor);
        break;
      case 'signatures':
        drawSignatures(doc, element, page.signatories);
        break;
      case 'qr':
        drawQr(doc, element, page.verificationUrl, page.text(element.caption));
        break;
    }
  }
}

function drawText(doc: Pdf, element: TextElement, value: string, cursor: number): number {
  const text = value.trim();
  if (text === '') return cursor;
  const y = element.y ?? cursor + (element.after ?? 0);
  const options = { width: element.width, align: element.align, lineGap: element.lineGap ?? 0 };
  let size = element.size;
  doc.font(element.font).fontSize(size);
  if (element.maxLines) {
    const minSize = element.minSize ?? element.size * 0.6;
    while (
      size > minSize &&
      doc.heightOfString(text, options) >
        element.maxLines * doc.currentLineHeight(true) + options.lineGap * element.maxLines + 0.01
    ) {
      size = Math.max(minSize, size - 0.5);
      doc.fontSize(size);
    }
  }
  doc.fillColor(element.color).text(text, element.x, y, options);
  return doc.y;
}

function drawSignatures(doc: Pdf, element: SignaturesElement, signatories: readonly CertificateSignatory[]): void {
  const column = element.width / signatories.length;
  const lineWidth = Math.min(column - 24, 200);
  signatories.forEach((signatory, index) => {
    const left = element.x + index * column;
    const middle = left + column / 2;
    doc.lineWidth(0.6).strokeColor(element.lineColor);
    doc
      .moveTo(middle - lineWidth / 2, element.y)
      .lineTo(middle + lineWidth / 2, element.y)
      .stroke();
    doc.font(element.font).fontSize(element.size).fillColor(element.color);
    doc.text(signatory.name, left + 6, element.y + 5, { width: column - 12, align: 'center' });
    doc.font(element.roleFont).fontSize(element.roleSize);
    doc.text(signatory.role, left + 6, doc.y + 1, { width: column - 12, align: 'center' });
  });
}

/**
 * The QR code as vector squares (one fill for all dark modules, horizontal runs merged): sharp at
 * any zoom, nothing to decode as an image, and a few hundred bytes.
 */
function drawQr(doc: Pdf, element: QrElement, url: string, caption: string): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = element.size / count;
  doc.save();
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!qr.modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && qr.modules.get(row, column)) column++;
      doc.rect(element.x + start * cell, element.y + row * cell, (column - start) * cell, cell);
    }
  }
  doc.fill(element.color).restore();
  const text = caption.trim();
  if (text !== '') {
    doc.font(element.font).fontSize(element.captionSize).fillColor(element.captionColor);
    // Wider than the code, centred under it: the caption holds the check code and registry number.
    doc.text(text, element.x - element.size * 0.3, element.y + element.size + 4, {
      width: element.size * 1.6,
      align: 'center',
    });
  }
}

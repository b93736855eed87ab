import { inspectDocx, looksLikeZip } from './docx';
import { stripJpeg } from './jpeg';
import { inspectPdf, PDF_MAGIC } from './pdf';
import { PNG_SIGNATURE, stripPng } from './png';
import { AttachmentRejected, hasZipTrailer, type RejectionReason } from './rejection';

export { AttachmentRejected, type RejectionReason };

/** The kinds of case attachment we accept. */
export type AttachmentKind = 'pdf' | 'png' | 'jpeg' | 'docx';

/** Size limits applied before and during parsing. */
export interface UploadLimits {
  /** Largest upload accepted, in bytes (checked before any parsing). */
  maxBytes: number;
  /** Most zip entries a DOCX may have. */
  docxMaxEntries: number;
  /**
   * Most bytes a DOCX may inflate to (declared and actual). Also caps how much of a PDF's
   * compressed streams is inflated while scanning them for active content.
   */
  docxMaxInflatedBytes: number;
}

/** 20 MiB uploads, 500 zip entries, 100 MiB inflated. */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 20 * 1024 * 1024,
  docxMaxEntries: 500,
  docxMaxInflatedBytes: 100 * 1024 * 1024,
};

/** An accepted attachment, ready to store and to scan for identifying data. */
export interface InspectedAttachment {
  kind: AttachmentKind;
  /** application/pdf, image/png, image/jpeg or the DOCX media type. */
  mediaType: string;
  /** The original name, sanitised for display, with the extension of `kind`. */
  displayName: string;
  /** What to store: the upload with its metadata stripped. */
  bytes: Buffer;
  /** Extracted text for the de-identification scan ('' for images). */
  text: string;
}

const MEDIA_TYPES: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const EXTENSIONS: Record<AttachmentKind, string> = { pdf: 'pdf', png: 'png', jpeg: 'jpg', docx: 'docx' };

/**
 * The kind announced by the first bytes, or undefined. Only the bytes count: the client's file
 * name and Content-Type are under the uploader's control, so they never decide the type.
 */
function sniff(bytes: Buffer): AttachmentKind | 'zip' | undefined {
  if (bytes.toString('latin1', 0, PDF_MAGIC.length) === PDF_MAGIC) return 'pdf';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (looksLikeZip(bytes)) return 'zip';
  return undefined;
}

/**
 * Decides what an uploaded file is from its bytes, refuses what we do not accept (see
 * `RejectionReason`) and returns a copy without metadata plus its text.
 *
 * @param bytes the uploaded file
 * @param originalName the client's file name, only used to build `displayName`
 * @param limits size limits (defaults to `DEFAULT_UPLOAD_LIMITS`)
 * @throws AttachmentRejected
 */
export async function inspectAttachment(
  bytes: Buffer,
  originalName: string,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<InspectedAttachment> {
  // Size first: nothing is parsed, inflated or copied for an oversized upload.
  if (bytes.length > limits.maxBytes)
    throw new AttachmentRejected('too_large', `File is ${bytes.length} bytes (limit ${limits.maxBytes}).`);
  const sniffed = sniff(bytes);
  if (sniffed === undefined) throw new AttachmentRejected('unsupported_type', 'File type is not accepted.');

  let kind: AttachmentKind;
  let stored: Buffer;
  let text = '';
  if (sniffed === 'zip') {
    kind = 'docx';
    ({ bytes: stored, text } = inspectDocx(bytes, limits));
  } else {
    // A valid image or PDF that also ends like a zip is a polyglot: different programs would see
    // different files in it.
    if (hasZipTrailer(bytes)) throw new AttachmentRejected('unsupported_type', 'File also carries a zip archive.');
    kind = sniffed;
    if (kind === 'png') stored = stripPng(bytes);
    else if (kind === 'jpeg') stored = stripJpeg(bytes);
    else ({ bytes: stored, text } = await inspectPdf(bytes, { maxInflatedBytes: limits.docxMaxInflatedBytes }));
  }
  return {
    kind,
    mediaType: MEDIA_TYPES[kind],
    displayName: sanitiseFileName(originalName, EXTENSIONS[kind]),
    bytes: stored,
    text,
  };
}

/** Longest display name, in characters (code points), extension included. */
const MAX_NAME_LENGTH = 120;
/** C0, DEL, C1, bidi embeddings/overrides/isolates and marks, and unpaired surrogates. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const RESERVED = /[<>:"/\\|?*]/g;
/** Names Windows treats as devices whatever the extension. */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * Turns a client-supplied file name into a safe display name: NFC-normalised, last path component
 * only (both `/` and `\`), without control or bidi-override characters (which can disguise
 * `invoice\u202Efdp.exe` as `invoiceexe.pdf`), reserved characters or leading dots, whitespace
 * collapsed, at most 120 characters, and with the extension forced to `extension` (given with or
 * without the dot). An empty result becomes `archivo.<ext>`.
 */
export function sanitiseFileName(name: string, extension: string): string {
  const ext = extension.replace(/^\.+/, '').toLowerCase();
  const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  // Tabs and line breaks count as spaces; the other control characters are removed.
  let stem = base
    .replace(/[\t\n\v\f\r]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(RESERVED, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Drop the client's extension: the detected kind decides it.
  const dot = stem.lastIndexOf('.');
  if (dot > 0) stem = stem.slice(0, dot);
  // Leading dots hide files on Unix; trailing dots and spaces are stripped by Windows.
  stem = stem.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (DEVICE_NAME.test(stem)) stem = `_${stem}`;
  const room = MAX_NAME_LENGTH - ext.length - 1;
  const points = Array.from(stem);
  if (points.length > room)
    stem = points
      .slice(0, room)
      .join('')
      .replace(/[.\s]+$/, '');
  return `${stem.length > 0 ? stem : 'archivo'}.${ext}`;
}

import { AttachmentRejected, crc32 } from './rejection';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Ancillary chunks kept in the stored copy: the ones that change how pixels render (colour,
 * transparency, physical size, animation). Every other ancillary chunk is dropped, which covers
 * the metadata ones named in the requirements (tEXt, zTXt, iTXt, eXIf, tIME) and any private
 * chunk that could carry identifying data or a smuggled payload.
 */
const KEPT_ANCILLARY = new Set([
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'bKGD',
  'pHYs',
  'hIST',
  'sPLT',
  'cICP',
  'mDCv',
  'cLLi',
  'acTL',
  'fcTL',
  'fdAT',
]);
const CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);
/** Zero bytes tolerated after IEND: some encoders pad files to a block size. */
export const MAX_TRAILING_PADDING = 16;

/**
 * Parses a PNG chunk by chunk (lengths, types, CRCs) up to IEND and returns a copy without the
 * metadata chunks. Throws `corrupt` when the structure is broken, and `unsupported_type` when
 * there are bytes after IEND (an image/zip or image/script polyglot).
 */
export function stripPng(bytes: Buffer): Buffer {
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new AttachmentRejected('unsupported_type', 'Not a PNG file.');
  }
  const kept: Buffer[] = [PNG_SIGNATURE];
  let offset = 8;
  let first = true;
  let sawIdat = false;
  for (;;) {
    if (offset + 12 > bytes.length) throw new AttachmentRejected('corrupt', 'PNG ends before IEND.');
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    // The spec caps chunk lengths at 2^31-1; types are four ASCII letters.
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type))
      throw new AttachmentRejected('corrupt', 'PNG chunk header is invalid.');
    const end = offset + 12 + length;
    if (end > bytes.length) throw new AttachmentRejected('corrupt', `PNG chunk ${type} overruns the file.`);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc32(bytes, offset + 4, offset + 8 + length) !== crc)
      throw new AttachmentRejected('corrupt', `PNG chunk ${type} has a bad CRC.`);
    if (first) {
      if (type !== 'IHDR' || length !== 13) throw new AttachmentRejected('corrupt', 'PNG does not start with IHDR.');
      first = false;
    }
    const critical = (type.charCodeAt(0) & 0x20) === 0;
    if (critical && !CRITICAL.has(type))
      throw new AttachmentRejected('corrupt', `PNG has an unknown critical chunk ${type}.`);
    if (type === 'IDAT') sawIdat = true;
    if (critical || KEPT_ANCILLARY.has(type)) kept.push(bytes.subarray(offset, end));
    offset = end;
    if (type === 'IEND') break;
  }
  if (!sawIdat) throw new AttachmentRejected('corrupt', 'PNG has no image data.');
  assertOnlyPadding(bytes, offset, 'PNG');
  return Buffer.concat(kept);
}

/** Refuses anything after the end marker other than a few zero bytes (polyglot payloads live there). */
export function assertOnlyPadding(bytes: Buffer, offset: number, label: string): void {
  const rest = bytes.subarray(offset);
  if (rest.length > MAX_TRAILING_PADDING || rest.some((b) => b !== 0)) {
    throw new AttachmentRejected('unsupported_type', `${label} has data after its end marker.`);
  }
}

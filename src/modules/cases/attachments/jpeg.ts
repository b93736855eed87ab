import { assertOnlyPadding } from './png';
import { AttachmentRejected } from './rejection';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

/**
 * Whether an APPn segment is kept. APP0 (JFIF) describes pixel density, APP2 "ICC_PROFILE"
 * carries the colour profile and APP14 "Adobe" the colour transform of CMYK/YCCK images; all
 * three change how the picture looks. Everything else in the APP range is metadata: APP1 (EXIF,
 * including GPS, and XMP), APP13 (Photoshop/IPTC), APP2 "MPF" (pointers to extra images appended
 * after EOI) and vendor segments.
 */
function keepAppSegment(marker: number, payload: Buffer): boolean {
  if (marker === 0xe0) return true;
  if (marker === 0xe2) return payload.subarray(0, 12).toString('latin1') === 'ICC_PROFILE\0';
  if (marker === 0xee) return payload.subarray(0, 5).toString('latin1') === 'Adobe';
  return false;
}

/**
 * Walks the JPEG marker segments from SOI to EOI (including entropy-coded scan data) and returns a
 * copy without metadata segments (APP1/APP13/COM and other non-rendering APPn). Throws `corrupt`
 * when the segments do not parse, and `unsupported_type` when bytes follow EOI.
 */
export function stripJpeg(bytes: Buffer): Buffer {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI || bytes[2] !== 0xff) {
    throw new AttachmentRejected('unsupported_type', 'Not a JPEG file.');
  }
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let offset = 2;
  let sawFrame = false;
  let sawScan = false;
  for (;;) {
    if (offset >= bytes.length || bytes[offset] !== 0xff)
      throw new AttachmentRejected('corrupt', 'JPEG segment does not start with a marker.');
    // Any number of 0xFF fill bytes may precede a marker.
    while (offset < bytes.length && bytes[offset] === 0xff) offset++;
    if (offset >= bytes.length) throw new AttachmentRejected('corrupt', 'JPEG ends before EOI.');
    const marker = bytes[offset];
    const markerStart = offset - 1;
    offset++;
    if (marker === EOI) {
      if (!sawFrame || !sawScan) throw new AttachmentRejected('corrupt', 'JPEG has no frame or scan.');
      kept.push(bytes.subarray(markerStart, offset));
      break;
    }
    if (marker === 0x00 || marker === SOI) throw new AttachmentRejected('corrupt', 'JPEG has an invalid marker.');
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      // Standalone markers (RSTn, TEM) have no length field.
      kept.push(bytes.subarray(markerStart, offset));
      continue;
    }
    if (offset + 2 > bytes.length) throw new AttachmentRejected('corrupt', 'JPEG segment is truncated.');
    const length = bytes.readUInt16BE(offset);
    const end = offset + length;
    if (length < 2 || end > bytes.length) throw new AttachmentRejected('corrupt', 'JPEG segment length is invalid.');
    const payload = bytes.subarray(offset + 2, end);
    if (marker === SOS) {
      if (!sawFrame) throw new AttachmentRejected('corrupt', 'JPEG scan before frame header.');
      sawScan = true;
      // Entropy-coded data runs until a marker other than a stuffed 0xFF00 or a restart marker.
      let i = end;
      for (;;) {
        if (i + 1 >= bytes.length) throw new AttachmentRejected('corrupt', 'JPEG scan data is truncated.');
        if (bytes[i] !== 0xff) {
          i++;
          continue;
        }
        const next = bytes[i + 1];
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
        else if (next === 0xff) i++;
        else break;
      }
      kept.push(bytes.subarray(markerStart, i));
      offset = i;
      continue;
    }
    // SOFn frame headers: C0–CF except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) sawFrame = true;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker !== COM && (!isApp || keepAppSegment(marker, payload))) kept.push(bytes.subarray(markerStart, end));
    offset = end;
  }
  assertOnlyPadding(bytes, offset, 'JPEG');
  return Buffer.concat(kept);
}

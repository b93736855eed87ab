/**
 * Why an upload was refused. Kept small and stable so callers can map each reason to an HTTP
 * status and a localised message without parsing error text.
 * - `unsupported_type`: not one of the accepted kinds (judged from the bytes), or a polyglot /
 *   active-content file we refuse on purpose;
 * - `too_large`: over `UploadLimits.maxBytes`;
 * - `archive_too_large`: a DOCX whose zip has too many entries or inflates beyond the limit;
 * - `corrupt`: the bytes claim a supported kind but do not parse as it.
 */
export type RejectionReason = 'unsupported_type' | 'too_large' | 'archive_too_large' | 'corrupt';

/** Thrown by `inspectAttachment` when a file must not be stored. */
export class AttachmentRejected extends Error {
  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(message);
    this.name = 'AttachmentRejected';
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (the zip/PNG polynomial). Written here rather than using `zlib.crc32`, which only
 * exists from Node 20.15/22.2 and is missing from older @types/node.
 */
export function crc32(data: Uint8Array, start = 0, end = data.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Zip "end of central directory" signature, PK\x05\x06. */
export const ZIP_EOCD_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * True when a zip end-of-central-directory record sits where zip readers look for it: within the
 * last 22 + 65535 bytes (the record plus its longest possible comment). That is how a zip is
 * smuggled into an image or PDF (a polyglot). Only the tail is searched so that four random bytes
 * in compressed image data, far from the end, do not cause false refusals.
 */
export function hasZipTrailer(bytes: Buffer): boolean {
  const from = Math.max(0, bytes.length - (22 + 0xffff));
  return bytes.indexOf(ZIP_EOCD_SIGNATURE, from) !== -1;
}

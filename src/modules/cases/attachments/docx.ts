import { zipSync, type Zippable } from 'fflate';
import { inflateRawSync } from 'node:zlib';
import { AttachmentRejected, crc32 } from './rejection';
import { extractWordXmlText } from './xml-text';

export interface ZipLimits {
  docxMaxEntries: number;
  docxMaxInflatedBytes: number;
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIGNATURE = 0x06054b50;
/** Fixed entry date for the rewritten archive, so stored files do not reveal when they were processed. */
const FIXED_MTIME = new Date(Date.UTC(1980, 0, 1, 12));

/** Parts whose text is scanned, in reading order after `word/document.xml`. */
const TEXT_PART = /^word\/(header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;
const CORE_FIELDS = ['creator', 'lastModifiedBy', 'title', 'subject', 'keywords', 'description'];
const APP_FIELDS = ['Company', 'Manager'];

/** True when the bytes start like a zip archive (local file header or an empty archive). */
export function looksLikeZip(bytes: Buffer): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

/**
 * Reads the central directory only (no inflation yet), so that an archive announcing too many
 * entries or too many inflated bytes is refused before any work is done on it.
 */
function readCentralDirectory(bytes: Buffer, limits: ZipLimits): CentralEntry[] {
  // The end-of-central-directory record is the last 22 bytes plus an optional comment (< 64 KiB).
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (bytes.readUInt32LE(p) === EOCD_SIGNATURE && p + 22 + bytes.readUInt16LE(p + 20) <= bytes.length) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new AttachmentRejected('corrupt', 'Zip end of central directory not found.');
  const diskNumber = bytes.readUInt16LE(eocd + 4);
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (diskNumber !== 0 || bytes.readUInt16LE(eocd + 8) !== count)
    throw new AttachmentRejected('corrupt', 'Multi-volume zips are not accepted.');
  // 0xFFFF / 0xFFFFFFFF mean "see the ZIP64 record": never needed for a document within our size limit.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
    throw new AttachmentRejected('archive_too_large', 'ZIP64 archives are not accepted.');
  if (count > limits.docxMaxEntries)
    throw new AttachmentRejected('archive_too_large', `Archive has ${count} entries (limit ${limits.docxMaxEntries}).`);
  if (offset + size > eocd) throw new AttachmentRejected('corrupt', 'Zip central directory is out of bounds.');

  const entries: CentralEntry[] = [];
  const names = new Set<string>();
  let declared = 0;
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== CENTRAL_SIGNATURE)
      throw new AttachmentRejected('corrupt', 'Zip central directory entry is invalid.');
    const nameLength = bytes.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    if (next > eocd) throw new AttachmentRejected('corrupt', 'Zip central directory entry overruns.');
    const entry: CentralEntry = {
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      crc: bytes.readUInt32LE(p + 16),
      compressedSize: bytes.readUInt32LE(p + 20),
      uncompressedSize: bytes.readUInt32LE(p + 24),
      localOffset: bytes.readUInt32LE(p + 42),
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (
      entry.compressedSize === 0xffffffff ||
      entry.uncompressedSize === 0xffffffff ||
      entry.localOffset === 0xffffffff
    ) {
      throw new AttachmentRejected('archive_too_large', 'ZIP64 entries are not accepted.');
    }
    declared += entry.uncompressedSize;
    if (declared > limits.docxMaxInflatedBytes)
      throw new AttachmentRejected(
        'archive_too_large',
        `Archive declares more than ${limits.docxMaxInflatedBytes} inflated bytes.`,
      );
    assertSafeEntryName(entry.name);
    if (names.has(entry.name)) throw new AttachmentRejected('corrupt', `Duplicate zip entry ${entry.name}.`);
    names.add(entry.name);
    entries.push(entry);
    p = next;
  }
  return entries;
}

/**
 * Refuses names that would escape an extraction folder or be read differently by different
 * tools: absolute paths, drive letters, backslashes, `..` segments and NUL.
 */
function assertSafeEntryName(name: string): void {
  const unsafe =
    name.length === 0 ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.includes('\\') ||
    name.includes('\0') ||
    name.split('/').some((segment) => segment === '..');
  if (unsafe) throw new AttachmentRejected('corrupt', `Unsafe zip entry name ${JSON.stringify(name)}.`);
}

/**
 * Inflates every entry with a running budget: each inflation gets `maxOutputLength` set to what
 * is left of `docxMaxInflatedBytes`, so an entry whose header under-declares its size (a zip bomb
 * with a lying header) is cut off by zlib instead of filling memory.
 */
function inflateEntries(bytes: Buffer, entries: CentralEntry[], limits: ZipLimits): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let inflated = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1) throw new AttachmentRejected('corrupt', 'Encrypted zip entries are not accepted.');
    const p = entry.localOffset;
    if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== LOCAL_SIGNATURE)
      throw new AttachmentRejected('corrupt', `Zip local header of ${entry.name} is invalid.`);
    const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw new AttachmentRejected('corrupt', `Zip entry ${entry.name} overruns the file.`);
    const raw = bytes.subarray(start, end);
    const remaining = limits.docxMaxInflatedBytes - inflated;
    let data: Buffer;
    if (entry.method === 0) {
      data = raw;
    } else if (entry.method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, remaining) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new AttachmentRejected(
            'archive_too_large',
            `Archive inflates beyond ${limits.docxMaxInflatedBytes} bytes.`,
          );
        }
        throw new AttachmentRejected('corrupt', `Zip entry ${entry.name} does not inflate.`);
      }
    } else {
      throw new AttachmentRejected('corrupt', `Zip entry ${entry.name} uses unsupported compression ${entry.method}.`);
    }
    inflated += data.length;
    if (inflated > limits.docxMaxInflatedBytes)
      throw new AttachmentRejected(
        'archive_too_large',
        `Archive inflates beyond ${limits.docxMaxInflatedBytes} bytes.`,
      );
    if (data.length !== entry.uncompressedSize || crc32(data) !== entry.crc)
      throw new AttachmentRejected('corrupt', `Zip entry ${entry.name} does not match its header.`);
    files.set(entry.name, data);
  }
  return files;
}

/** Empties the text content of the named elements (any namespace prefix), keeping the elements. */
export function emptyXmlElements(xml: string, localNames: string[]): string {
  let out = xml;
  for (const local of localNames) {
    const element = new RegExp(`<((?:[\\w.-]+:)?${local})(\\s[^>]*?)?(?<!/)>[\\s\\S]*?</\\1\\s*>`, 'g');
    out = out.replace(
      element,
      (_whole, qname: string, attributes: string | undefined) => `<${qname}${attributes ?? ''}></${qname}>`,
    );
  }
  return out;
}

export interface InspectedDocx {
  bytes: Buffer;
  text: string;
}

/**
 * Validates a zip as a DOCX (central directory limits, entry names, capped inflation, CRCs),
 * refuses plain zips and macro-enabled documents (`unsupported_type`), and returns a rewritten
 * archive whose core/app properties no longer name people or organisations, plus the text of the
 * body, headers, footers, notes and comments.
 */
export function inspectDocx(bytes: Buffer, limits: ZipLimits): InspectedDocx {
  const entries = readCentralDirectory(bytes, limits);
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) {
    throw new AttachmentRejected('unsupported_type', 'Zip archive is not a Word document.');
  }
  const files = inflateEntries(bytes, entries, limits);
  const contentTypes = files.get('[Content_Types].xml')!.toString('utf8');
  // Macro-enabled documents (.docm renamed to .docx) carry VBA: refused as active content.
  if (names.has('word/vbaProject.bin') || /macroEnabled/i.test(contentTypes)) {
    throw new AttachmentRejected('unsupported_type', 'Macro-enabled Word documents are not accepted.');
  }

  const output: Zippable = {};
  for (const entry of entries) {
    let data: Uint8Array = files.get(entry.name)!;
    if (entry.name === 'docProps/core.xml')
      data = Buffer.from(emptyXmlElements(Buffer.from(data).toString('utf8'), CORE_FIELDS), 'utf8');
    else if (entry.name === 'docProps/app.xml')
      data = Buffer.from(emptyXmlElements(Buffer.from(data).toString('utf8'), APP_FIELDS), 'utf8');
    output[entry.name] = [data, { mtime: FIXED_MTIME }];
  }
  const rewritten = Buffer.from(zipSync(output, { level: 6 }));

  const parts = [...files.keys()].filter((name) => TEXT_PART.test(name)).sort();
  const text = ['word/document.xml', ...parts]
    .map((name) => extractWordXmlText(files.get(name)!.toString('utf8')).trim())
    .filter((part) => part.length > 0)
    .join('\n\n');
  return { bytes: rewritten, text };
}

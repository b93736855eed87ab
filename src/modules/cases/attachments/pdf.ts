import { Worker } from 'node:worker_threads';
import { inflateSync } from 'node:zlib';
import { AttachmentRejected, hasZipTrailer } from './rejection';

export const PDF_MAGIC = '%PDF-';
/** How far from the end `%%EOF` may be (writers append newlines or a little garbage). */
const EOF_WINDOW = 1024;
/** Info dictionary entries whose values are removed: they commonly hold people's names. */
const INFO_KEYS = ['Author', 'Creator', 'Producer', 'Title', 'Subject', 'Keywords'];
/**
 * PDF names that mean active or embedded content: scripts, launching programs, attached files
 * (a classic way to smuggle another file), Flash/3D rich media and XFA forms (which carry scripts).
 */
const FORBIDDEN_NAMES = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA']);
/** Time and heap given to PDF.js for one document. */
const TEXT_TIMEOUT_MS = 30_000;
const TEXT_HEAP_MB = 512;

export interface PdfLimits {
  /** Cap on bytes inflated while scanning compressed streams for forbidden names. */
  maxInflatedBytes: number;
}

export interface InspectedPdf {
  bytes: Buffer;
  text: string;
}

/** Decodes `#xx` escapes in a PDF name, so `/Java#53cript` is seen as `/JavaScript`. */
function decodeName(name: string): string {
  return name.replace(/#([0-9a-fA-F]{2})/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Names (`/Something`) appearing in a chunk of PDF syntax, decoded. */
function* pdfNames(text: string): Generator<string> {
  const name = /\/([^\s()<>[\]{}/%]*)/g;
  for (let match = name.exec(text); match; match = name.exec(text)) yield decodeName(match[1]);
}

function assertNoActiveContent(text: string, where: string): void {
  if (/<script/i.test(text)) throw new AttachmentRejected('unsupported_type', `PDF contains a script tag (${where}).`);
  for (const name of pdfNames(text)) {
    if (FORBIDDEN_NAMES.has(name))
      throw new AttachmentRejected('unsupported_type', `PDF contains /${name} (${where}).`);
  }
}

/**
 * Scans the PDF syntax for active content: the file outside stream bodies, plus the bodies of
 * streams that can hold PDF syntax or XML (object streams hide dictionaries, and so /JavaScript,
 * inside compressed data; XFA streams hold <script>). Flate bodies are inflated with a cap so a
 * compression bomb is refused rather than expanded.
 *
 * Image and font streams are skipped: they cannot carry actions, and their binary data would
 * contain a short name like `/JS` followed by a delimiter by pure chance (a few percent of large
 * scanned PDFs would be refused otherwise). Streams with other filters (LZW, ASCII85...) are not
 * decoded.
 */
function scanForActiveContent(source: string, bytes: Buffer, limits: PdfLimits): void {
  let budget = limits.maxInflatedBytes;
  let syntax = '';
  let cursor = 0;
  const streamKeyword = /stream\r?\n/g;
  for (let match = streamKeyword.exec(source); match; match = streamKeyword.exec(source)) {
    if (match.index > 0 && /[a-z]/i.test(source[match.index - 1])) continue; // "endstream"
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    if (end < 0) break;
    syntax += source.slice(cursor, start);
    cursor = end;
    streamKeyword.lastIndex = end + 'endstream'.length;
    const dictionaryStart = source.lastIndexOf('obj', match.index);
    const dictionary = source.slice(Math.max(0, dictionaryStart), match.index);
    if (/\/Subtype\s*\/(Image|Type1C|CIDFontType0C|OpenType)\b|\/Length[123]\b/.test(dictionary)) continue;
    if (!/\/Filter\b/.test(dictionary)) {
      assertNoActiveContent(source.slice(start, end), 'stream');
      continue;
    }
    if (!/\/Filter\s*\[?\s*\/FlateDecode\s*\]?\s*[/>]/.test(dictionary)) continue;
    let inflated: Buffer;
    try {
      inflated = inflateSync(bytes.subarray(start, end), {
        maxOutputLength: Math.max(1, budget),
        finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a missing end */,
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new AttachmentRejected(
          'archive_too_large',
          `PDF streams inflate beyond ${limits.maxInflatedBytes} bytes.`,
        );
      }
      continue; // Not valid Flate data: PDF.js decides later whether the document is usable.
    }
    budget -= inflated.length;
    assertNoActiveContent(inflated.toString('latin1'), 'compressed stream');
  }
  syntax += source.slice(cursor);
  assertNoActiveContent(syntax, 'file');
}

/** End index (exclusive) of the literal string starting at `open` (which holds '('), honouring escapes and nesting. */
function literalStringEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Blanks the string value starting at `at` (after optional whitespace) in place: a literal string
 * becomes `(` spaces `)`, a hex string `<` spaces `>` (whitespace is ignored in hex strings, so it
 * reads as empty). Lengths are unchanged, so the cross-reference offsets stay valid. Returns the
 * indirect reference instead when the value is `N G R`.
 */
function blankStringValue(chars: string[], source: string, at: number): { num: string; gen: string } | undefined {
  let i = at;
  while (i < source.length && /\s/.test(source[i])) i++;
  if (source[i] === '(') {
    const end = literalStringEnd(source, i);
    if (end > 0) for (let k = i + 1; k < end - 1; k++) chars[k] = ' ';
    return undefined;
  }
  if (source[i] === '<' && source[i + 1] !== '<') {
    const end = source.indexOf('>', i);
    if (end > 0) for (let k = i + 1; k < end; k++) chars[k] = ' ';
    return undefined;
  }
  const reference = /^(\d+)\s+(\d+)\s+R/.exec(source.slice(i, i + 32));
  return reference ? { num: reference[1], gen: reference[2] } : undefined;
}

/** Start and end offsets of every uncompressed definition of object `num gen`. */
function objectBodies(source: string, num: string, gen: string): Array<[number, number]> {
  const bodies: Array<[number, number]> = [];
  const header = new RegExp(`(?<![0-9])${num}\\s+${gen}\\s+obj\\b`, 'g');
  for (let match = header.exec(source); match; match = header.exec(source)) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endobj', start);
    bodies.push([start, end < 0 ? source.length : end]);
  }
  return bodies;
}

/**
 * Removes the identifying Info values and the XMP packet content, keeping every byte offset (so
 * the cross-reference table stays valid without being rebuilt): Info string values become blanks
 * of the same length, the trailer's `/Info` reference is overwritten with spaces, and an
 * uncompressed XMP packet is replaced by an empty one padded with spaces.
 *
 * Limits (documented on purpose): an Info dictionary stored inside a compressed object stream is
 * only unlinked (its bytes stay, compressed and unreferenced), and an XMP metadata stream that is
 * itself compressed is left as it is, since rewriting either would change stream lengths.
 */
export function stripPdfMetadata(bytes: Buffer): Buffer {
  const source = bytes.toString('latin1');
  const chars = source.split('');
  const references = new Set<string>();
  const infoReference = /\/Info\s+(\d+)\s+(\d+)\s+R/g;
  for (let match = infoReference.exec(source); match; match = infoReference.exec(source)) {
    references.add(`${match[1]} ${match[2]}`);
    // Also unlink the Info dictionary from the trailer (or xref stream dictionary), overwriting the
    // reference with spaces: /Info is optional, and this hides the metadata from readers even when
    // the dictionary sits in a compressed object stream that cannot be blanked in place.
    for (let k = match.index; k < match.index + match[0].length; k++) chars[k] = ' ';
  }
  const valueReferences: Array<{ num: string; gen: string }> = [];
  for (const reference of references) {
    const [num, gen] = reference.split(' ');
    for (const [start, end] of objectBodies(source, num, gen)) {
      const body = source.slice(start, end);
      const key = new RegExp(`/(${INFO_KEYS.join('|')})(?![^\\s()<>[\\]{}/%])`, 'g');
      for (let match = key.exec(body); match; match = key.exec(body)) {
        const indirect = blankStringValue(chars, source, start + match.index + match[0].length);
        if (indirect) valueReferences.push(indirect);
      }
    }
  }
  // Values stored as separate objects (`/Author 12 0 R`): blank that object's string.
  for (const { num, gen } of valueReferences) {
    for (const [start, end] of objectBodies(source, num, gen)) {
      const open = source.slice(start, end).search(/[(<]/);
      if (open >= 0) blankStringValue(chars, source, start + open);
    }
  }
  // Uncompressed XMP: replace the packet body with an empty x:xmpmeta element padded with spaces
  // (XMP explicitly allows whitespace padding), which keeps the stream length.
  const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/g;
  const empty = '<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>';
  for (let match = xmp.exec(source); match; match = xmp.exec(source)) {
    if (match[0].length < empty.length) continue;
    const replacement = empty + ' '.repeat(match[0].length - empty.length);
    for (let k = 0; k < replacement.length; k++) chars[match.index + k] = replacement[k];
  }
  return Buffer.from(chars.join(''), 'latin1');
}

/**
 * PDF.js runs in a worker thread: it is ESM-only (loaded with a real `import()` that Jest's
 * CommonJS sandbox cannot perform), and a separate thread also lets us bound the heap and the time
 * spent on a hostile document and kill it, which the main event loop could not do.
 * `isEvalSupported: false` closes the font-compilation `eval` path (CVE-2024-4367).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const unpdf = require(workerData.modulePath);
  const pdf = await unpdf.getDocumentProxy(workerData.data, { isEvalSupported: false, verbosity: 0, disableFontFace: true });
  try {
    const { text } = await unpdf.extractText(pdf, { mergePages: false });
    parentPort.postMessage({ ok: true, text: text.join('\\n\\n') });
  } finally {
    await pdf.destroy();
  }
})().catch((error) => parentPort.postMessage({ ok: false, name: String(error && error.name), message: String(error && error.message) }));
`;

interface WorkerReply {
  ok: boolean;
  text?: string;
  name?: string;
  message?: string;
}

/** Extracts the text of every page with PDF.js (through unpdf's serverless build). */
export function extractPdfText(bytes: Buffer): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath: require.resolve('unpdf'), data: new Uint8Array(bytes) },
      resourceLimits: { maxOldGenerationSizeMb: TEXT_HEAP_MB },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      action();
    };
    const timer = setTimeout(
      () => finish(() => reject(new AttachmentRejected('corrupt', 'PDF text extraction timed out.'))),
      TEXT_TIMEOUT_MS,
    );
    worker.on('message', (reply: WorkerReply) => {
      if (reply.ok) finish(() => resolve(reply.text ?? ''));
      else if (reply.name === 'PasswordException')
        finish(() => reject(new AttachmentRejected('unsupported_type', 'Password-protected PDFs are not accepted.')));
      else
        finish(() =>
          reject(new AttachmentRejected('corrupt', `PDF could not be read: ${reply.message ?? 'unknown error'}`)),
        );
    });
    worker.on('error', (error) =>
      finish(() => reject(new AttachmentRejected('corrupt', `PDF could not be read: ${error.message}`))),
    );
    worker.on('exit', () =>
      finish(() => reject(new AttachmentRejected('corrupt', 'PDF reader stopped unexpectedly.'))),
    );
  });
}

/**
 * Validates a PDF (header, trailer, no active content, no appended zip), blanks its metadata and
 * extracts its text.
 */
export async function inspectPdf(bytes: Buffer, limits: PdfLimits): Promise<InspectedPdf> {
  if (bytes.toString('latin1', 0, PDF_MAGIC.length) !== PDF_MAGIC)
    throw new AttachmentRejected('unsupported_type', 'Not a PDF file.');
  if (bytes.lastIndexOf('%%EOF') < Math.max(PDF_MAGIC.length, bytes.length - EOF_WINDOW))
    throw new AttachmentRejected('corrupt', 'PDF has no %%EOF near its end.');
  if (hasZipTrailer(bytes)) throw new AttachmentRejected('unsupported_type', 'PDF carries a zip archive.');
  const source = bytes.toString('latin1');
  // Encrypted documents hide their streams from the scan above, and blanking encrypted strings
  // would corrupt them: refused.
  for (const name of pdfNames(source)) {
    if (name === 'Encrypt') throw new AttachmentRejected('unsupported_type', 'Encrypted PDFs are not accepted.');
  }
  scanForActiveContent(source, bytes, limits);
  const stripped = stripPdfMetadata(bytes);
  const text = await extractPdfText(stripped);
  return { bytes: stripped, text };
}

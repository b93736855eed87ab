import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Reads PDFs back the way a person or a verifier would, with poppler and zbar (required in CI:
 * `apt-get install poppler-utils zbar-tools`).
 */
const run = promisify(execFile);

async function withPdfFile<T>(pdf: Buffer, use: (file: string, folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'puente-pdf-'));
  try {
    const file = join(folder, 'document.pdf');
    await writeFile(file, pdf);
    return await use(file, folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The text layer as `pdftotext` extracts it (UTF-8), pages separated by form feeds: in reading order,
 * or with `layout` in the physical layout (a table's rows stay on their lines).
 */
export function pdfText(pdf: Buffer, options: { layout?: boolean } = {}): Promise<string> {
  const args = ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : [])];
  return withPdfFile(
    pdf,
    async (file) => (await run('pdftotext', [...args, file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout,
  );
}

/** The text with every run of white space made one space: for checking phrases that may wrap. */
export async function pdfWords(pdf: Buffer): Promise<string> {
  return (await pdfText(pdf)).replace(/\s+/g, ' ').trim();
}

/** Page count and metadata, from `pdfinfo`. */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  const { stdout } = await withPdfFile(pdf, (file) => run('pdfinfo', ['-isodates', file]));
  const info: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) info[match[1].trim()] = match[2].trim();
  }
  return info;
}

/** The fonts of the document, from `pdffonts`: name, type, embedded and subset flags. */
export async function pdfFonts(
  pdf: Buffer,
): Promise<{ name: string; embedded: boolean; subset: boolean; unicode: boolean }[]> {
  const { stdout } = await withPdfFile(pdf, (file) => run('pdffonts', [file]));
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      // name type... encoding emb sub uni object ID
      const [emb, sub, uni] = columns.slice(-5, -2);
      return { name: columns[0], embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
    });
}

/**
 * The QR codes on page `page` (1-based), rendered by `pdftoppm -r 150 -png` and decoded by
 * `zbarimg --raw -q`; empty when none decodes.
 */
export function pdfQrCodes(pdf: Buffer, page = 1): Promise<string[]> {
  return withPdfFile(pdf, async (file, folder) => {
    await run('pdftoppm', ['-r', '150', '-png', '-f', String(page), '-l', String(page), file, join(folder, 'page')]);
    const image = (await readdir(folder)).find((name) => name.startsWith('page') && name.endsWith('.png'));
    if (!image) throw new Error('pdftoppm rendered no page');
    try {
      const { stdout } = await run('zbarimg', ['--raw', '-q', join(folder, image)]);
      return stdout.split('\n').filter((line) => line !== '');
    } catch (error) {
      // zbarimg exits with 4 when it finds no symbol.
      if ((error as { code?: number }).code === 4) return [];
      throw error;
    }
  });
}

/** The QR codes in a PNG image (a screenshot of a page), decoded by `zbarimg --raw -q`. */
export async function pngQrCodes(png: Buffer): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'puente-qr-'));
  try {
    const file = join(folder, 'image.png');
    await writeFile(file, png);
    const { stdout } = await run('zbarimg', ['--raw', '-q', file]);
    return stdout.split('\n').filter((line) => line !== '');
  } catch (error) {
    if ((error as { code?: number }).code === 4) return [];
    throw error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

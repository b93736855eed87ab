import { deflateSync } from 'node:zlib';
import {
  appXml,
  buildDocx,
  buildPdf,
  buildPng,
  buildZip,
  lieAboutSize,
  TINY_JPEG,
  wordParagraphs,
} from '../../../../test/fixtures/attachments/builders';
import {
  AttachmentRejected,
  DEFAULT_UPLOAD_LIMITS,
  inspectAttachment,
  type RejectionReason,
  type UploadLimits,
} from './inspect';

async function rejection(bytes: Buffer, name = 'file', limits?: UploadLimits): Promise<RejectionReason> {
  try {
    await inspectAttachment(bytes, name, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(AttachmentRejected);
    return (error as AttachmentRejected).reason;
  }
  throw new Error('expected the attachment to be rejected');
}

describe('inspectAttachment: refusals', () => {
  it('judges the type from the bytes, not the name', async () => {
    expect(await rejection(Buffer.from('Just some text, not a PDF'), 'informe.pdf')).toBe('unsupported_type');
    expect(await rejection(Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200)]), 'foto.png')).toBe(
      'unsupported_type',
    );
    expect(
      await rejection(Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), Buffer.alloc(100)]), 'a.jpg'),
    ).toBe('unsupported_type');
    expect(
      await rejection(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.png'),
    ).toBe('unsupported_type');
    expect(await rejection(Buffer.from('<?xml version="1.0"?><svg/>'), 'x.svg')).toBe('unsupported_type');
    expect(await rejection(Buffer.from('<!DOCTYPE html><html></html>'), 'x.pdf')).toBe('unsupported_type');
    expect(await rejection(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'x.gif')).toBe(
      'unsupported_type',
    );
    expect(await rejection(Buffer.alloc(0), 'empty.pdf')).toBe('unsupported_type');
  });

  it('refuses a PDF header that is not at offset 0', async () => {
    expect(await rejection(Buffer.concat([Buffer.from('junk'), buildPdf()]), 'a.pdf')).toBe('unsupported_type');
  });

  it('refuses oversize uploads before parsing them', async () => {
    const limits = { ...DEFAULT_UPLOAD_LIMITS, maxBytes: 100 };
    expect(await rejection(Buffer.concat([buildPng(), Buffer.alloc(100)]), 'a.png', limits)).toBe('too_large');
    expect(await rejection(Buffer.alloc(101, 0x41), 'a.txt', limits)).toBe('too_large');
  });

  it('refuses image polyglots: data after IEND/EOI, a zip appended', async () => {
    const zip = buildZip({ 'payload.txt': 'hello' });
    expect(await rejection(Buffer.concat([buildPng(), zip]), 'a.png')).toBe('unsupported_type');
    expect(await rejection(Buffer.concat([TINY_JPEG, zip]), 'a.jpg')).toBe('unsupported_type');
    expect(await rejection(Buffer.concat([TINY_JPEG, Buffer.from('<script>alert(1)</script>')]), 'a.jpg')).toBe(
      'unsupported_type',
    );
    expect(await rejection(Buffer.concat([buildPng(), Buffer.alloc(64)]), 'a.png')).toBe('unsupported_type');
  });

  it('refuses a PDF carrying a zip, scripts, launch actions or attachments', async () => {
    expect(
      await rejection(Buffer.concat([buildPdf(), buildZip({ 'a.txt': 'x' }), Buffer.from('\n%%EOF\n')]), 'a.pdf'),
    ).toBe('unsupported_type');
    const actions = [
      '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>',
      '/OpenAction << /S /Java#53cript /J#53 (app.alert(1)) >>',
      '/OpenAction << /S /Launch /F (cmd.exe) >>',
      '/Names << /EmbeddedFiles << /Names [(a.exe) 7 0 R] >> >>',
      '/Foo (<script>alert(1)</script>)',
    ];
    for (const action of actions)
      expect(await rejection(buildPdf({ extraCatalog: action }), 'a.pdf')).toBe('unsupported_type');
  });

  it('finds /JavaScript hidden in a Flate-compressed object stream', async () => {
    const hidden = deflateSync(Buffer.from('<< /S /JavaScript /JS (app.alert(1)) >>'));
    const pdf = buildPdf({
      extraObjects: [
        `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${hidden.length} >>\nstream\n${hidden.toString('latin1')}\nendstream`,
      ],
    });
    expect(await rejection(pdf, 'a.pdf')).toBe('unsupported_type');
  });

  it('does not mistake binary image data for PDF names', async () => {
    const noise = Buffer.from('\x00/JS \x01/Launch\x00', 'latin1');
    const pdf = buildPdf({
      extraObjects: [
        `<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Filter /DCTDecode /Length ${noise.length} >>\nstream\n${noise.toString('latin1')}\nendstream`,
      ],
    });
    expect((await inspectAttachment(pdf, 'a.pdf')).kind).toBe('pdf');
  });

  it('refuses a PDF whose compressed streams inflate beyond the cap', async () => {
    const bomb = deflateSync(Buffer.alloc(2_000_000, 0x20));
    const pdf = buildPdf({
      extraObjects: [
        `<< /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n${bomb.toString('latin1')}\nendstream`,
      ],
    });
    expect(await rejection(pdf, 'a.pdf', { ...DEFAULT_UPLOAD_LIMITS, docxMaxInflatedBytes: 1_000_000 })).toBe(
      'archive_too_large',
    );
  });

  it('refuses encrypted PDFs and broken ones', async () => {
    expect(await rejection(buildPdf({ extraCatalog: '/Encrypt 9 0 R' }), 'a.pdf')).toBe('unsupported_type');
    const pdf = buildPdf();
    expect(await rejection(pdf.subarray(0, pdf.length - 10), 'a.pdf')).toBe('corrupt');
    expect(await rejection(Buffer.from('%PDF-1.4\nnothing useful here\n%%EOF\n'), 'a.pdf')).toBe('corrupt');
  });

  it('refuses broken PNG and JPEG structures as corrupt', async () => {
    const png = buildPng();
    expect(await rejection(png.subarray(0, png.length - 12), 'a.png')).toBe('corrupt'); // no IEND
    const badCrc = Buffer.from(png);
    badCrc[30] ^= 0xff;
    expect(await rejection(badCrc, 'a.png')).toBe('corrupt');
    expect(await rejection(TINY_JPEG.subarray(0, 300), 'a.jpg')).toBe('corrupt');
  });

  it('refuses zips that are not Word documents', async () => {
    expect(await rejection(buildZip({ 'readme.txt': 'hi' }), 'a.docx')).toBe('unsupported_type');
    expect(
      await rejection(
        buildZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' }),
        'a.odt',
      ),
    ).toBe('unsupported_type');
    expect(await rejection(buildDocx({ extra: { 'word/vbaProject.bin': new Uint8Array(10) } }), 'a.docx')).toBe(
      'unsupported_type',
    );
  });

  it('refuses a DOCX declaring more inflated bytes than allowed', async () => {
    const docx = lieAboutSize(buildDocx(), 'word/document.xml', 0x7fff0000);
    expect(await rejection(docx, 'a.docx')).toBe('archive_too_large');
  });

  it('refuses a zip bomb whose header under-declares its size, while inflating', async () => {
    const limits = { ...DEFAULT_UPLOAD_LIMITS, docxMaxInflatedBytes: 200_000 };
    const honest = buildDocx({ extra: { 'word/media/bomb.bin': new Uint8Array(1_000_000) } });
    expect(honest.length).toBeLessThan(20_000);
    expect(await rejection(honest, 'a.docx', limits)).toBe('archive_too_large');
    await expect(inspectAttachment(honest, 'a.docx', limits)).rejects.toThrow(/declares more than/);
    const lying = lieAboutSize(honest, 'word/media/bomb.bin', 10);
    expect(await rejection(lying, 'a.docx', limits)).toBe('archive_too_large');
    // Refused by the inflation cap, not by the (lying) declared sizes.
    await expect(inspectAttachment(lying, 'a.docx', limits)).rejects.toThrow(/inflates beyond/);
  });

  it('refuses a DOCX with too many entries', async () => {
    const extra: Record<string, string> = {};
    for (let i = 0; i < DEFAULT_UPLOAD_LIMITS.docxMaxEntries; i++) extra[`word/media/f${i}.txt`] = 'x';
    expect(await rejection(buildDocx({ extra }), 'a.docx')).toBe('archive_too_large');
  });

  it('refuses path traversal and absolute entry names', async () => {
    for (const name of ['../evil.sh', 'word/../../evil.sh', '/etc/cron.d/x', 'C:/Windows/x.dll', 'word\\..\\x']) {
      expect(await rejection(buildDocx({ extra: { [name]: 'x' } }), 'a.docx')).toBe('corrupt');
    }
  });

  it('refuses corrupt zips', async () => {
    const docx = buildDocx();
    expect(await rejection(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 7)]), 'a.docx')).toBe(
      'corrupt',
    );
    expect(await rejection(docx.subarray(0, docx.length - 30), 'a.docx')).toBe('corrupt');
    // Flip a byte inside the compressed document: CRC or inflate failure.
    const damaged = Buffer.from(docx);
    const at = damaged.indexOf('word/document.xml') + 'word/document.xml'.length + 5;
    damaged[at] ^= 0xff;
    expect(await rejection(damaged, 'a.docx')).toBe('corrupt');
  });

  it('keeps rejections typed for the caller', async () => {
    await expect(inspectAttachment(Buffer.from('x'), 'a')).rejects.toMatchObject({
      name: 'AttachmentRejected',
      reason: 'unsupported_type',
    });
  });
});

describe('helpers', () => {
  it('builds paragraphs the way Word does', () => {
    expect(wordParagraphs(['a'])).toContain('<w:t xml:space="preserve">a</w:t>');
    expect(appXml('X')).toContain('<Company>X</Company>');
  });
});

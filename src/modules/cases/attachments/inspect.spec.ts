import { inflateSync, deflateSync } from 'node:zlib';
import {
  appXml,
  buildDocx,
  buildJpegWithMetadata,
  buildPdf,
  buildPng,
  buildZip,
  lieAboutSize,
  pngChunk,
  TINY_JPEG,
  unzipSync,
  wordParagraphs,
} from '../../../../test/fixtures/attachments/builders';
import {
  AttachmentRejected,
  DEFAULT_UPLOAD_LIMITS,
  inspectAttachment,
  type RejectionReason,
  type UploadLimits,
} from './inspect';
import { stripJpeg } from './jpeg';
import { stripPng } from './png';

async function rejection(bytes: Buffer, name = 'file', limits?: UploadLimits): Promise<RejectionReason> {
  try {
    await inspectAttachment(bytes, name, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(AttachmentRejected);
    return (error as AttachmentRejected).reason;
  }
  throw new Error('expected the attachment to be rejected');
}

/** Marker bytes of every segment of a JPEG, in order (parsing it fully on the way). */
function jpegMarkers(bytes: Buffer): number[] {
  const markers: number[] = [];
  let p = 2;
  while (p < bytes.length) {
    const marker = bytes[p + 1];
    markers.push(marker);
    if (marker === 0xd9) break;
    p += 2 + bytes.readUInt16BE(p + 2);
    if (marker === 0xda) {
      while (!(bytes[p] === 0xff && bytes[p + 1] !== 0 && (bytes[p + 1] < 0xd0 || bytes[p + 1] > 0xd7))) p++;
    }
  }
  return markers;
}

function pngChunkTypes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let p = 8; p < bytes.length; p += 12 + bytes.readUInt32BE(p)) types.push(bytes.toString('latin1', p + 4, p + 8));
  return types;
}

describe('inspectAttachment: accepted kinds', () => {
  it('accepts a PNG and strips its text and time chunks', async () => {
    const png = buildPng({ text: { Author: 'Dr. Garcia', Comment: 'patient 1234' }, time: true });
    const result = await inspectAttachment(png, 'scan.PNG');
    expect(result).toMatchObject({ kind: 'png', mediaType: 'image/png', displayName: 'scan.png', text: '' });
    expect(pngChunkTypes(png)).toEqual(['IHDR', 'tEXt', 'tEXt', 'tIME', 'IDAT', 'IEND']);
    expect(pngChunkTypes(result.bytes)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(result.bytes.includes('Dr. Garcia')).toBe(false);
    // Still a valid PNG whose pixels are intact.
    expect(stripPng(result.bytes)).toEqual(result.bytes);
    const idat = result.bytes.subarray(8 + 25 + 8, 8 + 25 + 8 + result.bytes.readUInt32BE(8 + 25));
    expect([...inflateSync(idat)]).toEqual([0, 0xff, 0, 0]);
  });

  it('accepts a PNG followed by a few zero padding bytes', async () => {
    const result = await inspectAttachment(Buffer.concat([buildPng(), Buffer.alloc(4)]), 'x.png');
    expect(result.kind).toBe('png');
  });

  it('accepts a plain JPEG unchanged', async () => {
    const result = await inspectAttachment(TINY_JPEG, 'foto.jpeg');
    expect(result).toMatchObject({ kind: 'jpeg', mediaType: 'image/jpeg', displayName: 'foto.jpg', text: '' });
    expect(result.bytes).toEqual(TINY_JPEG);
  });

  it('drops EXIF (with GPS), IPTC and comments from a JPEG and keeps the image', async () => {
    const jpeg = buildJpegWithMetadata();
    expect(jpegMarkers(jpeg)).toContain(0xe1);
    const result = await inspectAttachment(jpeg, 'photo.jpg');
    const markers = jpegMarkers(result.bytes);
    expect(markers).not.toContain(0xe1);
    expect(markers).not.toContain(0xed);
    expect(markers).not.toContain(0xfe);
    expect(markers[0]).toBe(0xe0); // APP0/JFIF kept
    expect(result.bytes.includes('Exif')).toBe(false);
    expect(result.bytes.includes('Juan Perez')).toBe(false);
    // Removing the metadata gives back exactly the original image, which still parses.
    expect(result.bytes).toEqual(TINY_JPEG);
    expect(stripJpeg(result.bytes)).toEqual(result.bytes);
  });

  it('keeps APP2 ICC and APP14 Adobe segments but drops MPF and other APPn', async () => {
    const segment = (marker: number, payload: string): Buffer => {
      const data = Buffer.from(payload, 'latin1');
      const header = Buffer.from([0xff, marker, 0, 0]);
      header.writeUInt16BE(data.length + 2, 2);
      return Buffer.concat([header, data]);
    };
    const app0End = 4 + TINY_JPEG.readUInt16BE(4);
    const jpeg = Buffer.concat([
      TINY_JPEG.subarray(0, app0End),
      segment(0xe2, 'ICC_PROFILE\0\x01\x01profile'),
      segment(0xe2, 'MPF\0II*\0'),
      segment(0xec, 'Ducky\0\0'),
      segment(0xee, 'Adobe\0d\0\0\0\0\x01'),
      TINY_JPEG.subarray(app0End),
    ]);
    const result = await inspectAttachment(jpeg, 'a.jpg');
    expect(result.bytes.includes('ICC_PROFILE')).toBe(true);
    expect(result.bytes.includes('Adobe')).toBe(true);
    expect(result.bytes.includes('MPF')).toBe(false);
    expect(result.bytes.includes('Ducky')).toBe(false);
    expect(jpegMarkers(result.bytes).filter((marker) => marker >= 0xe0 && marker <= 0xef)).toEqual([0xe0, 0xe2, 0xee]);
  });

  it('drops private ancillary PNG chunks and eXIf but keeps rendering chunks', async () => {
    const base = buildPng();
    const ihdrEnd = 8 + 25;
    const png = Buffer.concat([
      base.subarray(0, ihdrEnd),
      pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
      pngChunk('eXIf', Buffer.from('MM\0*\0\0\0\x08', 'latin1')),
      pngChunk('prVt', Buffer.from('secret payload')),
      base.subarray(ihdrEnd),
    ]);
    const result = await inspectAttachment(png, 'a.png');
    expect(pngChunkTypes(result.bytes)).toEqual(['IHDR', 'gAMA', 'IDAT', 'IEND']);
  });

  it('accepts a DOCX, empties core/app properties and extracts its text', async () => {
    const docx = buildDocx({
      paragraphs: ['Paciente con disnea', 'Antecedentes &amp; tratamiento'],
      extra: {
        'word/header1.xml': `<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>Cabecera</w:t></w:r></w:p></w:hdr>`,
        'word/media/image1.png': buildPng(),
      },
    });
    const result = await inspectAttachment(docx, 'informe.docx');
    expect(result).toMatchObject({
      kind: 'docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      displayName: 'informe.docx',
    });
    expect(result.text).toBe('Paciente con disnea\nAntecedentes & tratamiento\n\nCabecera');

    const original = unzipSync(docx);
    const files = unzipSync(result.bytes);
    expect(Object.keys(files).sort()).toEqual(Object.keys(original).sort());
    const core = Buffer.from(files['docProps/core.xml']).toString('utf8');
    expect(core).toContain('<dc:creator></dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy></cp:lastModifiedBy>');
    expect(core).toContain('<dc:title></dc:title>');
    expect(core).not.toContain('Ana Lopez');
    expect(core).not.toContain('paciente');
    expect(core).toContain('<cp:revision>2</cp:revision>');
    const app = Buffer.from(files['docProps/app.xml']).toString('utf8');
    expect(app).toContain('<Company></Company>');
    expect(app).toContain('<Manager></Manager>');
    expect(app).toContain('<Application>Microsoft Office Word</Application>');
    // Other entries are unchanged, and the result is itself an acceptable DOCX.
    for (const name of ['word/document.xml', 'word/media/image1.png', '[Content_Types].xml'])
      expect(files[name]).toEqual(original[name]);
    const again = await inspectAttachment(result.bytes, 'informe.docx');
    expect(again.text).toBe(result.text);
  });

  it('extracts tabs, breaks, text boxes and deleted tracked text from DOCX', async () => {
    const xml = `<w:document xmlns:w="w" xmlns:a="a"><w:body><w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t></w:r><w:del><w:r><w:delText>borrado</w:delText></w:r></w:del></w:p><w:p><a:t>caja &#233;</a:t></w:p></w:body></w:document>`;
    const result = await inspectAttachment(buildDocx({ extra: { 'word/document.xml': xml } }), 'a.docx');
    expect(result.text).toBe('A\tB\nCborrado\ncaja é');
  });

  it('accepts a PDF, blanks its Info values keeping offsets, and extracts its text', async () => {
    const pdf = buildPdf({
      lines: ['Paciente varon de 54 anos', 'Dolor toracico'],
      info: { Author: '(Dr. Secret \\(Name\\))', Creator: '<4472>', Title: '(Caso)', Producer: '(Writer)' },
    });
    const result = await inspectAttachment(pdf, 'caso clinico.pdf');
    expect(result).toMatchObject({ kind: 'pdf', mediaType: 'application/pdf', displayName: 'caso clinico.pdf' });
    expect(result.text).toContain('Paciente varon de 54 anos');
    expect(result.text).toContain('Dolor toracico');
    const stored = result.bytes.toString('latin1');
    expect(stored).not.toContain('Secret');
    expect(stored).not.toContain('4472');
    expect(stored).not.toContain('(Caso)');
    expect(stored).toMatch(/\/Author \( +\)/);
    expect(stored).toMatch(/\/Creator < +>/);
    // The trailer no longer points at the Info dictionary at all.
    expect(stored).not.toMatch(/\/Info\s/);
    expect(stored).toMatch(/\/Root 1 0 R +>>/);
    // Same length and every xref offset still points at its object.
    expect(result.bytes.length).toBe(pdf.length);
    const offsets = [...stored.matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    offsets.forEach((offset, i) => expect(stored.slice(offset)).toMatch(new RegExp(`^${i + 1} 0 obj`)));
  });

  it('blanks an Info value stored as an indirect object and an uncompressed XMP packet', async () => {
    const xmp =
      '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><dc:creator>Dr. Secret</dc:creator></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
    const pdf = buildPdf({
      info: { Author: '7 0 R' },
      extraObjects: [
        '(Dr. Indirect Name)',
        `<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>\nstream\n${xmp}\nendstream`,
      ],
      extraCatalog: '/Metadata 8 0 R',
    });
    const result = await inspectAttachment(pdf, 'x.pdf');
    const stored = result.bytes.toString('latin1');
    expect(stored).not.toContain('Indirect');
    expect(stored).not.toContain('Dr. Secret');
    expect(stored).toContain('<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>');
    expect(result.bytes.length).toBe(pdf.length);
  });
});

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

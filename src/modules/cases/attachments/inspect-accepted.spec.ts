import { inflateSync } from 'node:zlib';
import {
  buildDocx,
  buildJpegWithMetadata,
  buildPdf,
  buildPng,
  pngChunk,
  TINY_JPEG,
  unzipSync,
} from '../../../../test/fixtures/attachments/builders';
import { inspectAttachment } from './inspect';
import { stripJpeg } from './jpeg';
import { stripPng } from './png';

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

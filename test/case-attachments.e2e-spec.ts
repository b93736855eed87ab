import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import {
  buildDocx,
  buildJpegWithMetadata,
  buildPdf,
  buildPng,
  buildZip,
  exifGpsSegment,
} from './fixtures/attachments/builders';
import {
  createFacilitator,
  createNetwork,
  createPerson,
  createSeminar,
  enrol,
  sessionFor,
  signedInAs,
  type SignedIn,
} from './support/factories';
import { createTestApp, setToday, type TestApp } from './support/test-app';

/** Every file under a folder, recursively (the storage folder of this test's application). */
function storedFiles(root: string): string[] {
  let found: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  for (const entry of entries) {
    const path = join(root, entry);
    found = statSync(path).isDirectory() ? [...found, ...storedFiles(path)] : [...found, path];
  }
  return found;
}

describe('Case files: only clean PDF, PNG, JPEG and DOCX get in, and only the right people get them out', () => {
  let t: TestApp;
  let office: SignedIn;
  let storage: string;
  let seminarId: string;
  let author: { Authorization: string };

  beforeAll(async () => {
    storage = `/tmp/puente-test-files-${process.pid}-${Date.now()}`;
    t = await createTestApp({ STORAGE_DIR: storage, CASE_ATTACHMENT_LIMIT_MB: '1', CASE_MAX_ATTACHMENTS: '3' });
    setToday(t);
    office = await signedInAs(t, ['office']);
    const facilitator = await createFacilitator(t);
    seminarId = (
      await createSeminar(t, {
        office,
        networkId: (await createNetwork(t)).id,
        topic: { minimumAttendees: 1 },
        startDate: '2031-03-17',
        facilitators: [facilitator],
        status: 'draft',
      })
    ).id;
    author = await sessionFor(t, facilitator);
  });

  afterAll(() => t?.close());

  async function newCase(): Promise<string> {
    return (
      await t.http
        .post(`/api/v1/seminars/${seminarId}/cases`)
        .set(author)
        .send({ title: 'Caso con archivos', summary: 'Resumen.' })
        .expect(201)
    ).body.id;
  }

  const upload = (caseId: string, bytes: Buffer, name: string) =>
    t.http.post(`/api/v1/cases/${caseId}/attachments`).set(author).attach('file', bytes, name);

  it('refuses every hostile upload with a clear problem and stores nothing', async () => {
    const caseId = await newCase();
    const png = buildPng();
    const cases: [string, Buffer, string, number, string][] = [
      ['text named .pdf', Buffer.from('Nada que ver con un PDF\n'), 'informe.pdf', 415, 'unsupported_media_type'],
      [
        'renamed executable',
        Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]),
        'foto.png',
        415,
        'unsupported_media_type',
      ],
      [
        'SVG',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'dibujo.svg',
        415,
        'unsupported_media_type',
      ],
      [
        'PNG with a zip after it',
        Buffer.concat([png, buildZip({ 'a.txt': 'oculto' })]),
        'radiografia.png',
        415,
        'unsupported_media_type',
      ],
      [
        'PDF with JavaScript',
        buildPdf({ extraCatalog: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>' }),
        'caso.pdf',
        415,
        'unsupported_media_type',
      ],
      ['oversize', Buffer.concat([png, Buffer.alloc(1024 * 1024 + 10)]), 'grande.png', 413, 'payload_too_large'],
      [
        'zip bomb DOCX',
        buildDocx({ extra: { 'word/media/bomba.bin': new Uint8Array(120 * 1024 * 1024) } }),
        'bomba.docx',
        413,
        'attachment_too_large',
      ],
    ];
    for (const [label, bytes, name, status, code] of cases) {
      const response = await upload(caseId, bytes, name);
      expect([label, response.status, response.body.code]).toEqual([label, status, code]);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const missing = await t.http.post(`/api/v1/cases/${caseId}/attachments`).set(author).field('note', 'x').expect(400);
    expect(missing.body.code).toBe('file_missing');
    expect((await t.http.get(`/api/v1/cases/${caseId}`).set(author).expect(200)).body.attachments).toEqual([]);
    expect(storedFiles(storage)).toEqual([]);
  }, 60_000);

  it('keeps accents in file names: stored, listed and downloaded as "Informe médico ñ.pdf"', async () => {
    const caseId = await newCase();
    const stored = await upload(caseId, buildPdf({ lines: ['Resumen'] }), 'Informe médico ñ.pdf').expect(201);
    expect(stored.body.displayName).toBe('Informe médico ñ.pdf');
    const listed = (await t.http.get(`/api/v1/cases/${caseId}`).set(author).expect(200)).body.attachments;
    expect(listed.map((attachment: { displayName: string }) => attachment.displayName)).toEqual([
      'Informe médico ñ.pdf',
    ]);
    const downloaded = await t.http
      .get(`/api/v1/cases/${caseId}/attachments/${stored.body.id}`)
      .set(author)
      .expect(200);
    const utf8Name = /filename\*=UTF-8''([^;]+)/.exec(downloaded.headers['content-disposition'])![1];
    expect(decodeURIComponent(utf8Name)).toBe('Informe médico ñ.pdf');

    // Once approved, the library lists the case with the same files, to the millisecond.
    await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(200);
    await t.http.post(`/api/v1/cases/${caseId}/review`).set(office.auth).send({ decision: 'approve' }).expect(200);
    const detail = (await t.http.get(`/api/v1/cases/${caseId}`).set(office.auth).expect(200)).body;
    const library = (await t.http.get('/api/v1/cases').set(office.auth).expect(200)).body.items;
    const inLibrary = library.find((item: { id: string }) => item.id === caseId);
    expect(inLibrary).toEqual({ ...detail, reviews: [] });
    expect(inLibrary.attachments).toEqual([stored.body]);
  });

  it('strips EXIF and GPS before storing, keeps a safe name and a hash, and limits the number of files', async () => {
    const caseId = await newCase();
    const photo = buildJpegWithMetadata();
    expect(photo.includes(exifGpsSegment().subarray(4, 10))).toBe(true);
    const stored = await upload(caseId, photo, '../../etc/\u202Egpj.exe.jpg').expect(201);
    expect(stored.body).toMatchObject({ mediaType: 'image/jpeg' });
    expect(stored.body.displayName).not.toMatch(/[/\\\u202E]/);
    expect(stored.body.displayName).toMatch(/\.jpg$/);

    const [file, ...others] = storedFiles(join(storage, 'cases', caseId));
    expect(others).toEqual([]);
    const onDisk = readFileSync(file);
    expect(onDisk.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(onDisk.length).toBeLessThan(photo.length);
    expect(stored.body.sha256).toBe(createHash('sha256').update(onDisk).digest('hex'));

    const downloaded = await t.http
      .get(`/api/v1/cases/${caseId}/attachments/${stored.body.id}`)
      .set(author)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(downloaded.body as Buffer, onDisk)).toBe(0);
    expect(downloaded.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(downloaded.headers['content-disposition']).toMatch(
      /^attachment; filename="[^"/\\]+\.jpg"; filename\*=UTF-8''/,
    );
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_entry WHERE subject_id = $1 AND action LIKE 'case.attachment%' ORDER BY created_at, id`,
      [caseId],
    );
    expect(audit.map((row: { action: string }) => row.action)).toEqual([
      'case.attachment_added',
      'case.attachment_downloaded',
    ]);

    await upload(caseId, buildPng({ text: { Author: 'Dr. Alguien' } }), 'placa.png').expect(201);
    await upload(
      caseId,
      buildDocx({ creator: 'Dra. Autora', paragraphs: ['Evolución del caso'] }),
      'notas.docx',
    ).expect(201);
    expect((await upload(caseId, buildPdf({ lines: ['Resumen'] }), 'resumen.pdf').expect(409)).body.code).toBe(
      'too_many_attachments',
    );
    const files = storedFiles(storage).map((path) => readFileSync(path));
    expect(
      files.some((bytes) => bytes.includes(Buffer.from('Dr. Alguien')) || bytes.includes(Buffer.from('Dra. Autora'))),
    ).toBe(false);
  });

  it('scans the text of files on submission, and hands files only to those who may see the case', async () => {
    const caseId = await newCase();
    await upload(
      caseId,
      buildDocx({ paragraphs: ['Paciente: Sra. Rosalba Quintero, expediente 4589-22.'] }),
      'evolucion.docx',
    ).expect(201);
    const [attachment] = (await t.http.get(`/api/v1/cases/${caseId}`).set(author).expect(200)).body.attachments;
    const refused = await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(422);
    expect(refused.body.findings.map((f: { field: string; kind: string }) => [f.field, f.kind])).toEqual(
      expect.arrayContaining([
        [`attachments[${attachment.id}]`, 'name'],
        [`attachments[${attachment.id}]`, 'record_number'],
      ]),
    );
    const stranger = await sessionFor(t, await createPerson(t, { roles: ['attendee'] }));
    expect(
      (await t.http.get(`/api/v1/cases/${caseId}/attachments/${attachment.id}`).set(stranger).expect(404)).body.code,
    ).toBe('case_not_found');
    const confirmed = await createPerson(t, { roles: ['attendee'] });
    await enrol(t, seminarId, confirmed.id, 'confirmed');
    await t.http
      .get(`/api/v1/cases/${caseId}/attachments/${attachment.id}`)
      .set(await sessionFor(t, confirmed))
      .expect(404);
    await t.http.delete(`/api/v1/cases/${caseId}/attachments/${attachment.id}`).set(author).expect(204);
    expect((await t.http.post(`/api/v1/cases/${caseId}/submit`).set(author).expect(200)).body.status).toBe('submitted');
  });
});

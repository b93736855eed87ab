/**
 * Certificate rendering speed, render only (no database, no storage), on one core (Node's main
 * thread; pdfkit draws and compresses synchronously):
 *
 *   (a) pdfkit as usually written: fonts registered by file path, so pdfkit parses each TTF again for
 *       every document; the same page (texts, signatures, vector QR code).
 *   (b) the project's CertificateRenderer: templates compiled and fonts parsed once at load, shared by
 *       every document.
 *
 * For each: certificates per second, milliseconds per document (mean, p95) and resident memory after
 * the run. Target (issue): (b) ≥ 120 certificates/s. Then a registry book of 1,000 entries, once.
 *
 *   npm run bench:certificates            (tsc -p tsconfig.bench.json && node dist-bench/test/bench/certificates-render.bench.js)
 *   BENCH_CERTIFICATES=2000 npm run bench:certificates
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { projectRoot } from '../../src/config/project-root';
import type { CertificateData } from '../../src/modules/certificates/render/certificate-data';
import { formatDate, formatDateRange, formatHours } from '../../src/modules/certificates/render/format';
import { CertificateRenderer } from '../../src/modules/certificates/render/renderer';
import { sampleCertificateData, sampleRegistryBookData } from '../../src/modules/certificates/render/sample';

const TARGET_PER_SECOND = 120;

export interface CertificatesRenderBenchResult {
  name: string;
  perSecond: number;
  meanMs: number;
  p95Ms: number;
  rssMiB: number;
}

const NAMES = [
  'José Ñúñez Güémez',
  'María Fernanda Ávila Íñiguez',
  'Óscar Peña Ibáñez',
  'Úrsula Muñoz Calderón',
  'Ángel Éibar Oñate',
];

function dataFor(index: number): CertificateData {
  const sample = sampleCertificateData();
  const registryNumber = `PUENTE-2031-${String(index + 1).padStart(6, '0')}`;
  return {
    ...sample,
    registryNumber,
    verificationUrl: `https://puente.example.org/verificar/${registryNumber}?c=K7Q-M2P`,
    holder: { name: `${NAMES[index % NAMES.length]} ${index}`, licence: String(10_000_000 + index) },
  };
}

/** (a): the way pdfkit's examples write it, fonts by path (parsed again for every document). */
function renderUsual(templatesDir: string, data: CertificateData): Promise<Buffer> {
  const font = (name: string) => join(templatesDir, 'fonts', `${name}.ttf`);
  const doc = new PDFDocument({
    size: 'LETTER',
    layout: 'landscape',
    margin: 0,
    info: { Title: `Constancia ${data.registryNumber}`, Author: data.issuer },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.lineWidth(2.5).strokeColor('#1f3a5f').rect(22, 22, 748, 568).stroke();
  doc.lineWidth(0.8).strokeColor('#b08d3c').rect(28, 28, 736, 556).stroke();
  doc
    .font(font('DejaVuSerif'))
    .fontSize(12)
    .fillColor('#555555')
    .text(data.issuer, 60, 104, { width: 672, align: 'center' });
  doc
    .font(font('DejaVuSerif-Bold'))
    .fontSize(30)
    .fillColor('#1f3a5f')
    .text('CONSTANCIA', 60, doc.y + 8, { width: 672, align: 'center' });
  doc
    .font(font('DejaVuSerif-Italic'))
    .fontSize(13)
    .fillColor('#222222')
    .text('otorga la presente constancia a', 60, doc.y + 6, { width: 672, align: 'center' });
  doc
    .font(font('DejaVuSerif-Bold'))
    .fontSize(26)
    .text(data.holder.name, 60, doc.y + 8, { width: 672, align: 'center' });
  if (data.holder.licence)
    doc
      .font(font('DejaVuSerif'))
      .fontSize(11)
      .fillColor('#555555')
      .text(`Cédula profesional ${data.holder.licence}`, 60, doc.y + 2, { width: 672, align: 'center' });
  doc.font(font('DejaVuSerif')).fontSize(13).fillColor('#222222');
  doc.text(
    `por su asistencia al seminario «${data.seminarTitle}», del tema ${data.topic}, realizado del ${formatDateRange('es', data.startDate, data.endDate)} en ${data.place}, con una duración de ${formatHours(data.hours)} horas de crédito.`,
    96,
    276,
    { width: 600, align: 'center', lineGap: 3 },
  );
  doc
    .fontSize(11)
    .text(`Expedida el ${formatDate('es', data.issuedOn)}.`, 96, doc.y + 12, { width: 600, align: 'center' });
  data.signatories.forEach((signatory, index) => {
    const left = 60 + index * 270;
    doc
      .moveTo(left + 35, 468)
      .lineTo(left + 235, 468)
      .stroke();
    doc
      .font(font('DejaVuSerif-Bold'))
      .fontSize(10)
      .text(signatory.name, left + 6, 473, { width: 258, align: 'center' });
    doc
      .font(font('DejaVuSerif'))
      .fontSize(9)
      .text(signatory.role, left + 6, doc.y + 1, { width: 258, align: 'center' });
  });
  const qr = QRCode.create(data.verificationUrl, { errorCorrectionLevel: 'M' });
  const cell = 88 / qr.modules.size;
  for (let row = 0; row < qr.modules.size; row++)
    for (let column = 0; column < qr.modules.size; column++)
      if (qr.modules.get(row, column)) doc.rect(646 + column * cell, 424 + row * cell, cell, cell);
  doc.fill('#000000');
  doc
    .font(font('DejaVuSans'))
    .fontSize(7.5)
    .text(`Código ${data.checkCode}\n${data.registryNumber}`, 620, 516, { width: 140, align: 'center' });
  doc
    .fontSize(7)
    .text(`Número de registro ${data.registryNumber} · Verificación: ${data.verificationUrl}`, 60, 552, { width: 540 });
  doc.end();
  return done;
}

async function measure(
  name: string,
  count: number,
  render: (index: number) => Promise<Buffer>,
): Promise<CertificatesRenderBenchResult> {
  for (let index = 0; index < Math.min(20, count); index++) await render(index);
  const times: number[] = [];
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    await render(index);
    times.push(performance.now() - start);
  }
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  return {
    name,
    perSecond: (count * 1000) / elapsed,
    meanMs: elapsed / count,
    p95Ms: times[Math.floor(times.length * 0.95)],
    rssMiB: process.memoryUsage().rss / 1024 / 1024,
  };
}

/** Runs the benchmark and prints its figures; `count` certificates per variant. */
export async function runCertificatesRenderBench(
  count = Number(process.env.BENCH_CERTIFICATES ?? 500),
): Promise<CertificatesRenderBenchResult[]> {
  const templatesDir = join(projectRoot(), 'templates', 'certificates');
  console.log(
    `Rendering ${count} one-page certificates per variant, sequentially, on one core (Node ${process.version}).`,
  );
  const loadStart = performance.now();
  const renderer = CertificateRenderer.load(templatesDir);
  console.log(
    `CertificateRenderer.load: ${(performance.now() - loadStart).toFixed(0)} ms (templates, fonts parsed once, warm-up drawing)`,
  );
  const results = [
    await measure('(a) pdfkit as usually written (fonts parsed per document)', count, (index) =>
      renderUsual(templatesDir, dataFor(index)),
    ),
    await measure('(b) CertificateRenderer (fonts parsed once, shared)', count, (index) =>
      renderer.render(index % 2 === 0 ? 'attendance' : 'facilitation', 'es', dataFor(index)),
    ),
  ];
  for (const result of results) {
    console.log(
      `${result.name}: ${result.perSecond.toFixed(0)} certificates/s, ${result.meanMs.toFixed(2)} ms per document (p95 ${result.p95Ms.toFixed(2)} ms), RSS ${result.rssMiB.toFixed(0)} MiB`,
    );
  }
  const ours = results[1].perSecond;
  console.log(
    `(b)/(a): ${(ours / results[0].perSecond).toFixed(1)}×; target ≥ ${TARGET_PER_SECOND}/s: ${ours >= TARGET_PER_SECOND ? 'met' : 'NOT met'}`,
  );
  const bookStart = performance.now();
  const book = await renderer.renderRegistryBook('es', sampleRegistryBookData(1000));
  console.log(
    `Registry book of 1,000 entries: ${(performance.now() - bookStart).toFixed(0)} ms, ${(book.length / 1024).toFixed(0)} KiB, RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
  );
  return results;
}

if (require.main === module) {
  runCertificatesRenderBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

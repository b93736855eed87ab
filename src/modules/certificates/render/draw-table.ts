import type { TableLayout } from './layout-types';
import type { Pdf } from './pdf-document';

/** A row of cells, one per column; a `group` row (a year) or a `total` row spans the whole table. */
export type TableRow = { kind: 'cells'; cells: string[]; muted?: boolean } | { kind: 'group' | 'total'; text: string };

export interface TableDocument {
  layout: TableLayout;
  title: string;
  /** Lines under the title, on every page. */
  subtitle: string[];
  header: string[];
  rows: TableRow[];
  /** Printed when there are no rows. */
  empty: string;
  /** Footer of each page, given its number and the page count. */
  footer(page: number, pages: number): string;
}

const PAD = 3;

/**
 * Draws a heading and a table that flows over as many pages as it needs, the heading and the column
 * header repeated on each page, then numbers the pages ("page n of N" needs the count, so the
 * document must buffer its pages).
 */
export function drawTable(doc: Pdf, table: TableDocument): void {
  const { layout } = table;
  const left = layout.margin;
  const width = doc.page.width - 2 * layout.margin;
  const bottom = doc.page.height - layout.margin - layout.sizes.footer * 2;
  const total = layout.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = layout.columns.map((column) => (column.width / total) * width);
  const xs = widths.map((_, index) => left + widths.slice(0, index).reduce((sum, w) => sum + w, 0));
  const cellOptions = (index: number) => ({
    width: widths[index] - 2 * PAD,
    align: layout.columns[index].align,
    lineGap: 0,
  });

  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(layout.sizes.cell);
    return (
      Math.max(...cells.map((cell, index) => doc.heightOfString(cell === '' ? ' ' : cell, cellOptions(index)))) +
      2 * PAD
    );
  };

  const drawCells = (cells: string[], y: number, font: string, color: string) => {
    doc.font(font).fontSize(layout.sizes.cell).fillColor(color);
    cells.forEach((cell, index) => {
      if (cell !== '') doc.text(cell, xs[index] + PAD, y + PAD, cellOptions(index));
    });
  };

  const startPage = (): number => {
    doc.font(layout.fonts.heading).fontSize(layout.sizes.title).fillColor(layout.colors.accent);
    doc.text(table.title, left, layout.margin, { width });
    doc.font(layout.fonts.regular).fontSize(layout.sizes.subtitle).fillColor(layout.colors.text);
    for (const line of table.subtitle) doc.text(line, left, doc.y + 1, { width });
    let y = doc.y + 8;
    const height = rowHeight(table.header, layout.fonts.bold);
    doc.rect(left, y, width, height).fill(layout.colors.headerFill);
    drawCells(table.header, y, layout.fonts.bold, layout.colors.text);
    y += height;
    doc
      .lineWidth(0.8)
      .strokeColor(layout.colors.accent)
      .moveTo(left, y)
      .lineTo(left + width, y)
      .stroke();
    return y;
  };

  let y = startPage();
  if (table.rows.length === 0) {
    doc.font(layout.fonts.regular).fontSize(layout.sizes.cell).fillColor(layout.colors.muted);
    doc.text(table.empty, left + PAD, y + PAD, { width: width - 2 * PAD });
  }
  for (const row of table.rows) {
    const spanning = row.kind !== 'cells';
    const font = spanning ? layout.fonts.bold : layout.fonts.regular;
    const height = spanning ? rowHeight([row.text], font) : rowHeight(row.cells, font);
    if (y + height > bottom) {
      doc.addPage();
      y = startPage();
    }
    if (row.kind === 'cells') {
      drawCells(row.cells, y, font, row.muted ? layout.colors.muted : layout.colors.text);
      doc
        .lineWidth(0.3)
        .strokeColor(layout.colors.rule)
        .moveTo(left, y + height)
        .lineTo(left + width, y + height)
        .stroke();
    } else {
      if (row.kind === 'group') doc.rect(left, y, width, height).fill(layout.colors.groupFill);
      doc
        .font(font)
        .fontSize(layout.sizes.cell)
        .fillColor(row.kind === 'group' ? layout.colors.accent : layout.colors.text);
      doc.text(row.text, left + PAD, y + PAD, {
        width: width - 2 * PAD,
        align: row.kind === 'total' ? 'right' : 'left',
      });
    }
    y += height;
  }

  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    // Below the bottom margin: pdfkit would otherwise start a new page for it.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc.font(layout.fonts.regular).fontSize(layout.sizes.footer).fillColor(layout.colors.muted);
    doc.text(table.footer(index + 1, range.count), left, doc.page.height - layout.margin, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins = margins;
  }
}

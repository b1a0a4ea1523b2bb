import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/** The building blocks of Headstamp's PDF documents (case files, tracing letters). */
export type Doc = PDFKit.PDFDocument;

// DejaVu rather than PDF's standard fonts: those only know Windows-1252, which has French but
// not the letters of Bambara, Fulfulde or Tamasheq place names (ɛ, ɔ, ŋ) nor symbols like →.
const fonts = createRequire(import.meta.url);
const REGULAR = fonts.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf');
const BOLD = fonts.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf');

export const MARGIN = 48;
// Every page states its margins: pdfkit gives a page added without them one-inch margins.
export const PAGE = {
  size: 'A4',
  margins: { top: MARGIN + 14, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
};
export const LANDSCAPE = { ...PAGE, layout: 'landscape' as const };
export const colours = {
  text: '#1a1a1a',
  muted: '#5c5c5c',
  rule: '#b8b8b8',
  water: '#dbe8f0',
  land: '#f4f1ea',
  border: '#8c8578',
  point: '#b3400b',
  band: '#f0f0f0',
  handling: '#8b1a1a',
};

/**
 * Draws a document with `draw` and returns its bytes. Pages are buffered so that headers and
 * footers (which need the page count) can be stamped at the end.
 */
export async function renderPdf(
  info: PDFKit.DocumentInfo,
  draw: (doc: Doc) => Promise<void> | void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    bufferPages: true,
    autoFirstPage: false,
    info: { Creator: 'Headstamp', ...info },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  await draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

export function contentWidth(doc: Doc) {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function heading(doc: Doc, text: string) {
  doc.font('bold').fontSize(15).fillColor(colours.text).text(text, doc.page.margins.left);
  doc.moveDown(0.4);
}

export interface Column<R> {
  header: string;
  width: number;
  value: (row: R) => string;
}

/** A table that continues on new pages (of the same layout), repeating its header row. */
export function table<R>(doc: Doc, columns: Column<R>[], rows: R[], page: PDFKit.PDFDocumentOptions = PAGE) {
  const left = doc.page.margins.left;
  const pad = 2.5;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const header = columns.map((c) => c.header);
  const drawRow = (cells: string[], bold: boolean, shaded: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(7.5);
    const height =
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 2 * pad }))) +
      2 * pad;
    if (doc.y + height > bottom()) {
      doc.addPage(page);
      if (!bold) drawRow(header, true, false);
      // The header row left its bold font behind.
      doc.font(bold ? 'bold' : 'regular').fontSize(7.5);
    }
    const y = doc.y;
    const width = columns.reduce((sum, c) => sum + c.width, 0);
    if (shaded || bold)
      doc
        .rect(left, y, width, height)
        .fillColor(bold ? '#e2e2e2' : colours.band)
        .fill();
    doc.fillColor(colours.text);
    let x = left;
    for (const [i, cell] of cells.entries()) {
      doc.text(cell, x + pad, y + pad, { width: columns[i]!.width - 2 * pad, lineBreak: true });
      x += columns[i]!.width;
    }
    doc.y = y + height;
    doc.x = left;
  };
  drawRow(header, true, false);
  for (const [index, row] of rows.entries())
    drawRow(
      columns.map((c) => c.value(row)),
      false,
      index % 2 === 1,
    );
}

/** A photo fitted in a box, or a framed notice when the file cannot be read. */
export function photo(
  doc: Doc,
  bytes: Buffer | undefined,
  box: { x: number; y: number; width: number; height: number },
) {
  try {
    if (!bytes) throw new Error('missing');
    doc.image(bytes, box.x, box.y, { fit: [box.width, box.height], align: 'center', valign: 'center' });
  } catch {
    // A damaged or missing file must not stop the rest of the document from being rendered.
    doc.rect(box.x, box.y, box.width, box.height).strokeColor(colours.rule).stroke();
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(colours.muted)
      .text('This photo could not be read.', box.x, box.y + box.height / 2, {
        width: box.width,
        align: 'center',
      });
  }
}

/**
 * Stamps every page with the handling line (top and bottom), a document label bottom left and
 * "Page n of N" bottom right.
 */
export function stampPages(
  doc: Doc,
  handling: string,
  label: string,
  pageOf: (page: number, pages: number) => string = (page, pages) => `Page ${page} of ${pages}`,
) {
  const { start, count: pages } = doc.bufferedPageRange();
  for (let i = start; i < start + pages; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    // Writing in the margins must not make pdfkit start a new page.
    const margins = { ...doc.page.margins };
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.font('bold').fontSize(8).fillColor(colours.handling);
    doc.text(handling, MARGIN, MARGIN - 22, { width: width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.text(handling, MARGIN, height - MARGIN + 4, {
      width: width - 2 * MARGIN,
      align: 'center',
      lineBreak: false,
    });
    doc.font('regular').fontSize(8).fillColor(colours.muted);
    doc.text(label, MARGIN, height - MARGIN + 16, { lineBreak: false });
    const pageLabel = pageOf(i + 1, pages);
    doc.text(pageLabel, width - MARGIN - doc.widthOfString(pageLabel), height - MARGIN + 16, {
      lineBreak: false,
    });
    doc.page.margins = margins;
  }
}

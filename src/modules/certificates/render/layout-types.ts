/**
 * The layout of a template (`templates/certificates/<name>/layout.json`): page, positions, fonts,
 * sizes and colours. Positions are in PDF points (1/72 in) from the top-left corner of the page.
 * Checked at load by `parseLayout`, so that a broken layout fails the start-up, not an issue.
 */
export type Layout = CertificateLayout | TableLayout;

export interface PageSpec {
  size: 'LETTER' | 'A4';
  orientation: 'portrait' | 'landscape';
}

export interface CertificateLayout {
  kind: 'certificate';
  page: PageSpec;
  elements: CertificateElement[];
}

export type CertificateElement =
  FrameElement | RuleElement | PathElement | ImageElement | TextElement | SignaturesElement | QrElement;

/** A rectangle `inset` points inside the page edge. */
export interface FrameElement {
  type: 'frame';
  inset: number;
  color: string;
  lineWidth: number;
}

export interface RuleElement {
  type: 'rule';
  x: number;
  y: number;
  width: number;
  color: string;
  lineWidth: number;
}

/** Vector artwork (an emblem) as an SVG path, drawn at (x, y) scaled by `scale`. */
export interface PathElement {
  type: 'path';
  d: string;
  x: number;
  y: number;
  scale: number;
  color: string;
}

/** A PNG or JPEG file of the template folder (a logo, a scanned signature). */
export interface ImageElement {
  type: 'image';
  src: string;
  x: number;
  y: number;
  width: number;
}

/**
 * One text of the template (a key of texts.<locale>.json), at `y`, or `after` points below the
 * previous text. Skipped when it renders empty (e.g. no licence). With `maxLines`, the size shrinks
 * (down to `minSize`) until the text fits in that many lines.
 */
export interface TextElement {
  type: 'text';
  text: string;
  font: string;
  size: number;
  color: string;
  x: number;
  width: number;
  y?: number;
  after?: number;
  align: 'left' | 'center' | 'right' | 'justify';
  lineGap?: number;
  maxLines?: number;
  minSize?: number;
}

/** The signatories side by side over `width`: a line, the name, the role. */
export interface SignaturesElement {
  type: 'signatures';
  x: number;
  y: number;
  width: number;
  font: string;
  roleFont: string;
  size: number;
  roleSize: number;
  color: string;
  lineColor: string;
}

/** The QR code of the verification URL, `size` points wide, and a text (`caption`) under it. */
export interface QrElement {
  type: 'qr';
  x: number;
  y: number;
  size: number;
  color: string;
  caption: string;
  font: string;
  captionSize: number;
  captionColor: string;
}

/** Transcripts and registry books: a heading, then a table whose header repeats on every page. */
export interface TableLayout {
  kind: 'transcript' | 'registry-book';
  page: PageSpec;
  margin: number;
  fonts: { regular: string; bold: string; heading: string };
  colors: { text: string; accent: string; muted: string; rule: string; headerFill: string; groupFill: string };
  sizes: { title: number; subtitle: number; cell: number; footer: number };
  /** `width` is relative: the columns share the page width in proportion. */
  columns: { key: string; width: number; align: 'left' | 'center' | 'right' }[];
}

/** What a layout refers to, for checking it. */
export interface LayoutContext {
  hasFont(name: string): boolean;
  hasText(key: string): boolean;
  hasImage(src: string): boolean;
  /** The column keys the renderer fills for a table kind. */
  columnKeys(kind: TableLayout['kind']): readonly string[];
}

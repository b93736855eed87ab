/** The part of fontkit 2 (pdfkit's font engine) the renderer uses; fontkit ships no type declarations. */
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    codePoints: number[];
    isMark: boolean;
    isLigature: boolean;
    advanceWidth: number;
  }
  export interface Subset {
    /** Glyph ids of the original font, in subset order. */
    glyphs: number[];
    encode(): Uint8Array;
  }
  export interface Font {
    createSubset(): Subset;
    postscriptName: string;
    unitsPerEm: number;
    getGlyph(id: number, codePoints?: number[]): Glyph | null;
    layout(text: string, features?: unknown): { glyphs: Glyph[]; advanceWidth: number };
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}

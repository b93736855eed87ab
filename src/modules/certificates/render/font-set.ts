import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The fonts shipped in `templates/certificates/fonts/`, each parsed once per process and handed to
 * every document.
 *
 * pdfkit parses a TTF again for every document that names it by path or buffer, and that parse (with
 * the first layout, which loads cmap, GSUB and GPOS) costs about five times the rest of a certificate
 * page. Given an already parsed fontkit font instead, pdfkit wraps it in a fresh EmbeddedFont per
 * document (its own subset, widths and ToUnicode table), so nothing of one document's embedding
 * leaks into the next, except fontkit's own glyph cache, which is the trap this module closes:
 *
 * fontkit's `Font#getGlyph(id, codePoints)` creates a Glyph on its first request and caches it with
 * the code points of *that* request. Layout asks with the characters the glyph stands for, but the
 * subsetter, when pdfkit embeds a document's fonts, asks for every glyph it copies with none, and
 * includes the components of composite glyphs: 'Á' is 'A' plus an acute accent, 'Ñ' is 'N' plus a
 * tilde. If 'A' was first met as a component, fontkit caches it with no code points, and every later
 * document that prints an 'A' gets `<>` for it in its ToUnicode map: the letter is drawn but gone from
 * the text layer ("Nora Alba" after "Ñandú Ávila" extracts as "ora lba"). Warming every glyph at
 * start-up only hides this for characters that were warmed.
 *
 * The fix: `getGlyph` on our fonts answers with a glyph carrying the code points of the request, a
 * cached view over fontkit's glyph (the glyph's outline and metrics are shared, only `codePoints`,
 * `isMark` and `isLigature` are per request). pdfkit then fills each document's ToUnicode map from
 * what that document laid out, exactly as with a font parsed for it alone; the result does not depend
 * on which documents came before, and the same input gives the same bytes.
 */
export class FontSet {
  private constructor(private readonly fonts: ReadonlyMap<string, fontkit.Font>) {}

  /** Parses every `.ttf` and `.otf` of a folder; a font is named by its file name without extension. */
  static load(directory: string): FontSet {
    const fonts = new Map<string, fontkit.Font>();
    for (const file of readdirSync(directory).sort()) {
      if (!/\.(ttf|otf)$/i.test(file)) continue;
      const font = fontkit.create(readFileSync(join(directory, file)));
      fonts.set(basename(file).replace(/\.(ttf|otf)$/i, ''), withSubsetMemo(withRequestCodePoints(font)));
    }
    return new FontSet(fonts);
  }

  names(): string[] {
    return [...this.fonts.keys()];
  }

  has(name: string): boolean {
    return this.fonts.has(name);
  }

  get(name: string): fontkit.Font {
    const font = this.fonts.get(name);
    if (!font) throw new Error(`Font ${name} is not loaded`);
    return font;
  }
}

/** Makes `font.getGlyph` answer with the request's code points (see FontSet). Mutates and returns `font`. */
function withRequestCodePoints(font: fontkit.Font): fontkit.Font {
  const shared = font.getGlyph.bind(font);
  const views = new Map<string, fontkit.Glyph>();
  font.getGlyph = (id: number, codePoints: number[] = []) => {
    const glyph = shared(id, codePoints);
    if (!glyph || sameCodePoints(glyph.codePoints, codePoints)) return glyph;
    const key = `${id}:${codePoints.join(',')}`;
    let view = views.get(key);
    if (!view) {
      // Computed once on the shared glyph, inherited by its views (fontkit caches it as an own property).
      void glyph.advanceWidth;
      view = Object.create(glyph) as fontkit.Glyph;
      Object.defineProperties(view, {
        codePoints: { value: Object.freeze([...codePoints]), enumerable: true },
        isMark: { value: codePoints.length > 0 && codePoints.every(isMark), enumerable: true },
        isLigature: { value: codePoints.length > 1, enumerable: true },
      });
      views.set(key, view);
    }
    return view;
  };
  return font;
}

/** Subsets encoded lately, per font: a certificate's fixed texts give the same subset again and again. */
const SUBSET_MEMO_SIZE = 32;

/**
 * Remembers the last encoded subsets of a font by their glyph list: encoding one (tables re-encoded,
 * glyphs decoded) is the costliest step of a certificate, and its bytes depend on nothing but the glyph
 * list. pdfkit only reads the bytes (the CIDs it printed are fixed before the encoding). Mutates and
 * returns `font`.
 */
function withSubsetMemo(font: fontkit.Font): fontkit.Font {
  const createSubset = font.createSubset.bind(font);
  const memo = new Map<string, Uint8Array>();
  font.createSubset = () => {
    const subset = createSubset();
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      const key = subset.glyphs.join(',');
      let bytes = memo.get(key);
      if (bytes) {
        memo.delete(key);
      } else {
        bytes = encode();
        if (memo.size >= SUBSET_MEMO_SIZE) memo.delete(memo.keys().next().value!);
      }
      memo.set(key, bytes);
      return bytes;
    };
    return subset;
  };
  return font;
}

function sameCodePoints(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Unicode general category M (combining marks), as fontkit derives `isMark`. */
function isMark(codePoint: number): boolean {
  return /\p{M}/u.test(String.fromCodePoint(codePoint));
}

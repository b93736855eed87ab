const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities and numeric character references. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return safeCodePoint(parseInt(ref.slice(2), 16)) ?? whole;
    if (ref.startsWith('#')) return safeCodePoint(parseInt(ref.slice(1), 10)) ?? whole;
    return ENTITIES[ref] ?? whole;
  });
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/**
 * Text of a WordprocessingML part (document, header, footer, notes, comments). Elements are
 * matched by local name so that text in any namespace is included: `w:t` (runs), `w:delText`
 * (deleted tracked changes, still present in the file and so still worth scanning for
 * identifiers), `a:t` (text boxes, SmartArt) and `m:t` (equations). Paragraph ends become line
 * breaks, `w:tab` a tab and `w:br`/`w:cr` a line break.
 */
export function extractWordXmlText(xml: string): string {
  let out = '';
  let inText = 0;
  const token = /<(\/?)(?:[\w.-]+:)?([\w.-]+)\b[^>]*?(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!][^>]*>|([^<]+)/g;
  for (let match = token.exec(xml); match; match = token.exec(xml)) {
    const [, closing, name, selfClosing, cdata, chars] = match;
    if (chars !== undefined) {
      if (inText > 0) out += decodeXmlEntities(chars);
      continue;
    }
    if (cdata !== undefined) {
      if (inText > 0) out += cdata;
      continue;
    }
    if (name === undefined) continue;
    if (name === 't' || name === 'delText') {
      if (selfClosing) continue;
      inText = closing ? Math.max(0, inText - 1) : inText + 1;
    } else if (name === 'p' && closing) out += '\n';
    else if (name === 'tab' && !closing) out += '\t';
    else if ((name === 'br' || name === 'cr') && !closing) out += '\n';
  }
  return out;
}

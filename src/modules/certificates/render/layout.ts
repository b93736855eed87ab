import type { CertificateElement, Layout, LayoutContext, PageSpec } from './layout-types';

/**
 * Checks a parsed layout.json and returns it typed.
 * @throws Error saying which member is wrong.
 */
export function parseLayout(raw: unknown, context: LayoutContext): Layout {
  const layout = object(raw, 'layout');
  const kind = oneOf(layout.kind, ['certificate', 'transcript', 'registry-book'] as const, 'kind');
  const page = object(layout.page, 'page');
  const pageSpec: PageSpec = {
    size: oneOf(page.size, ['LETTER', 'A4'] as const, 'page.size'),
    orientation: oneOf(page.orientation, ['portrait', 'landscape'] as const, 'page.orientation'),
  };
  const check = new Checker(context);
  if (kind === 'certificate') {
    if (!Array.isArray(layout.elements) || layout.elements.length === 0)
      throw new Error('elements must be a non-empty list');
    return {
      kind,
      page: pageSpec,
      elements: layout.elements.map((element, index) => check.element(element, `elements[${index}]`)),
    };
  }
  const fonts = object(layout.fonts, 'fonts');
  const colors = object(layout.colors, 'colors');
  const sizes = object(layout.sizes, 'sizes');
  if (!Array.isArray(layout.columns)) throw new Error('columns must be a list');
  const known = context.columnKeys(kind);
  const columns = layout.columns.map((value, index) => {
    const column = object(value, `columns[${index}]`);
    const key = oneOf(column.key, known, `columns[${index}].key`);
    check.text(`columns.${key}`, `columns[${index}]`);
    return {
      key,
      width: positive(column.width, `columns[${index}].width`),
      align: oneOf(column.align, ['left', 'center', 'right'] as const, `columns[${index}].align`),
    };
  });
  return {
    kind,
    page: pageSpec,
    margin: positive(layout.margin, 'margin'),
    fonts: {
      regular: check.font(fonts.regular, 'fonts.regular'),
      bold: check.font(fonts.bold, 'fonts.bold'),
      heading: check.font(fonts.heading, 'fonts.heading'),
    },
    colors: {
      text: color(colors.text, 'colors.text'),
      accent: color(colors.accent, 'colors.accent'),
      muted: color(colors.muted, 'colors.muted'),
      rule: color(colors.rule, 'colors.rule'),
      headerFill: color(colors.headerFill, 'colors.headerFill'),
      groupFill: color(colors.groupFill, 'colors.groupFill'),
    },
    sizes: {
      title: positive(sizes.title, 'sizes.title'),
      subtitle: positive(sizes.subtitle, 'sizes.subtitle'),
      cell: positive(sizes.cell, 'sizes.cell'),
      footer: positive(sizes.footer, 'sizes.footer'),
    },
    columns,
  };
}

class Checker {
  constructor(private readonly context: LayoutContext) {}

  font(value: unknown, where: string): string {
    const name = string(value, where);
    if (!this.context.hasFont(name)) throw new Error(`${where}: no font ${name} in fonts/`);
    return name;
  }

  text(value: unknown, where: string): string {
    const key = string(value, where);
    if (!this.context.hasText(key)) throw new Error(`${where}: no text "${key}" in the texts of every locale`);
    return key;
  }

  element(raw: unknown, where: string): CertificateElement {
    const e = object(raw, where);
    const type = oneOf(
      e.type,
      ['frame', 'rule', 'path', 'image', 'text', 'signatures', 'qr'] as const,
      `${where}.type`,
    );
    const at = (key: string) => `${where}.${key}`;
    switch (type) {
      case 'frame':
        return {
          type,
          inset: number(e.inset, at('inset')),
          color: color(e.color, at('color')),
          lineWidth: positive(e.lineWidth, at('lineWidth')),
        };
      case 'rule':
        return {
          type,
          x: number(e.x, at('x')),
          y: number(e.y, at('y')),
          width: positive(e.width, at('width')),
          color: color(e.color, at('color')),
          lineWidth: positive(e.lineWidth, at('lineWidth')),
        };
      case 'path':
        return {
          type,
          d: string(e.d, at('d')),
          x: number(e.x, at('x')),
          y: number(e.y, at('y')),
          scale: positive(e.scale, at('scale')),
          color: color(e.color, at('color')),
        };
      case 'image': {
        const src = string(e.src, at('src'));
        if (!/^[\w-]+\.(png|jpe?g)$/i.test(src) || !this.context.hasImage(src))
          throw new Error(`${at('src')}: no PNG or JPEG ${src} in the template folder`);
        return { type, src, x: number(e.x, at('x')), y: number(e.y, at('y')), width: positive(e.width, at('width')) };
      }
      case 'text': {
        if ((e.y === undefined) === (e.after === undefined))
          throw new Error(`${where}: give exactly one of y and after`);
        return {
          type,
          text: this.text(e.text, at('text')),
          font: this.font(e.font, at('font')),
          size: positive(e.size, at('size')),
          color: color(e.color, at('color')),
          x: number(e.x, at('x')),
          width: positive(e.width, at('width')),
          y: e.y === undefined ? undefined : number(e.y, at('y')),
          after: e.after === undefined ? undefined : number(e.after, at('after')),
          align: oneOf(e.align, ['left', 'center', 'right', 'justify'] as const, at('align')),
          lineGap: e.lineGap === undefined ? undefined : number(e.lineGap, at('lineGap')),
          maxLines: e.maxLines === undefined ? undefined : positive(e.maxLines, at('maxLines')),
          minSize: e.minSize === undefined ? undefined : positive(e.minSize, at('minSize')),
        };
      }
      case 'signatures':
        return {
          type,
          x: number(e.x, at('x')),
          y: number(e.y, at('y')),
          width: positive(e.width, at('width')),
          font: this.font(e.font, at('font')),
          roleFont: this.font(e.roleFont, at('roleFont')),
          size: positive(e.size, at('size')),
          roleSize: positive(e.roleSize, at('roleSize')),
          color: color(e.color, at('color')),
          lineColor: color(e.lineColor, at('lineColor')),
        };
      case 'qr':
        return {
          type,
          x: number(e.x, at('x')),
          y: number(e.y, at('y')),
          size: positive(e.size, at('size')),
          color: color(e.color, at('color')),
          caption: this.text(e.caption, at('caption')),
          font: this.font(e.font, at('font')),
          captionSize: positive(e.captionSize, at('captionSize')),
          captionColor: color(e.captionColor, at('captionColor')),
        };
    }
  }
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${where} must be a non-empty string`);
  return value;
}

function number(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where} must be a number`);
  return value;
}

function positive(value: unknown, where: string): number {
  const result = number(value, where);
  if (result <= 0) throw new Error(`${where} must be positive`);
  return result;
}

function color(value: unknown, where: string): string {
  const result = string(value, where);
  if (!/^#[0-9a-f]{6}$/i.test(result)) throw new Error(`${where} must be a colour like #1f3a5f`);
  return result;
}

function oneOf<const T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new Error(`${where} must be one of ${allowed.join(', ')}`);
  return value as T;
}

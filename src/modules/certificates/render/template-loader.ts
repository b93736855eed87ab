import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CERTIFICATE_LOCALES, type CertificateLocale } from './certificate-data';
import { FontSet } from './font-set';
import { parseLayout } from './layout';
import { type Layout } from './layout-types';
import { templateInvalid } from './render.errors';
import { compileText, type TextTemplate } from './text-templates';
import { VARIABLES, REQUIRED_TEXTS, COLUMNS } from './template-variables';

export interface Template<L extends Layout = Layout> {
  name: string;
  layout: L;
  texts: Record<CertificateLocale, ReadonlyMap<string, TextTemplate>>;
  images: ReadonlyMap<string, Buffer>;
}

export type Variables = Record<string, string | boolean>;

/** The texts of a template in a locale with these variables; a text key the template lacks is a bug. */
export function texts(template: Template, locale: CertificateLocale, variables: Variables): (key: string) => string {
  const compiled = template.texts[locale];
  return (key) => {
    const render = compiled.get(key);
    if (!render) throw new Error(`Template ${template.name} has no text ${key}`);
    return render(variables);
  };
}

export function loadTemplate(name: string, folder: string, fonts: FontSet): Template {
  const fail = (problem: string) => templateInvalid(name, problem);
  const readJson = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(join(folder, file), 'utf8'));
    } catch (error) {
      throw fail(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const rawLayout = readJson('layout.json') as { kind?: unknown };
  const kind = rawLayout?.kind;
  if (kind !== 'certificate' && kind !== 'transcript' && kind !== 'registry-book')
    throw fail('layout.json: kind must be certificate, transcript or registry-book');
  const allowed = VARIABLES[kind];
  const texts = {} as Record<CertificateLocale, Map<string, TextTemplate>>;
  for (const locale of CERTIFICATE_LOCALES) {
    const file = `texts.${locale}.json`;
    const compiled = new Map<string, TextTemplate>();
    for (const [key, source] of flatten(readJson(file), file, fail)) {
      try {
        compiled.set(key, compileText(source, allowed));
      } catch (error) {
        throw fail(`${file} "${key}": ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    texts[locale] = compiled;
  }
  const [es, en] = [texts.es, texts.en];
  const differ = [...es.keys()].filter((key) => !en.has(key)).concat([...en.keys()].filter((key) => !es.has(key)));
  if (differ.length > 0)
    throw fail(`texts.es.json and texts.en.json must have the same texts; differ in ${differ.join(', ')}`);
  const missing = REQUIRED_TEXTS[kind].filter((key) => !es.has(key));
  if (missing.length > 0) throw fail(`missing texts ${missing.join(', ')}`);
  const images = new Map<string, Buffer>();
  for (const file of readdirSync(folder))
    if (/\.(png|jpe?g)$/i.test(file)) images.set(file, readFileSync(join(folder, file)));
  let layout: Layout;
  try {
    layout = parseLayout(rawLayout, {
      hasFont: (font) => fonts.has(font),
      hasText: (key) => es.has(key),
      hasImage: (src) => images.has(src),
      columnKeys: (tableKind) => COLUMNS[tableKind],
    });
  } catch (error) {
    throw fail(`layout.json: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { name, layout, texts, images };
}

/** A texts file: text keys to Handlebars sources, one level of grouping allowed ("columns": {…} gives "columns.x"). */
function flatten(raw: unknown, file: string, fail: (problem: string) => Error): [string, string][] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail(`${file} must be an object`);
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') entries.push([key, value]);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [inner, source] of Object.entries(value)) {
        if (typeof source !== 'string') throw fail(`${file} "${key}.${inner}" must be a string`);
        entries.push([`${key}.${inner}`, source]);
      }
    } else throw fail(`${file} "${key}" must be a string or an object of strings`);
  }
  return entries;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '../../config/project-root';

let layout: Handlebars.TemplateDelegate | undefined;

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Links in escaped text become anchors (the escaped URL is safe inside an attribute). */
const linked = (escaped: string) => escaped.replace(/https?:\/\/[^\s<>"]+/g, (url) => `<a href="${url}">${url}</a>`);

/**
 * The HTML part of a message, laid out from its plain-text part: paragraphs at blank lines, line
 * breaks kept, links clickable. One source per message keeps both parts saying the same thing.
 */
export function htmlOf(text: string, locale: string): string {
  layout ??= Handlebars.compile(readFileSync(join(projectRoot(), 'templates', 'emails', 'layout.html.hbs'), 'utf8'), {
    strict: true,
  });
  const paragraphs = text
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${linked(escape(paragraph.trim())).replace(/\r?\n/g, '<br>\n')}</p>`)
    .join('\n');
  return layout({ lang: locale === 'en' ? 'en' : 'es-MX', content: paragraphs });
}

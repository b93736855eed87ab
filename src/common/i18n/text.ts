import type { Request } from 'express';

/** A sentence that people read, in both user languages. Spanish (es-MX) is the default. */
export interface Text {
  es: string;
  en: string;
}

export type Language = keyof Text;

export function text(es: string, en: string): Text {
  return { es, en };
}

/** The caller's language from `Accept-Language`: English only when it is preferred over Spanish. */
export function languageOf(request: Pick<Request, 'headers'>): Language {
  const header = request.headers['accept-language'];
  if (typeof header !== 'string' || header === '') return 'es';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.tag === 'es' || entry.tag === 'en')
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag === 'en' ? 'en' : 'es';
}

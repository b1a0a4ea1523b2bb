import type { FastifyRequest } from 'fastify';
import { languageSchema, type Language } from '../core/vocabulary';

/** `lang=fr|en`: the reader's language, when a page asks for it. */
export const languageQuery = languageSchema.optional();

/**
 * The language to answer a reader in: the `lang` asked for, else the first of English and
 * French the `Accept-Language` header names (by its order of preference), else English.
 */
export function readerLanguage(request: FastifyRequest, asked?: Language): Language {
  if (asked) return asked;
  const header = request.headers['accept-language'] ?? '';
  const wanted = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const found = wanted.find((t) => t.base === 'en' || t.base === 'fr');
  return found?.base === 'fr' ? 'fr' : 'en';
}

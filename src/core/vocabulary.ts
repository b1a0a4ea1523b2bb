import { z } from 'zod';
import { foldKey } from './text';

/** The languages of the interface and of what Headstamp writes for people. */
export const languageSchema = z.enum(['en', 'fr']);
export type Language = z.infer<typeof languageSchema>;

export interface Term {
  en: string;
  fr: string;
  /** Other spellings seen in mission spreadsheets, in either language. */
  synonyms?: readonly string[];
}

export interface Vocabulary<K extends string> {
  name: string;
  keys: readonly [K, ...K[]];
  terms: Readonly<Record<K, Term>>;
  schema: z.ZodEnum<{ [P in K]: P }>;
  /** The key for a label, code or synonym in English or French; undefined if none matches. */
  parse(text: string): K | undefined;
  label(key: K, language: Language): string;
}

/**
 * A controlled vocabulary defined once and used by the importer, the server and the web
 * application: stable keys, English and French labels, and the synonyms users type.
 */
export function vocabulary<const K extends string>(name: string, terms: Record<K, Term>): Vocabulary<K> {
  const keys = Object.keys(terms) as [K, ...K[]];
  const index = new Map<string, K>();
  for (const key of keys) {
    const term = terms[key];
    for (const text of [key, term.en, term.fr, ...(term.synonyms ?? [])]) {
      const folded = foldKey(text);
      const existing = index.get(folded);
      if (existing && existing !== key) {
        throw new Error(`vocabulary ${name}: "${text}" means both ${existing} and ${key}`);
      }
      index.set(folded, key);
    }
  }
  return {
    name,
    keys,
    terms,
    schema: z.enum(keys) as unknown as z.ZodEnum<{ [P in K]: P }>,
    parse: (text) => index.get(foldKey(text)),
    label: (key, language) => terms[key][language],
  };
}

/** A stored value as a label in `language` when the vocabulary knows it; otherwise as written. */
export function termLabel<K extends string>(
  terms: Vocabulary<K>,
  value: string | null | undefined,
  language: Language,
): string {
  const key = value ? terms.parse(value) : undefined;
  return key ? terms.label(key, language) : (value ?? '');
}

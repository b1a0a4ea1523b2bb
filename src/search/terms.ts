import { z } from 'zod';
import { parseCountry } from '../core/countries';
import { foldKey } from '../core/text';
import { itemCategories, type ItemCategory } from '../items/vocabulary';
import { MAX_SEARCH_LENGTH, MAX_SEARCH_TERMS, withinSearchLimits } from './limits';

// What a person types in a search box, read as terms: each term is one thing to find (a calibre,
// a producer in any spelling or by its headstamp code, a model, a year, a country, a kind of
// materiel, or just words) and every term must be found. A term keeps its alternatives: the
// words, matched as "contains" by the store with accents, case and punctuation forgiven
// (`search_fold`, migration 0013), and the reference keys it names, matched on the items' keys.
// Pure: the reference lists come in, SQL is built elsewhere (`search.queries.ts`).

export { MAX_SEARCH_LENGTH, MAX_SEARCH_TERMS } from './limits';

/** What a search box may send: some words, not too many. */
export const searchText = z
  .string()
  .trim()
  .min(1)
  .max(MAX_SEARCH_LENGTH)
  .refine(withinSearchLimits, {
    message: `at most ${2 * MAX_SEARCH_TERMS} words`,
  });

/** The names of the reference lists a search resolves words with. */
export interface SearchReference {
  manufacturers: readonly {
    key: string;
    name: string;
    aliases: readonly string[];
    codes: readonly string[];
  }[];
  models: readonly { key: string; label: string; aliases: readonly string[] }[];
  calibres: readonly { key: string; label: string; aliases: readonly string[] }[];
}

export interface SearchTerm {
  /** As typed. */
  text: string;
  /** With digits (serials, lots, codes): matched as "contains" in the folded words of incidents and items. */
  words: string[];
  /** Without digits (names, places): matched at the beginning of a word, so "Chine" is not in "machine". */
  wordStarts: string[];
  calibres: string[];
  manufacturers: string[];
  models: string[];
  /** ISO codes: where the materiel was made, or the incident's country. */
  countries: string[];
  categories: ItemCategory[];
  years: number[];
  /** Sample keys typed as they are stored (`ammo:7.62x39:su-539:1975`). */
  samples: string[];
}

/** Letters and digits only, upper case: how headstamp codes and serials compare. */
const compactCode = (text: string) =>
  text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
// "7.62x39", "7,62 x 39 mm", "7.62×54R", "12.7 x 108"; then one dimension with its unit: "82 mm".
const TWO_DIMENSIONS = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,:~-])(${NUMBER})\s*(?:mm)?\s*[x×х*]\s*(${NUMBER})(?:\s*(r|sr|b)(?![\p{L}\p{N}]))?(?:\s*mm)?(?![\p{L}\p{N}:])`,
  'giu',
);
const ONE_DIMENSION = new RegExp(String.raw`(?<![\p{L}\p{N}.,:~-])(${NUMBER})\s*mm(?![\p{L}\p{N}:])`, 'giu');
const number = (text: string) => String(Number(text.replace(',', '.')));

/** A phrase of this many words at most is looked up whole ("Tula Cartridge Works"). */
const LONGEST_PHRASE = 5;

class Index {
  readonly exact = new Map<string, Set<string>>();
  /** Folded names, for a word that begins one of their words. */
  readonly names: [string, string][] = [];

  add(name: string, key: string) {
    const folded = foldKey(name);
    if (!folded) return;
    for (const form of new Set([folded, folded.replace(/ /g, '')])) {
      const keys = this.exact.get(form) ?? new Set();
      keys.add(key);
      this.exact.set(form, keys);
    }
    this.names.push([folded, key]);
  }

  /** The keys of the names equal to the phrase, spacing aside. */
  whole(phrase: string): string[] {
    const folded = foldKey(phrase);
    return [...(this.exact.get(folded) ?? this.exact.get(folded.replace(/ /g, '')) ?? [])];
  }

  /** The keys of the names one of whose words begins with the word (whole words for numbers). */
  starting(word: string): string[] {
    const folded = foldKey(word);
    if (!folded || folded.includes(' ')) return this.whole(word);
    const numeric = /^\d+$/.test(folded);
    const keys = new Set<string>();
    for (const [name, key] of this.names) {
      const words = name.split(' ');
      if (words.some((w) => (numeric ? w === folded : w.startsWith(folded)))) keys.add(key);
    }
    for (const key of this.whole(word)) keys.add(key);
    return [...keys];
  }
}

/** The reference lists indexed for reading searches; build once per search (they are small). */
export class SearchReader {
  readonly #makers = new Index();
  readonly #codes = new Map<string, Set<string>>();
  readonly #models = new Index();
  readonly #calibres = new Index();
  readonly #calibreKeys: string[];
  readonly #categories = new Map<string, ItemCategory>();

  constructor(reference: SearchReference) {
    for (const m of reference.manufacturers) {
      for (const name of [m.name, ...m.aliases]) this.#makers.add(name, m.key);
      for (const code of m.codes) {
        const key = compactCode(code);
        if (!key) continue;
        const keys = this.#codes.get(key) ?? new Set();
        keys.add(m.key);
        this.#codes.set(key, keys);
      }
    }
    for (const m of reference.models)
      for (const name of [m.key, m.label, ...m.aliases]) this.#models.add(name, m.key);
    for (const c of reference.calibres)
      for (const name of [c.label, ...c.aliases]) this.#calibres.add(name, c.key);
    this.#calibreKeys = reference.calibres.map((c) => c.key);
    // A kind of materiel by its label in English or French, singular or plural ("munitions").
    for (const key of itemCategories.keys) {
      for (const label of [itemCategories.terms[key].en, itemCategories.terms[key].fr]) {
        this.#categories.set(foldKey(label), key);
        this.#categories.set(`${foldKey(label)}s`, key);
      }
    }
  }

  /** The terms of a search; none when nothing in it can be searched. */
  read(text: string): SearchTerm[] {
    const terms: SearchTerm[] = [];
    let rest = text.normalize('NFKC');
    // Calibres first: "7,62 x 39" is one term, not three words.
    for (const pattern of [TWO_DIMENSIONS, ONE_DIMENSION]) {
      rest = rest.replace(pattern, (match: string, a: string, b?: string, suffix?: string) => {
        const keys =
          pattern === TWO_DIMENSIONS
            ? this.#calibreFamily(`${number(a)}x${number(b!)}`, suffix?.toUpperCase() ?? '')
            : [`${number(a)}mm`];
        terms.push({ ...blank(match.trim()), words: [match.trim()], calibres: keys });
        return ' ';
      });
    }
    const words = rest.split(/\s+/).filter((w) => w !== '');
    for (let i = 0; i < words.length;) {
      let taken = 0;
      for (let n = Math.min(LONGEST_PHRASE, words.length - i); n >= 2 && !taken; n--) {
        const term = this.#phrase(words.slice(i, i + n).join(' '));
        if (term) {
          terms.push(term);
          taken = n;
        }
      }
      if (!taken) {
        const term = this.#word(words[i]!);
        if (term) terms.push(term);
        taken = 1;
      }
      i += taken;
    }
    return terms.slice(0, MAX_SEARCH_TERMS);
  }

  /** A calibre key and, with no case-type suffix typed, its suffixed forms in the list (7.62x54 → 7.62x54R). */
  #calibreFamily(base: string, suffix: string): string[] {
    if (suffix) return [`${base}${suffix}`];
    const suffixed = this.#calibreKeys.filter(
      (k) => k.startsWith(base) && /^[A-Z]+$/.test(k.slice(base.length)),
    );
    return [base, ...suffixed];
  }

  /** Several words that name one thing of the reference lists or one country, else undefined. */
  #phrase(phrase: string): SearchTerm | undefined {
    const term: SearchTerm = {
      ...blank(phrase),
      ...spelt(phrase),
      manufacturers: this.#makers.whole(phrase),
      models: this.#models.whole(phrase),
      calibres: this.#calibres.whole(phrase),
    };
    const country = parseCountry(phrase);
    if (country) term.countries.push(country);
    const category = this.#categories.get(foldKey(phrase));
    if (category) term.categories.push(category);
    return named(term) ? term : undefined;
  }

  /** One word: its spellings, and whatever it begins or names in the reference lists. */
  #word(word: string): SearchTerm | undefined {
    const folded = foldKey(word);
    if (!folded) return undefined;
    const term = { ...blank(word), ...spelt(word) };
    // "pw-1457" also as "pw1457", as serials are compared.
    const joined = compactCode(word);
    if (folded.includes(' ') && joined.length >= 3) term.words.push(joined);
    if (/^[a-z][\w-]*:\S+$/i.test(word)) term.samples.push(word);
    // A short word is a code or an abbreviation, not the beginning of a name: "de" is no maker.
    const short = folded.replace(/ /g, '').length < 3;
    term.manufacturers = [
      ...new Set([
        ...(this.#codes.get(joined) ?? []),
        ...(short ? this.#makers.whole(word) : this.#makers.starting(word)),
      ]),
    ];
    term.models = short ? this.#models.whole(word) : this.#models.starting(word);
    term.calibres = this.#calibres.whole(word);
    if (/^\d{4}$/.test(word) && Number(word) >= 1850 && Number(word) <= 2100) term.years.push(Number(word));
    // Countries by name ("Chine", "URSS"); a two-letter code only when typed as one ("CN"), as
    // French "de" or "et" would otherwise name Germany or Ethiopia.
    if (folded.length >= 4 || (word.length >= 2 && word === word.toUpperCase() && /^\p{L}+$/u.test(word))) {
      const country = parseCountry(word);
      if (country) term.countries.push(country);
    }
    const category = this.#categories.get(folded);
    if (category) term.categories.push(category);
    return term;
  }
}

/** How typed text is matched in the words: by its beginning, or anywhere when it has digits. */
const spelt = (text: string) => (/\d/.test(text) ? { words: [text] } : { wordStarts: [text] });

function blank(text: string): SearchTerm {
  return {
    text,
    words: [],
    wordStarts: [],
    calibres: [],
    manufacturers: [],
    models: [],
    countries: [],
    categories: [],
    years: [],
    samples: [],
  };
}

const named = (t: SearchTerm) =>
  t.manufacturers.length + t.models.length + t.calibres.length + t.countries.length + t.categories.length > 0;

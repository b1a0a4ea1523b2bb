import { foldKey } from '../core/text';
import type { CalibreRef, MakerProduct, ManufacturerRef, ModelRef, ReferenceMapping } from './data/types';
import type { ReferenceField } from './vocabulary';

export interface ReferenceData {
  calibres: CalibreRef[];
  manufacturers: ManufacturerRef[];
  models: ModelRef[];
  /** Values analysts mapped to an entry: read before any rule of the normaliser. */
  mappings?: ReferenceMapping[];
}

/**
 * The version of the reading rules below. Raise it with any change that may key a stored value
 * differently: stores opened by the new version are then keyed again (`rekeyIfReferenceChanged`).
 */
export const READING_RULES_VERSION = 2;

/** How a mapped value is compared: as the analyst's mapping was meant, whatever the case or accents. */
export const mappingKey = (text: string) => foldKey(text);

/** A normalised value: `known` is false when it is not in the reference lists (kept as written). */
export interface Resolved {
  key: string;
  known: boolean;
}

export type Resolution = Resolved | { error: string } | null;

/** A producer as resolved: recognised (`known`), ambiguous (`candidates`), or kept as written. */
export interface MakerResolved extends Resolved {
  /** Every listed producer the text fits when the item's context does not settle one (keys). */
  candidates?: string[];
  /** The headstamp code it was matched by, as listed. */
  code?: string;
  /** Why listed producers were set aside (another country, another kind of product). */
  reason?: string;
}

/** What is known of the item a producer is named on; each part narrows the candidates. */
export interface MakerContext {
  /** The item's category (`weapon`, `ammunition`…): a maker is matched only to what it makes. */
  category?: string | null;
  country?: string | null;
  /** The normalised calibre key. */
  calibre?: string | null;
  year?: number | null;
}

/** What a producer must make to be the maker of an item of each category; absent: any. */
const PRODUCTS_OF_CATEGORY: Readonly<Record<string, readonly MakerProduct[]>> = {
  weapon: ['weapons'],
  ammunition: ['ammunition', 'explosives'],
  explosive: ['explosives', 'ammunition'],
  vehicle: ['vehicles'],
};

/**
 * States that dissolved, and those that followed them: a Soviet factory is "made in Russia" or
 * "made in Ukraine" to a field team, and a Serbian one "made in Yugoslavia".
 */
export const SUCCESSOR_STATES: Readonly<Record<string, readonly string[]>> = {
  SU: ['RU', 'UA', 'BY', 'KZ', 'KG', 'UZ', 'TJ', 'TM', 'AM', 'AZ', 'GE', 'MD', 'EE', 'LV', 'LT'],
  YU: ['RS', 'BA', 'HR', 'SI', 'MK', 'ME', 'XK'],
  CS: ['CZ', 'SK'],
  DD: ['DE'],
};

/** Whether two states are one, or one dissolved into the other (SU and UA, YU and RS). */
export function sameStateLine(a: string, b: string): boolean {
  return (
    a === b || (SUCCESSOR_STATES[a]?.includes(b) ?? false) || (SUCCESSOR_STATES[b]?.includes(a) ?? false)
  );
}

/** Whether a country of manufacture as given fits a producer's state, then or now. */
export function countryFits(maker: ManufacturerRef, country: string): boolean {
  return sameStateLine(maker.country, country) || maker.location === country;
}

const compact = (text: string) => foldKey(text).replace(/ /g, '');
/** Headstamp codes are read as stamped: case and spacing are not significant, script is. */
const codeKey = (text: string) =>
  text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
const slug = (text: string) => foldKey(text).replace(/ /g, '-');

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const TWO_DIMENSIONS = new RegExp(
  String.raw`(${NUMBER})\s*(?:mm)?\s*x\s*(${NUMBER})\s*(?:mm)?\s*(r|sr|b)?(?![a-z0-9])`,
);
const ONE_DIMENSION = new RegExp(String.raw`^(?:cal(?:ibre|iber)?\.?\s*)?(${NUMBER})\s*(?:mm)?$`);
/**
 * Words that say what kind of works a producer is, not which: "Ulyanovsk Cartridge Plant",
 * "State Factory 66", "Arsenal 10" and "usine 539" are found by what is left.
 */
const GENERIC_MAKER_WORDS =
  /\b(state|chinese|soviet|factory|factories|usine|fabrique|manufacture|plant|works|zavod|no|nr|n|num|numero|number|cartridge|cartridges|cartouches|cartoucherie|patronny|patronnyy|specialized|specialised|ammunition|ammo|munitions|arms|armes|arsenal|machine|building|mechanical|company|co|corporation|jsc|ojsc|ad|plc|ltd|the|of|de|d|du|des|la|le)\b/g;
const coreName = (text: string) => compact(foldKey(text).replace(GENERIC_MAKER_WORDS, ' '));

// Letters that codes are typed with from another script: transliterated (ТПЗ → TPZ, ИК → IK) and
// by their look-alikes (Cyrillic Н, Р, С typed for Latin H, P, C; Greek ΗΧΡ for HXP).
const TRANSLITERATION: Readonly<Record<string, string>> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  Й: 'I',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ы: 'Y',
  Э: 'E',
  Ю: 'YU',
  Я: 'YA',
  І: 'I',
  Ј: 'J',
  Љ: 'LJ',
  Њ: 'NJ',
  Ћ: 'C',
  Ђ: 'DJ',
  Џ: 'DZ',
};
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
};
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/gu;
/** The keys a headstamp code is found by: as typed, transliterated, by look-alikes, digits in ASCII. */
function codeKeys(text: string): string[] {
  const key = codeKey(text);
  const mapped = (table: Readonly<Record<string, string>>) => [...key].map((c) => table[c] ?? c).join('');
  const ascii = key.replace(ARABIC_INDIC_DIGITS, (d) => String(d.codePointAt(0)! - 0x0660));
  return [...new Set([key, mapped(TRANSLITERATION), mapped(LOOK_ALIKES), ascii])].filter(Boolean);
}
// Words that describe rather than name a model ("AKMS-pattern assault rifle", "fusil d'assaut AKM").
const MODEL_NOISE_WORDS =
  /\b(PATTERN|STYLE|COPY|CLONE|VARIANT|RIFLE|ASSAULT|FUSIL|ASSAUT|D|MACHINE|GUN|MITRAILLEUSE)\b/g;

function calibreText(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(/[×х*]/g, 'x')
    .replace(/\s+/g, ' ')
    .trim();
}

const trimNumber = (n: string) => String(Number(n));

/**
 * Turns the many ways a calibre, a producer or a model is written into one key, so that the
 * same physical sample compares equal however a field team typed it. The raw text is kept
 * by the caller; this only derives keys.
 */
export class Normaliser {
  readonly #calibres = new Map<string, CalibreRef>();
  readonly #calibreAliases = new Map<string, string>();
  readonly #codes = new Map<string, ManufacturerRef[]>();
  readonly #makerNames = new Map<string, ManufacturerRef[]>();
  readonly #makerCores = new Map<string, ManufacturerRef[]>();
  readonly #models = new Map<string, ModelRef>();
  readonly #manufacturersByKey = new Map<string, ManufacturerRef>();
  readonly #mappings = new Map<string, string>();

  constructor(reference: ReferenceData) {
    for (const mapping of reference.mappings ?? [])
      this.#mappings.set(`${mapping.field}:${mappingKey(mapping.written)}`, mapping.target);
    for (const calibre of reference.calibres) {
      this.#calibres.set(calibre.key, calibre);
      for (const alias of [calibre.label, ...calibre.aliases])
        this.#calibreAliases.set(compact(alias), calibre.key);
    }
    const push = (map: Map<string, ManufacturerRef[]>, key: string, maker: ManufacturerRef) => {
      if (!key) return;
      const list = map.get(key) ?? [];
      if (!list.includes(maker)) list.push(maker);
      map.set(key, list);
    };
    for (const maker of reference.manufacturers) {
      this.#manufacturersByKey.set(maker.key, maker);
      for (const code of maker.headstampCodes)
        for (const key of codeKeys(code)) push(this.#codes, key, maker);
      for (const name of [maker.key, maker.name, ...maker.aliases]) {
        push(this.#makerNames, compact(name), maker);
        push(this.#makerCores, coreName(name), maker);
      }
    }
    for (const model of reference.models) {
      for (const alias of [model.key, model.label, ...model.aliases])
        this.#models.set(modelKey(alias), model);
    }
  }

  /** The entry an analyst mapped this value to, if any. */
  mapped(field: ReferenceField, raw: string): Resolved | undefined {
    const target = this.#mappings.get(`${field}:${mappingKey(raw)}`);
    return target === undefined ? undefined : { key: target, known: true };
  }

  calibre(raw: string | null): Resolution {
    if (raw == null) return null;
    const mapped = this.mapped('calibre', raw);
    if (mapped) return mapped;
    const alias = this.#calibreAliases.get(compact(raw));
    if (alias) return { key: alias, known: true };
    const text = calibreText(raw);
    const two = text.match(TWO_DIMENSIONS);
    if (two) {
      const base = `${trimNumber(two[1]!)}x${trimNumber(two[2]!)}`;
      const suffix = (two[3] ?? '').toUpperCase();
      const exact = `${base}${suffix}`;
      if (this.#calibres.has(exact)) return { key: exact, known: true };
      // "7.62x54" is always the rimmed 7.62x54R: a missing suffix still names one calibre.
      if (!suffix) {
        const suffixed = [...this.#calibres.keys()].filter(
          (k) => k.startsWith(base) && /^[A-Z]+$/.test(k.slice(base.length)),
        );
        if (suffixed.length === 1) return { key: suffixed[0]!, known: true };
      }
      return { key: exact, known: false };
    }
    const one = text.match(ONE_DIMENSION);
    if (one) {
      const key = `${trimNumber(one[1]!)}mm`;
      return { key, known: this.#calibres.has(key) };
    }
    if (!/\d/.test(text))
      return { error: `"${raw}" is not a calibre: write it like 7.62x39, 12.7x108 or 82 mm` };
    return { key: `~${slug(raw)}`, known: false };
  }

  /** Whether the text is a listed headstamp code, in any of the scripts it is typed in. */
  isHeadstampCode(text: string): boolean {
    return codeKeys(text).some((key) => this.#codes.has(key));
  }

  #byCode(text: string): { code: string; makers: ManufacturerRef[] } | undefined {
    for (const key of codeKeys(text)) {
      const makers = this.#codes.get(key);
      if (makers) return { code: key, makers };
    }
    return undefined;
  }

  /**
   * A producer from its name or headstamp code, in the context of the item it is named on. The
   * candidates are narrowed by what they make (Tula on a rifle is the arms plant, not the
   * cartridge works), by the country of manufacture (a code of another country's factory is not
   * taken: "27" made in Romania is not Egypt's factory 27), then by years and calibres. What
   * is left is recognised when it is one producer, ambiguous with its candidates when several,
   * and kept as written when none: never a guess.
   */
  manufacturer(raw: string | null, context: MakerContext = {}): MakerResolved | null {
    if (raw == null) return null;
    const mapped = this.mapped('manufacturer', raw);
    if (mapped) return mapped;
    const products = context.category ? PRODUCTS_OF_CATEGORY[context.category] : undefined;
    const makesIt = (m: ManufacturerRef) => !products || m.makes.some((p) => products.includes(p));
    const core = coreName(raw);
    const byCode = this.#byCode(raw);
    const byCoreCode = core && /^\p{N}+$|^\p{L}{1,4}$/u.test(core) ? this.#byCode(core) : undefined;
    // From the most to the least literal reading; a reading whose makers all make something
    // else gives way to the next ("Tula" names the cartridge works; "Tula" on a rifle, the arms plant).
    const readings: { makers: ManufacturerRef[]; code?: string }[] = [
      ...(byCode ? [byCode] : []),
      { makers: this.#makerNames.get(compact(raw)) ?? [] },
      { makers: (core && this.#makerCores.get(core)) || [] },
      ...(byCoreCode ? [byCoreCode] : []),
    ].filter((r) => r.makers.length > 0);
    const setAside: string[] = [];
    for (const reading of readings) {
      const making = reading.makers.filter(makesIt);
      for (const m of reading.makers.filter((m) => !makesIt(m)))
        setAside.push(`${m.name} makes ${m.makes.join(' and ')}, not ${context.category}`);
      if (making.length === 0) continue;
      const { country } = context;
      const fitting = country ? making.filter((m) => countryFits(m, country)) : making;
      if (fitting.length === 0) {
        const others = making.map((m) => `${m.name} (${m.country})`).join(', ');
        return this.#unlisted(raw, country ?? null, `listed for another country than ${country}: ${others}`);
      }
      const settled = narrow(
        narrow(fitting, (m) => fitsYear(m, context.year)),
        (m) => fitsCalibre(m, context.calibre),
      );
      const code = reading.code;
      if (settled.length === 1) return { key: settled[0]!.key, known: true, ...(code ? { code } : {}) };
      return {
        key: code ? `code-${slug(code)}` : `maker-${slug(raw)}`,
        known: false,
        candidates: settled.map((m) => m.key),
        ...(code ? { code } : {}),
      };
    }
    return this.#unlisted(
      raw,
      context.country ?? null,
      setAside.length ? [...new Set(setAside)].join('; ') : undefined,
    );
  }

  #unlisted(raw: string, country: string | null, reason?: string): MakerResolved {
    return {
      key: `~${country ? `${country.toLowerCase()}-` : ''}${slug(raw)}`,
      known: false,
      ...(reason ? { reason } : {}),
    };
  }

  /** A listed producer by key. */
  maker(key: string): ManufacturerRef | undefined {
    return this.#manufacturersByKey.get(key);
  }

  manufacturerCountry(key: string): string | undefined {
    return this.#manufacturersByKey.get(key)?.country;
  }

  /**
   * The state a tracing request about a producer's materiel goes to: where its works stand
   * today (a Soviet plant in Luhansk: Ukraine), else the state it was listed under.
   */
  tracingCountry(key: string): string | undefined {
    const maker = this.#manufacturersByKey.get(key);
    return maker ? (maker.location ?? maker.country) : undefined;
  }

  model(raw: string | null): Resolution {
    if (raw == null) return null;
    const mapped = this.mapped('model', raw);
    if (mapped) return mapped;
    const key = modelKey(raw);
    if (!key) return null;
    const model = this.#models.get(key);
    return model ? { key: model.key, known: true } : { key, known: false };
  }
}

/** Keeps the candidates a test admits, unless it admits none (then it settles nothing). */
function narrow<T>(list: T[], admits: (item: T) => boolean): T[] {
  if (list.length < 2) return list;
  const kept = list.filter(admits);
  return kept.length > 0 ? kept : list;
}

const fitsYear = (m: ManufacturerRef, year: number | null | undefined) =>
  !year || !m.years || (year >= m.years[0] && (m.years[1] === null || year <= m.years[1]));
const fitsCalibre = (m: ManufacturerRef, calibre: string | null | undefined) =>
  !calibre || !m.calibres || m.calibres.includes(calibre);

/** Upper-case letters and digits only, without words like "pattern" that do not change the model. */
function modelKey(text: string): string {
  return foldKey(text)
    .toUpperCase()
    .replace(MODEL_NOISE_WORDS, '')
    .replace(/[^A-Z0-9]/g, '');
}

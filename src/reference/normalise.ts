import { foldKey } from '../core/text';
import type { CalibreRef, ManufacturerRef, ModelRef, ReferenceMapping } from './data/types';
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
export const READING_RULES_VERSION = 1;

/** How a mapped value is compared: as the analyst's mapping was meant, whatever the case or accents. */
export const mappingKey = (text: string) => foldKey(text);

/** A normalised value: `known` is false when it is not in the reference lists (kept as written). */
export interface Resolved {
  key: string;
  known: boolean;
}

export type Resolution = Resolved | { error: string } | null;

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
const GENERIC_MAKER_WORDS = /\b(factory|usine|fabrique|plant|works|zavod|no|nr|n|num|numero)\b/g;
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
      for (const code of maker.headstampCodes) push(this.#codes, codeKey(code), maker);
      for (const name of [maker.key, maker.name, ...maker.aliases])
        push(this.#makerNames, compact(name), maker);
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

  /**
   * A producer from its name or headstamp code. A code several factories share is settled
   * by the country of manufacture when one is given.
   */
  manufacturer(raw: string | null, country: string | null): Resolution {
    if (raw == null) return null;
    const mapped = this.mapped('manufacturer', raw);
    if (mapped) return mapped;
    const candidates =
      this.#codes.get(codeKey(raw)) ??
      this.#makerNames.get(compact(raw)) ??
      this.#codes.get(codeKey(foldKey(raw).replace(GENERIC_MAKER_WORDS, ''))) ??
      [];
    const fitting =
      country && candidates.length > 1 ? candidates.filter((m) => m.country === country) : candidates;
    if (fitting.length === 1) return { key: fitting[0]!.key, known: true };
    if (fitting.length > 1) return { key: `code-${slug(raw)}`, known: false };
    return { key: `~${country ? `${country.toLowerCase()}-` : ''}${slug(raw)}`, known: false };
  }

  manufacturerCountry(key: string): string | undefined {
    return this.#manufacturersByKey.get(key)?.country;
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

/** Upper-case letters and digits only, without words like "pattern" that do not change the model. */
function modelKey(text: string): string {
  return foldKey(text)
    .toUpperCase()
    .replace(MODEL_NOISE_WORDS, '')
    .replace(/[^A-Z0-9]/g, '');
}

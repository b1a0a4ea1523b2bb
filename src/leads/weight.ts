import type { LeadSettings } from './settings';

// Evidence weight: how much a shared sample says about the incidents sharing it, from how
// common the sample is in this theatre (rarity), what it is (materiel) and how old it was when
// it first appeared (age). Pure; explained with a worked example in docs/leads.md.

/** One term of a lead's score, shown to the analyst: the score is the sum of its terms. */
export interface ScoreTerm {
  term: string;
  value: number;
}

export const round = (n: number) => Math.round(n * 1000) / 1000;
const clamp = (n: number, low = 0, high = 1) => Math.min(high, Math.max(low, n));

/** Weapons are documented one by one and come from fewer sources than ammunition. */
export const OTHER_MATERIEL_FACTOR = 0.85;
/** A sample of which no item carries a lot or serial number is a coarser identity. */
export const UNMARKED_FACTOR = 0.9;
/** Old production (surplus stocks, decades in circulation) loses up to this much weight. */
export const OLD_PRODUCTION_LOSS = 0.3;
/** Theatres smaller than this are weighed as if they had this many incidents. */
export const MIN_THEATRE_SCALE = 16;

/**
 * The theatre's size as the weights see it: the number of incidents rounded to the nearest
 * power of two (at least 16). Coarse on purpose: it changes only when the theatre doubles or
 * halves, and then the engine recomputes every lead (the weights of untouched samples change).
 */
export function theatreScale(incidents: number): number {
  if (incidents <= MIN_THEATRE_SCALE) return MIN_THEATRE_SCALE;
  return 2 ** Math.round(Math.log2(incidents));
}

/** Where a sample stands in the theatre: all that its weight depends on. */
export interface SampleStanding {
  sampleKey: string;
  /** Incidents the sample is documented at. */
  incidents: number;
  /** Date of its first documented incident. */
  firstSeen: string;
  /** Some item of the sample carries a lot or a serial number. */
  marked: boolean;
}

export interface SampleWeight {
  /** rarity × materiel × age, in [0, 1]. */
  weight: number;
  rarity: number;
  materiel: number;
  age: number;
}

/** `weapon:AKMS:ro-cugir:2011` → 2011 (the year is the key's last part). */
export const sampleYear = (key: string) => Number(key.slice(key.lastIndexOf(':') + 1));
export const isWeaponSample = (key: string) => key.startsWith('weapon:');

/**
 * Surprise of seeing the sample again: ln(S/n) / ln(S/2) for a sample at n incidents of a
 * theatre of scale S, 1 for a sample at two incidents, 0 for one at S incidents or more.
 */
export function rarity(incidents: number, scale: number): number {
  return clamp(Math.log(scale / Math.max(incidents, 1)) / Math.log(scale / 2));
}

/** 1 for a weapon with a lot or serial number; 0.85 other materiel; × 0.9 with neither. */
export function materielFactor(sampleKey: string, marked: boolean): number {
  return (isWeaponSample(sampleKey) ? 1 : OTHER_MATERIEL_FACTOR) * (marked ? 1 : UNMARKED_FACTOR);
}

/**
 * 1 for materiel first seen within `recentProductionYears` of its production, falling linearly
 * to 0.7 at `oldProductionYears` and beyond: old stock circulates everywhere.
 */
export function ageFactor(produced: number, firstSeen: string, settings: LeadSettings): number {
  const age = Math.max(0, Number(firstSeen.slice(0, 4)) - produced);
  const { recentProductionYears: recent, oldProductionYears: old } = settings;
  return 1 - OLD_PRODUCTION_LOSS * clamp((age - recent) / Math.max(1, old - recent));
}

export function sampleWeight(standing: SampleStanding, scale: number, settings: LeadSettings): SampleWeight {
  const r = rarity(standing.incidents, scale);
  const m = materielFactor(standing.sampleKey, standing.marked);
  const produced = sampleYear(standing.sampleKey);
  const a = Number.isFinite(produced) ? ageFactor(produced, standing.firstSeen, settings) : 1;
  return { weight: round(r * m * a), rarity: round(r), materiel: round(m), age: round(a) };
}

/**
 * Without a `linkMaxIncidents` setting, a sample at more incidents than this links nothing: in
 * a theatre of 100,000 incidents the weight alone would let samples at 2,700 incidents link,
 * and link groups that large are neither readable nor cheap to compute.
 */
export const DEFAULT_LINK_CAP = 100;

/**
 * No sample documented at more incidents than this can reach `linkMinWeight` (its rarity alone
 * would be below it): the engine never loads such samples to link. `linkMaxIncidents` (or
 * `DEFAULT_LINK_CAP`) caps it further.
 */
export function maxLinkingIncidents(scale: number, settings: LeadSettings): number {
  const byWeight = Math.floor(scale / (scale / 2) ** settings.linkMinWeight + 1e-9);
  return Math.max(2, Math.min(byWeight, settings.linkMaxIncidents ?? DEFAULT_LINK_CAP));
}

/** A sample links the incidents sharing it when its weight reaches `linkMinWeight`. */
export const links = (weight: number, settings: LeadSettings) => weight >= settings.linkMinWeight;

/**
 * Whether a sample at `incidents` incidents, of this weight, links them: the rule
 * `linkingOccurrences` applies in the store.
 */
export const isLinking = (incidents: number, weight: number, scale: number, settings: LeadSettings) =>
  incidents >= 2 && incidents <= maxLinkingIncidents(scale, settings) && links(weight, settings);

/** Past this sum, a score approaches 1 without reaching it. */
const KNEE = 0.9;

/**
 * The score of a lead: the sum of its terms, within [0, 1), with the terms it came from. A sum
 * past 0.9 bends towards 1 (0.9 + 0.1 × (1 − e^(−(sum − 0.9)/0.1))) and its terms shrink in
 * proportion, so they still add up to the score: the strongest findings keep their order
 * instead of all reading 1.
 */
export function scored(terms: ScoreTerm[]): { score: number; scoreTerms: ScoreTerm[] } {
  const kept = terms.filter((t) => t.value !== 0);
  const sum = kept.reduce((s, t) => s + t.value, 0);
  const score = sum <= KNEE ? clamp(sum) : KNEE + (1 - KNEE) * (1 - Math.exp(-(sum - KNEE) / (1 - KNEE)));
  const scale = sum > KNEE ? score / sum : 1;
  return {
    score: round(score),
    scoreTerms: kept.map((t) => ({ term: t.term, value: round(t.value * scale) })),
  };
}

/** 1 − e^(−2E): how far evidence weight E goes towards certainty (E = 0.5 → 0.63, 1 → 0.86). */
export const saturation = (evidence: number) => 1 - Math.exp(-2 * evidence);

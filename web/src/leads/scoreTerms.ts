import type { MessageKey } from '../i18n/messages';

/** A term of a lead's score, as the engine records it (`evidence.scoreTerms`, src/leads/weight.ts). */
export interface ScoreTerm {
  term: string;
  value: number;
}

/** The engine's term keys (src/leads: story.ts, clusters.ts, attribution.ts, detect.ts) and their labels. */
const labels: Record<string, MessageKey> = {
  post_embargo: 'leads.term.embargo',
  diversion_origin: 'leads.term.diversionOrigin',
  spread_country: 'leads.term.newCountry',
  spread_region: 'leads.term.newRegion',
  not_in_baseline: 'leads.term.notHeld',
  rapid_diversion: 'leads.term.usedAfter',
  tie_strength: 'leads.term.tie',
  incidents_linked: 'leads.term.incidents',
  countries: 'leads.term.countries',
  confidence: 'leads.term.confidence',
  strongest_sample: 'leads.term.strongestSample',
  incidents_agreeing: 'leads.term.agreeing',
  attack: 'leads.term.attack',
  series: 'leads.term.series',
  first_model: 'leads.term.firstModel',
  first_calibre: 'leads.term.firstCalibre',
  light_weapon: 'leads.term.lightWeapon',
  seen_again: 'leads.term.seenAgain',
  old_production: 'leads.term.oldProduction',
  same_serial_after_diversion: 'leads.term.serialDiverted',
  recoveries: 'leads.term.recoveries',
};

/** The label of a term in the reader's language; a term this list does not know keeps its name. */
export function scoreTermLabel(term: string, t: (key: MessageKey) => string): string {
  const key = labels[term];
  return key ? t(key) : term;
}

/** The score terms a lead's evidence lists, if it lists them well formed. */
export function scoreTermsOf(evidence: Record<string, unknown>): ScoreTerm[] {
  const terms = evidence.scoreTerms;
  if (!Array.isArray(terms)) return [];
  return terms.filter(
    (t): t is ScoreTerm =>
      typeof t === 'object' &&
      t !== null &&
      typeof (t as ScoreTerm).term === 'string' &&
      typeof (t as ScoreTerm).value === 'number',
  );
}

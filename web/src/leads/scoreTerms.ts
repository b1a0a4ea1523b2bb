import type { MessageKey } from '../i18n/messages';

/** A term of a lead's score, as the engine records it (`evidence.scoreTerms`, src/leads/weight.ts). */
export interface ScoreTerm {
  term: string;
  value: number;
}

/** The engine's term names (English phrases, some with a number or a name) and their short labels. */
const labels: [RegExp, MessageKey][] = [
  [/^first appearance$/, 'leads.term.firstAppearance'],
  [/^weapon$/, 'leads.term.weapon'],
  [/^lot or serial number recorded$/, 'leads.term.marked'],
  [/^recent production$/, 'leads.term.recent'],
  [/^rarity in the theatre$/, 'leads.term.rarity'],
  [/^not held by national forces$/, 'leads.term.notHeld'],
  [/^documented at a diversion event before$/, 'leads.term.diversionBefore'],
  [/^sample weight$/, 'leads.term.sampleWeight'],
  [/^same serial number after a diversion event$/, 'leads.term.serialDiverted'],
  [/^produced after the embargo began$/, 'leads.term.embargo'],
  [/^produced in the embargo.s first year$/, 'leads.term.embargoFirstYear'],
  [/^new country$/, 'leads.term.newCountry'],
  [/^new region$/, 'leads.term.newRegion'],
  [/^tie strength$/, 'leads.term.tie'],
  [/^incidents linked$/, 'leads.term.incidents'],
  [/^countries$/, 'leads.term.countries'],
  [/^evidence weight for /, 'leads.term.evidenceWeight'],
  [/^share of the evidence weight$/, 'leads.term.share'],
  [/^incidents agreeing$/, 'leads.term.agreeing'],
  [/^first model of its kind/, 'leads.term.firstModel'],
  [/^first calibre of its kind/, 'leads.term.firstCalibre'],
  [/^used \d+ year\(s\) after production$/, 'leads.term.usedAfter'],
];

/** The label of a term in the reader's language; a term this list does not know keeps its name. */
export function scoreTermLabel(term: string, t: (key: MessageKey) => string): string {
  const found = labels.find(([pattern]) => pattern.test(term));
  return found ? t(found[1]) : term;
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

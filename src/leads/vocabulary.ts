import { vocabulary, type Term } from '../core/vocabulary';
import type { LeadKind } from './facts';

const terms = {
  new_type: {
    en: 'New in theatre',
    fr: 'Nouveau sur le théâtre',
    synonyms: ['new type', 'new model', 'new calibre', 'nouveau type'],
  },
  new_sample: { en: 'New sample', fr: 'Nouvel échantillon', synonyms: ['new lot', 'nouveau lot'] },
  post_embargo: {
    en: 'Produced after an embargo',
    fr: 'Produit après un embargo',
    synonyms: ['post-embargo', 'embargo violation', 'violation d’embargo'],
  },
  not_in_baseline: {
    en: 'Not from national stocks',
    fr: 'Hors des stocks nationaux',
    synonyms: ['not in baseline', 'hors référentiel'],
  },
  linked_incidents: {
    en: 'Linked incidents',
    fr: 'Incidents liés',
    synonyms: ['links', 'liens'],
  },
  attribution: {
    en: 'Suggested attribution',
    fr: 'Attribution suggérée',
    synonyms: ['attribution'],
  },
  diversion_match: {
    en: 'Diversion match',
    fr: 'Détournement retrouvé',
    synonyms: ['diversion', 'détournement'],
  },
  spread: { en: 'Spread', fr: 'Extension géographique', synonyms: ['diffusion'] },
  rapid_diversion: {
    en: 'Rapid diversion',
    fr: 'Détournement rapide',
    synonyms: ['fast diversion'],
  },
} satisfies Record<LeadKind, Term>;

/** The kinds of lead, named for people in English and French (docs/leads.md). */
export const leadKindNames = vocabulary<LeadKind>('lead kind', terms);

/** Where a lead stands in the analysis cell's inbox. Every lead is open until someone decides. */
export const leadStatuses = ['open', 'confirmed', 'dismissed'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

import { vocabulary, type Term } from '../core/vocabulary';
import type { LeadKind, StoryFacet } from './facts';

/** How a list of leads is ordered; strongest first unless asked otherwise. */
export const leadSorts = ['score', 'date'] as const;
export type LeadSort = (typeof leadSorts)[number];

const terms = {
  linked_incidents: {
    en: 'Linked incidents',
    fr: 'Incidents liés',
    synonyms: ['links', 'liens', 'cluster', 'link cluster'],
  },
  sample_story: {
    en: 'Sample story',
    fr: 'Parcours d’un échantillon',
    synonyms: ['sample', 'story', 'échantillon', 'spread', 'post-embargo', 'not in baseline'],
  },
  diversion_match: {
    en: 'Diversion match',
    fr: 'Détournement retrouvé',
    synonyms: ['diversion', 'détournement', 'serial match'],
  },
  attribution: {
    en: 'Suggested attribution',
    fr: 'Attribution suggérée',
    synonyms: ['attribution'],
  },
  new_type: {
    en: 'New in theatre',
    fr: 'Nouveau sur le théâtre',
    synonyms: ['new type', 'new model', 'new calibre', 'nouveau type'],
  },
} satisfies Record<LeadKind, Term>;

/** The kinds of lead, named for people in English and French (docs/leads.md). */
export const leadKindNames = vocabulary<LeadKind>('lead kind', terms);

/** Where a lead stands in the analysis cell's inbox. Every lead is open until someone decides. */
export const leadStatusNames = vocabulary('lead status', {
  open: { en: 'Open', fr: 'Ouverte' },
  confirmed: { en: 'Confirmed', fr: 'Confirmée' },
  dismissed: { en: 'Dismissed', fr: 'Écartée' },
});
export const leadStatuses = leadStatusNames.keys;
export type LeadStatus = (typeof leadStatuses)[number];

/** The facets of a sample's story, named for people. */
export const storyFacetNames = vocabulary<StoryFacet>('story facet', {
  post_embargo: {
    en: 'Produced after an embargo',
    fr: 'Produit après un embargo',
    synonyms: ['post-embargo', 'embargo violation', 'violation d’embargo'],
  },
  diversion_origin: {
    en: 'From a diversion event',
    fr: 'Issu d’un détournement',
    synonyms: ['diversion', 'détournement'],
  },
  spread_country: {
    en: 'Reached a new country',
    fr: 'Nouveau pays atteint',
    synonyms: ['spread', 'diffusion'],
  },
  spread_region: { en: 'Reached a new region', fr: 'Nouvelle région atteinte', synonyms: ['spread region'] },
  not_in_baseline: {
    en: 'Not from national stocks',
    fr: 'Hors des stocks nationaux',
    synonyms: ['not in baseline', 'hors référentiel'],
  },
  rapid_diversion: { en: 'Rapid diversion', fr: 'Détournement rapide', synonyms: ['fast diversion'] },
});

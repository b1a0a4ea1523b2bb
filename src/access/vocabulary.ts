import { vocabulary, type Term } from '../core/vocabulary';
import type { Role } from './policy';

/** The roles an account may hold (policy.ts), named for people in English and French. */
export const roleNames = vocabulary<Role>('role', {
  administrator: { en: 'Administrator', fr: 'Administrateur' },
  analyst: { en: 'Analyst', fr: 'Analyste' },
  documenter: { en: 'Documenter', fr: 'Documentaliste de terrain' },
  reviewer: { en: 'Reviewer', fr: 'Réviseur' },
  partner: { en: 'Partner', fr: 'Partenaire' },
} satisfies Record<Role, Term>);

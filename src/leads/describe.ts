import type { IncidentFact, Lead, LeadContext } from './facts';
import { scored, type ScoreTerm } from './weight';

// What every kind of finding shares: its score from its terms, and the words it is told in.

/** A lead scored by its terms: `score` is their sum and `evidence.scoreTerms` lists them. */
export function withScore(lead: Omit<Lead, 'score'>, terms: ScoreTerm[]): Lead {
  const { score, scoreTerms } = scored(terms);
  return { ...lead, score, evidence: { ...lead.evidence, scoreTerms } };
}

export const byDateThenRef = (a: IncidentFact, b: IncidentFact) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;

export const ids = (items: Iterable<{ id: number }>) =>
  [...new Set([...items].map((i) => i.id))].sort((a, b) => a - b);

export const refList = (incidents: IncidentFact[], max = 4) =>
  incidents.length <= max
    ? incidents.map((i) => i.ref).join(', ')
    : `${incidents
        .slice(0, max)
        .map((i) => i.ref)
        .join(', ')} and ${incidents.length - max} more`;

/** `ammo:7.62x39:su-711:1979` → `7.62x39 ammunition, producer su-711, 1979`. */
export function describeSample(key: string): string {
  const [kind, what, maker, made] = key.split(':');
  const noun = { ammo: 'ammunition', weapon: 'weapon', explosive: 'explosive', ied: 'IED component' }[
    kind ?? ''
  ];
  return `${what} ${noun ?? kind}, producer ${maker}, ${made}`;
}

/** The actor and its parent groups, nearest first. */
export function actorAndAncestors(actorId: number | null, context: Pick<LeadContext, 'actors'>): number[] {
  const chain: number[] = [];
  for (let id = actorId; id !== null && !chain.includes(id); id = context.actors.get(id)?.parentId ?? null)
    chain.push(id);
  return chain;
}

export const actorName = (id: number | null, context: Pick<LeadContext, 'actors'>) =>
  id === null ? 'unknown' : (context.actors.get(id)?.name ?? `#${id}`);

import type { Attribution, Classification, IncidentType } from '../../incidents/vocabulary';
import type { Random } from '../random';
import { groupsFor } from './actors';
import type { Place, Zone } from './places';

// The background incidents of the theatre: when, what, against whom, by whom, reported by whom.

export interface Casualties {
  killed: number;
  injured: number;
  pkKilled: number;
  pkInjured: number;
}

export const ATTACKS: readonly IncidentType[] = [
  'ied_attack',
  'indirect_fire',
  'small_arms_fire',
  'complex_attack',
  'vehicle_ied',
];

/**
 * Background mix: with the planted incidents (mostly small arms and complex attacks) the attacks
 * come out near the published mix for Mali (IED 50%, indirect fire 25%, small arms 17%, complex 8%).
 */
const TYPE_WEIGHTS: Partial<Record<IncidentType, number>> = {
  ied_attack: 34,
  indirect_fire: 16,
  small_arms_fire: 7,
  complex_attack: 2.5,
  vehicle_ied: 1.5,
  ied_find: 11,
  arms_cache: 6,
  seizure: 7,
  weapons_collection: 2,
  battlefield_capture: 3.5,
  theft_loss: 2,
  banditry: 3,
  assassination: 4,
};

/** Incidents per year: few in 2013, most in 2017–2021, fewer after MINUSMA's drawdown. */
export const YEAR_WEIGHTS: Record<string, number> = {
  2013: 5,
  2014: 7,
  2015: 8,
  2016: 9,
  2017: 11,
  2018: 11,
  2019: 12,
  2020: 11,
  2021: 11,
  2022: 8,
  2023: 5,
  2024: 2,
};

const BAMAKO_TYPES: readonly IncidentType[] = [
  'seizure',
  'small_arms_fire',
  'assassination',
  'arms_cache',
  'banditry',
];

export function typesFor(zone: Zone): Partial<Record<IncidentType, number>> {
  const keep = (ok: (t: IncidentType) => boolean) =>
    Object.fromEntries(Object.entries(TYPE_WEIGHTS).filter(([t]) => ok(t as IncidentType)));
  if (zone === 'bamako') return keep((t) => BAMAKO_TYPES.includes(t));
  if (zone === 'burkina' || zone === 'niger')
    return keep((t) => t !== 'indirect_fire' && t !== 'weapons_collection');
  return TYPE_WEIGHTS;
}

export function targetFor(rng: Random, p: Place, date: string, type: IncidentType): string {
  if (type === 'assassination')
    return rng.pick(['village chief', 'imam', 'local official', 'former combatant', 'off-duty soldier']);
  if (!ATTACKS.includes(type) && type !== 'banditry') return '';
  if (type === 'banditry') return rng.pick(['civilians', 'traders', 'humanitarian convoy']);
  const french = date < '2014-08-01' ? 'Serval' : 'Barkhane';
  const frenchActive = date < '2022-08-16' ? 1 : 0;
  const g5 = date >= '2017-07-01' && date < '2022-05-15' ? 1 : 0;
  const movements = date >= '2014-06-01' ? 1 : 0;
  const options: Record<string, number> =
    p.zone === 'north'
      ? {
          MINUSMA: 45,
          FAMa: 20,
          [french]: 12 * frenchActive,
          civilians: 10,
          CMA: 4 * movements,
          Plateforme: 3 * movements,
          'G5 Sahel Joint Force': 3 * g5,
          'MINUSMA contractors': 2,
        }
      : p.zone === 'centre'
        ? {
            FAMa: 40,
            civilians: 25,
            MINUSMA: 20,
            'Dozo militia': 5,
            [french]: 5 * frenchActive,
            'G5 Sahel Joint Force': 5 * g5,
          }
        : p.zone === 'burkina'
          ? { 'Burkinabè defence and security forces': 50, civilians: 35, VDP: date >= '2020-01-21' ? 15 : 0 }
          : p.zone === 'niger'
            ? { 'Nigerien armed forces': 50, civilians: 35 }
            : { civilians: 3, FAMa: 1, 'EUTM Mali': date < '2022-01-01' ? 1 : 0 };
  return rng.weightedKey(options);
}

export function casualtiesFor(rng: Random, type: IncidentType, target: string): Casualties | undefined {
  const ranges: Partial<Record<IncidentType, [number, number, number, number]>> = {
    ied_attack: [0, 4, 0, 8],
    indirect_fire: [0, 2, 0, 6],
    small_arms_fire: [0, 8, 0, 6],
    complex_attack: [2, 25, 3, 30],
    vehicle_ied: [2, 20, 5, 40],
    assassination: [1, 2, 0, 1],
    banditry: [0, 2, 0, 2],
  };
  const range = ranges[type];
  if (!range) return undefined;
  const killed = rng.skewed(range[0], range[1]);
  const injured = rng.skewed(range[2], range[3]);
  const mission = target === 'MINUSMA';
  return {
    killed,
    injured,
    pkKilled: mission ? rng.skewed(0, killed) : 0,
    pkInjured: mission ? rng.skewed(0, injured) : 0,
  };
}

/** Who did it: about one attack in five stays unattributed. */
export function actorFor(
  rng: Random,
  p: Place,
  date: string,
  type: IncidentType,
): { actor: string; attribution: Attribution | '' } {
  const none = { actor: '', attribution: '' as const };
  if (type === 'banditry') return rng.chance(0.7) ? { actor: 'Bandits', attribution: 'presumed' } : none;
  if (type === 'theft_loss') return none;
  if (type === 'weapons_collection' || type === 'surrender') {
    if (p.zone !== 'north' || rng.chance(0.3)) return none;
    return { actor: date < '2014-06-01' ? 'MNLA' : 'CMA', attribution: 'confirmed' };
  }
  const attack = ATTACKS.includes(type) || type === 'assassination';
  if (rng.chance(attack ? (type === 'assassination' ? 0.45 : 0.2) : 0.5)) return none;
  const groups = groupsFor(p, date);
  if (!Object.values(groups).some((w) => w > 0)) return none;
  const actor = rng.weightedKey(groups);
  if (!attack) return { actor, attribution: 'presumed' };
  const attribution = rng.weightedKey<Attribution>({ claimed: 30, presumed: 55, confirmed: 15 });
  return { actor, attribution };
}

const SUMMARIES: Record<IncidentType, string> = {
  ied_attack: 'IED strike against a {target} convoy near {place}.',
  ied_find: 'IED found and neutralised before detonation near {place}.',
  indirect_fire: 'Rockets and mortar rounds fired at the {target} camp at {place}.',
  small_arms_fire: 'Small arms fire against {target} at {place}; casings collected on site.',
  complex_attack: 'Complex attack (small arms, RPG and IED) against {target} at {place}.',
  vehicle_ied: 'Suicide vehicle-borne IED against {target} at {place}.',
  arms_cache: 'Arms cache discovered near {place}.',
  seizure: 'Materiel seized by national forces near {place}.',
  weapons_collection: 'Weapons handed in during a collection/DDR operation at {place}.',
  surrender: 'Materiel handed over by surrendering fighters at {place}.',
  battlefield_capture: 'Materiel recovered after a clash near {place}.',
  theft_loss: 'Materiel reported stolen from a depot at {place}.',
  banditry: 'Armed robbery of {target} on the road near {place}.',
  assassination: 'Targeted killing of a {target} at {place}.',
  other: 'Incident at {place}.',
};

export const summaryFor = (type: IncidentType, target: string, p: Place) =>
  SUMMARIES[type].replace('{target}', target || 'unknown').replace('{place}', p.name);

export function sourceFor(rng: Random, type: IncidentType, p: Place): string {
  if (p.zone === 'ivoire') return 'UNOCI Integrated Embargo Monitoring Unit';
  if (p.zone === 'burkina') return 'Burkinabè authorities, shared with MINUSMA';
  if (p.zone === 'niger') return 'Nigerien authorities, shared with MINUSMA';
  if (type === 'ied_attack' || type === 'ied_find' || type === 'vehicle_ied')
    return rng.pick(['MINUSMA EOD (UNMAS)', 'Weapons intelligence team']);
  if (type === 'weapons_collection') return 'MINUSMA DDR section';
  if (type === 'seizure') return rng.pick(['FAMa', 'UNPOL']);
  return rng.pick(['JMAC', 'UNPOL forensics', 'Weapons intelligence team']);
}

export const classificationFor = (rng: Random): Classification =>
  rng.weightedKey<Classification>({ internal: 80, confidential: 15, public: 5 });

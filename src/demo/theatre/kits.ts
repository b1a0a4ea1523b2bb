import type { IncidentType } from '../../incidents/vocabulary';
import { Kit, type ItemDraft } from '../items';
import type { Random } from '../random';
import type { When } from '../when';
import { PISTOLS, RPG_AMMO } from './materiel';
import type { Zone } from './places';

/** The materiel documented at an incident of each type, before any planted items. */
export function backgroundKit(rng: Random, type: IncidentType, at: When, zone: Zone): ItemDraft[] {
  const k = new Kit(rng, at, zone);
  switch (type) {
    case 'ied_attack':
      k.components(rng.int(2, 5), 'destroyed');
      if (rng.chance(0.5)) k.explosives(1);
      if (rng.chance(0.5)) k.casings(rng.int(2, 6));
      if (rng.chance(0.15)) k.heavy(1, 'destroyed');
      break;
    case 'ied_find':
      k.components(rng.int(2, 4), 'live');
      k.explosives(rng.int(1, 2));
      if (rng.chance(0.25)) k.heavy(1, 'live');
      break;
    case 'indirect_fire':
      k.heavy(rng.int(2, 5), rng.chance(0.7) ? 'fired' : 'live');
      if (rng.chance(0.3)) k.casings(rng.int(1, 4));
      break;
    case 'small_arms_fire':
      k.casings(rng.int(6, 14));
      if (rng.chance(0.2)) k.weapons(1);
      break;
    case 'complex_attack':
      k.casings(rng.int(8, 16));
      k.weapons(rng.int(1, 4));
      if (rng.chance(0.5)) k.heavy(rng.int(1, 2), 'fired', RPG_AMMO);
      if (rng.chance(0.3)) k.explosives(1);
      if (rng.chance(0.3)) k.vehicle('destroyed');
      break;
    case 'vehicle_ied':
      k.vehicle('destroyed');
      k.explosives(rng.int(1, 2));
      k.components(rng.int(2, 3), 'destroyed');
      k.casings(rng.int(0, 5));
      break;
    case 'arms_cache':
      k.weapons(rng.int(2, 8));
      k.liveAmmo(rng.int(4, 10));
      k.heavy(rng.int(0, 3), 'live');
      k.heavy(rng.int(0, 2), 'live', RPG_AMMO);
      k.explosives(rng.int(0, 3));
      k.components(rng.int(0, 2), 'new');
      break;
    case 'seizure':
      k.weapons(rng.int(1, 5));
      k.liveAmmo(rng.int(2, 8));
      if (rng.chance(0.25)) k.explosives(rng.int(1, 2));
      if (rng.chance(0.2)) k.vehicle('serviceable');
      break;
    case 'weapons_collection':
    case 'surrender':
      k.weapons(rng.int(6, 15));
      k.liveAmmo(rng.int(1, 4));
      break;
    case 'battlefield_capture':
      k.weapons(rng.int(2, 6));
      k.liveAmmo(rng.int(2, 5));
      if (rng.chance(0.3)) k.vehicle('damaged');
      break;
    case 'theft_loss':
      k.weapons(rng.int(1, 3));
      k.liveAmmo(rng.int(1, 3));
      break;
    case 'banditry':
      k.casings(rng.int(1, 4));
      if (rng.chance(0.4)) k.weapons(1);
      break;
    case 'assassination':
      k.casings(rng.int(2, 4));
      if (rng.chance(0.2)) k.weapons(1, PISTOLS);
      break;
    case 'other':
      break;
  }
  return k.items;
}

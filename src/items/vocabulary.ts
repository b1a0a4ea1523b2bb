import { vocabulary } from '../core/vocabulary';

export const itemCategories = vocabulary('item category', {
  weapon: { en: 'Weapon', fr: 'Arme', synonyms: ['weapons', 'armes', 'firearm', 'arme à feu', 'gun'] },
  ammunition: {
    en: 'Ammunition',
    fr: 'Munition',
    synonyms: [
      'ammo',
      'munitions',
      'cartridge',
      'cartouche',
      'casing',
      'douille',
      'round',
      'shell',
      'obus',
      'rocket',
      'roquette',
      'mortar round',
      'grenade',
      'mine',
    ],
  },
  explosive: { en: 'Explosive', fr: 'Explosif', synonyms: ['explosives', 'explosifs', 'HME', 'ANFO'] },
  ied_component: {
    en: 'IED component',
    fr: 'Composant d’EEI',
    synonyms: [
      'IED components',
      'IED part',
      'detonator',
      'détonateur',
      'initiator',
      'switch',
      'composant EEI',
    ],
  },
  vehicle: {
    en: 'Vehicle',
    fr: 'Véhicule',
    synonyms: ['car', 'truck', 'motorbike', 'moto', 'pick-up', 'pickup'],
  },
  other: { en: 'Other', fr: 'Autre' },
});
export type ItemCategory = (typeof itemCategories.keys)[number];

export const itemConditions = vocabulary('condition', {
  new: { en: 'New', fr: 'Neuf', synonyms: ['mint', 'neuve', 'unissued'] },
  serviceable: {
    en: 'Serviceable',
    fr: 'En état de fonctionnement',
    synonyms: ['good', 'working', 'bon état', 'fonctionnel', 'operational'],
  },
  unserviceable: {
    en: 'Unserviceable',
    fr: 'Hors d’usage',
    synonyms: ['not working', 'inutilisable', 'HS', 'defective', 'défectueux'],
  },
  damaged: { en: 'Damaged', fr: 'Endommagé', synonyms: ['endommagée', 'worn', 'rusted', 'rouillé'] },
  fired: {
    en: 'Fired (spent)',
    fr: 'Tiré (percuté)',
    synonyms: ['fired', 'spent', 'spent casing', 'tiré', 'percuté', 'douille tirée', 'expended'],
  },
  live: {
    en: 'Live (unfired or unexploded)',
    fr: 'Actif (non tiré ou non explosé)',
    synonyms: ['live', 'unfired', 'unexploded', 'UXO', 'non tiré', 'non explosé', 'actif', 'intact'],
  },
  destroyed: {
    en: 'Destroyed',
    fr: 'Détruit',
    synonyms: ['détruite', 'burnt', 'brûlé', 'exploded', 'explosé'],
  },
});
export type ItemCondition = (typeof itemConditions.keys)[number];

/**
 * The kinds of object field teams write most often in an item's free-text `type`, so a page or
 * a letter can show a known one in the reader's language; any other is shown as written.
 */
export const itemTypes = vocabulary('item type', {
  // Weapons
  assault_rifle: { en: 'Assault rifle', fr: 'Fusil d’assaut', synonyms: ['AK', 'kalachnikov'] },
  battle_rifle: { en: 'Battle rifle', fr: 'Fusil de combat' },
  rifle: { en: 'Rifle', fr: 'Fusil' },
  carbine: { en: 'Carbine', fr: 'Carabine' },
  bolt_action_rifle: { en: 'Bolt-action rifle', fr: 'Fusil à verrou' },
  semi_automatic_rifle: { en: 'Semi-automatic rifle', fr: 'Fusil semi-automatique' },
  sniper_rifle: { en: 'Sniper rifle', fr: 'Fusil de précision' },
  shotgun: { en: 'Shotgun', fr: 'Fusil de chasse', synonyms: ['fusil à pompe'] },
  pistol: { en: 'Pistol', fr: 'Pistolet', synonyms: ['handgun', 'revolver'] },
  submachine_gun: { en: 'Submachine gun', fr: 'Pistolet-mitrailleur', synonyms: ['SMG'] },
  machine_gun: { en: 'Machine gun', fr: 'Mitrailleuse', synonyms: ['GPMG'] },
  light_machine_gun: { en: 'Light machine gun', fr: 'Fusil-mitrailleur', synonyms: ['LMG'] },
  heavy_machine_gun: { en: 'Heavy machine gun', fr: 'Mitrailleuse lourde', synonyms: ['HMG'] },
  rocket_launcher: { en: 'Rocket launcher', fr: 'Lance-roquettes', synonyms: ['RPG-7 launcher'] },
  grenade_launcher: { en: 'Grenade launcher', fr: 'Lance-grenades' },
  mortar: { en: 'Mortar', fr: 'Mortier' },
  recoilless_gun: { en: 'Recoilless gun', fr: 'Canon sans recul', synonyms: ['recoilless rifle'] },
  anti_aircraft_gun: { en: 'Anti-aircraft gun', fr: 'Canon antiaérien', synonyms: ['AA gun'] },
  // Ammunition
  cartridge: { en: 'Cartridge', fr: 'Cartouche', synonyms: ['round', 'live round', 'cartouches'] },
  cartridge_case: {
    en: 'Cartridge case',
    fr: 'Douille',
    synonyms: ['casing', 'spent casing', 'case', 'étui', 'douilles'],
  },
  mortar_round: { en: 'Mortar round', fr: 'Obus de mortier', synonyms: ['mortar bomb'] },
  rocket: { en: 'Rocket', fr: 'Roquette' },
  rocket_propelled_grenade: {
    en: 'Rocket-propelled grenade',
    fr: 'Roquette de lance-roquettes (RPG)',
    synonyms: ['RPG', 'RPG round', 'roquette RPG'],
  },
  recoilless_round: { en: 'Recoilless round', fr: 'Munition de canon sans recul' },
  rifle_grenade: { en: 'Rifle grenade', fr: 'Grenade à fusil' },
  anti_tank_rifle_grenade: { en: 'Anti-tank rifle grenade', fr: 'Grenade à fusil antichar' },
  artillery_shell: { en: 'Artillery shell', fr: 'Obus d’artillerie', synonyms: ['shell', 'obus'] },
  // Explosives
  grenade: { en: 'Grenade', fr: 'Grenade' },
  hand_grenade: { en: 'Hand grenade', fr: 'Grenade à main' },
  anti_vehicle_mine: {
    en: 'Anti-vehicle mine',
    fr: 'Mine antivéhicule',
    synonyms: ['anti-tank mine', 'mine antichar', 'AT mine'],
  },
  anti_personnel_mine: { en: 'Anti-personnel mine', fr: 'Mine antipersonnel', synonyms: ['AP mine'] },
  plastic_explosive: { en: 'Plastic explosive', fr: 'Explosif plastique', synonyms: ['PE4', 'C4'] },
  detonating_cord: { en: 'Detonating cord', fr: 'Cordeau détonant', synonyms: ['det cord'] },
  anfo: { en: 'ANFO', fr: 'ANFO (nitrate-fioul)' },
  ammonium_nitrate_hme: {
    en: 'Ammonium nitrate (HME)',
    fr: 'Nitrate d’ammonium (explosif artisanal)',
    synonyms: ['ammonium nitrate', 'nitrate d’ammonium'],
  },
  mining_explosive: {
    en: 'Mining explosive (emulsion cartridge)',
    fr: 'Explosif de mine (cartouche d’émulsion)',
    synonyms: ['mining explosive', 'emulsion'],
  },
  // IED components
  electric_detonator: { en: 'Electric detonator', fr: 'Détonateur électrique' },
  commercial_electric_detonator: {
    en: 'Electric detonator (commercial)',
    fr: 'Détonateur électrique (civil)',
  },
  pressure_plate: {
    en: 'Pressure plate (improvised)',
    fr: 'Plaque de pression (artisanale)',
    synonyms: ['pressure plate', 'plaque de pression'],
  },
  crush_wire_switch: { en: 'Crush-wire switch', fr: 'Contacteur à fils (écrasement)' },
  command_wire: { en: 'Command wire', fr: 'Fil de commande' },
  battery_9v: { en: 'Battery (9 V)', fr: 'Pile (9 V)', synonyms: ['9V battery', 'pile 9V'] },
  battery: { en: 'Battery', fr: 'Pile', synonyms: ['batterie'] },
  mobile_phone_initiator: {
    en: 'Mobile phone (initiator)',
    fr: 'Téléphone portable (initiateur)',
    synonyms: ['mobile phone', 'cell phone', 'téléphone portable'],
  },
  pmr_radio_initiator: {
    en: 'PMR radio (initiator)',
    fr: 'Radio PMR (initiateur)',
    synonyms: ['PMR radio', 'radio PMR'],
  },
  remote_control_receiver: {
    en: 'Remote-control receiver',
    fr: 'Récepteur de télécommande',
    synonyms: ['RC receiver'],
  },
  // Vehicles
  motorcycle: { en: 'Motorcycle', fr: 'Moto', synonyms: ['motorbike'] },
  pick_up: { en: 'Pick-up', fr: 'Pick-up', synonyms: ['pickup', 'pick-up truck'] },
});

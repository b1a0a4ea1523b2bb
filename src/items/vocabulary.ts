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

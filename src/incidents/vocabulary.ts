import { vocabulary } from '../core/vocabulary';

export const incidentTypes = vocabulary('incident type', {
  ied_attack: {
    en: 'IED attack',
    fr: 'Attaque à l’EEI',
    synonyms: ['IED', 'attaque EEI', 'attaque IED', 'IED strike', 'explosion EEI'],
  },
  ied_find: {
    en: 'IED find',
    fr: 'EEI découvert',
    synonyms: ['IED found', 'IED discovery', 'découverte EEI', 'découverte d’EEI', 'EEI neutralisé'],
  },
  indirect_fire: {
    en: 'Indirect fire',
    fr: 'Tirs indirects',
    synonyms: [
      'IDF',
      'rocket attack',
      'mortar attack',
      'tir indirect',
      'tirs de roquettes',
      'tirs d’obus',
      'attaque au mortier',
    ],
  },
  small_arms_fire: {
    en: 'Small arms fire',
    fr: 'Tirs d’armes légères',
    synonyms: ['SAF', 'ambush', 'embuscade', 'tirs', 'attaque armée'],
  },
  complex_attack: { en: 'Complex attack', fr: 'Attaque complexe' },
  vehicle_ied: {
    en: 'Suicide/vehicle IED',
    fr: 'EEI-V / attentat-suicide',
    synonyms: [
      'SVBIED',
      'VBIED',
      'SVIED',
      'suicide attack',
      'vehicle IED',
      'véhicule piégé',
      'attentat suicide',
      'kamikaze',
    ],
  },
  arms_cache: {
    en: 'Arms cache',
    fr: 'Cache d’armes',
    synonyms: ['cache', 'weapons cache', 'dépôt d’armes'],
  },
  seizure: { en: 'Seizure', fr: 'Saisie', synonyms: ['seized', 'interdiction'] },
  weapons_collection: {
    en: 'Weapons collection/DDR',
    fr: 'Collecte d’armes / DDR',
    synonyms: ['DDR', 'DDR collection', 'weapons collection', 'collecte', 'désarmement', 'DDRR'],
  },
  surrender: { en: 'Surrender', fr: 'Reddition', synonyms: ['surrendered', 'remise volontaire'] },
  battlefield_capture: {
    en: 'Battlefield capture',
    fr: 'Prise sur le champ de bataille',
    synonyms: ['captured', 'capture', 'butin', 'prise de guerre'],
  },
  theft_loss: {
    en: 'Theft/loss',
    fr: 'Vol / perte',
    synonyms: ['theft', 'loss', 'lost', 'stolen', 'vol', 'perte', 'pillage', 'looting'],
  },
  banditry: {
    en: 'Banditry/crime',
    fr: 'Banditisme / criminalité',
    synonyms: ['banditry', 'crime', 'criminal', 'banditisme', 'braquage', 'robbery'],
  },
  assassination: {
    en: 'Assassination',
    fr: 'Assassinat',
    synonyms: ['targeted killing', 'killing', 'meurtre', 'exécution', 'execution'],
  },
  other: { en: 'Other', fr: 'Autre' },
});
export type IncidentType = (typeof incidentTypes.keys)[number];

export const attributionStatuses = vocabulary('attribution', {
  claimed: { en: 'Claimed', fr: 'Revendiqué', synonyms: ['revendiquée', 'claim'] },
  presumed: {
    en: 'Presumed',
    fr: 'Présumé',
    synonyms: ['présumée', 'suspected', 'suspecté', 'alleged', 'probable'],
  },
  confirmed: { en: 'Confirmed', fr: 'Confirmé', synonyms: ['confirmée', 'established', 'établi'] },
  unknown: { en: 'Unknown', fr: 'Inconnu', synonyms: ['unattributed', 'non attribué', 'non revendiqué'] },
});
export type Attribution = (typeof attributionStatuses.keys)[number];

export const classifications = vocabulary('classification', {
  public: { en: 'Public', fr: 'Public', synonyms: ['unclassified', 'non classifié'] },
  internal: {
    en: 'Internal',
    fr: 'Interne',
    synonyms: ['UN internal', 'usage interne', 'restricted', 'restreint'],
  },
  confidential: { en: 'Confidential', fr: 'Confidentiel', synonyms: ['UN confidential', 'confidentielle'] },
  strictly_confidential: {
    en: 'Strictly confidential',
    fr: 'Strictement confidentiel',
    synonyms: ['UN strictly confidential', 'secret', 'strictement confidentielle'],
  },
});
export type Classification = (typeof classifications.keys)[number];

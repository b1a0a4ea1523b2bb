import { C127, C762X39, C762X51, C762X54R, C9, cartridge, rpgRound, weapon, type Sample } from './materiel';

// PLANTED samples: each exists only in the incidents of planted.ts.

/** PLANTED (linked attacks): AKMS-pattern rifles, one producer, 2011, not held by FAMa. */
export const AKMS_2011: Sample = {
  category: 'weapon',
  type: 'assault rifle',
  models: ['AKMS-pattern', 'AKMS', 'AKM-S'],
  calibres: C762X39,
  makers: ['Cugir', 'UM Cugir'],
  country: 'RO',
  years: [2011, 2011],
  marking: '{yyyy}; folding stock; no secondary marks',
  serial: '11#####',
};

/** PLANTED (attribution): 7.62x39 of 2015 used only by Katibat Macina in central Mali. */
export const MACINA_2015 = cartridge(
  C762X39,
  ['MIC', 'Military Industry Corporation'],
  'SD',
  [2015, 2015],
  0,
  'MIC 15',
);

/** PLANTED (diversion event, spread): Egyptian 7.62x39 of 2015, captured from FAMa. */
export const EGYPT_2015 = cartridge(
  C762X39,
  ['27', 'Egyptian Factory 27', 'Factory 27'],
  'EG',
  [2015, 2015],
  0,
  '٢٧ ١٥',
);

/** PLANTED (new in theatre): a 32 mm anti-tank grenade, never seen before August 2021. */
export const AT_GRENADE_32: Sample = {
  category: 'ammunition',
  type: 'anti-tank rifle grenade',
  calibres: ['32 mm', '32mm'],
};

/** PLANTED (rapid diversion): recent ammunition in use within a year or two. */
export const CN_2016 = cartridge(C762X39, ['31', 'Factory 31'], 'CN', [2016, 2016], 0, '31 16');
export const BG_2015_54R = cartridge(C762X54R, ['10', 'Arsenal'], 'BG', [2015, 2015], 0, '10 15');
export const DSHK_2019 = weapon('heavy machine gun', ['DShKM'], ['POF'], 'PK', [2019, 2019], 0, '19####');
export const MINING_2016: Sample = {
  category: 'explosive',
  type: 'mining explosive (emulsion cartridge)',
  years: [2016, 2016],
  marking: 'export packaging, {yyyy}',
};
export const DETONATOR_2016: Sample = {
  category: 'ied_component',
  type: 'electric detonator (commercial)',
  years: [2016, 2016],
  marking: 'batch marked {yyyy}',
};

/** PLANTED (post-embargo production): Côte d'Ivoire materiel produced after the 2004 embargo... */
export const CI_POST_EMBARGO: readonly Sample[] = [
  weapon('assault rifle', ['Type 56-1'], ['Norinco'], 'CN', [2006, 2006], 1, '########'),
  weapon('assault rifle', ['AKM'], ['Arsenal'], 'BG', [2008, 2008], 1, '@@ #####'),
  cartridge(C762X39, ['61'], 'CN', [2009, 2009], 1, '61 09'),
  cartridge(C127, ['41'], 'CN', [2007, 2007], 1, '41 07'),
  rpgRound(['PG-7V'], ['40mm'], ['Arsenal'], 'BG', [2009, 2009], 1),
  cartridge(C9, ['MKE'], 'TR', [2010, 2010], 1, 'MKE 10'),
];
/** ...and materiel produced before it, which is no lead. */
export const CI_PRE_EMBARGO: readonly Sample[] = [
  weapon('assault rifle', ['AKM'], ['Izhmash'], 'SU', [1979, 1979], 1, '@@ ####'),
  weapon('battle rifle', ['FN FAL'], ['FN'], 'BE', [1968, 1968], 1, '######'),
  weapon('rifle', ['MAS 49/56'], ['MAS'], 'FR', [1958, 1958], 1, '@ #####'),
  weapon('battle rifle', ['G3'], ['Heckler & Koch'], 'DE', [1976, 1976], 1, 'A######'),
  weapon('assault rifle', ['Type 56'], ['Norinco'], 'CN', [1974, 1974], 1, '########'),
  cartridge(C762X39, ['539'], 'SU', [1984, 1984], 1, '539 84'),
  cartridge(C762X51, ['FN'], 'BE', [1979, 1979], 1, 'FN 79'),
];

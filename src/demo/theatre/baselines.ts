import type { ItemCategory } from '../../items/vocabulary';

export type BaselineRow = {
  holder: string;
  country: string;
  category: string;
  model: string;
  calibre: string;
  manufacturer: string;
  country_of_manufacture: string;
  year: string;
  lot: string;
  source: string;
};

const fama = (
  category: ItemCategory,
  model: string,
  calibre: string,
  manufacturer: string,
  made: string,
  year: number | '',
  source: string,
): BaselineRow => ({
  holder: 'FAMa',
  country: 'ML',
  category,
  model,
  calibre,
  manufacturer,
  country_of_manufacture: made,
  year: String(year),
  lot: '',
  source,
});

const INSPECTION = 'FAMa stockpile documentation, with the Malian authorities (2014)';
const UPDATE = 'FAMa stockpile update (2017)';

/**
 * What Malian forces hold. Deliberately absent: the AKMS-2011 rifles and the Katibat Macina
 * 2015 sample (trafficked). Deliberately present: the Egyptian 2015 7.62x39, the one sample in
 * the story that came from national stocks (captured near Youwarou).
 */
export const BASELINES: readonly BaselineRow[] = [
  fama('weapon', 'AKM', '7.62x39', 'Izhmash', 'SU', 1976, INSPECTION),
  fama('weapon', 'AKM', '7.62x39', 'Izhmash', 'SU', 1981, INSPECTION),
  fama('weapon', 'AKM', '7.62x39', 'Tula Arms Plant', 'SU', 1978, INSPECTION),
  fama('weapon', 'AK-47', '7.62x39', 'Izhmash', 'SU', 1956, INSPECTION),
  fama('weapon', 'Type 56', '7.62x39', 'Norinco', 'CN', 1972, INSPECTION),
  fama('weapon', 'Type 56-1', '7.62x39', 'Norinco', 'CN', 1984, INSPECTION),
  fama('weapon', 'Type 56-1', '7.62x39', 'Norinco', 'CN', 1990, INSPECTION),
  fama('weapon', 'PKM', '7.62x54R', '', 'SU', 1980, INSPECTION),
  fama('weapon', 'DShK', '12.7x108', '', 'SU', 1953, INSPECTION),
  fama('weapon', 'RPG-7', '', '', 'SU', 1979, INSPECTION),
  fama('weapon', 'FN FAL', '7.62x51', 'FN Herstal', 'BE', 1972, INSPECTION),
  fama('weapon', 'MAS 49/56', '7.5x54', 'MAS', 'FR', 1958, INSPECTION),
  fama('weapon', 'SKS', '7.62x39', 'Tula Arms Plant', 'SU', 1953, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1979, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1982, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1984, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1986, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1987, INSPECTION),
  fama('ammunition', '', '7.62x39', '539', 'SU', 1989, INSPECTION),
  fama('ammunition', '', '7.62x39', '31', 'CN', 1975, INSPECTION),
  fama('ammunition', '', '7.62x39', '31', 'CN', 1981, INSPECTION),
  fama('ammunition', '', '7.62x39', '71', 'CN', 1988, INSPECTION),
  fama('ammunition', '', '7.62x39', 'bxn', 'CS', 1968, INSPECTION),
  fama('ammunition', '', '7.62x54R', '711', 'SU', 1981, INSPECTION),
  fama('ammunition', '', '7.62x54R', '188', 'SU', 1976, INSPECTION),
  fama('ammunition', '', '12.7x108', '41', 'CN', 1979, INSPECTION),
  fama('ammunition', '', '12.7x108', '41', 'CN', 1985, INSPECTION),
  fama('ammunition', '', '14.5x114', '3', 'SU', 1976, INSPECTION),
  fama('ammunition', '82 mm mortar round', '82mm', '', 'SU', 1981, INSPECTION),
  // PLANTED (diversion event): the Egyptian 2015 ammunition was issued to FAMa before its capture.
  fama('ammunition', '', '7.62x39', 'Factory 27', 'EG', 2015, UPDATE),
];

export type EmbargoRow = {
  regime: string;
  scope: string;
  country: string;
  actors: string;
  start: string;
  end: string;
};

export const EMBARGOES: readonly EmbargoRow[] = [
  {
    regime: "Côte d'Ivoire arms embargo (UNSC 1572)",
    scope: 'territory',
    country: 'CI',
    actors: '',
    start: '2004-11-15',
    end: '2016-04-28',
  },
  // One row per regime (the regime is the key), so one start for all listed actors: the
  // theatre's start rather than each listing date (Ansar Dine 2013, Al-Mourabitoun 2014, JNIM 2018).
  {
    regime: "ISIL (Da'esh) and Al-Qaida sanctions",
    scope: 'actors',
    country: '',
    actors: 'AQIM; Al-Mourabitoun; Ansar Dine; JNIM',
    start: '2013-01-01',
    end: '',
  },
];

import type { Place } from './places';

export type ActorRow = { name: string; aliases: string; parent: string; from: string; to: string };

export const ACTORS: readonly ActorRow[] = [
  {
    name: 'JNIM',
    aliases: "GSIM; Jama'at Nusrat al-Islam wal-Muslimin; Groupe de soutien à l'islam et aux musulmans",
    parent: '',
    from: '2017-03',
    to: '',
  },
  { name: 'Ansar Dine', aliases: 'Ansar Eddine; Ançar Dine', parent: 'JNIM', from: '2012-01', to: '2017-03' },
  {
    name: 'Katibat Macina',
    aliases: 'Katiba Macina; Katibat Massina; Front de libération du Macina; FLM; Macina Liberation Front',
    parent: 'JNIM',
    from: '2015-01',
    to: '',
  },
  {
    name: 'Al-Mourabitoun',
    aliases: 'Al Murabitun; Al-Mourabitoune; Al-Murabitoun',
    parent: 'JNIM',
    from: '2013-08',
    to: '2017-03',
  },
  // The record stands for AQIM's Sahara branch as met in theatre, merged into JNIM in March 2017.
  {
    name: 'AQIM',
    aliases:
      'AQMI; Al-Qaida in the Islamic Maghreb; Al-Qaïda au Maghreb islamique; Sahara Emirate; Émirat du Sahara',
    parent: 'JNIM',
    from: '2007-01',
    to: '2017-03',
  },
  {
    name: 'MUJAO',
    aliases:
      "MUJWA; Mouvement pour l'unicité et le jihad en Afrique de l'Ouest; Movement for Oneness and Jihad in West Africa",
    parent: 'Al-Mourabitoun',
    from: '2011-10',
    to: '2013-08',
  },
  {
    name: 'ISGS',
    aliases:
      'Islamic State in the Greater Sahara; EIGS; État islamique au Grand Sahara; Islamic State Sahel Province; ISSP',
    parent: '',
    from: '2015-05',
    to: '',
  },
  { name: 'Ansarul Islam', aliases: 'Ansaroul Islam; Ansar ul Islam', parent: '', from: '2016-12', to: '' },
  {
    name: 'MNLA',
    aliases:
      "Mouvement national pour la libération de l'Azawad; National Movement for the Liberation of Azawad",
    parent: 'CMA',
    from: '2011-10',
    to: '',
  },
  {
    name: 'CMA',
    aliases: "Coordination des mouvements de l'Azawad; Coordination of Azawad Movements",
    parent: '',
    from: '2014-06',
    to: '',
  },
  {
    name: 'Bandits',
    aliases: 'Armed bandits; Bandits armés; Coupeurs de route',
    parent: '',
    from: '',
    to: '',
  },
];

/** Groups active in a zone at a date, weighted by how often the cell attributes incidents to them. */
export function groupsFor(p: Place, date: string): Record<string, number> {
  const eastNorth = p.admin1 === 'Gao' || p.admin1 === 'Ménaka';
  const gourma = ['Boni', 'Hombori', 'Douentza', 'Gossi'].includes(p.name);
  const beforeJnim = date < '2017-03-02';
  switch (p.zone) {
    case 'north':
      if (date < '2013-08-20') return { MUJAO: eastNorth ? 5 : 1, 'Ansar Dine': 3, AQIM: 2, MNLA: 1 };
      if (beforeJnim) {
        return {
          'Ansar Dine': 4,
          AQIM: 2,
          'Al-Mourabitoun': 3,
          ISGS: date >= '2016-01-01' && eastNorth ? 3 : 0,
          MNLA: date < '2014-06-01' ? 1 : 0,
          CMA: date >= '2014-06-01' && date < '2015-06-20' ? 1 : 0,
        };
      }
      return { JNIM: 7, ISGS: eastNorth || gourma ? 5 : 0.5 };
    case 'centre':
      if (beforeJnim) return { 'Katibat Macina': 5, 'Ansar Dine': 2 };
      return { 'Katibat Macina': 4, JNIM: 4, ISGS: gourma ? 3 : 0.3 };
    case 'bamako':
      return beforeJnim ? { 'Al-Mourabitoun': 1, AQIM: 1 } : { JNIM: 1 };
    case 'burkina':
      if (date < '2016-12-15') return { 'Al-Mourabitoun': 1, AQIM: 1 };
      return { 'Ansarul Islam': date < '2020-01-01' ? 4 : 1, JNIM: 4, ISGS: p.admin1 === 'Sahel' ? 3 : 0.5 };
    case 'niger':
      return { ISGS: 5, JNIM: 1 };
    case 'ivoire':
      return {};
  }
}

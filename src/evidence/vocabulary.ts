import { vocabulary } from '../core/vocabulary';

/** The steps of an item's chain of custody, as a caller records them and people read them. */
export const custodyEventNames = vocabulary('custody event', {
  collected: { en: 'Collected', fr: 'Collecté' },
  sealed: { en: 'Sealed', fr: 'Mis sous scellés' },
  transferred: { en: 'Transferred', fr: 'Transféré' },
  received: { en: 'Received', fr: 'Reçu' },
  examined: { en: 'Examined', fr: 'Examiné' },
  destroyed: { en: 'Destroyed', fr: 'Détruit' },
  returned: { en: 'Returned', fr: 'Restitué' },
});

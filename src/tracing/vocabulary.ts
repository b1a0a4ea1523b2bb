import { vocabulary } from '../core/vocabulary';

// The words of tracing requests, shared by the server, the letters and the web application (no
// Node here).

/** How a request reaches the state asked. */
export const tracingChannelNames = vocabulary('tracing channel', {
  bilateral: { en: 'Bilateral', fr: 'Bilatérale' },
  iarms: { en: 'INTERPOL iARMS', fr: 'INTERPOL iARMS', synonyms: ['iARMS'] },
  panel_of_experts: { en: 'Panel of Experts', fr: 'Groupe d’experts' },
  other: { en: 'Other', fr: 'Autre' },
});
export const tracingChannels = tracingChannelNames.keys;

/** Where a request stands. */
export const tracingStatusNames = vocabulary('tracing status', {
  draft: { en: 'Draft', fr: 'Brouillon' },
  sent: { en: 'Sent', fr: 'Envoyée' },
  answered: { en: 'Answered', fr: 'Répondue' },
  closed: { en: 'Closed', fr: 'Close' },
});
export const tracingStatuses = tracingStatusNames.keys;

/** The steps recorded in a request's history. */
export const tracingEventNames = vocabulary('tracing event', {
  sent: { en: 'Sent', fr: 'Envoi' },
  reminder: { en: 'Reminder', fr: 'Relance' },
  answer: { en: 'Answer', fr: 'Réponse' },
  note: { en: 'Note', fr: 'Note' },
});
export const tracingEvents = tracingEventNames.keys;
export type TracingEvent = (typeof tracingEvents)[number];

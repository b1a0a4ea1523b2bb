/**
 * Select lists that several queries share, named once so that the shape a page or document
 * relies on is written in one place. Each assumes the table under its usual name (`incidents`,
 * `attachments`) and, for incidents, `actors` joined on `incidents.actor_id`.
 */
export const columns = {
  /** An incident as lists and timelines show it: when, what, where, who. */
  incidentSummary: [
    'incidents.ref',
    'incidents.date',
    'incidents.date_precision',
    'incidents.type',
    'incidents.country',
    'incidents.admin1',
    'actors.name as actor',
  ],
  /** What an item says of the materiel it is: the columns a report or a tracing letter describes it by. */
  materiel: [
    'items.type',
    'items.model',
    'items.calibre',
    'items.manufacturer',
    'items.country_of_manufacture',
    'items.year',
    'items.serial',
  ],
  /** A photo or document as the register describes it (without who uploaded it). */
  attachment: [
    'attachments.id',
    'attachments.sha256',
    'attachments.file_name',
    'attachments.media_type',
    'attachments.size',
    'attachments.caption',
  ],
} as const;

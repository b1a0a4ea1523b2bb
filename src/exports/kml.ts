import {
  attributionStatuses,
  classifications,
  incidentTypes,
  type IncidentType,
} from '../incidents/vocabulary';
import { itemCategories } from '../items/vocabulary';
import type { Language } from '../core/vocabulary';
import { PIECE } from '../transfer/export';
import { exportProperties, type ExportHeader, type ExportRow } from './export-rows';

/** Pin colours by incident type (RGB): attacks in reds and purples, finds and recoveries in blues and greens. */
const typeColours: Record<IncidentType, string> = {
  ied_attack: 'e41a1c',
  vehicle_ied: '99000d',
  complex_attack: '7a0177',
  indirect_fire: 'ff7f00',
  small_arms_fire: 'f781bf',
  assassination: '252525',
  ied_find: 'fdbf6f',
  arms_cache: '377eb8',
  seizure: '1f4e99',
  weapons_collection: '4daf4a',
  surrender: 'b2df8a',
  battlefield_capture: 'a6cee3',
  theft_loss: 'a65628',
  banditry: '999999',
  other: 'ffffff',
};

const words = {
  en: {
    title: 'Headstamp incidents',
    date: 'Date',
    type: 'Type',
    place: 'Place',
    target: 'Target',
    actor: 'Actor',
    killed: 'Killed (peacekeepers)',
    injured: 'Injured (peacekeepers)',
    materiel: 'Materiel recovered',
    classification: 'Classification',
    open: 'Open in Headstamp',
    about: (h: ExportHeader, placed: number) =>
      `${placed} of the ${h.selected} incidents of the selection; ${h.selected - placed} without coordinates are not in this file (the CSV and XLSX exports list them). Exported by ${h.actor} on ${h.at.toISOString()}, export ${h.exportId}.`,
  },
  fr: {
    title: 'Incidents Headstamp',
    date: 'Date',
    type: 'Type',
    place: 'Lieu',
    target: 'Cible',
    actor: 'Acteur',
    killed: 'Tués (casques bleus)',
    injured: 'Blessés (casques bleus)',
    materiel: 'Matériel récupéré',
    classification: 'Classification',
    open: 'Ouvrir dans Headstamp',
    about: (h: ExportHeader, placed: number) =>
      `${placed} des ${h.selected} incidents de la sélection ; ${h.selected - placed} sans coordonnées ne sont pas dans ce fichier (les exports CSV et XLSX les listent). Exporté par ${h.actor} le ${h.at.toISOString()}, export ${h.exportId}.`,
  },
} satisfies Record<Language, unknown>;

/** Characters XML 1.0 cannot hold at all (controls, lone surrogates, U+FFFE/FFFF) become U+FFFD. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML character data or an attribute value, whatever it holds (and as HTML too: no &apos;). */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
    );
}

/** Text inside the HTML of a description: escaped as HTML, its line breaks kept. */
const html = (text: string) => xmlText(text).replace(/\r\n|\r|\n/g, '<br>');

const withPeacekeepers = (total: number | null, peacekeepers: number | null) =>
  total === null ? '' : peacekeepers ? `${total} (${peacekeepers})` : String(total);

/**
 * The balloon Google Earth shows: HTML written as text, so it is escaped twice: the record's
 * text once as HTML here, then the whole HTML once more as XML character data by the caller.
 */
function description(row: ExportRow, language: Language): string {
  const w = words[language];
  const materiel = itemCategories.keys
    .filter((c) => row.materiel[c] > 0)
    .map((c) => `${html(itemCategories.label(c, language))}: ${row.materiel[c]}`)
    .join('<br>');
  const place = [row.place, row.admin1, row.country].filter(Boolean).join(', ');
  const actor = row.actor
    ? `${row.actor} (${attributionStatuses.label(row.attribution, language)})`
    : attributionStatuses.label(row.attribution, language);
  const lines: [string, string][] = [
    [w.date, html(row.date)],
    [w.type, html(incidentTypes.label(row.type, language))],
    [w.place, html(place)],
    [w.target, html(row.target ?? '')],
    [w.actor, html(actor)],
    [w.killed, withPeacekeepers(row.killed, row.peacekeepers_killed)],
    [w.injured, withPeacekeepers(row.injured, row.peacekeepers_injured)],
    [w.materiel, materiel],
    [w.classification, html(classifications.label(row.classification, language))],
  ];
  const table = lines
    .filter(([, value]) => value !== '')
    .map(([label, value]) => `<tr><th align="left">${html(label)}</th><td>${value}</td></tr>`)
    .join('');
  const summary = row.summary ? `<p>${html(row.summary)}</p>` : '';
  return `${summary}<table>${table}</table><p><a href="${xmlText(row.url)}">${html(w.open)}</a></p>`;
}

/** KML's colour order is alpha, blue, green, red. */
const kmlColour = (rgb: string) => `ff${rgb.slice(4, 6)}${rgb.slice(2, 4)}${rgb.slice(0, 2)}`;

/**
 * A KML 2.2 document for Google Earth: a folder per incident type, each located incident a
 * Placemark with its name, an HTML description, a TimeStamp (a day, a month or a year, as
 * known) for the time slider, a style of its type's colour, its properties as ExtendedData,
 * and its point. Made as the incidents come, type by type (`ofType`; `placed` in all), a piece
 * of text at a time.
 */
export async function* kmlPieces(
  types: readonly IncidentType[],
  ofType: (type: IncidentType) => AsyncIterable<ExportRow>,
  placed: number,
  language: Language,
  header: ExportHeader,
): AsyncGenerator<string> {
  const w = words[language];
  const present = incidentTypes.keys.filter((t) => types.includes(t));
  let piece = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${xmlText(w.title)}</name>`,
    `<description>${xmlText(w.about(header, placed))}</description>`,
    ...present.map(
      (type) =>
        `<Style id="type-${type}"><IconStyle><color>${kmlColour(typeColours[type])}</color></IconStyle></Style>`,
    ),
    '',
  ].join('\n');
  for (const type of present) {
    piece += `<Folder><name>${xmlText(incidentTypes.label(type, language))}</name>\n`;
    for await (const row of ofType(type)) {
      const data = Object.entries(exportProperties(row, language))
        .map(
          ([name, value]) =>
            `<Data name="${name}"><value>${xmlText(value === null ? '' : String(value))}</value></Data>`,
        )
        .join('');
      piece +=
        '<Placemark>' +
        `<name>${xmlText(row.ref)}</name>` +
        `<description>${xmlText(description(row, language))}</description>` +
        `<TimeStamp><when>${xmlText(row.date)}</when></TimeStamp>` +
        `<styleUrl>#type-${type}</styleUrl>` +
        `<ExtendedData>${data}</ExtendedData>` +
        `<Point><coordinates>${row.lon},${row.lat}</coordinates></Point>` +
        '</Placemark>\n';
      if (piece.length >= PIECE) {
        yield piece;
        piece = '';
      }
    }
    piece += '</Folder>\n';
  }
  yield `${piece}</Document>\n</kml>\n`;
}

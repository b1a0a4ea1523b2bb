import { incidentTypes } from '../incidents/vocabulary';
import { itemCategories, itemTypes } from '../items/vocabulary';
import { dateLabel } from '../core/dates';
import { countryName, countryPhrase, type CountryForm } from '../core/grammar';
import {
  colours,
  contentWidth,
  PAGE,
  photo,
  renderPdf,
  stampPages,
  table,
  type Column,
  type Doc,
} from '../core/pdf';
import { termLabel, type Language } from '../core/vocabulary';
import type { TracedItem, TracingRequestView } from './tracing.schema';
import { tracingChannelNames } from './vocabulary';

export interface LetterPhoto {
  item: string;
  caption: string | null;
  bytes: Buffer | undefined;
}

/** The addressed country in the form a sentence needs (`de l’Union soviétique`). */
type Country = (form: CountryForm) => string;

/** The words of the letter. Francophone missions write to francophone states in French. */
const words = {
  en: {
    handling: 'CONFIDENTIAL — TRACING REQUEST',
    title: 'Request for the tracing of illicit small arms, light weapons and ammunition',
    reference: 'Reference',
    date: 'Date',
    to: 'To',
    channel: 'Channel',
    opening: (country: Country, n: number) =>
      `In accordance with the International Tracing Instrument (General Assembly, 8 December 2005), we request the assistance of the authorities ${country('of')} in tracing the ${n === 1 ? 'item' : `${n} items`} described below, which ${n === 1 ? 'bears' : 'bear'} markings indicating manufacture in, or export from, ${country('the')}.`,
    illicit:
      'The items were recovered in the circumstances set out below, in the possession of persons not authorised to hold them; they are therefore considered illicit under the Instrument.',
    circumstances: 'Circumstances of recovery',
    items: 'Items to be traced',
    asked: 'Information requested',
    askedText:
      'For each item: confirmation that it was manufactured or legally held in your country; the date and recipient of its export or transfer, with the licence or authorisation under which it was made; and any information on the point at which it left legal hands.',
    purpose: 'Use of the information',
    photos: 'Photographs',
    closing:
      'The information you provide will be treated as confidential and used only for the purpose stated. We would be grateful for an answer within 30 days.',
    signature: (by: string) => `For the analysis cell: ${by}`,
    columns: {
      ref: 'Item',
      category: 'Category / type',
      model: 'Model',
      calibre: 'Calibre',
      manufacturer: 'Manufacturer, country, year',
      serial: 'Serial no.',
      lot: 'Lot',
      markings: 'All markings, as read',
      quantity: 'Qty',
    },
    recovered: (ref: string, date: string, type: string, place: string) =>
      `${ref}: ${type}, ${date}, ${place}.`,
    photoOf: (item: string) => `Item ${item}`,
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
  },
  fr: {
    handling: 'CONFIDENTIEL — DEMANDE DE TRAÇAGE',
    title: 'Demande de traçage d’armes légères et de petit calibre et de munitions illicites',
    reference: 'Référence',
    date: 'Date',
    to: 'Destinataire',
    channel: 'Voie',
    opening: (country: Country, n: number) =>
      `Conformément à l’Instrument international de traçage (Assemblée générale, 8 décembre 2005), nous sollicitons le concours des autorités ${country('of')} pour le traçage ${n === 1 ? 'de l’objet décrit' : `des ${n} objets décrits`} ci-dessous, dont les marquages indiquent une fabrication ${country('in')} ou une exportation depuis ${country('the')}.`,
    illicit:
      'Ces objets ont été récupérés dans les circonstances exposées ci-dessous, en possession de personnes non autorisées à les détenir ; ils sont donc considérés comme illicites au sens de l’Instrument.',
    circumstances: 'Circonstances de la récupération',
    items: 'Objets à tracer',
    asked: 'Informations demandées',
    askedText:
      'Pour chaque objet : la confirmation qu’il a été fabriqué ou détenu légalement dans votre pays ; la date et le destinataire de son exportation ou de son transfert, avec la licence ou l’autorisation correspondante ; et toute information sur le point où il a quitté le circuit légal.',
    purpose: 'Usage des informations',
    photos: 'Photographies',
    closing:
      'Les informations fournies seront traitées de manière confidentielle et utilisées aux seules fins indiquées. Nous vous serions reconnaissants d’une réponse sous 30 jours.',
    signature: (by: string) => `Pour la cellule d’analyse : ${by}`,
    columns: {
      ref: 'Objet',
      category: 'Catégorie / type',
      model: 'Modèle',
      calibre: 'Calibre',
      manufacturer: 'Fabricant, pays, année',
      serial: 'N° de série',
      lot: 'Lot',
      markings: 'Tous les marquages, tels que lus',
      quantity: 'Qté',
    },
    recovered: (ref: string, date: string, type: string, place: string) =>
      `${ref} : ${type}, ${date}, ${place}.`,
    photoOf: (item: string) => `Objet ${item}`,
    pageOf: (page: number, pages: number) => `Page ${page} sur ${pages}`,
  },
} satisfies Record<Language, unknown>;

/** The tracing request as a letter to the addressed state, with the items, their markings and photos. */
export function renderTracingLetter(
  request: TracingRequestView,
  photos: LetterPhoto[],
  language: Language,
  today = new Date().toISOString().slice(0, 10),
): Promise<Buffer> {
  const w = words[language];
  const country = countryName(request.addresseeCountry, language);
  const inSentence: Country = (form) => countryPhrase(request.addresseeCountry, form, language);
  return renderPdf(
    { Title: `${request.ref} — ${w.title}`, Subject: request.ref, Author: request.createdBy },
    (doc) => {
      doc.addPage(PAGE);
      const left = doc.page.margins.left;
      doc.font('bold').fontSize(14).fillColor(colours.text).text(w.title, left);
      doc.moveDown(0.6);
      const line = (name: string, value: string) =>
        doc.font('bold').fontSize(10).text(`${name}: `, { continued: true }).font('regular').text(value);
      line(w.reference, request.ref);
      line(w.date, dateLabel(request.sentOn ?? today, language));
      line(w.to, `${request.addressee}, ${country}`);
      line(w.channel, tracingChannelNames.label(request.channel, language));
      doc.moveDown(0.8);
      paragraph(doc, w.opening(inSentence, request.items.length));
      paragraph(doc, w.illicit);

      section(doc, w.circumstances);
      const incidents = new Map(request.items.map((item) => [item.incident.ref, item.incident]));
      for (const incident of incidents.values()) {
        const place = [
          incident.place,
          incident.region,
          incident.country && countryName(incident.country, language),
        ]
          .filter(Boolean)
          .join(', ');
        paragraph(
          doc,
          w.recovered(
            incident.ref,
            dateLabel(incident.date, language),
            termLabel(incidentTypes, incident.type, language),
            place,
          ),
        );
        if (incident.summary) paragraph(doc, incident.summary, colours.muted);
      }

      section(doc, w.items);
      table(doc, itemColumns(w.columns, language, contentWidth(doc)), request.items);
      doc.moveDown(0.8);
      section(doc, w.asked);
      paragraph(doc, w.askedText);
      section(doc, w.purpose);
      paragraph(doc, request.purpose);
      doc.moveDown(0.4);
      paragraph(doc, w.closing);
      doc.moveDown(0.8);
      doc.font('bold').fontSize(10).text(w.signature(request.createdBy), left);

      if (photos.length > 0) photoPages(doc, photos, w);
      stampPages(doc, w.handling, request.ref, w.pageOf);
    },
  );
}

function section(doc: Doc, title: string) {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage(PAGE);
  doc.moveDown(0.5);
  doc.font('bold').fontSize(11.5).fillColor(colours.text).text(title, doc.page.margins.left);
  doc.moveDown(0.25);
}

function paragraph(doc: Doc, text: string, colour = colours.text) {
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(colour)
    .text(text, doc.page.margins.left, undefined, {
      width: contentWidth(doc),
      lineGap: 1.5,
    });
  doc.moveDown(0.4);
}

function itemColumns(
  headers: (typeof words)['en']['columns'],
  language: Language,
  width: number,
): Column<TracedItem>[] {
  const share = [0.08, 0.13, 0.1, 0.08, 0.16, 0.1, 0.07, 0.23, 0.05];
  const widths = share.map((s) => s * width);
  const or = (text: string | null) => text ?? '–';
  return [
    { header: headers.ref, width: widths[0]!, value: (i) => i.ref },
    {
      header: headers.category,
      width: widths[1]!,
      value: (i) =>
        [termLabel(itemCategories, i.category, language), termLabel(itemTypes, i.type, language)]
          .filter(Boolean)
          .join(' / '),
    },
    { header: headers.model, width: widths[2]!, value: (i) => or(i.model) },
    { header: headers.calibre, width: widths[3]!, value: (i) => or(i.calibre) },
    {
      header: headers.manufacturer,
      width: widths[4]!,
      value: (i) =>
        [i.manufacturer, i.countryOfManufacture && countryName(i.countryOfManufacture, language), i.year]
          .filter(Boolean)
          .join(', ') || '–',
    },
    { header: headers.serial, width: widths[5]!, value: (i) => or(i.serial) },
    { header: headers.lot, width: widths[6]!, value: (i) => or(i.lot) },
    { header: headers.markings, width: widths[7]!, value: (i) => or(i.markings) },
    { header: headers.quantity, width: widths[8]!, value: (i) => String(i.quantity) },
  ];
}

function photoPages(doc: Doc, photos: LetterPhoto[], w: (typeof words)['en']) {
  const slot = 330;
  for (const [index, p] of photos.entries()) {
    if (index % 2 === 0) {
      doc.addPage(PAGE);
      if (index === 0) section(doc, w.photos);
    }
    const top = doc.y;
    const box = { x: doc.page.margins.left, y: top, width: contentWidth(doc), height: slot - 40 };
    photo(doc, p.bytes, box);
    doc.font('bold').fontSize(8.5).fillColor(colours.text);
    doc.text(w.photoOf(p.item), box.x, top + box.height + 4, { width: box.width });
    if (p.caption) doc.font('regular').fillColor(colours.muted).text(p.caption, { width: box.width });
    doc.y = top + slot;
  }
}

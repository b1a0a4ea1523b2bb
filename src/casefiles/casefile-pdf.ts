import { classifications, incidentTypes } from '../incidents/vocabulary';
import { itemCategories, itemTypes } from '../items/vocabulary';
import { leadKindNames } from '../leads/vocabulary';
import { dateLabel } from '../core/dates';
import { countryName } from '../core/grammar';
import {
  colours,
  contentWidth,
  heading,
  LANDSCAPE,
  PAGE,
  photo as drawPhoto,
  renderPdf,
  stampPages,
  table,
  type Column,
  type Doc,
} from '../core/pdf';
import { termLabel, type Language } from '../core/vocabulary';
import type { CaseFile, IncidentSnapshot, ItemSnapshot } from './casefile.schema';
import { projectMap, type Frame } from './casefile-map';

/** The document's words. Francophone missions share case files with francophone authorities. */
const words = {
  en: {
    caseFile: (id: number) => `Case file ${id}`,
    caseFileCaps: (id: number) => `CASE FILE ${id}`,
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
    incidents: (n: number) => `${n} incident${n === 1 ? '' : 's'}`,
    items: (n: number) => `${n} item${n === 1 ? '' : 's'}`,
    photos: (n: number) => `${n} photo${n === 1 ? '' : 's'}`,
    leads: (n: number) => `${n} lead${n === 1 ? '' : 's'}`,
    prepared: (by: string, on: string) => `Prepared by ${by}; last changed ${on}.`,
    contents: 'Contents',
    classification: 'Classification',
    finding: 'Finding',
    noFinding: 'No finding has been written yet.',
    map: 'Map of the incidents',
    noCoordinates: 'No incident in this case file has coordinates.',
    mapNote: (located: number, incidents: string, unlabelled: number) =>
      `Numbers refer to the table below. ${located} of ${incidents} located` +
      (unlabelled > 0 ? `; ${unlabelled} too close to others to be labelled` : '') +
      '. Boundaries: Natural Earth 1:50m.',
    incidentsHeading: 'Incidents',
    materiel: (items: string) => `Materiel (${items})`,
    leadsHeading: 'Leads',
    leadTitle: (kind: string, subject: string) => `${kind}: ${subject}`,
    leadLine: (date: string, score: string, incidents: string) =>
      `${date} · score ${score} · incidents: ${incidents}`,
    photosHeading: 'Photos',
    photoOf: (n: number, item: string | undefined, incident: string) =>
      `Photo ${n} — ${item ? `item ${item}, incident ${incident}` : `incident ${incident}`}`,
    photoNumbers: (numbers: number[]) => `${numbers.length === 1 ? 'photo' : 'photos'} ${numbers.join(', ')}`,
    leadItems: (items: string) => `items: ${items}`,
    columns: {
      reference: 'Reference',
      date: 'Date',
      type: 'Type',
      place: 'Place',
      actor: 'Actor',
      item: 'Item',
      incident: 'Incident',
      category: 'Category / type',
      model: 'Model',
      calibre: 'Calibre',
      markings: 'Headstamp / markings',
      serial: 'Serial',
      lot: 'Lot',
      manufacturer: 'Manufacturer',
      madeIn: 'Made in',
      year: 'Year',
      quantity: 'Qty',
    },
  },
  fr: {
    caseFile: (id: number) => `Dossier ${id}`,
    caseFileCaps: (id: number) => `DOSSIER ${id}`,
    pageOf: (page: number, pages: number) => `Page ${page} sur ${pages}`,
    incidents: (n: number) => `${n} incident${n === 1 ? '' : 's'}`,
    items: (n: number) => `${n} objet${n === 1 ? '' : 's'}`,
    photos: (n: number) => `${n} photo${n === 1 ? '' : 's'}`,
    leads: (n: number) => `${n} piste${n === 1 ? '' : 's'}`,
    prepared: (by: string, on: string) => `Établi par ${by} ; dernière modification le ${on}.`,
    contents: 'Contenu',
    classification: 'Classification',
    finding: 'Constat',
    noFinding: 'Aucun constat n’a encore été rédigé.',
    map: 'Carte des incidents',
    noCoordinates: 'Aucun incident de ce dossier n’a de coordonnées.',
    mapNote: (located: number, incidents: string, unlabelled: number) =>
      `Les numéros renvoient au tableau ci-dessous. ${located} sur ${incidents} localisés` +
      (unlabelled > 0 ? ` ; ${unlabelled} trop proches d’autres pour être étiquetés` : '') +
      '. Frontières : Natural Earth 1:50m.',
    incidentsHeading: 'Incidents',
    materiel: (items: string) => `Matériel (${items})`,
    leadsHeading: 'Pistes',
    leadTitle: (kind: string, subject: string) => `${kind} : ${subject}`,
    leadLine: (date: string, score: string, incidents: string) =>
      `${date} · force ${score} · incidents : ${incidents}`,
    photosHeading: 'Photos',
    photoOf: (n: number, item: string | undefined, incident: string) =>
      `Photo ${n} — ${item ? `objet ${item}, incident ${incident}` : `incident ${incident}`}`,
    photoNumbers: (numbers: number[]) => `${numbers.length === 1 ? 'photo' : 'photos'} ${numbers.join(', ')}`,
    leadItems: (items: string) => `objets : ${items}`,
    columns: {
      reference: 'Référence',
      date: 'Date',
      type: 'Type',
      place: 'Lieu',
      actor: 'Acteur',
      item: 'Objet',
      incident: 'Incident',
      category: 'Catégorie / type',
      model: 'Modèle',
      calibre: 'Calibre',
      markings: 'Culot / marquages',
      serial: 'N° de série',
      lot: 'Lot',
      manufacturer: 'Fabricant',
      madeIn: 'Fabriqué en',
      year: 'Année',
      quantity: 'Qté',
    },
  },
} satisfies Record<Language, unknown>;
type Words = (typeof words)['en'];

/** The classification and handling line printed at the top and bottom of every page. */
export function handlingLine(
  caseFile: Pick<CaseFile, 'classification' | 'handling'>,
  language: Language = 'en',
): string {
  const level = classifications.label(caseFile.classification, language).toUpperCase();
  return caseFile.handling ? `${level} — ${caseFile.handling}` : level;
}

/**
 * Renders a case file as a PDF: a title page with the finding, a map and table of the
 * incidents, the table of items with their markings, the leads, and the photos; the
 * classification on every page and page numbers. `photo` gives a photo's bytes by SHA-256.
 */
export async function renderCaseFilePdf(
  caseFile: CaseFile,
  photo: (sha256: string) => Promise<Buffer>,
  language: Language = 'en',
): Promise<Buffer> {
  const w = words[language];
  const info = {
    Title: caseFile.title,
    Subject: w.caseFile(caseFile.id),
    Author: caseFile.createdBy,
    CreationDate: new Date(caseFile.updatedAt),
  };
  const pictured = photoNumbers(caseFile);
  return renderPdf(info, async (doc) => {
    titlePage(doc, caseFile, w, language);
    incidentsSection(doc, caseFile.incidents, pictured, w, language);
    if (caseFile.items.length > 0) itemsSection(doc, caseFile.items, pictured, w, language);
    if (caseFile.leads.length > 0) leadsSection(doc, caseFile, w, language);
    if (caseFile.photos.length > 0) await photosSection(doc, caseFile, photo, w);
    stampPages(doc, handlingLine(caseFile, language), w.caseFile(caseFile.id), w.pageOf);
  });
}

function titlePage(doc: Doc, caseFile: CaseFile, w: Words, language: Language) {
  doc.addPage(PAGE);
  doc.moveDown(4);
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(colours.muted)
    .text(w.caseFileCaps(caseFile.id), { characterSpacing: 1 });
  doc.moveDown(0.5);
  doc.font('bold').fontSize(22).fillColor(colours.text).text(caseFile.title);
  doc.moveDown(0.8);
  const contents = [
    w.incidents(caseFile.incidents.length),
    w.items(caseFile.items.length),
    w.photos(caseFile.photos.length),
    w.leads(caseFile.leads.length),
  ].join(' · ');
  doc.font('regular').fontSize(10).fillColor(colours.muted);
  doc.text(w.prepared(caseFile.createdBy, dateLabel(caseFile.updatedAt.slice(0, 10), language)));
  doc.text(`${w.contents}${language === 'fr' ? ' :' : ':'} ${contents}.`);
  doc.text(`${w.classification}${language === 'fr' ? ' :' : ':'} ${handlingLine(caseFile, language)}.`);
  doc.moveDown(1.2);
  const y = doc.y;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .lineWidth(0.5)
    .strokeColor(colours.rule)
    .stroke();
  doc.moveDown(1);
  heading(doc, w.finding);
  doc
    .font('regular')
    .fontSize(11)
    .fillColor(colours.text)
    .text(caseFile.finding || w.noFinding, { align: 'left', lineGap: 2 });
}

/**
 * The numbers the photos pages give each photo, by what it shows (an item's reference, or an
 * incident's for a photo of the incident itself): the tables point the reader to them.
 */
function photoNumbers(caseFile: CaseFile): Map<string, number[]> {
  const numbers = new Map<string, number[]>();
  for (const [index, p] of caseFile.photos.entries()) {
    const shows = p.item ?? p.incident;
    numbers.set(shows, [...(numbers.get(shows) ?? []), index + 1]);
  }
  return numbers;
}

/** A reference with the photos that show it on a second line, when there are any. */
const withPhotos = (ref: string, pictured: Map<string, number[]>, w: Words) => {
  const numbers = pictured.get(ref);
  return numbers ? `${ref}\n${w.photoNumbers(numbers)}` : ref;
};

/** Where an incident happened, in words. */
function placeOf(record: IncidentSnapshot['record'], language: Language) {
  const country = record.country ? countryName(record.country, language) : '';
  return [record.place, record.admin1 !== record.place ? record.admin1 : '', country]
    .filter(Boolean)
    .join(', ');
}

function incidentsSection(
  doc: Doc,
  incidents: IncidentSnapshot[],
  pictured: Map<string, number[]>,
  w: Words,
  language: Language,
) {
  doc.addPage(PAGE);
  heading(doc, w.map);
  const numbered = incidents.map((incident, index) => ({ incident, number: String(index + 1) }));
  const located = numbered.flatMap(({ incident, number }) => {
    const lat = Number(incident.record.lat);
    const lon = Number(incident.record.lon);
    return incident.record.lat && incident.record.lon && Number.isFinite(lat) && Number.isFinite(lon)
      ? [{ lat, lon, number, place: incident.record.place || incident.ref }]
      : [];
  });
  if (located.length === 0) {
    doc.font('regular').fontSize(10).fillColor(colours.muted).text(w.noCoordinates);
  } else {
    const frame = { x: doc.page.margins.left, y: doc.y, width: contentWidth(doc), height: 380 };
    // A few points can carry their place name; many only their number.
    const points = located.map((p) => ({
      ...p,
      label: located.length <= 12 ? `${p.number} ${p.place}` : p.number,
    }));
    const { unlabelled } = drawMap(doc, frame, points);
    doc.y = frame.y + frame.height + 6;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(colours.muted)
      .text(w.mapNote(located.length, w.incidents(incidents.length), unlabelled), doc.page.margins.left);
  }
  doc.moveDown(1);
  heading(doc, w.incidentsHeading);
  const c = w.columns;
  table(
    doc,
    [
      { header: '#', width: 22, value: (r: (typeof numbered)[number]) => r.number },
      { header: c.reference, width: 120, value: (r) => withPhotos(r.incident.ref, pictured, w) },
      { header: c.date, width: 58, value: (r) => dateLabel(r.incident.record.date ?? '', language) },
      { header: c.type, width: 80, value: (r) => termLabel(incidentTypes, r.incident.record.type, language) },
      { header: c.place, width: 110, value: (r) => placeOf(r.incident.record, language) },
      { header: c.actor, width: 109, value: (r) => r.incident.record.actor ?? '' },
    ],
    numbered,
  );
}

function drawMap(
  doc: Doc,
  frame: Frame,
  points: { lat: number; lon: number; label: string }[],
): { unlabelled: number } {
  const map = projectMap(points, frame);
  doc.save();
  doc.rect(frame.x, frame.y, frame.width, frame.height).fillColor(colours.water).fill();
  doc.rect(frame.x, frame.y, frame.width, frame.height).clip();
  for (const country of map.countries) {
    for (const ring of country.rings) {
      doc.moveTo(ring[0]![0], ring[0]![1]);
      for (const [x, y] of ring.slice(1)) doc.lineTo(x, y);
      doc.closePath();
    }
    doc
      .lineWidth(0.6)
      .fillColor(colours.land)
      .strokeColor(colours.border)
      .fillAndStroke(colours.land, colours.border, 'even-odd');
  }
  doc.font('regular').fontSize(8).fillColor('#8a8377');
  for (const country of map.countries) {
    if (!country.label) continue;
    const width = doc.widthOfString(country.name);
    doc.text(country.name, country.label[0] - width / 2, country.label[1] - 4, { lineBreak: false });
  }
  for (const marker of map.markers) {
    doc.circle(marker.x, marker.y, 3.2).lineWidth(1).fillAndStroke(colours.point, '#ffffff');
  }
  // Labels are placed greedily beside their marker, right, left, above or below, wherever one
  // hides no other label or marker; a point left without one is still numbered in the table.
  doc.font('bold').fontSize(8);
  const taken: Box[] = map.markers.map((m) => ({ x: m.x - 3.5, y: m.y - 3.5, w: 7, h: 7 }));
  let unlabelled = 0;
  for (const marker of map.markers) {
    const w = doc.widthOfString(marker.label) + 2;
    const h = 10;
    const spot = [
      { x: marker.x + 5, y: marker.y - h / 2 },
      { x: marker.x - 5 - w, y: marker.y - h / 2 },
      { x: marker.x - w / 2, y: marker.y - 5 - h },
      { x: marker.x - w / 2, y: marker.y + 5 },
    ]
      .map((p) => ({ ...p, w, h }))
      .find(
        (box) =>
          box.x >= frame.x &&
          box.y >= frame.y &&
          box.x + box.w <= frame.x + frame.width &&
          box.y + box.h <= frame.y + frame.height &&
          !taken.some((t) => overlaps(t, box)),
      );
    if (!spot) {
      unlabelled++;
      continue;
    }
    taken.push(spot);
    // A white halo keeps a label readable over boundaries.
    doc.rect(spot.x, spot.y, spot.w, spot.h).fillColor('#ffffff').fillOpacity(0.75).fill();
    doc
      .fillOpacity(1)
      .fillColor(colours.text)
      .text(marker.label, spot.x + 1, spot.y + 0.5, { lineBreak: false });
  }
  doc.restore();
  doc.rect(frame.x, frame.y, frame.width, frame.height).lineWidth(0.8).strokeColor(colours.muted).stroke();
  return { unlabelled };
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function itemColumns(w: Words, pictured: Map<string, number[]>, language: Language): Column<ItemSnapshot>[] {
  const c = w.columns;
  return [
    { header: c.item, width: 62, value: (i) => withPhotos(i.ref, pictured, w) },
    { header: c.incident, width: 92, value: (i) => i.incident },
    {
      header: c.category,
      width: 82,
      value: (i) =>
        [
          termLabel(itemCategories, i.record.category, language),
          termLabel(itemTypes, i.record.type, language),
        ]
          .filter(Boolean)
          .join(' / '),
    },
    { header: c.model, width: 62, value: (i) => i.record.model ?? '' },
    { header: c.calibre, width: 54, value: (i) => i.record.calibre ?? '' },
    { header: c.markings, width: 96, value: (i) => i.record.markings ?? '' },
    { header: c.serial, width: 64, value: (i) => i.record.serial ?? '' },
    { header: c.lot, width: 48, value: (i) => i.record.lot ?? '' },
    { header: c.manufacturer, width: 70, value: (i) => i.record.manufacturer ?? '' },
    {
      header: c.madeIn,
      width: 62,
      value: (i) =>
        i.record.country_of_manufacture ? countryName(i.record.country_of_manufacture, language) : '',
    },
    { header: c.year, width: 30, value: (i) => i.record.year ?? '' },
    { header: c.quantity, width: 24, value: (i) => i.record.quantity ?? '' },
  ];
}

function itemsSection(
  doc: Doc,
  items: ItemSnapshot[],
  pictured: Map<string, number[]>,
  w: Words,
  language: Language,
) {
  // Twelve columns of markings need the width of a landscape page.
  doc.addPage(LANDSCAPE);
  heading(doc, w.materiel(w.items(items.length)));
  table(doc, itemColumns(w, pictured, language), items, LANDSCAPE);
}

function leadsSection(doc: Doc, caseFile: CaseFile, w: Words, language: Language) {
  doc.addPage(PAGE);
  heading(doc, w.leadsHeading);
  for (const lead of caseFile.leads) {
    doc.font('bold').fontSize(10).fillColor(colours.text);
    const title = (language === 'fr' ? lead.titleFr : lead.title) ?? lead.subject;
    doc.text(w.leadTitle(leadKindNames.label(lead.kind, language), title), { continued: false });
    doc.font('regular').fontSize(8.5).fillColor(colours.muted);
    doc.text(
      w.leadLine(
        dateLabel(lead.date, language),
        new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
          lead.score,
        ),
        lead.incidents.join('; ') || '–',
      ),
    );
    if (lead.items.length > 0) doc.text(w.leadItems(lead.items.join('; ')));
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(colours.text)
      .text((language === 'fr' ? lead.explanationFr : undefined) ?? lead.explanation, { lineGap: 1 });
    doc.moveDown(0.8);
  }
}

async function photosSection(
  doc: Doc,
  caseFile: CaseFile,
  photo: (sha256: string) => Promise<Buffer>,
  w: Words,
) {
  const slot = 330;
  for (const [index, p] of caseFile.photos.entries()) {
    if (index % 2 === 0) {
      doc.addPage(PAGE);
      if (index === 0) heading(doc, w.photosHeading);
    }
    const top = doc.y;
    const box = { x: doc.page.margins.left, width: contentWidth(doc), height: slot - 40 };
    // A missing or altered file shows as a notice; the rest of the case file still renders.
    const bytes = await photo(p.sha256).catch(() => undefined);
    drawPhoto(doc, bytes, { ...box, y: top });
    doc.font('bold').fontSize(8.5).fillColor(colours.text);
    doc.text(w.photoOf(index + 1, p.item ?? undefined, p.incident), box.x, top + box.height + 4, {
      width: box.width,
    });
    doc.font('regular').fontSize(8.5).fillColor(colours.muted);
    doc.text([p.caption, `${p.fileName}, SHA-256 ${p.sha256}`].filter(Boolean).join('. '), {
      width: box.width,
    });
    doc.y = top + slot;
  }
}

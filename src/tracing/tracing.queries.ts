import { sql } from 'kysely';
import type { z } from 'zod';
import { may, requireThat, visibleItems, type Viewer } from '../access/policy';
import { NotFound } from '../core/errors';
import { columns } from '../db/columns';
import type { Db } from '../db/store';
import type { EvidenceFiles } from '../evidence/evidence-files';
import type { Language } from '../core/vocabulary';
import { renderTracingLetter, type LetterPhoto } from './tracing-letter';
import {
  tracingListSchema,
  type Provenance,
  type TracingRequestView,
  type TracingSummary,
} from './tracing.schema';

const summaryColumns = [
  'tracing_requests.ref',
  'tracing_requests.addressee_country',
  'tracing_requests.addressee',
  'tracing_requests.channel',
  'tracing_requests.purpose',
  'tracing_requests.status',
  'tracing_requests.sent_on',
  'tracing_requests.answered_on',
  'tracing_requests.outcome',
  'tracing_requests.diversion_established',
  'tracing_requests.diversion_point',
  'tracing_requests.established_by',
  'tracing_requests.created_by',
  'tracing_requests.created_at',
] as const;

type SummaryRow = {
  ref: string;
  addressee_country: string;
  addressee: string;
  channel: TracingRequestView['channel'];
  purpose: string;
  status: TracingRequestView['status'];
  sent_on: string | null;
  answered_on: string | null;
  outcome: string | null;
  diversion_established: boolean;
  diversion_point: string | null;
  established_by: 'trace' | 'authority' | null;
  created_by: string;
  created_at: Date;
};

function summaryOf(row: SummaryRow) {
  return {
    ref: row.ref,
    addresseeCountry: row.addressee_country,
    addressee: row.addressee,
    channel: row.channel,
    purpose: row.purpose,
    status: row.status,
    sentOn: row.sent_on,
    answeredOn: row.answered_on,
    outcome: row.outcome,
    diversionEstablished: row.diversion_established,
    diversionPoint: row.diversion_point,
    establishedBy: row.established_by,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listTracingRequests(
  db: Db,
  viewer: Viewer,
  query: z.input<typeof tracingListSchema> = {},
): Promise<TracingSummary[]> {
  requireThat(may.trace(viewer), 'see tracing requests');
  const filter = tracingListSchema.parse(query);
  let select = db
    .selectFrom('tracing_requests')
    .select([
      ...summaryColumns,
      (eb) =>
        eb
          .selectFrom('tracing_request_items')
          .select(sql<number>`count(*)::integer`.as('n'))
          .whereRef('tracing_request_items.request_id', '=', 'tracing_requests.id')
          .as('item_count'),
    ])
    .orderBy('tracing_requests.created_at', 'desc')
    .orderBy('tracing_requests.ref', 'desc');
  if (filter.status) select = select.where('tracing_requests.status', '=', filter.status);
  if (filter.item)
    select = select.where('tracing_requests.id', 'in', (eb) =>
      eb
        .selectFrom('tracing_request_items')
        .innerJoin('items', 'items.id', 'tracing_request_items.item_id')
        .select('tracing_request_items.request_id')
        .where('items.ref', '=', filter.item!),
    );
  const rows = await select.execute();
  return rows.map((row) => ({ ...summaryOf(row), itemCount: row.item_count ?? 0 }));
}

/** A request with its items as the letter describes them (markings as read, circumstances of recovery). */
export async function readTracingRequest(db: Db, viewer: Viewer, ref: string): Promise<TracingRequestView> {
  requireThat(may.trace(viewer), 'see tracing requests');
  const row = await db
    .selectFrom('tracing_requests')
    .select(['tracing_requests.id', ...summaryColumns])
    .where('ref', '=', ref)
    .executeTakeFirst();
  if (!row) throw new NotFound(`tracing request "${ref}"`);
  const items = await visibleItems(db, viewer)
    .innerJoin('tracing_request_items as traced', 'traced.item_id', 'items.id')
    .innerJoin('incidents', 'incidents.id', 'items.incident_id')
    .select([
      'items.ref',
      'items.category',
      ...columns.materiel,
      'items.lot',
      'items.markings',
      'items.quantity',
      'incidents.ref as incident_ref',
      'incidents.date as incident_date',
      'incidents.type as incident_type',
      'incidents.country',
      'incidents.admin1 as region',
      'incidents.place',
      'incidents.summary',
    ])
    .where('traced.request_id', '=', row.id)
    .orderBy('items.ref')
    .execute();
  const events = await db
    .selectFrom('tracing_events')
    .select(['event', 'on_date', 'note', 'recorded_by'])
    .where('request_id', '=', row.id)
    .orderBy('on_date')
    .orderBy('id')
    .execute();
  return {
    ...summaryOf(row),
    items: items.map((i) => ({
      ref: i.ref,
      category: i.category,
      type: i.type,
      model: i.model,
      calibre: i.calibre,
      manufacturer: i.manufacturer,
      countryOfManufacture: i.country_of_manufacture,
      year: i.year,
      serial: i.serial,
      lot: i.lot,
      markings: i.markings,
      quantity: i.quantity,
      incident: {
        ref: i.incident_ref,
        date: i.incident_date,
        type: i.incident_type,
        country: i.country,
        region: i.region,
        place: i.place,
        summary: i.summary,
      },
    })),
    events: events.map((e) => ({ event: e.event, on: e.on_date, note: e.note, recordedBy: e.recorded_by })),
  };
}

/**
 * What tracing found about an item, request by request, oldest first: where an answer feeds the
 * item's record. Empty for those who may not see tracing requests.
 */
export async function provenanceOf(db: Db, viewer: Viewer, itemRef: string): Promise<Provenance[]> {
  if (!may.trace(viewer)) return [];
  const rows = await db
    .selectFrom('tracing_requests')
    .innerJoin('tracing_request_items', 'tracing_request_items.request_id', 'tracing_requests.id')
    .innerJoin('items', 'items.id', 'tracing_request_items.item_id')
    .select([
      'tracing_requests.ref',
      'tracing_requests.addressee_country',
      'tracing_requests.status',
      'tracing_requests.outcome',
      'tracing_requests.diversion_established',
      'tracing_requests.diversion_point',
      'tracing_requests.established_by',
    ])
    .where('items.ref', '=', itemRef)
    .orderBy('tracing_requests.created_at')
    .execute();
  return rows.map((r) => ({
    request: r.ref,
    addresseeCountry: r.addressee_country,
    status: r.status,
    outcome: r.outcome,
    diversionEstablished: r.diversion_established,
    diversionPoint: r.diversion_point,
    establishedBy: r.established_by,
  }));
}

// A letter carries photos of the items, not the whole evidence locker.
const LETTER_PHOTOS = 12;

/** The request as a PDF letter in the given language, with photos of its items. */
export async function tracingLetter(
  db: Db,
  files: EvidenceFiles,
  viewer: Viewer,
  ref: string,
  language: Language,
): Promise<{ fileName: string; pdf: Buffer }> {
  const tracing = await readTracingRequest(db, viewer, ref);
  const pdf = await renderTracingLetter(tracing, await letterPhotos(db, files, tracing), language);
  return { fileName: `${tracing.ref}-${language}.pdf`, pdf };
}

/** Photos of the traced items (PDF can embed JPEG and PNG only). */
async function letterPhotos(
  db: Db,
  files: EvidenceFiles,
  tracing: TracingRequestView,
): Promise<LetterPhoto[]> {
  const rows = await db
    .selectFrom('attachments')
    .innerJoin('items', 'items.id', 'attachments.item_id')
    .select(['items.ref', 'attachments.sha256', 'attachments.caption'])
    .where(
      'items.ref',
      'in',
      tracing.items.map((i) => i.ref),
    )
    .where('attachments.media_type', 'in', ['image/jpeg', 'image/png'])
    .orderBy('items.ref')
    .orderBy('attachments.id')
    .limit(LETTER_PHOTOS)
    .execute();
  return Promise.all(
    rows.map(async (row) => ({
      item: row.ref,
      caption: row.caption,
      bytes: await files.read(row.sha256).catch(() => undefined),
    })),
  );
}

import { sql } from 'kysely';
import { z } from 'zod';
import { may, requireThat, visibleItems, type Viewer } from '../access/policy';
import { AuditTrail } from '../audit/audit';
import type { Selectable, Updateable } from 'kysely';
import type { TracingRequestTable } from '../db/schema';
import type { Db, Tx } from '../db/store';
import { Conflict, Invalid, NotFound } from '../core/errors';
import { isoCountry, isoDay } from '../records/cells';
import { tracingChannels, tracingEvents, tracingStatuses } from './vocabulary';

export const newTracingRequestSchema = z
  .object({
    /** Item references; every one must be visible to the caller. */
    items: z.array(z.string().min(1).max(200)).min(1).max(500),
    addresseeCountry: isoCountry(),
    addressee: z.string().trim().min(3).max(300),
    channel: z.enum(tracingChannels),
    purpose: z.string().trim().min(10).max(4000),
  })
  .strict();

export const tracingEventSchema = z
  .object({
    event: z.enum(tracingEvents),
    on: isoDay(),
    note: z.string().trim().min(1).max(4000).optional(),
  })
  .strict()
  .refine((e) => e.event !== 'answer' || e.note !== undefined, {
    message: 'say what the answer was',
    path: ['note'],
  });

/** What the answer established. Closing marks the request done. */
export const tracingOutcomeSchema = z
  .object({
    outcome: z.string().trim().min(3).max(4000),
    diversionEstablished: z.boolean(),
    diversionPoint: z.string().trim().min(3).max(1000).optional(),
    establishedBy: z.enum(['trace', 'authority']).optional(),
    close: z.boolean().default(false),
  })
  .strict()
  .refine((o) => !o.diversionEstablished || (o.diversionPoint && o.establishedBy), {
    message: 'an established diversion needs its point and who established it',
    path: ['diversionPoint'],
  });

const tracedItemSchema = z.object({
  ref: z.string(),
  category: z.string(),
  type: z.string().nullable(),
  model: z.string().nullable(),
  calibre: z.string().nullable(),
  manufacturer: z.string().nullable(),
  countryOfManufacture: z.string().nullable(),
  year: z.number().nullable(),
  serial: z.string().nullable(),
  lot: z.string().nullable(),
  markings: z.string().nullable(),
  quantity: z.number(),
  incident: z.object({
    ref: z.string(),
    date: z.string(),
    type: z.string(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    place: z.string().nullable(),
    summary: z.string().nullable(),
  }),
});
export type TracedItem = z.infer<typeof tracedItemSchema>;

export const tracingRequestViewSchema = z.object({
  ref: z.string(),
  addresseeCountry: z.string(),
  addressee: z.string(),
  channel: z.enum(tracingChannels),
  purpose: z.string(),
  status: z.enum(tracingStatuses),
  sentOn: z.string().nullable(),
  answeredOn: z.string().nullable(),
  outcome: z.string().nullable(),
  diversionEstablished: z.boolean(),
  diversionPoint: z.string().nullable(),
  establishedBy: z.enum(['trace', 'authority']).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  items: z.array(tracedItemSchema),
  events: z.array(
    z.object({
      event: z.enum(tracingEvents),
      on: z.string(),
      note: z.string().nullable(),
      recordedBy: z.string(),
    }),
  ),
});
export type TracingRequestView = z.infer<typeof tracingRequestViewSchema>;

export const tracingSummarySchema = tracingRequestViewSchema
  .omit({ items: true, events: true })
  .extend({ itemCount: z.number() });
export type TracingSummary = z.infer<typeof tracingSummarySchema>;

/** Opens a tracing request (a draft until it is recorded as sent) for items the caller can see. */
export async function createTracingRequest(
  db: Db,
  viewer: Viewer,
  input: z.input<typeof newTracingRequestSchema>,
): Promise<TracingRequestView> {
  requireThat(may.trace(viewer), 'request traces');
  const request = newTracingRequestSchema.parse(input);
  const refs = [...new Set(request.items)];
  const items = await visibleItems(db, viewer)
    .select(['items.id', 'items.ref'])
    .where('items.ref', 'in', refs)
    .execute();
  const missing = refs.filter((ref) => !items.some((i) => i.ref === ref));
  if (missing.length > 0)
    throw new Invalid(`no item ${missing.map((m) => `"${m}"`).join(', ')} you may see`);

  const ref = await db.transaction().execute(async (trx) => {
    const year = new Date().getUTCFullYear();
    // Numbered per year, as letters are filed; the unique key refuses a race between two writers.
    const { n } = await trx
      .selectFrom('tracing_requests')
      .select(sql<number>`count(*)::integer`.as('n'))
      .where('ref', 'like', `TR-${year}-%`)
      .executeTakeFirstOrThrow();
    const ref = `TR-${year}-${String(n + 1).padStart(4, '0')}`;
    const { id } = await trx
      .insertInto('tracing_requests')
      .values({
        ref,
        addressee_country: request.addresseeCountry,
        addressee: request.addressee,
        channel: request.channel,
        purpose: request.purpose,
        created_by: viewer.username,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('tracing_request_items')
      .values(items.map((item) => ({ request_id: id, item_id: item.id })))
      .execute();
    const audit = new AuditTrail(trx, viewer.username);
    audit.record('tracing_request', ref, 'create', null, { ...request, items: refs });
    await audit.flush();
    return ref;
  });
  return (await readTracingRequest(db, viewer, ref))!;
}

/** Records a step in a request's life; sending and answering move its status on. */
export async function recordTracingEvent(
  db: Db,
  viewer: Viewer,
  ref: string,
  input: z.input<typeof tracingEventSchema>,
): Promise<TracingRequestView> {
  const step = tracingEventSchema.parse(input);
  return changeRequest(db, viewer, ref, async (trx, request) => {
    const next = { status: request.status, sent_on: request.sent_on, answered_on: request.answered_on };
    if (step.event === 'sent') {
      if (request.status !== 'draft') throw new Conflict(`request ${ref} was already sent`);
      Object.assign(next, { status: 'sent', sent_on: step.on });
    } else if (step.event === 'reminder' || step.event === 'answer') {
      if (request.status === 'draft') throw new Conflict(`request ${ref} has not been sent yet`);
      if (request.sent_on && step.on < request.sent_on)
        throw new Invalid(`a ${step.event} cannot come before the request was sent (${request.sent_on})`,
        );
      if (step.event === 'answer' && request.status !== 'closed')
        Object.assign(next, { status: 'answered', answered_on: step.on });
    }
    await trx
      .insertInto('tracing_events')
      .values({
        request_id: request.id,
        event: step.event,
        on_date: step.on,
        note: step.note ?? null,
        recorded_by: viewer.username,
      })
      .execute();
    return { before: { status: request.status }, after: next, audited: { ...next, ...step } };
  });
}

/** What the answer (or a competent authority) established about the items' origin. */
export async function recordTracingOutcome(
  db: Db,
  viewer: Viewer,
  ref: string,
  input: z.input<typeof tracingOutcomeSchema>,
): Promise<TracingRequestView> {
  const outcome = tracingOutcomeSchema.parse(input);
  return changeRequest(db, viewer, ref, async (_trx, request) => {
    // Intelligence can establish a diversion without an answer; a trace needs one.
    if (outcome.establishedBy === 'trace' && request.status !== 'answered' && request.status !== 'closed')
      throw new Conflict(`request ${ref} has no answer yet: record the answer first`);
    const after = {
      outcome: outcome.outcome,
      diversion_established: outcome.diversionEstablished,
      diversion_point: outcome.diversionEstablished ? (outcome.diversionPoint ?? null) : null,
      established_by: outcome.diversionEstablished ? (outcome.establishedBy ?? null) : null,
      status: outcome.close ? ('closed' as const) : request.status,
    };
    const before = {
      outcome: request.outcome,
      diversion_established: request.diversion_established,
      diversion_point: request.diversion_point,
      established_by: request.established_by,
      status: request.status,
    };
    return { before, after, audited: after };
  });
}

/**
 * Changes a request under a row lock: `change` checks it, writes what goes beside it and says
 * which columns change; the update and its audit entry share the transaction. Returns the
 * request as it now is.
 */
async function changeRequest(
  db: Db,
  viewer: Viewer,
  ref: string,
  change: (
    trx: Tx,
    request: Selectable<TracingRequestTable>,
  ) => Promise<{ before: object; after: Updateable<TracingRequestTable>; audited: object }>,
): Promise<TracingRequestView> {
  requireThat(may.trace(viewer), 'record tracing');
  await db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('tracing_requests')
      .selectAll()
      .where('ref', '=', ref)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw new NotFound(`tracing request "${ref}"`);
    const { before, after, audited } = await change(trx, request);
    await trx
      .updateTable('tracing_requests')
      .set({ ...after, updated_at: new Date() })
      .where('id', '=', request.id)
      .execute();
    const audit = new AuditTrail(trx, viewer.username);
    audit.record('tracing_request', ref, 'update', before, audited);
    await audit.flush();
  });
  return (await readTracingRequest(db, viewer, ref))!;
}

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

export const tracingListSchema = z
  .object({
    status: z.enum(tracingStatuses).optional(),
    /** Only requests about this item. */
    item: z.string().min(1).max(200).optional(),
  })
  .strict();

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
export async function readTracingRequest(
  db: Db,
  viewer: Viewer,
  ref: string,
): Promise<TracingRequestView | undefined> {
  requireThat(may.trace(viewer), 'see tracing requests');
  const row = await db
    .selectFrom('tracing_requests')
    .select(['tracing_requests.id', ...summaryColumns])
    .where('ref', '=', ref)
    .executeTakeFirst();
  if (!row) return undefined;
  const items = await visibleItems(db, viewer)
    .innerJoin('tracing_request_items as traced', 'traced.item_id', 'items.id')
    .innerJoin('incidents', 'incidents.id', 'items.incident_id')
    .select([
      'items.ref',
      'items.category',
      'items.type',
      'items.model',
      'items.calibre',
      'items.manufacturer',
      'items.country_of_manufacture',
      'items.year',
      'items.serial',
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

export const provenanceSchema = z.object({
  request: z.string(),
  addresseeCountry: z.string(),
  status: z.enum(tracingStatuses),
  outcome: z.string().nullable(),
  diversionEstablished: z.boolean(),
  diversionPoint: z.string().nullable(),
  establishedBy: z.enum(['trace', 'authority']).nullable(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

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

import { z } from 'zod';
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

export const tracingListSchema = z
  .object({
    status: z.enum(tracingStatuses).optional(),
    /** Only requests about this item. */
    item: z.string().min(1).max(200).optional(),
  })
  .strict();

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

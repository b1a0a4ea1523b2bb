import { z } from 'zod';
import { custodyEventNames } from './vocabulary';

/** The steps of an item's chain of custody, as a caller records them. */
export const custodyEvents = custodyEventNames.keys;

export const custodyEventSchema = z
  .object({
    event: z.enum(custodyEvents),
    at: z.iso.datetime({ offset: true }),
    by: z.string().trim().min(1).max(200),
    to: z.string().trim().min(1).max(200).nullable().default(null),
    place: z.string().trim().max(200).nullable().default(null),
    seal: z.string().trim().max(100).nullable().default(null),
    notes: z.string().trim().max(4000).nullable().default(null),
  })
  .strict()
  .refine((e) => e.event !== 'transferred' || e.to !== null, {
    message: 'a transfer names who received the item',
    path: ['to'],
  });
export type CustodyEventInput = z.output<typeof custodyEventSchema>;

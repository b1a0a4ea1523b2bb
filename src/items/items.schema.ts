import { z } from 'zod';
import { recordSchema } from '../server/routing';
import { provenanceSchema } from '../tracing/tracing.schema';

export const itemViewSchema = z.object({
  record: recordSchema,
  sample: z.string().nullable(),
  tracingCountry: z
    .string()
    .nullable()
    .describe('The state a tracing request goes to: where the producer stands today.'),
});

/** An item with what tracing requests established about its origin. */
export const itemPageSchema = itemViewSchema.extend({ provenance: z.array(provenanceSchema) });

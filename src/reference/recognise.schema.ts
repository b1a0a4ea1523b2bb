import { z } from 'zod';
import { isoPartialDate } from '../records/cells';
import { problemSchema } from '../core/problems.schema';

/** A cell as the form holds it: text, possibly empty; blank and "unknown" read as nothing. */
const cell = (max: number) => z.string().max(max).nullish();

export const recogniseItemSchema = z
  .object({
    category: z.string().max(40),
    model: cell(200),
    calibre: cell(200),
    manufacturer: cell(200),
    country_of_manufacture: cell(100),
    /** As typed: a year the form has not checked yet is read leniently (nothing if not a year). */
    year: z.union([z.string().max(20), z.number().int()]).nullish(),
    lot: cell(200),
    markings: cell(2000),
  })
  .strict();

export const recogniseRequestSchema = z
  .object({
    /**
     * The incident's date, at the precision it is known (an incident of `2016-09` too): a
     * headstamp's two-digit year is never read after it.
     */
    incidentDate: isoPartialDate().nullish(),
    items: z.array(recogniseItemSchema).min(1).max(200),
  })
  .strict();

const candidateSchema = z.object({ key: z.string(), name: z.string(), country: z.string() });

const makerSchema = z.discriminatedUnion('status', [
  candidateSchema.extend({
    status: z.literal('recognised'),
    tracingCountry: z.string(),
    code: z.string().nullable(),
  }),
  z.object({
    status: z.literal('ambiguous'),
    key: z.string(),
    code: z.string().nullable(),
    candidates: z.array(candidateSchema),
  }),
  z.object({
    status: z.literal('unrecognised'),
    key: z.string(),
    text: z.string(),
    reason: z.string().nullable(),
  }),
]);

const resolvedSchema = z.object({ key: z.string(), known: z.boolean() }).nullable();
const columnSchema = z.enum(['manufacturer', 'country_of_manufacture', 'year', 'lot', 'markings']);

export const recognitionSchema = z.object({
  headstamp: z
    .object({
      raw: z.string(),
      code: z.string().nullable(),
      year: z.number().nullable(),
      yearAsStamped: z.string().nullable(),
      country: z.string().nullable(),
      lot: z.string().nullable(),
      calibre: z.string().nullable(),
      notes: z.array(z.string()),
    })
    .nullable(),
  headstampUnread: problemSchema.nullable(),
  maker: makerSchema.nullable(),
  model: resolvedSchema,
  calibre: resolvedSchema,
  year: z.number().nullable(),
  country: z.string().nullable(),
  lot: z.string().nullable(),
  filled: z.array(z.object({ column: columnSchema, value: z.string() })),
  conflicts: z.array(z.object({ column: columnSchema, given: z.string(), read: z.string() })),
});

export const recogniseResponseSchema = z.object({ items: z.array(recognitionSchema) });

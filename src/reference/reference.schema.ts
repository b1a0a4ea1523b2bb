import { z } from 'zod';
import { referenceFields } from './vocabulary';

/** A reference list as the API serves it: rows of the list's own columns. */
export const referenceListSchema = z.array(z.record(z.string(), z.unknown()));

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const referenceField = z.enum(referenceFields);

/** A value as field teams write it, mapped to the key of a reference entry of that list. */
export const referenceMappingSchema = z.object({
  field: referenceField,
  written: trimmed(200),
  target: trimmed(120),
});

export const referenceMappingQuery = z.object({
  field: referenceField,
  written: trimmed(200),
});

/** How many stored items and baseline rows a mapping keyed again. */
export const rekeyReportSchema = z.object({ items: z.number().int(), baselines: z.number().int() });
const countryCode = z
  .string()
  .trim()
  .transform((c) => c.toUpperCase())
  .pipe(
    z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code (ISO alpha-2; SU, YU, CS, DD for old states)'),
  );

/** A producer an administrator adds from the Reference page: the same fields as the built-in list. */
export const manufacturerInputSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(
        /^[a-z]{2}-[a-z0-9-]{1,60}$/,
        'a key of the form <country>-<code-or-slug>, e.g. ml-bamako-works',
      ),
    name: trimmed(200),
    country: countryCode,
    makes: z
      .array(z.enum(['weapons', 'ammunition', 'explosives', 'vehicles']))
      .min(1, 'say what the producer makes')
      .refine((makes) => new Set(makes).size === makes.length, 'each product once'),
    location: countryCode.optional(),
    years: z
      .tuple([z.number().int().min(1700).max(2100), z.number().int().min(1700).max(2100).nullable()])
      .refine(([first, last]) => last === null || last >= first, 'the last year is before the first')
      .optional(),
    calibres: z.array(trimmed(40)).max(40).default([]),
    headstampCodes: z.array(trimmed(40)).max(40).default([]),
    aliases: z.array(trimmed(200)).max(100).default([]),
    source: trimmed(1000),
    confidence: z.enum(['high', 'medium', 'low']),
  })
  .strict();
export type ManufacturerInput = z.infer<typeof manufacturerInputSchema>;

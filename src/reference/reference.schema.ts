import { z } from 'zod';
import { referenceFields } from './vocabulary';

/** A reference list as the API serves it: rows of the list's own columns. */
export const referenceListSchema = z.array(z.record(z.string(), z.unknown()));

const referenceField = z.enum(referenceFields);

/** A value as field teams write it, mapped to the key of a reference entry of that list. */
export const referenceMappingSchema = z.object({
  field: referenceField,
  written: z.string().trim().min(1).max(200),
  target: z.string().trim().min(1).max(120),
});

export const referenceMappingQuery = z.object({
  field: referenceField,
  written: z.string().trim().min(1).max(200),
});

/** How many stored items and baseline rows a mapping keyed again. */
export const rekeyReportSchema = z.object({ items: z.number().int(), baselines: z.number().int() });

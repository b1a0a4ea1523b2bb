import { z } from 'zod';
import { classifications } from '../incidents/vocabulary';
import { leadKinds } from '../leads/facts';
import { recordSchema } from '../server/routing';

// What a case file keeps of each thing it cites: a copy taken when it was added (see migration
// 0007). These schemas check the copies read back from the database and describe case-file.json.

export const incidentSnapshotSchema = z.object({ ref: z.string(), record: recordSchema });
export const itemSnapshotSchema = z.object({
  ref: z.string(),
  incident: z.string(),
  record: recordSchema,
  sample: z.string().nullable(),
});
export const photoSnapshotSchema = z.object({
  id: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string(),
  mediaType: z.enum(['image/jpeg', 'image/png']),
  size: z.number().int(),
  caption: z.string().nullable(),
  incident: z.string(),
  item: z.string().nullable(),
});
export const leadSnapshotSchema = z.object({
  kind: z.enum(leadKinds),
  subject: z.string(),
  incidents: z.array(z.string()),
  items: z.array(z.string()),
  samples: z.array(z.string()),
  score: z.number(),
  date: z.string(),
  explanation: z.string(),
  /** The explanation in French; a case file assembled before it was kept has only English. */
  explanationFr: z.string().optional(),
});
export type IncidentSnapshot = z.infer<typeof incidentSnapshotSchema>;
export type ItemSnapshot = z.infer<typeof itemSnapshotSchema>;
export type PhotoSnapshot = z.infer<typeof photoSnapshotSchema>;
export type LeadSnapshot = z.infer<typeof leadSnapshotSchema>;

/** Text a person typed: PostgreSQL cannot store a NUL, and no one types one. */
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain a NUL character');

export const caseFileFieldsSchema = z
  .object({
    title: text(1, 200),
    finding: text(0, 20_000).default(''),
    classification: classifications.schema.default('confidential'),
    /** Handling instructions printed beside the classification, e.g. "Releasable to the Panel only". */
    handling: text(1, 200).nullable().default(null),
  })
  .strict();
export type CaseFileFields = z.output<typeof caseFileFieldsSchema>;
export const caseFileChangesSchema = z
  .object({
    title: text(1, 200),
    finding: text(0, 20_000),
    classification: classifications.schema,
    handling: text(1, 200).nullable(),
  })
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { message: 'nothing to change' });
export type CaseFileChanges = z.output<typeof caseFileChangesSchema>;

const ref = text(1, 200);
/** Members to add or remove; leads by kind and subject, which survive the engine's recomputation. */
export const membersSchema = z
  .object({
    incidents: z.array(ref).max(1000).default([]),
    items: z.array(ref).max(1000).default([]),
    photos: z.array(z.number().int().positive()).max(1000).default([]),
    leads: z
      .array(z.object({ kind: z.enum(leadKinds), subject: text(1, 500) }).strict())
      .max(200)
      .default([]),
  })
  .strict()
  .refine((m) => m.incidents.length + m.items.length + m.photos.length + m.leads.length > 0, {
    message: 'name at least one incident, item, photo or lead',
  });
export type Members = z.output<typeof membersSchema>;

export const caseFileSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  finding: z.string(),
  classification: classifications.schema,
  handling: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  incidents: z.array(incidentSnapshotSchema),
  items: z.array(itemSnapshotSchema),
  photos: z.array(photoSnapshotSchema),
  leads: z.array(leadSnapshotSchema),
  /** The partners it is released to: shown only to those who may release. */
  releasedTo: z.array(z.string()).optional(),
});
export type CaseFile = z.infer<typeof caseFileSchema>;

export const caseFileSummarySchema = caseFileSchema
  .pick({ id: true, title: true, classification: true, updatedAt: true, releasedTo: true })
  .extend({
    incidents: z.number().int(),
    items: z.number().int(),
    photos: z.number().int(),
    leads: z.number().int(),
  });
export type CaseFileSummary = z.infer<typeof caseFileSummarySchema>;

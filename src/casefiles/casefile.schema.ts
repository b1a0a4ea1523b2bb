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
  /** What it is about and where (`findingTitle`), in English and French; older copies have neither. */
  title: z.string().optional(),
  titleFr: z.string().optional(),
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
/**
 * Members to add or remove; leads by kind and subject, which survive the engine's recomputation;
 * samples (adding only) by key, for the incidents where they were found. Naming nothing is
 * refused by the service, with a message people can read (see `caseFileRefusals`).
 */
export const membersSchema = z
  .object({
    incidents: z.array(ref).max(1000).default([]),
    items: z.array(ref).max(1000).default([]),
    photos: z.array(z.number().int().positive()).max(1000).default([]),
    leads: z
      .array(z.object({ kind: z.enum(leadKinds), subject: text(1, 500) }).strict())
      .max(200)
      .default([]),
    samples: z.array(ref).max(200).default([]),
  })
  .strict();
export type Members = z.output<typeof membersSchema>;
export type MembersInput = z.input<typeof membersSchema>;

/** A new case file, and optionally what it holds from the start: created with them or not at all. */
export const newCaseFileSchema = caseFileFieldsSchema.extend({ members: membersSchema.optional() });

/**
 * Why a change of members was refused, as `details.code` of the error: stable, so that clients
 * say it in their reader's language rather than showing the server's English.
 */
export const caseFileRefusals = {
  /** Nothing was named to add or remove (400). */
  nothingNamed: 'case_file.nothing_named',
  /** Everything named is in the case file already, as it is now (409). */
  nothingNew: 'case_file.nothing_new',
  /** Some of what was named does not exist or is not the viewer's to see (400); `missing` lists them. */
  notFound: 'case_file.members_not_found',
  /** A document that is not a JPEG or PNG photo was named as a photo (400). */
  notAPhoto: 'case_file.not_a_photo',
} as const;

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

const memberCountsSchema = z.object({
  incidents: z.number().int(),
  items: z.number().int(),
  photos: z.number().int(),
  leads: z.number().int(),
});
export type MemberCounts = z.infer<typeof memberCountsSchema>;

/** A case file after members were added: what came in new, and which copies were refreshed. */
export const caseFileChangeSchema = caseFileSchema.extend({
  added: memberCountsSchema,
  refreshed: memberCountsSchema,
});
export type CaseFileChange = z.infer<typeof caseFileChangeSchema>;

/**
 * What a case file lacks, for the cell that assembles it (never shown to partners: it reads the
 * register): items it shows without a photo; findings that cite its incidents but are not in it,
 * with the incidents they would bring; its incidents still drafts, or gone from the register; and
 * for each partner it is released to, its incidents that partner cannot open in the register.
 */
export const caseFileGapsSchema = z.object({
  itemsWithoutPhotos: z.array(z.string()),
  findingsOutside: z.array(
    z.object({
      kind: z.enum(leadKinds),
      subject: z.string(),
      /** What it is about and where, in the reader's language (`findingTitle`). */
      title: z.string(),
      score: z.number(),
      incidents: z.array(z.string()),
      /** The incidents it cites that the case file does not hold. */
      missing: z.array(z.string()),
    }),
  ),
  drafts: z.array(z.string()),
  gone: z.array(z.string()),
  notReleased: z.array(z.object({ partner: z.string(), incidents: z.array(z.string()) })),
});
export type CaseFileGaps = z.infer<typeof caseFileGapsSchema>;

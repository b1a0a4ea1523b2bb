import { z } from 'zod';
import { languageSchema } from '../core/vocabulary';
import { day } from '../records/cells';
import { leadKinds } from './facts';
import { leadSorts, leadStatuses, storyFacetNames, type LeadStatus } from './vocabulary';

export const leadDecisionViewSchema = z.object({
  status: z.enum(leadStatuses),
  reason: z.string().optional(),
  assignee: z.string().optional(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type LeadDecisionView = z.infer<typeof leadDecisionViewSchema>;

/** What a decision changes: a status (a dismissal must say why), an assignee, or both. */
const decisionChange = {
  status: z.enum(leadStatuses).optional(),
  reason: z.string().trim().min(3).max(2000).optional(),
  assignee: z.string().trim().min(1).max(100).nullable().optional(),
};
type DecisionChange = {
  status?: LeadStatus | undefined;
  reason?: string | undefined;
  assignee?: string | null | undefined;
};

/** The rules every decision follows, one lead or many: written once for both schemas. */
function decisionRules<T extends z.ZodType<DecisionChange>>(schema: T) {
  return schema
    .refine((d) => d.status !== undefined || d.assignee !== undefined, {
      message: 'give a status, an assignee or both',
    })
    .refine((d) => d.status !== 'dismissed' || d.reason !== undefined, {
      message: 'say why the lead is dismissed',
      path: ['reason'],
    })
    .refine((d) => d.reason === undefined || d.status !== undefined, {
      message: 'a reason goes with a status',
      path: ['reason'],
    });
}

/** A finding, named as decisions name it: by its kind and subject, which survive recomputation. */
export const leadKeySchema = z
  .object({ kind: z.enum(leadKinds), subject: z.string().min(1).max(1000) })
  .strict();
export type LeadKey = z.infer<typeof leadKeySchema>;

/**
 * One decision on one lead: a new status (a dismissal must say why), an assignment (`null`
 * takes it back), or both. What is not given stays as it was.
 */
export const leadDecisionInputSchema = decisionRules(leadKeySchema.extend(decisionChange).strict());
export type LeadDecisionInput = z.input<typeof leadDecisionInputSchema>;

/** Findings a bulk decision may name at once: a page of the inbox at its largest. */
export const leadBulkMax = 500;

/**
 * One decision on several findings, all or none: the same change and the same rules as one
 * decision (a dismissal gives one reason for all).
 */
export const leadBulkDecisionInputSchema = decisionRules(
  z.object({ findings: z.array(leadKeySchema).min(1).max(leadBulkMax), ...decisionChange }).strict(),
);
export type LeadBulkDecisionInput = z.input<typeof leadBulkDecisionInputSchema>;

/** The decisions a bulk decision left, finding by finding. */
export const leadBulkDecisionViewSchema = z.array(leadKeySchema.extend({ decision: leadDecisionViewSchema }));
export type LeadBulkDecisionView = z.infer<typeof leadBulkDecisionViewSchema>;

/** A lead as people and other programs read it: references, not database ids. */
export const leadViewSchema = z.object({
  kind: z.enum(leadKinds),
  subject: z.string(),
  incidents: z.array(z.string()),
  /** How many incidents it cites: in a list, `incidents` holds only the first of them. */
  incidentCount: z.number().int(),
  items: z.array(z.string()),
  itemCount: z.number().int(),
  samples: z.array(z.string()),
  sampleCount: z.number().int(),
  actor: z.string().optional(),
  score: z.number(),
  date: z.string(),
  explanation: z.string(),
  /** What it is about and where, in a few words of the same language (`findingTitle`). */
  title: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  /**
   * When the finding (its kind and subject) was first found, across recomputations: the inbox
   * marks what is new since the reader's last visit.
   */
  firstSeen: z.string(),
  /** How many of its incidents are unvalidated drafts: a finding resting on drafts may change. */
  drafts: z.number().int(),
  /** Which of its incidents are drafts, by reference: the ones a reviewer should look at first. */
  draftIncidents: z.array(z.string()),
  /** The analysis cell's decision; a lead nobody has decided on is open. */
  decision: leadDecisionViewSchema.optional(),
});
export type LeadView = z.infer<typeof leadViewSchema>;

/** Filters shared by the CLI and the API. */
export const leadQuerySchema = z
  .object({
    kind: z.enum(leadKinds).optional(),
    /** Only leads about events on or after this day. */
    since: day().optional(),
    sample: z.string().min(1).optional(),
    /** Only findings with an incident in this country (ISO 3166 code). */
    country: z.string().trim().length(2).toUpperCase().optional(),
    /** Only findings with an incident in this region (admin1; accents and case forgiven). */
    region: z.string().trim().min(1).max(200).optional(),
    /**
     * Only findings about this actor: its own (a suggested attribution's) or that of one of its
     * incidents (name or alias; accents and case forgiven).
     */
    actor: z.string().trim().min(1).max(200).optional(),
    /** Only samples' stories with this facet. */
    facet: storyFacetNames.schema.optional(),
    /** Only findings first found after this moment (ISO 8601, with its offset). */
    newSince: z.iso.datetime({ offset: true }).optional(),
    /** `true`: only findings resting on validated incidents alone, none on a draft. */
    validatedOnly: z.enum(['true', 'false']).optional(),
    minScore: z.coerce.number().min(0).max(1).optional(),
    /** Only leads in this state of the inbox (undecided leads are open). */
    status: z.enum(leadStatuses).optional(),
    /** Only leads assigned to this user. */
    assignee: z.string().min(1).max(100).optional(),
    /** Only leads resting on this incident (by database id). */
    incidentId: z.number().int().optional(),
    /**
     * The order: `score`, strongest first (ties: newest first), or `date`, newest first (ties:
     * strongest first).
     */
    sort: z.enum(leadSorts).optional(),
    /** Paging, in that order: at most `limit` leads after skipping `offset`. */
    limit: z.coerce.number().int().min(1).max(5000).optional(),
    offset: z.coerce.number().int().min(0).optional(),
    /**
     * The leads after the one this names (the `X-Next-Cursor` of the page before), read from
     * where that page ended rather than counted from the first as `offset` is, which it replaces.
     */
    cursor: z.string().max(2000).optional(),
  })
  .strict();
export type LeadQuery = z.input<typeof leadQuerySchema>;

/**
 * References of each kind (incidents, items, samples) a lead carries in a list, the first ones
 * it cites; `incidentCount`, `itemCount` and `sampleCount` say how many it cites in all.
 */
export const leadListReferences = 100;

/** Leads a page of `GET /leads` holds unless asked otherwise, and at most. */
export const leadPageSize = 50;
export const leadMaxPageSize = 500;

/**
 * The query string of `GET /leads`: the same filters but the incident's (an incident's own page
 * lists its leads), with the lengths a URL may carry, and always a page (never the whole set at
 * once). The day stays text here: `listLeads` reads it, as it does for the CLI.
 */
export const leadQueryStringSchema = leadQuerySchema.omit({ incidentId: true }).extend({
  since: z.string().max(10).optional(),
  sample: z.string().min(1).max(300).optional(),
  limit: z.coerce.number().int().min(1).max(leadMaxPageSize).default(leadPageSize),
  /** The language of the explanations; the `Accept-Language` header's, else English, when not given. */
  lang: languageSchema.optional(),
  /** `brief`: of each finding's evidence, only what a list shows (`briefEvidence`). */
  evidence: z.enum(['full', 'brief']).default('full'),
});
export type LeadQueryString = z.input<typeof leadQueryStringSchema>;

/**
 * What a list of findings shows of their evidence: the facets and the terms of the score. The
 * rest (each sample's story, the supply's samples) is most of a finding's size, and a field team
 * on a poor connection pays for every byte of the inbox; the explanation is told from all of it
 * before it is cut.
 */
export const briefEvidence = (evidence: Record<string, unknown>): Record<string, unknown> => {
  const { facets, scoreTerms } = evidence;
  return { ...(facets === undefined ? {} : { facets }), ...(scoreTerms === undefined ? {} : { scoreTerms }) };
};

/** How attribution does on the register's own data (`evaluateAttributions` in attribution.ts). */
const thresholdEvaluationSchema = z.object({
  minConfidence: z.number(),
  predicted: z.number().int(),
  correct: z.number().int(),
  precision: z.number(),
  coverage: z.number(),
});
export const attributionEvaluationSchema = thresholdEvaluationSchema.extend({
  evaluated: z.number().int(),
  /** The same at 0.5, 0.6 … 0.9 and the setting, lowest first: to choose the setting by. */
  thresholds: z.array(thresholdEvaluationSchema),
});
export type AttributionEvaluationView = z.infer<typeof attributionEvaluationSchema>;

/**
 * Whether the findings are being brought up to date (`GET /leads/status`): writes return once
 * committed and the findings follow; `pending` changes wait, the oldest since `oldestQueuedAt`.
 */
export const leadsStatusSchema = z.object({
  updating: z.boolean(),
  pending: z.number().int(),
  oldestQueuedAt: z.string().nullable(),
});
export type LeadsStatus = z.infer<typeof leadsStatusSchema>;

/** A user's visit of the inbox: when it was recorded, and when the one before it was. */
export const leadVisitSchema = z.object({ visitedAt: z.string(), previous: z.string().nullable() });
export type LeadVisit = z.infer<typeof leadVisitSchema>;

/** Someone a lead can be assigned to. */
export const leadAssigneeSchema = z.object({ username: z.string(), displayName: z.string() });
export type LeadAssignee = z.infer<typeof leadAssigneeSchema>;

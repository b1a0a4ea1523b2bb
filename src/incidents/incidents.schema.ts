import { z } from 'zod';
import { leadViewSchema } from '../leads/leads.schema';
import { itemViewSchema } from '../items/items.schema';
import { recordSchema } from '../server/routing';

export const incidentViewSchema = z.object({
  record: recordSchema,
  status: z.enum(['draft', 'validated']),
  items: z.number().int(),
});

/** A reviewer's decision on a draft: validated, or sent back to its documenter with a comment. */
export const reviewSchema = z.object({
  decision: z.enum(['validated', 'sent_back']),
  comment: z.string().nullable(),
  reviewer: z.string(),
  at: z.string().describe('When, as an ISO 8601 timestamp.'),
});

export const incidentPageSchema = z.object({
  incident: incidentViewSchema,
  items: z.array(itemViewSchema),
  leads: z.array(leadViewSchema),
  reviews: z.array(reviewSchema).describe('What reviewers decided on it, oldest first; none for partners.'),
  can: z
    .object({
      change: z.boolean().describe('Edit or delete it and its items.'),
      review: z.boolean().describe('Validate it or send it back (a draft, to a reviewer).'),
    })
    .describe('What the caller may do with it.'),
});

/** What a reviewer sends with a draft sent back: what to correct. */
export const sendBackSchema = z.object({ comment: z.string().trim().min(3).max(2000) }).strict();

export const incidentListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  nextCursor: z.string().nullable().describe('Give it as `cursor` for the next page; null on the last page.'),
  incidents: z.array(incidentViewSchema),
});

import { z } from 'zod';
import { leadViewSchema } from '../leads/leads.schema';
import { itemViewSchema } from '../items/items.schema';
import { recordSchema } from '../server/routing';

export const incidentViewSchema = z.object({
  record: recordSchema,
  status: z.enum(['draft', 'validated']),
  items: z.number().int(),
});

export const incidentPageSchema = z.object({
  incident: incidentViewSchema,
  items: z.array(itemViewSchema),
  leads: z.array(leadViewSchema),
});

export const incidentListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  nextCursor: z.string().nullable().describe('Give it as `cursor` for the next page; null on the last page.'),
  incidents: z.array(incidentViewSchema),
});

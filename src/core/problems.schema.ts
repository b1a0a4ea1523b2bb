import { z } from 'zod';
import { problemCodes, type ProblemCode } from './problems';

// Kept apart from problems.ts, which the web application loads on every page: that file words
// problems, this one checks them at the API's edge.

/** A problem's parameters, as the API sends them. */
export const problemParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** A problem as the API sends it, for a client to word (`problemText`). */
export const problemSchema = z.object({
  code: z.enum(problemCodes as [ProblemCode, ...ProblemCode[]]),
  params: problemParamsSchema.optional(),
});

import { z } from 'zod';

/** A reference list as the API serves it: rows of the list's own columns. */
export const referenceListSchema = z.array(z.record(z.string(), z.unknown()));

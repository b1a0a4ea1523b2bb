import { z } from 'zod';
import { languageSchema } from '../core/vocabulary';
import { incidentFilterSchema } from '../incidents/incidents.queries';
import { exportFormats } from './formats';

/** What an export is asked with: the filters of GET /incidents (no paging: the whole selection), a format and a language. */
export const exportQuerySchema = incidentFilterSchema
  .omit({ sort: true, page: true, pageSize: true, cursor: true })
  .extend({
    format: z.enum(exportFormats, { error: `format must be one of ${exportFormats.join(', ')}` }),
    /** The language of the labels meant for people (type labels, KML descriptions); columns keep their names. */
    lang: languageSchema.default('en'),
  });
export type ExportQuery = z.output<typeof exportQuerySchema>;

import { z } from 'zod';
import { isoCountry, isoDay } from '../records/cells';

/** A period (and a country) to report on, with whatever else a caller asks for (`extra`). */
export function periodQuery<T extends z.ZodRawShape>(extra: T) {
  return z
    .object({
      from: isoDay(),
      to: isoDay(),
      /** Only incidents in this country (ISO code or name). */
      country: isoCountry().optional(),
      ...extra,
    })
    .strict()
    .refine((p) => (p as { from: string; to: string }).from <= (p as { from: string; to: string }).to, {
      message: 'the period ends before it starts',
      path: ['to'],
    });
}
export const reportPeriodSchema = periodQuery({});
export type ReportPeriod = z.output<typeof reportPeriodSchema>;

export type ConventionAction = 'seized' | 'collected' | 'destroyed';

export const conventionColumns = [
  'action',
  'date',
  'incident_ref',
  'incident_type',
  'country',
  'admin1',
  'place',
  'item_ref',
  'type',
  'model',
  'calibre',
  'manufacturer',
  'country_of_manufacture',
  'year',
  'serial',
  'markings',
  'quantity',
  'custody',
] as const;

export interface ConventionReport {
  period: ReportPeriod;
  rows: (Record<(typeof conventionColumns)[number], string> & { action: ConventionAction })[];
  totals: Record<ConventionAction, number>;
}

/** The convention register as the API answers it. */
export const conventionReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), country: z.string().optional() }),
  rows: z.array(z.record(z.enum(conventionColumns), z.string())),
  totals: z.object({ seized: z.number(), collected: z.number(), destroyed: z.number() }),
});

/** The years a report has something to say about, oldest first. */
export const reportYearsSchema = z.object({ years: z.array(z.number().int()) });
export type ReportYears = z.infer<typeof reportYearsSchema>;

export const sdgIndicatorSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), country: z.string().optional() }),
  /** Arms seized, found or surrendered in the period (the denominator). */
  arms: z.number(),
  /** Of those, arms whose point of diversion was established, by a trace or by an authority (the numerator). */
  established: z.number(),
  /** established / arms; null when no arms were recovered. */
  proportion: z.number().nullable(),
  /** Arms that are the subject of a tracing request, answered or not. */
  traceRequested: z.number(),
  byContext: z.record(
    z.enum(['seized', 'found', 'surrendered']),
    z.object({ arms: z.number(), established: z.number() }),
  ),
  establishedBy: z.object({ trace: z.number(), authority: z.number() }),
});
export type SdgIndicator = z.infer<typeof sdgIndicatorSchema>;

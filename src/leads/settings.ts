import { z } from 'zod';

/**
 * The thresholds the leads engine applies, with their defaults. Set them per deployment in
 * `HEADSTAMP_LEADS` (JSON, e.g. `{"spreadConfinementMonths": 12}`) or per call.
 */
export const leadSettingsSchema = z
  .object({
    /** A sample documented at more incidents than this is too common to link them (rarity). */
    linkMaxIncidents: z.number().int().min(2).default(12),
    /** Months a sample must have stayed within its area before a new region counts as spread. */
    spreadConfinementMonths: z.number().int().min(1).default(6),
    /** Incidents documenting the sample inside its area before spread is called. */
    spreadMinPriorIncidents: z.number().int().min(1).default(2),
    /** Materiel used this many years or fewer after its year of production is rapid diversion. */
    rapidDiversionYears: z.number().int().min(0).default(2),
    /** Attribution needs at least this many attributed incidents sharing distinctive samples. */
    attributionMinIncidents: z.number().int().min(1).default(2),
  })
  .strict();

export type LeadSettings = z.output<typeof leadSettingsSchema>;

export const defaultLeadSettings: LeadSettings = leadSettingsSchema.parse({});

export function leadSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LeadSettings {
  const text = env.HEADSTAMP_LEADS;
  if (!text) return defaultLeadSettings;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('HEADSTAMP_LEADS is not valid JSON');
  }
  const parsed = leadSettingsSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `HEADSTAMP_LEADS: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

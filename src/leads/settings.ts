import { z } from 'zod';

/**
 * The thresholds the leads engine applies, with their defaults. Set them per deployment in
 * `HEADSTAMP_LEADS` (JSON, e.g. `{"spreadConfinementMonths": 12}`) or per call.
 */
export const leadSettingsSchema = z
  .object({
    /**
     * A shared sample links incidents (and supports an attribution) when its evidence weight
     * (rarity × materiel × age, see weight.ts and docs/leads.md) reaches this.
     */
    linkMinWeight: z.number().gt(0).max(1).default(0.35),
    /**
     * Two linking samples documented together at two incidents or more are one supply (one link
     * group) when they meet at no fewer than this share of the incidents of the rarer one.
     */
    groupMinOverlap: z.number().gt(0).max(1).default(0.5),
    /**
     * Louvain's resolution when a supply's incidents are cut into clusters: lower gives larger
     * clusters. At most 1 (standard modularity): above, Louvain breaks a lone lot's incidents apart.
     */
    clusterResolution: z.number().gt(0).max(1).default(1),
    /**
     * Optional hard cap: samples at more incidents than this never link, whatever their weight
     * (a performance bound; the weight threshold already implies one relative to theatre size).
     */
    linkMaxIncidents: z.number().int().min(2).optional(),
    /**
     * The theatre size the weights assume. Unset, it is counted (live incidents), rounded to the
     * nearest power of two; set it to fix the scale (then growth never forces a full recompute).
     */
    theatreIncidents: z.number().int().min(1).optional(),
    /** Materiel first seen within this many years of its production keeps its full weight. */
    recentProductionYears: z.number().int().min(0).default(5),
    /** Materiel first seen this many years or more after production weighs 30% less. */
    oldProductionYears: z.number().int().min(1).default(25),
    /** Months a sample must have stayed within its area before a new region counts as spread. */
    spreadConfinementMonths: z.number().int().min(1).default(6),
    /** Incidents documenting the sample inside its area before spread is called. */
    spreadMinPriorIncidents: z.number().int().min(1).default(2),
    /** Materiel used this many years or fewer after its year of production is rapid diversion. */
    rapidDiversionYears: z.number().int().min(0).default(2),
    /** Attribution needs at least this many attributed incidents sharing distinctive samples. */
    attributionMinIncidents: z.number().int().min(1).default(2),
    /**
     * Attribution suggests an actor when the model's confidence (attribution.ts) reaches this.
     * `headstamp leads --evaluate` reports the precision and coverage it gives on the register.
     */
    attributionMinConfidence: z.number().gt(0).lt(1).default(0.7),
    /** Findings weaker than this are not kept: the facts stay on the sample and incident pages. */
    findingMinScore: z.number().min(0).max(1).default(0.4),
    /**
     * A model or calibre first documented within this many months of the register's first
     * incident is part of the theatre's inventory, not new in it.
     */
    newTypeAfterMonths: z.number().int().min(0).default(12),
  })
  .strict()
  .refine((s) => s.recentProductionYears < s.oldProductionYears, {
    message: 'recentProductionYears must be below oldProductionYears',
    path: ['oldProductionYears'],
  });

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

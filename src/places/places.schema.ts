import { z } from 'zod';
import { parseCountry } from '../core/countries';
import { MAX_QUERY } from './gazetteer';

const countryParam = z
  .string()
  .trim()
  .max(60)
  .transform((text, ctx) => {
    if (text === '') return undefined;
    const code = parseCountry(text);
    if (!code) ctx.addIssue({ code: 'custom', message: `"${text}" is not a country (ISO code or name)` });
    return code;
  });

export const placeQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(MAX_QUERY)
    .describe('The beginning of a place name, in any accents or case.'),
  country: countryParam.optional().describe('Places of this country come first (ISO code or name).'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const placeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  alias: z.string().nullable().describe('The other name of the place that matched (e.g. Tombouctou).'),
  country: z.string(),
  lat: z.number(),
  lon: z.number(),
  region: z
    .string()
    .nullable()
    .describe('Its region (admin1): the imported boundary it lies in, else GeoNames’ name.'),
  population: z.number().int(),
});

const longitude = z.coerce.number().min(-180).max(180);
const latitude = z.coerce.number().min(-90).max(90);

export const townQuerySchema = z.object({
  west: longitude,
  south: latitude,
  east: longitude,
  north: latitude,
  zoom: z.coerce.number().min(0).max(24),
});

export const townSchema = z.object({
  name: z.string(),
  country: z.string(),
  lat: z.number(),
  lon: z.number(),
  population: z.number().int(),
});

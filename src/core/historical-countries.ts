/**
 * States that no longer exist but whose factories made much of the materiel still in
 * circulation. ISO 3166-3 retired their alpha-2 codes; we keep the codes for them. Their names
 * in English and French are in country-names.ts with every other country's.
 */
export const HISTORICAL: Readonly<Record<string, { alpha3: string; names: readonly string[] }>> = {
  SU: { alpha3: 'SUN', names: ['USSR', 'URSS', 'UdSSR'] },
  YU: { alpha3: 'YUG', names: ['SFRY', 'RSFY'] },
  CS: { alpha3: 'CSK', names: ['CSSR'] },
  DD: { alpha3: 'DDR', names: ['GDR', 'RDA', 'DDR'] },
};

/**
 * States that no longer exist but whose factories made much of the materiel still in
 * circulation. ISO 3166-3 retired their alpha-2 codes; we keep the codes for them.
 * Free of Node modules: the web application names these countries from here too.
 */
export const HISTORICAL: Readonly<
  Record<string, { en: string; fr: string; alpha3: string; names: readonly string[] }>
> = {
  SU: { en: 'Soviet Union', fr: 'Union soviétique', alpha3: 'SUN', names: ['USSR', 'URSS', 'UdSSR'] },
  YU: { en: 'Yugoslavia', fr: 'Yougoslavie', alpha3: 'YUG', names: ['SFRY', 'RSFY'] },
  CS: { en: 'Czechoslovakia', fr: 'Tchécoslovaquie', alpha3: 'CSK', names: ['CSSR'] },
  DD: { en: 'East Germany', fr: 'Allemagne de l’Est', alpha3: 'DDR', names: ['GDR', 'RDA', 'DDR'] },
};

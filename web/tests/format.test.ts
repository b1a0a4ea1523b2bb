import { describe, expect, it } from 'vitest';
import { samplesByCountry, incidentsPerYear } from '../src/dashboard/theatreCharts';
import { suggestedItemRef, suggestedRef } from '../src/documenting/record';
import { createFormatter, preferredLanguage } from '../src/i18n/format';
import { en, fr } from '../src/i18n/messages';

describe('the web application’s words, numbers and dates', () => {
  const english = createFormatter('en');
  const french = createFormatter('fr');

  it('has every message in both languages, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (m: unknown) =>
      JSON.stringify(m)
        .match(/\{\w+\}/g)
        ?.sort() ?? [];
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('starts in the language chosen before, else the browser’s, else English', () => {
    expect(preferredLanguage('fr', ['en-GB'])).toBe('fr');
    expect(preferredLanguage(null, ['fr-CA', 'en'])).toBe('fr');
    expect(preferredLanguage(null, ['de-DE', 'en-US'])).toBe('en');
    expect(preferredLanguage('xx', ['pt-BR'])).toBe('en');
  });

  it('chooses plurals and formats numbers and dates the reader’s way', () => {
    expect(english.t('incidents.count', { count: 1 })).toBe('1 incident');
    expect(english.t('incidents.count', { count: 12345 })).toBe('12,345 incidents');
    expect(french.t('incidents.count', { count: 12345 })).toBe('12\u202f345 incidents');
    expect(english.date('2021-08-21')).toBe('Aug 21, 2021');
    expect(french.date('2021-08-21')).toBe('21 août 2021');
    expect(french.date('2021-08')).toBe('août 2021');
    expect(french.date('2021')).toBe('2021');
    expect(english.percent(0.704)).toBe('70%');
    expect(french.percent(0.704)).toBe('70\u00a0%');
    expect(french.percent(0.7046, 1)).toBe('70,5\u00a0%');
  });

  it('names vocabulary values and countries from the shared lists', async () => {
    const { incidentTypes } = await import('@headstamp/incidents/vocabulary');
    expect(french.term(incidentTypes, 'ied_attack')).toBe('Attaque à l’EEI');
    expect(english.term(incidentTypes, 'not-a-type')).toBe('not-a-type');
    expect(french.country('ML')).toBe('Mali');
    expect(french.country('SU')).toBe('Union soviétique');
    expect(english.country('CI')).toBe('Côte d’Ivoire');
    expect(english.country('unknown')).toBe('Unknown');
  });
});

describe('the dashboard’s charts', () => {
  const f = createFormatter('en');
  const theatre = {
    incidentsPerYearByType: {
      '2020': { ied_attack: 3, seizure: 1, a: 1, b: 1, c: 1, d: 1, e: 1, g: 1, h: 1 },
      '2021': { ied_attack: 5 },
    },
    victimsPerYear: {},
    peacekeepersKilledByAttackType: {},
    iedAttacksAgainstFindsPerYear: {},
    ammunitionSamplesByDecade: {},
    ammunitionSamplesByCountryOfManufacture: { SU: 10, CN: 8, BG: 1, RS: 1, unknown: 2 },
    yearsFromProductionToFirstUse: { histogram: {}, median: null, samples: 0 },
  };

  it('stacks the most frequent incident types and sums the rest', () => {
    const chart = incidentsPerYear(theatre, f);
    expect(chart.categories).toEqual(['2020', '2021']);
    expect(chart.series[0]).toMatchObject({ label: 'IED attack', values: [3, 5] });
    expect(chart.series.at(-1)).toMatchObject({ label: 'Other types', values: [2, 0] });
    const total = (i: number) => chart.series.reduce((sum, s) => sum + s.values[i]!, 0);
    expect([total(0), total(1)]).toEqual([11, 5]);
  });

  it('names the countries of manufacture, most samples first, the tail summed', () => {
    const chart = samplesByCountry(theatre, f, 3);
    expect(chart.categories).toEqual(['Soviet Union', 'China', 'Unknown', '2 other countries']);
    expect(chart.series[0]!.values).toEqual([10, 8, 2, 2]);
  });
});

describe('references suggested while documenting', () => {
  it('names a case file as analysts do, and its items after it', () => {
    expect(suggestedRef('2021-08-21', 'Complex attack', 'Kidal')).toBe('210821 Complex attack, Kidal');
    expect(suggestedRef('2021-08', 'Seizure', 'Gao')).toBe('210800 Seizure, Gao');
    expect(suggestedRef('2021-08-21', '', 'Kidal')).toBeUndefined();
    expect(suggestedItemRef('2021-08-21', 'Sévaré', 2)).toBe('210821-SEVARE-2');
  });
});

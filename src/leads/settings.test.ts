import { describe, expect, it } from 'vitest';
import { defaultLeadSettings, leadSettingsFromEnv } from './settings';

describe('lead settings', () => {
  it('documents its defaults: weight 0.35 to link, six months, two years, confidence 0.7, score 0.4', () => {
    expect(defaultLeadSettings).toEqual({
      linkMinWeight: 0.35,
      groupMinOverlap: 0.5,
      clusterResolution: 1,
      recentProductionYears: 5,
      oldProductionYears: 25,
      spreadConfinementMonths: 6,
      spreadMinPriorIncidents: 2,
      rapidDiversionYears: 2,
      attributionMinIncidents: 2,
      attributionMinConfidence: 0.7,
      findingMinScore: 0.4,
      newTypeAfterMonths: 12,
    });
  });

  it('reads overrides from HEADSTAMP_LEADS and keeps the other defaults', () => {
    expect(leadSettingsFromEnv({ HEADSTAMP_LEADS: '{"spreadConfinementMonths": 12}' })).toEqual({
      ...defaultLeadSettings,
      spreadConfinementMonths: 12,
    });
  });

  it('rejects malformed JSON, unknown settings and impossible values with a clear message', () => {
    expect(() => leadSettingsFromEnv({ HEADSTAMP_LEADS: '{spread' })).toThrow(
      'HEADSTAMP_LEADS is not valid JSON',
    );
    expect(() => leadSettingsFromEnv({ HEADSTAMP_LEADS: '{"rarity": 3}' })).toThrow(/rarity/);
    expect(() => leadSettingsFromEnv({ HEADSTAMP_LEADS: '{"linkMaxIncidents": 1}' })).toThrow(
      /linkMaxIncidents/,
    );
    expect(() => leadSettingsFromEnv({ HEADSTAMP_LEADS: '{"linkMinWeight": 0}' })).toThrow(/linkMinWeight/);
    expect(() => leadSettingsFromEnv({ HEADSTAMP_LEADS: '{"attributionMinConfidence": 1}' })).toThrow(
      /attributionMinConfidence/,
    );
    expect(() =>
      leadSettingsFromEnv({ HEADSTAMP_LEADS: '{"recentProductionYears": 30, "oldProductionYears": 20}' }),
    ).toThrow(/oldProductionYears/);
  });
});

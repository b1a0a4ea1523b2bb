import { systemViewer } from '../access/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/store';
import { sampleProfile } from '../samples/samples.queries';
import { KIDAL, registerFiles, SEVARE } from '../test/fixtures';
import { testStore } from '../test/store';
import { importFiles } from '../transfer/import';
import { theatreStats } from './theatre.queries';
import { settleLeads } from '../leads/queue';

describe('theatre statistics and sample profiles', () => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
    const report = await importFiles(store.db, registerFiles(), { user: 'test' });
    expect(report.errors).toEqual([]);
    await settleLeads(store.db);
  });
  afterAll(() => store.close());

  it('counts incidents per year by type, and IED attacks against IED finds', async () => {
    const stats = await theatreStats(store.db, systemViewer);
    expect(stats.incidentsPerYearByType).toEqual({
      '2015': { complex_attack: 1 },
      '2016': { assassination: 1 },
      '2021': { ied_attack: 1 },
    });
    expect(stats.iedAttacksAgainstFindsPerYear).toEqual({ '2021': { attacks: 1, finds: 0 } });
  });

  it('sums killed and injured per year, and peacekeepers killed by attack type', async () => {
    const stats = await theatreStats(store.db, systemViewer);
    expect(stats.victimsPerYear['2015']).toEqual({
      killed: 13,
      injured: 4,
      peacekeepersKilled: 5,
      peacekeepersInjured: 0,
    });
    expect(stats.victimsPerYear['2016']).toEqual({
      killed: 1,
      injured: 0,
      peacekeepersKilled: 0,
      peacekeepersInjured: 0,
    });
    expect(stats.peacekeepersKilledByAttackType).toEqual({ complex_attack: 5 });
  });

  it('counts ammunition samples by decade and country of manufacture, and the time to first use', async () => {
    const stats = await theatreStats(store.db, systemViewer);
    // Two ammunition samples, both of 2015: Chinese factory 61 and Egyptian factory 27.
    expect(stats.ammunitionSamplesByDecade).toEqual({ '2010s': 2 });
    expect(stats.ammunitionSamplesByCountryOfManufacture).toEqual({ CN: 1, EG: 1 });
    // Chinese 2015 first used 2015 (0 years), Egyptian 2015 in 2016 (1), AKMS 2011 in 2015 (4).
    expect(stats.yearsFromProductionToFirstUse).toEqual({
      histogram: { '0-2': 2, '3-5': 1, '6-10': 0, '11-20': 0, '21-30': 0, '31+': 0 },
      median: 1,
      samples: 3,
    });
  });

  it('profiles a sample: where and when it was seen, by whom, and the leads that cite it', async () => {
    const profile = await sampleProfile(store.db, systemViewer, 'ammo:7.62x39:cn-61:2015');
    expect(profile).toMatchObject({
      firstSeen: '2015-08-07',
      lastSeen: '2021-08-14',
      items: 2,
      quantity: 42,
      countries: ['ML'],
      actors: ['Katibat Macina'],
      regionsByYear: { '2015': ['ML/Mopti'], '2021': ['ML/Kidal'] },
    });
    expect(profile!.incidents.map((i) => i.ref)).toEqual([SEVARE, KIDAL]);
    expect(profile!.leads.length).toBeGreaterThan(0);
    expect(profile!.leads.every((l) => l.samples.includes('ammo:7.62x39:cn-61:2015'))).toBe(true);
  });

  it('has no profile for a sample nobody documented', async () => {
    expect(await sampleProfile(store.db, systemViewer, 'ammo:9x19:xx:1900')).toBeUndefined();
  });
});

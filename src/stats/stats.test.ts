import { describe, expect, it } from 'vitest';
import { systemViewer, type Viewer } from '../access/policy';
import type { Db } from '../db/store';
import { itemRow, KIDAL, registerFiles, SEVARE, smallRegister, SOFARA } from '../test/fixtures';
import { emptiedStorePerTest } from '../test/store';
import type { EntityKind, RawRow } from '../records/entity';
import { formatProblem, importFiles } from '../transfer/import';
import { registerStats } from './stats.queries';

let db: Db;
emptiedStorePerTest((opened) => (db = opened));

async function load(register: Record<EntityKind, RawRow[]>) {
  const report = await importFiles(db, registerFiles(register), { user: 'test' });
  expect(report.errors.map(formatProblem)).toEqual([]);
}

describe('registerStats', () => {
  it('counts nothing in an empty register', async () => {
    expect(await registerStats(db, systemViewer)).toEqual({
      incidents: { total: 0, byType: {} },
      items: { total: 0, quantity: 0, byCategory: {} },
      samples: { total: 0, byKind: {} },
      actors: { total: 0, withParent: 0 },
      baselines: { total: 0, byCountry: {} },
      embargoes: { total: 0, byScope: {} },
    });
  });

  it('counts incidents by type, items by category with quantities, samples, actors, baselines and embargoes', async () => {
    await load(smallRegister());
    expect(await registerStats(db, systemViewer)).toEqual({
      incidents: { total: 3, byType: { assassination: 1, complex_attack: 1, ied_attack: 1 } },
      // 1 rifle + 3 + 12 + 30 cartridges
      items: { total: 4, quantity: 46, byCategory: { ammunition: 3, weapon: 1 } },
      // M-00003 (Kidal) and M-00004 (Sévaré) are one sample: 7.62x39, factory 61, 2015.
      samples: { total: 3, byKind: { ammo: 2, weapon: 1 } },
      actors: { total: 2, withParent: 1 },
      baselines: { total: 1, byCountry: { ML: 1 } },
      embargoes: { total: 2, byScope: { actors: 1, territory: 1 } },
    });
  });

  it('counts a sample once however many items, lots and incidents share it, and items without one not at all', async () => {
    const register = smallRegister();
    register.items.push(
      // Same sample as M-00003, written differently and with a lot: still one sample.
      itemRow({ ref: 'M-00005', incident_ref: SOFARA, calibre: '7,62 x 39 mm', lot: '2-15', quantity: '5' }),
      // No producer: no sample.
      itemRow({
        ref: 'M-00006',
        incident_ref: KIDAL,
        manufacturer: '',
        country_of_manufacture: '',
        year: '',
        quantity: '7',
      }),
      // A new sample: another year.
      itemRow({ ref: 'M-00007', incident_ref: SEVARE, year: '2014', quantity: '1' }),
      // Vehicles have no sample.
      itemRow({
        ref: 'M-00008',
        incident_ref: KIDAL,
        category: 'vehicle',
        type: 'pick-up',
        calibre: '',
        manufacturer: 'Toyota',
        country_of_manufacture: 'JP',
        year: '2016',
        markings: '',
        quantity: '1',
        condition: 'destroyed',
      }),
    );
    await load(register);
    const stats = await registerStats(db, systemViewer);
    // 46 as before, then 5 + 7 + 1 + 1
    expect(stats.items).toEqual({
      total: 8,
      quantity: 60,
      byCategory: { ammunition: 6, vehicle: 1, weapon: 1 },
    });
    expect(stats.samples).toEqual({ total: 4, byKind: { ammo: 3, weapon: 1 } });
  });

  it('follows an update of a record to its new type', async () => {
    await load(smallRegister());
    const register = smallRegister();
    register.incidents[2] = {
      ...register.incidents[2]!,
      type: 'IED find',
      killed: '0',
      injured: '0',
      peacekeepers_injured: '0',
    };
    await load(register);
    expect((await registerStats(db, systemViewer)).incidents).toEqual({
      total: 3,
      byType: { assassination: 1, complex_attack: 1, ied_find: 1 },
    });
  });

  it('returns plain numbers on every store', async () => {
    await load(smallRegister());
    const stats = await registerStats(db, systemViewer);
    const numbers = [
      stats.incidents.total,
      stats.items.total,
      stats.items.quantity,
      stats.samples.total,
      stats.actors.total,
      stats.actors.withParent,
      ...Object.values(stats.incidents.byType),
      ...Object.values(stats.samples.byKind),
    ];
    expect(numbers.every((n) => typeof n === 'number')).toBe(true);
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });

  it('counts only the incidents, items and samples the viewer may see', async () => {
    const register = smallRegister();
    register.incidents[0] = { ...register.incidents[0]!, classification: 'strictly confidential' }; // Sévaré
    await load(register);
    const reviewer: Viewer = { userId: null, username: 'reviewer', role: 'reviewer', partner: null };
    const stats = await registerStats(db, reviewer);
    expect(stats.incidents).toEqual({ total: 2, byType: { assassination: 1, ied_attack: 1 } });
    // Without Sévaré's rifle and 30 cartridges; the Kidal sample is still seen there.
    expect(stats.items).toEqual({ total: 2, quantity: 15, byCategory: { ammunition: 2 } });
    expect(stats.samples).toEqual({ total: 2, byKind: { ammo: 2 } });
    expect((await registerStats(db, systemViewer)).incidents.total).toBe(3);
  });
});

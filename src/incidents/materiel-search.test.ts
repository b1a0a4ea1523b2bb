import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemViewer, type Viewer } from '../access/policy';
import type { Store } from '../db/store';
import { GAO, importMaterielRegister, KIDAL_CACHE, MENAKA, TESSALIT } from '../test/materiel';
import { testStore } from '../test/store';
import { incidentFilterSchema, listIncidents } from './incidents.queries';

const partner: Viewer = { userId: null, username: 'panel', role: 'partner', partner: 'Panel of Experts' };

describe('finding incidents by the materiel recovered at them', () => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
    await importMaterielRegister(store.db);
  });
  afterAll(() => store.close());

  async function found(q: string, viewer: Viewer = systemViewer): Promise<string[]> {
    const page = await listIncidents(store.db, viewer, incidentFilterSchema.parse({ q, sort: 'ref' }));
    return page.incidents.map((i) => i.record.ref!);
  }

  it('finds an incident by its calibre, however the calibre is written', async () => {
    expect(await found('7.62x39')).toEqual([GAO, MENAKA, KIDAL_CACHE].sort());
    expect(await found('7,62 x 39')).toEqual([GAO, MENAKA, KIDAL_CACHE].sort());
    expect(await found('7.62x54')).toEqual([KIDAL_CACHE]);
  });

  it('finds an incident by its headstamp code and year', async () => {
    expect(await found('539 1975')).toEqual([MENAKA]);
    expect(await found('7.62x39 539 1975')).toEqual([MENAKA]);
    expect(await found('539 1976')).toEqual([]);
  });

  it('finds an incident by its maker in any spelling', async () => {
    expect(await found('Tula')).toEqual([MENAKA, KIDAL_CACHE].sort());
    expect(await found('Tula Cartridge Works')).toEqual([MENAKA]);
    expect(await found('norinco')).toEqual([GAO]);
    expect(await found('China North Industries')).toEqual([GAO]);
  });

  it('finds an incident by the model of a weapon', async () => {
    expect(await found('AKMS')).toEqual([KIDAL_CACHE]);
    expect(await found('type-56')).toEqual([GAO]);
  });

  it('finds an incident by a serial number written with or without spaces and dashes', async () => {
    for (const q of ['PW 1457', 'pw-1457', 'PW1457', 'pw1457']) expect(await found(q), q).toEqual([GAO]);
    for (const q of ['KA2210', 'ka-2210', 'KA 2210']) expect(await found(q), q).toEqual([KIDAL_CACHE]);
  });

  it('finds an incident by the lot of its ammunition', async () => {
    expect(await found('17-75')).toEqual([MENAKA]);
  });

  it('forgives accents and case in places and words', async () => {
    for (const q of ['Menaka', 'MÉNAKA', 'ménaka', 'menaka controle'])
      expect(await found(q), q).toEqual([MENAKA]);
    expect(await found('securisee')).toEqual([TESSALIT]);
  });

  it('reads countries and kinds of materiel in French as in English', async () => {
    expect(await found('munitions URSS')).toEqual([MENAKA]);
    expect(await found('ammunition Soviet Union')).toEqual([MENAKA]);
    expect(await found('armes Chine')).toEqual([GAO]);
    expect(await found('Égypte 2015')).toEqual([KIDAL_CACHE]);
    // Words without digits are found at the beginning of a word: Kidal's machine gun is not Chinese.
    expect(await found('Chine')).toEqual([GAO]);
  });

  it('asks the materiel words of a search of one item, and the others of the incident', async () => {
    // Kidal's cache holds Soviet rifles and Egyptian cartridges, no Soviet cartridges.
    expect(await found('munitions URSS')).toEqual([MENAKA]);
    expect(await found('ammunition Egypt')).toEqual([KIDAL_CACHE]);
    expect(await found('Menaka 539 1975')).toEqual([MENAKA]);
    expect(await found('Kidal AKMS Tula')).toEqual([KIDAL_CACHE]);
    expect(await found('Tessalit patrouille')).toEqual([TESSALIT]);
  });

  it('takes hostile input as text to find, never as SQL or a wildcard', async () => {
    for (const q of ['%', '_', '%%', "'; drop table incidents; --", '\\', '100%']) {
      const refs = await found(q);
      expect(refs.length, q).toBeLessThan(4);
    }
    expect(await found('%')).toEqual([]);
    expect(await found('_')).toEqual([]);
    expect(await found("'; drop table incidents; --")).toEqual([]);
    expect(await found('100%')).toEqual([TESSALIT]);
    expect(await found('x'.repeat(200))).toEqual([]);
    expect(await found('🔫 ميناكا 斯 ΑΚΜ')).toEqual([]);
    expect(incidentFilterSchema.safeParse({ q: 'x'.repeat(5000) }).success).toBe(false);
  });

  it('never lets a partner find an incident through materiel it was not given', async () => {
    expect(await found('Tula', partner)).toEqual([KIDAL_CACHE]);
    expect(await found('539', partner)).toEqual([]);
    expect(await found('Menaka', partner)).toEqual([]);
    expect(await found('7.62x39', partner)).toEqual([GAO, KIDAL_CACHE].sort());
  });
});

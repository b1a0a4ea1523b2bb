import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemViewer, type Viewer } from '../access/policy';
import type { Store } from '../db/store';
import { linkNetwork, linkQuerySchema } from '../links/links.queries';
import { importMaterielRegister, MENAKA } from '../test/materiel';
import { testStore } from '../test/store';
import { samplesFor, suggestSamples } from './samples.queries';

const partner: Viewer = { userId: null, username: 'panel', role: 'partner', partner: 'Panel of Experts' };
const TULA_1975 = 'ammo:7.62x39:su-539:1975';

describe('suggesting samples from what a person types', () => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
    await importMaterielRegister(store.db);
  });
  afterAll(() => store.close());

  const keys = (text: string, viewer: Viewer = systemViewer) => samplesFor(store.db, viewer, text, 10);

  it('suggests the sample of a calibre, headstamp code and year, named as people say it', async () => {
    const [first, ...rest] = await suggestSamples(store.db, systemViewer, '7.62x39 539 1975');
    expect(rest).toEqual([]);
    expect(first).toEqual({
      key: TULA_1975,
      label: '7.62 × 39 mm ammunition, Factory 539 (Soviet Union), 1975',
      maker: 'Tula Cartridge Works (Plant No. 539)',
      incidents: 1,
      items: 1,
    });
  });

  it('names the samples it suggests in French for a French reader', async () => {
    const [first] = await suggestSamples(store.db, systemViewer, 'munitions URSS 1975', 'fr');
    expect(first!.label).toBe('munitions 7,62 × 39 mm, usine 539 (Union soviétique), 1975');
  });

  it('suggests by a maker in any spelling with a year, by a model, or by the key itself', async () => {
    expect(await keys('Tula 1975')).toEqual([TULA_1975]);
    expect(await keys('tula')).toEqual([TULA_1975, 'weapon:AKMS:ru-tula-arms:1979']);
    expect(await keys('Norinco')).toEqual(['weapon:TYPE56:cn-norinco:1982']);
    expect(await keys(TULA_1975)).toEqual([TULA_1975]);
    expect(await keys('Égypte')).toEqual(['ammo:7.62x54R:eg-27:2015']);
  });

  it('suggests nothing for hostile input or what no item holds', async () => {
    for (const text of ['%', '_', "'; drop table items; --", 'x'.repeat(200), '539 1999']) {
      expect(await keys(text), text).toEqual([]);
    }
  });

  it('suggests to a partner only samples of the incidents given to it', async () => {
    expect(await keys('Tula', partner)).toEqual(['weapon:AKMS:ru-tula-arms:1979']);
    expect(await keys('539 1975', partner)).toEqual([]);
  });

  it('links the incidents of the samples a typed text stands for', async () => {
    const network = (sample: string, viewer: Viewer = systemViewer) =>
      linkNetwork(store.db, viewer, linkQuerySchema.parse({ sample }), 12);
    expect((await network('Tula 1975')).samples).toEqual([TULA_1975]);
    const tula = await network('tula');
    expect(tula.samples).toEqual([TULA_1975, 'weapon:AKMS:ru-tula-arms:1979']);
    // One incident each: nothing to link, and the partner is told of no sample of Ménaka.
    expect(tula.links).toEqual([]);
    const partners = await network('tula', partner);
    expect(partners.samples).toEqual(['weapon:AKMS:ru-tula-arms:1979']);
    expect(JSON.stringify(partners)).not.toContain(MENAKA);
  });
});

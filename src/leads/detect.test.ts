import { describe, expect, it } from 'vitest';
import { detectSerialLeads, detectTypeLead, groupDiversions } from './detect';
import type { IncidentFact, LeadContext } from './facts';
import { defaultLeadSettings } from './settings';
import { byId, incident, item, leadContext } from '../test/lead-facts';

/** A theatre begun in 2015, knowing a few models' types. */
function context(overrides: Partial<LeadContext> = {}): LeadContext {
  return leadContext({
    theatreStart: '2015-01-01',
    modelTypes: new Map([
      ['DShK', 'heavy machine gun'],
      ['Makarov', 'pistol'],
      ['AKM', 'assault rifle'],
      ['Toyota Land Cruiser', 'vehicle'],
    ]),
    actors: new Map(),
    ...overrides,
  });
}

describe('new_type', () => {
  /** The first appearance of `model` at `at`, documented at `documentedAt` incidents in all. */
  const firstModel = (model: string, at: IncidentFact, documentedAt = 1, ctx = context()) =>
    detectTypeLead(`model:${model}`, [item(at, { modelKey: model })], documentedAt, byId(at), ctx);

  it('reports no new type for a model the reference lists do not name (free text)', () => {
    const at = incident({ date: '2016-06-01', ref: 'Tessit' });
    expect(firstModel('AK30ROUNDMAGAZINE', at, 3)).toBeUndefined();
  });

  it('reports no new type for a calibre the reference lists do not name', () => {
    const at = incident({ date: '2016-06-01', ref: 'Tessit' });
    const first = (key: string) =>
      detectTypeLead(
        `calibre:${key}`,
        [item(at, { category: 'ammunition', calibreKey: key })],
        2,
        byId(at),
        context(),
      );
    expect(first('~338-lapua')).toBeUndefined();
    expect(first('14.5x114')).toMatchObject({ kind: 'new_type' });
  });

  it('reports a free-text model once an analyst adds it to the reference lists', () => {
    const at = incident({ date: '2016-06-01', ref: 'Tessit' });
    const confirmed = context({ modelTypes: new Map([['AK30ROUNDMAGAZINE', 'magazine']]) });
    expect(firstModel('AK30ROUNDMAGAZINE', at, 3, confirmed)).toMatchObject({ kind: 'new_type' });
  });

  it('reports a model first documented after the theatre’s first newTypeAfterMonths months', () => {
    const at = incident({ date: '2016-06-01', ref: 'Tessit', actorId: 7 });
    const lead = detectTypeLead(
      'model:AKM',
      [item(at, { modelKey: 'AKM', sampleKey: 'weapon:AKM:ro-cugir:2011' })],
      2,
      byId(at),
      context(),
    );
    expect(lead).toMatchObject({
      kind: 'new_type',
      subject: 'model:AKM',
      part: 'type:model:AKM',
      incidentIds: [at.id],
      sampleKeys: ['weapon:AKM:ro-cugir:2011'],
      actorId: 7,
      date: '2016-06-01',
    });
    expect(lead!.evidence).toMatchObject({ model: 'AKM', type: 'assault rifle', incidents: 2 });
    expect(lead!.explanation).toContain('the model AKM: Tessit (2016-06-01), after 2015-01-01');
  });

  it('does not report a type within the theatre’s first newTypeAfterMonths months', () => {
    expect(firstModel('DShK', incident({ date: '2015-12-31' }))).toBeUndefined();
    // The near miss: the first day after the register’s first year.
    expect(firstModel('DShK', incident({ date: '2016-01-01' }))?.kind).toBe('new_type');
    const sixMonths = context({ settings: { ...defaultLeadSettings, newTypeAfterMonths: 6 } });
    expect(firstModel('DShK', incident({ date: '2015-08-01' }), 1, sixMonths)?.kind).toBe('new_type');
  });

  it('reports nothing in a register with no incident to date its start from', () => {
    expect(
      firstModel('DShK', incident({ date: '2019-01-01' }), 1, context({ theatreStart: null })),
    ).toBeUndefined();
  });

  it('never reports vehicles nor IED components, however late', () => {
    const at = incident({ date: '2019-01-01' });
    const car = item(at, { category: 'vehicle', modelKey: 'Toyota Land Cruiser' });
    const switchItem = item(at, { category: 'ied_component', modelKey: 'PIR switch' });
    expect(detectTypeLead('model:Toyota Land Cruiser', [car], 5, byId(at), context())).toBeUndefined();
    expect(detectTypeLead('model:PIR switch', [switchItem], 5, byId(at), context())).toBeUndefined();
  });

  it('ranks a first heavy machine gun above a first pistol', () => {
    const hmg = firstModel('DShK', incident({ date: '2017-01-01' }));
    const pistol = firstModel('Makarov', incident({ date: '2017-01-01' }));
    expect(hmg!.score).toBeGreaterThan(pistol!.score);
    expect(hmg!.evidence.scoreTerms).toContainEqual({ term: 'light_weapon', value: 0.25 });
    expect(pistol!.evidence.scoreTerms).not.toContainEqual(expect.objectContaining({ term: 'light_weapon' }));
  });

  it('counts calibres of 12.7 mm and above as light weapons’ ammunition', () => {
    const at = incident({ date: '2017-01-01' });
    const calibre = (key: string) =>
      detectTypeLead(
        `calibre:${key}`,
        [item(at, { category: 'ammunition', calibreKey: key })],
        1,
        byId(at),
        context(),
      )!;
    expect(calibre('14.5x114').score).toBeGreaterThan(calibre('9x18').score);
    expect(calibre('12.7x108').evidence.scoreTerms).toContainEqual({
      term: 'light_weapon',
      value: expect.any(Number),
    });
    expect(calibre('7.62x39').evidence.scoreTerms).toEqual([{ term: 'first_calibre', value: 0.7 }]);
  });

  it('ranks a type seen again above one seen only at its first appearance', () => {
    const at = incident({ date: '2017-01-01' });
    const once = firstModel('Makarov', at, 1);
    const again = firstModel('Makarov', at, 4);
    expect(again!.score).toBeGreaterThan(once!.score);
    expect(again!.evidence.scoreTerms).toContainEqual({ term: 'seen_again', value: 0.25 });
  });

  it('takes up to 60% off a type produced decades before it first appears: old stock surfacing', () => {
    const at = incident({ date: '2017-01-01' });
    const made = (year: number) =>
      detectTypeLead('model:DShK', [item(at, { modelKey: 'DShK', year })], 1, byId(at), context())!;
    const oldStock = made(1950);
    expect(oldStock.evidence.scoreTerms).toContainEqual({ term: 'old_production', value: -0.51 });
    expect(made(2014).evidence.scoreTerms).not.toContainEqual(
      expect.objectContaining({ term: 'old_production' }),
    );
    expect(oldStock.score).toBeCloseTo(0.4 * made(2014).score, 3);
  });

  it('names every incident of the first day, and no single actor when they differ', () => {
    const a = incident({ date: '2017-01-01', actorId: 1 });
    const b = incident({ date: '2017-01-01', actorId: 2 });
    const lead = detectTypeLead(
      'model:DShK',
      [item(b, { modelKey: 'DShK' }), item(a, { modelKey: 'DShK' })],
      2,
      byId(a, b),
      context(),
    );
    expect(lead?.incidentIds).toEqual([a.id, b.id]);
    expect(lead?.actorId).toBeNull();
    // Both documented at the first appearance: none seen again.
    expect(lead?.evidence.scoreTerms).not.toContainEqual(expect.objectContaining({ term: 'seen_again' }));
  });
});

describe('diversion_match by serial number', () => {
  it('matches a weapon lost at a theft to the same serial used later', () => {
    const theft = incident({ date: '2013-04-01', type: 'theft_loss', ref: 'Ber' });
    const attack = incident({ date: '2015-01-01', type: 'small_arms_fire', actorId: 3 });
    const lost = item(theft, { modelKey: 'AKM', serial: 'TA 1637', serialKey: 'TA1637' });
    const found = item(attack, { modelKey: 'AKM', serial: 'TA-1637', serialKey: 'TA1637' });
    const [lead, ...rest] = detectSerialLeads('TA1637', [found, lost], byId(theft, attack));
    expect(rest).toEqual([]);
    expect(lead).toMatchObject({
      kind: 'diversion_match',
      score: 0.939, // 0.95 past the knee (weight.ts `scored`)
      incidentIds: [theft.id, attack.id],
      itemIds: [lost.id, found.id],
      actorId: 3,
      date: '2015-01-01',
    });
    expect(lead!.explanation).toContain('diversion event Ber (theft/loss, 2013-04-01)');
  });

  it('does not match the same serial on different models', () => {
    const theft = incident({ date: '2013-04-01', type: 'theft_loss' });
    const attack = incident({ date: '2015-01-01' });
    const lost = item(theft, { modelKey: 'AKM', serialKey: '12345' });
    const found = item(attack, { modelKey: 'G3', serialKey: '12345' });
    expect(detectSerialLeads('12345', [lost, found], byId(theft, attack))).toEqual([]);
    // The near miss: a use whose model was not recorded may be the same weapon.
    const unknownModel = item(attack, { modelKey: null, serialKey: '12345' });
    expect(detectSerialLeads('12345', [lost, unknownModel], byId(theft, attack))).toHaveLength(1);
  });

  it('does not match a use before the diversion event, nor two diversion events', () => {
    const attack = incident({ date: '2012-01-01' });
    const theft = incident({ date: '2013-04-01', type: 'theft_loss' });
    const capture = incident({ date: '2014-04-01', type: 'battlefield_capture' });
    const at = (i: IncidentFact) => item(i, { modelKey: 'AKM', serialKey: '777' });
    expect(detectSerialLeads('777', [at(attack), at(theft)], byId(attack, theft))).toEqual([]);
    expect(detectSerialLeads('777', [at(theft), at(capture)], byId(theft, capture))).toEqual([]);
  });

  it('matches each diversion event to each later use', () => {
    const theft = incident({ date: '2013-04-01', type: 'theft_loss' });
    const first = incident({ date: '2014-01-01' });
    const second = incident({ date: '2015-01-01' });
    const items = [theft, first, second].map((i) => item(i, { modelKey: 'AKM', serialKey: '777' }));
    const leads = detectSerialLeads('777', items, byId(theft, first, second));
    expect(leads.map((l) => l.incidentIds)).toEqual([
      [theft.id, first.id],
      [theft.id, second.id],
    ]);
    expect(new Set(leads.map((l) => l.subject)).size).toBe(2);
  });
});

describe('a diversion event’s matches, told together', () => {
  it('tells the rifles stolen at one theft and found again at two attacks as one finding', () => {
    const theft = incident({ date: '2021-03-14', type: 'theft_loss', ref: 'Tillabéri' });
    const later = [
      incident({ date: '2021-11-02', ref: 'Ménaka' }),
      incident({ date: '2022-05-17', ref: 'Sahel' }),
    ];
    const serials = ['AK31208', 'AK31211'];
    const matches = serials.flatMap((serialKey, k) =>
      detectSerialLeads(
        serialKey,
        [
          item(theft, { modelKey: 'AKM', serialKey, serial: serialKey }),
          item(later[k]!, { modelKey: 'AKM', serialKey, serial: `AK ${serialKey.slice(2)}` }),
        ],
        byId(theft, ...later),
      ),
    );
    expect(matches).toHaveLength(2);
    const [event, ...rest] = groupDiversions(matches, byId(theft, ...later));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      kind: 'diversion_match',
      subject: `event:${theft.id}`,
      incidentIds: [theft.id, ...later.map((i) => i.id)],
      date: '2022-05-17',
    });
    expect(event!.score).toBeGreaterThan(matches[0]!.score);
    expect(event!.evidence.recoveries).toEqual([
      { serial: 'AK 31208', incident: 'Ménaka', date: '2021-11-02' },
      { serial: 'AK 31211', incident: 'Sahel', date: '2022-05-17' },
    ]);
    expect(event!.explanation).toContain('2 items recorded at the diversion event Tillabéri');
  });

  it('keeps the matches of different events apart, and one match as it was', () => {
    const [theftA, theftB] = [
      incident({ date: '2020-01-01', type: 'theft_loss' }),
      incident({ date: '2020-02-01', type: 'battlefield_capture' }),
    ];
    const attack = incident({ date: '2021-01-01' });
    const matches = [
      ...detectSerialLeads(
        '1',
        [item(theftA, { serialKey: '1' }), item(attack, { serialKey: '1' })],
        byId(theftA, attack),
      ),
      ...detectSerialLeads(
        '2',
        [item(theftB, { serialKey: '2' }), item(attack, { serialKey: '2' })],
        byId(theftB, attack),
      ),
    ];
    const grouped = groupDiversions(matches, byId(theftA, theftB, attack));
    expect(grouped.map((g) => g.subject).sort()).toEqual(matches.map((m) => m.subject).sort());
  });
});

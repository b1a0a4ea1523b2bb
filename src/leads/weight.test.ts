import { describe, expect, it } from 'vitest';
import { defaultLeadSettings as settings } from './settings';
import { links, maxLinkingIncidents, sampleWeight, scored, theatreScale } from './weight';

// The worked example of docs/leads.md: a theatre of 400 incidents (scale 512).
const rifle = { sampleKey: 'weapon:AKMS:ro-cugir:2011', firstSeen: '2015-08-07', marked: true };
const oldAmmo = { sampleKey: 'ammo:7.62x39:su-711:1979', firstSeen: '2013-02-01', marked: false };

describe('evidence weight', () => {
  it('sizes the theatre coarsely: the nearest power of two, at least 16', () => {
    expect([10, 16, 200, 400, 2300].map(theatreScale)).toEqual([16, 16, 256, 512, 2048]);
  });

  it('weighs a marked lot of recent rifles at 5 incidents near 1, old ammunition at most incidents near 0', () => {
    expect(sampleWeight({ ...rifle, incidents: 5 }, 512, settings)).toEqual({
      weight: 0.835,
      rarity: 0.835,
      materiel: 1,
      age: 1,
    });
    expect(sampleWeight({ ...oldAmmo, incidents: 60 }, 512, settings)).toEqual({
      weight: 0.207,
      rarity: 0.387,
      materiel: 0.765,
      age: 0.7,
    });
    expect(sampleWeight({ ...oldAmmo, incidents: 300 }, 512, settings).weight).toBe(0.052);
  });

  it('depends on the theatre: 10 of 16 incidents is common, 13 of 400 is not', () => {
    expect(links(sampleWeight({ ...rifle, incidents: 10 }, 16, settings).weight, settings)).toBe(false);
    expect(links(sampleWeight({ ...rifle, incidents: 13 }, 512, settings).weight, settings)).toBe(true);
  });

  it('never loads to link a sample whose rarity alone is below the threshold', () => {
    expect(maxLinkingIncidents(16, settings)).toBe(7);
    expect(maxLinkingIncidents(512, settings)).toBe(73);
    expect(maxLinkingIncidents(512, { ...settings, linkMaxIncidents: 20 })).toBe(20);
    const atCap = sampleWeight({ ...rifle, incidents: 74 }, 512, settings).weight;
    expect(links(atCap, settings)).toBe(false);
  });
});

describe('scores', () => {
  it('sum their terms and leave out terms worth nothing', () => {
    expect(
      scored([
        { term: 'a', value: 0.5 },
        { term: 'b', value: 0 },
        { term: 'c', value: 0.25 },
      ]),
    ).toEqual({
      score: 0.75,
      scoreTerms: [
        { term: 'a', value: 0.5 },
        { term: 'c', value: 0.25 },
      ],
    });
  });

  it('bend towards 1 past 0.9 without reaching it, keeping the strongest in order', () => {
    const strong = scored([
      { term: 'a', value: 0.7 },
      { term: 'c', value: 0.5 },
    ]);
    const stronger = scored([
      { term: 'a', value: 0.9 },
      { term: 'c', value: 0.5 },
    ]);
    expect(strong.score).toBeGreaterThan(0.9);
    expect(stronger.score).toBeGreaterThan(strong.score);
    expect(stronger.score).toBeLessThan(1);
    // The terms shrink in proportion: they still add up to the score and keep their ratio.
    const [a, c] = strong.scoreTerms.map((t) => t.value) as [number, number];
    expect(a + c).toBeCloseTo(strong.score, 2);
    expect(a / c).toBeCloseTo(0.7 / 0.5, 1);
  });
});
